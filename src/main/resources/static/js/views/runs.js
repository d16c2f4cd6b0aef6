// Runs: newest first, refreshed every two seconds, filter by status, pages, select to compare, cancel/delete.
import { h, replace, message } from '../dom.js';
import * as api from '../api.js';
import { num, int, duration, modelLabel, FINISHED } from '../format.js';

const STATUSES = ['', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const REFRESH_MS = 2000;
// The sorts GET /api/runs takes (runs without the value come last either way).
const SORTS = [
  ['', 'newest first'],
  ['bestValidationLossPerChar,asc', 'best validation loss'],
  ['finalLoss,asc', 'final loss'],
  ['charsPerSecond,desc', 'fastest'],
  ['trainingSeconds,desc', 'longest training'],
  ['createdAt,asc', 'oldest first'],
];

export function render(root, { params }) {
  const state = { status: params.get('status') || '', tag: params.get('tag') || '', sort: params.get('sort') || '', page: Number(params.get('page') || 0), size: 20, selected: new Set() };
  let timer = null;
  let alive = true;

  const statusSelect = h('select', { id: 'status-filter' }, STATUSES.map((s) => h('option', { value: s }, s || 'all')));
  statusSelect.value = state.status;
  statusSelect.addEventListener('change', () => { state.status = statusSelect.value; state.page = 0; refresh(); });
  const tagInput = h('input', { type: 'search', id: 'tag-filter', value: state.tag, placeholder: 'any', size: 12 });
  let typing = null;
  tagInput.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.tag = tagInput.value.trim(); state.page = 0; refresh(); }, 300);
  });
  const sortSelect = h('select', { id: 'sort' }, SORTS.map(([v, t]) => h('option', { value: v }, t)));
  sortSelect.value = state.sort;
  sortSelect.addEventListener('change', () => { state.sort = sortSelect.value; state.page = 0; refresh(); });
  const compareButton = h('button', { type: 'button', disabled: true, on: { click: () => {
    location.hash = `#/compare?ids=${[...state.selected].join(',')}`;
  } } }, 'Compare selected');
  const notice = h('div.notice');
  const body = h('tbody');
  const pager = h('nav.pager', { 'aria-label': 'Pages' });
  const table = h('table.runs',
    h('caption.visually-hidden', 'Training runs, newest first'),
    h('thead', h('tr', ['', 'Run', 'Status', 'Model', 'Progress', 'chars/s', 'ETA', 'Loss/char', 'Best val/char', ''].map((t) => h('th', { scope: 'col' }, t)))),
    body);

  replace(root,
    h('div.title-row', h('h1', 'Runs'), h('a.button', { href: '#/new' }, 'New run')),
    h('div.toolbar', h('label', { for: 'status-filter' }, 'Status'), statusSelect,
      h('label', { for: 'tag-filter' }, 'Tag'), tagInput,
      h('label', { for: 'sort' }, 'Sort'), sortSelect, compareButton),
    notice,
    h('div.table-wrap', table),
    pager);

  const updateCompare = () => {
    compareButton.disabled = state.selected.size < 2;
    compareButton.textContent = `Compare selected (${state.selected.size})`;
  };
  updateCompare();

  async function act(fn, run) {
    try {
      await fn(run.id);
      replace(notice);
    } catch (e) {
      replace(notice, message('error', `Run ${run.id}: ${e.detail}`));
    }
    refresh();
  }

  function row(run) {
    const check = h('input', { type: 'checkbox', checked: state.selected.has(run.id), 'aria-label': `Select run ${run.id} to compare`, dataset: { focusKey: `select-${run.id}` } });
    check.addEventListener('change', () => {
      if (check.checked) state.selected.add(run.id); else state.selected.delete(run.id);
      updateCompare();
    });
    const p = run.progress || {};
    const bar = h('progress', { max: String(p.numIterations || 1), value: String(p.iteration || 0), 'aria-label': `Run ${run.id} progress` });
    const finished = FINISHED.includes(run.status);
    const best = run.summary && run.summary.bestValidationLossPerChar;
    return h('tr', { dataset: { runId: String(run.id), status: run.status } },
      h('td', check),
      h('td', h('a', { href: `#/runs/${run.id}`, dataset: { focusKey: `open-${run.id}` } }, `#${run.id}`), ' ', h('span.run-name', run.name || '')),
      h('td', h(`span.status.s-${run.status.toLowerCase()}`, run.status),
        // why it ended, when that is not just its status (an early stop, a sweep's pruning, a divergence)
        run.stopReason && run.stopReason !== 'COMPLETED' && run.stopReason !== run.status
          ? [' ', h('span.stop-reason', { title: 'stop reason' }, run.stopReason)] : null,
        (run.tags || []).map((t) => [' ', h('span.tag', t)])),
      h('td', modelLabel(run)),
      h('td.progress-cell', bar, h('span.small', `${int(p.iteration)} / ${int(p.numIterations)}`)),
      h('td.num', p.charsPerSecond ? int(p.charsPerSecond) : '–'),
      h('td.num', run.status === 'RUNNING' ? duration(p.etaSeconds) : '–'),
      h('td.num', num(run.lossPerChar)),
      h('td.num', best === null || best === undefined ? '–' : num(best)),
      h('td.row-actions',
        finished
          ? h('button.secondary', { type: 'button', 'aria-label': `Delete run ${run.id}`, dataset: { focusKey: `delete-${run.id}` }, on: { click: () => {
            if (confirm(`Delete run ${run.id} and everything it recorded?`)) act(api.deleteRun, run);
          } } }, 'Delete')
          : h('button.secondary', { type: 'button', 'aria-label': `Cancel run ${run.id}`, dataset: { focusKey: `cancel-${run.id}` }, on: { click: () => act(api.cancelRun, run) } }, 'Cancel')));
  }

  async function refresh() {
    clearTimeout(timer);
    try {
      const page = await api.listRuns({ status: state.status || undefined, tag: state.tag || undefined, sort: state.sort || undefined, page: state.page, size: state.size });
      if (!alive) return;
      if (page.content.length === 0 && state.page > 0 && state.page >= page.totalPages) {
        state.page = Math.max(0, page.totalPages - 1);
        refresh();
        return;
      }
      // Rows are rebuilt on every refresh; the focused control keeps the focus for keyboard users.
      const focused = document.activeElement && body.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
      replace(body, page.content.length
        ? page.content.map(row)
        : h('tr', h('td', { colSpan: 10 }, state.status ? `No ${state.status} runs${state.tag ? ' with this tag' : ''}.` : state.tag ? 'No runs with this tag.' : 'No runs yet. ', h('a', { href: '#/new' }, 'Start one.'))));
      if (focused) {
        const again = body.querySelector(`[data-focus-key="${focused}"]`);
        if (again) again.focus();
      }
      root.dataset.loaded = String(performance.now());
      replace(pager,
        h('button.secondary', { type: 'button', disabled: state.page === 0, on: { click: () => { state.page -= 1; refresh(); } } }, '← Newer'),
        h('span', `Page ${page.page + 1} of ${Math.max(1, page.totalPages)} · ${int(page.totalElements)} runs`),
        h('button.secondary', { type: 'button', disabled: state.page + 1 >= page.totalPages, on: { click: () => { state.page += 1; refresh(); } } }, 'Older →'));
      if (notice.querySelector('.load-error')) replace(notice);
    } catch (e) {
      if (!alive) return;
      replace(notice, h('div.load-error', message('error', `Could not load the runs: ${e.detail || e.message}`)));
    }
    if (alive) timer = setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  return () => { alive = false; clearTimeout(timer); clearTimeout(typing); };
}
