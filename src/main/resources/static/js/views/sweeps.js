// Sweeps: newest first, pages of 20, read again every five seconds, and a new sweep as the JSON body of POST /api/sweeps.
import { h, replace, field, message } from '../dom.js';
import * as api from '../api.js';
import { int, date } from '../format.js';

const EXAMPLE = {
  name: 'lr',
  method: 'grid',
  maxConcurrent: 2,
  base: { numIterations: 2000, validationFraction: 0.1, evalEvery: 100 },
  parameters: { learningRate: { values: [0.03, 0.1] } },
};

const REFRESH_MS = 5000;

export function render(root, { params }) {
  const state = { page: Number(params.get('page') || 0) };
  let timer = null;
  let alive = true;
  const body = h('tbody');
  const pager = h('nav.pager', { 'aria-label': 'Pages' });
  const notice = h('div.notice');
  const table = h('table.runs#sweeps',
    h('caption.visually-hidden', 'Sweeps, newest first'),
    h('thead', h('tr', ['Sweep', 'Status', 'Runs planned', 'Created', 'Finished'].map((t) => h('th', { scope: 'col' }, t)))),
    body);

  const json = h('textarea', { id: 'sweep-json', rows: '10', spellcheck: 'false' });
  json.value = JSON.stringify(EXAMPLE, null, 2);
  const jsonField = field('Sweep request (JSON)', json, 'The body of POST /api/sweeps: see the README section "Sweeps"');
  const createForm = h('form.card#new-sweep', h('h2', 'New sweep'), jsonField, h('div.actions', h('button', { type: 'submit' }, 'Start sweep')));
  createForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    jsonField.showError('');
    let request;
    try {
      request = JSON.parse(json.value);
    } catch (err) {
      jsonField.showError(`Not JSON: ${err.message}`);
      return;
    }
    try {
      const sweep = await api.createSweep(request);
      location.hash = `#/sweeps/${sweep.id}`;
    } catch (err) {
      if (err.status) jsonField.showError(err.errors.length ? err.errors.join('; ') : err.detail);
    }
  });

  replace(root, h('h1', 'Sweeps'), notice, h('div.table-wrap', table), pager, createForm);

  async function refresh() {
    clearTimeout(timer);
    try {
      const page = await api.listSweeps({ page: state.page });
      if (!alive) return;
      replace(body, page.content.length
        ? page.content.map((s) => h('tr', { dataset: { sweepId: String(s.id) } },
          h('td', h('a', { href: `#/sweeps/${s.id}` }, `#${s.id}`), ' ', h('span.run-name', s.name || '')),
          h('td', h(`span.status.s-${s.status.toLowerCase()}`, s.status)),
          h('td.num', int(s.trials)),
          h('td', date(s.createdAt)),
          h('td', date(s.finishedAt))))
        : h('tr', h('td', { colSpan: 5 }, 'No sweeps yet.')));
      replace(pager,
        h('button.secondary', { type: 'button', disabled: state.page === 0, on: { click: () => { state.page -= 1; refresh(); } } }, '← Newer'),
        h('span', `Page ${page.page + 1} of ${Math.max(1, page.totalPages)} · ${int(page.totalElements)} sweeps`),
        h('button.secondary', { type: 'button', disabled: state.page + 1 >= page.totalPages, on: { click: () => { state.page += 1; refresh(); } } }, 'Older →'));
      root.dataset.loaded = 'true';
      replace(notice);
    } catch (e) {
      if (!alive) return;
      replace(notice, message('error', `Could not load the sweeps: ${e.detail || e.message}`));
    }
    // statuses change as sweeps run: read the page again now and then
    if (alive) timer = setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  return () => { alive = false; clearTimeout(timer); };
}
