// The dashboard's shell: a hash router over the views, and the API key prompt.
import { h, replace, field } from './dom.js';
import { onUnauthorized, apiKey, setApiKey } from './api.js';

const ROUTES = [
  { pattern: /^\/?$/, nav: 'runs', load: () => import('./views/runs.js') },
  { pattern: /^\/runs$/, nav: 'runs', load: () => import('./views/runs.js') },
  { pattern: /^\/new$/, nav: 'new', load: () => import('./views/new-run.js') },
  { pattern: /^\/runs\/(\d+)$/, nav: 'runs', load: () => import('./views/run.js') },
  { pattern: /^\/play$/, nav: 'play', load: () => import('./views/playground.js') },
  { pattern: /^\/neurons\/(\d+)$/, nav: 'runs', load: () => import('./views/neurons.js') },
  { pattern: /^\/compare$/, nav: 'compare', load: () => import('./views/compare.js') },
  { pattern: /^\/sweeps$/, nav: 'sweeps', load: () => import('./views/sweeps.js') },
  { pattern: /^\/sweeps\/(\d+)$/, nav: 'sweeps', load: () => import('./views/sweep.js') },
];

const main = document.getElementById('main');
const auth = document.getElementById('auth');
let cleanup = null;
let rendering = 0;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/runs';
  const [path, q = ''] = raw.split('?');
  return { path, params: new URLSearchParams(q) };
}

async function route() {
  const { path, params } = parseHash();
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  if (cleanup) {
    try { cleanup(); } catch (e) { /* a view's leftovers must not stop the next one */ }
    cleanup = null;
  }
  document.querySelectorAll('[data-nav]').forEach((a) => {
    if (match && a.dataset.nav === match.r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const token = ++rendering;
  if (!match) {
    replace(main, h('h1', 'Not found'), h('p', 'No page at ', h('code', path), '. ', h('a', { href: '#/runs' }, 'Go to the runs.')));
    return;
  }
  const view = await match.r.load();
  if (token !== rendering) return;
  const container = h('div.view');
  replace(main, container);
  cleanup = view.render(container, { id: match.m[1], params }) || null;
}

function hidePrompt() {
  auth.hidden = true;
  auth.replaceChildren();
}

/** reload: render the view again once the key is given (a page that could not load); otherwise keep what was typed. */
function showKeyPrompt(reason, reload = true) {
  const input = h('input', { type: 'password', autocomplete: 'off', required: true });
  const f = field('API key', input, 'Kept in this browser tab only (session storage); sent as a Bearer header, never in a URL.');
  const form = h('form.auth-form',
    h('p.auth-reason', reason),
    f,
    h('div.actions', h('button', { type: 'submit' }, 'Use this key'),
      h('button.secondary', { type: 'button', on: { click: hidePrompt } }, 'Close'),
      apiKey() ? h('button.secondary', { type: 'button', on: { click: () => { setApiKey(null); hidePrompt(); } } }, 'Forget the key') : null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setApiKey(input.value.trim());
    hidePrompt();
    if (reload) route();
  });
  replace(auth, form);
  auth.hidden = false;
  input.focus();
}

onUnauthorized((error) => {
  const retry = error.method === 'GET' ? '' : ' Your entries are kept: send them again once the key is set.';
  showKeyPrompt(apiKey()
    ? `The service refused the API key (401: ${error.detail}). Enter the right key and try again.${retry}`
    : `This service needs an API key (401: ${error.detail}). Enter it and try again.${retry}`,
  error.method === 'GET');
});

document.getElementById('key-button').addEventListener('click', () => showKeyPrompt(apiKey() ? 'An API key is set for this tab.' : 'Enter the API key if the service has one (charrnn.security.api-key).'));

window.addEventListener('hashchange', route);
route();
