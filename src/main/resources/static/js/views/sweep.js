// A sweep: status, its trials counted by state, the leaderboard (best validation loss first, links to the runs),
// cancel. Read again every two seconds while it runs or any of its runs is queued or training.
import { h, replace, message } from '../dom.js';
import * as api from '../api.js';
import { num, int, date } from '../format.js';

const REFRESH_MS = 2000;

export function render(root, { id }) {
  let timer = null;
  let alive = true;
  const title = h('h1', `Sweep #${id}`);
  const status = h('span.status', { id: 'sweep-status', 'aria-live': 'polite' });
  const stats = h('dl.stats');
  const counts = h('dl.stats#sweep-counts');
  const actions = h('div.actions');
  const notice = h('div.notice');
  const body = h('tbody');
  const table = h('table.runs#leaderboard',
    h('caption', 'Leaderboard: runs by best validation loss per character, lowest first'),
    h('thead', h('tr', ['#', 'Run', 'Parameters', 'Best val/char', 'At iteration', 'Status', ''].map((t) => h('th', { scope: 'col' }, t)))),
    body);
  replace(root, h('div.title-row', title, status), stats, h('h2', 'Runs by state'), counts, actions, notice, h('div.table-wrap', table));

  const text = (v) => (v === null || v === undefined ? '–' : typeof v === 'object' ? JSON.stringify(v) : String(v));

  function show(s) {
    title.textContent = `Sweep #${s.id}${s.name ? ` ${s.name}` : ''}`;
    status.textContent = s.status;
    status.className = `status s-${s.status.toLowerCase()}`;
    replace(stats, [
      ['Method', s.method],
      s.seed != null ? ['Seed', String(s.seed)] : null,
      ['Runs planned', int(s.trials)],
      ['At once', int(s.maxConcurrent)],
      ['Varied', Object.keys(s.parameters || {}).join(', ')],
      s.earlyTermination ? ['Early termination', text(s.earlyTermination)] : null,
      ['Created', date(s.createdAt)],
      s.finishedAt ? ['Finished', date(s.finishedAt)] : null,
    ].filter(Boolean).map(([k, v]) => h('div', h('dt', k), h('dd', v))));
    replace(counts, Object.entries(s.counts || {}).map(([k, v]) => h('div', { dataset: { state: k } }, h('dt', k), h('dd', int(v)))));
    replace(actions, s.status === 'RUNNING'
      ? h('button#cancel-sweep', { type: 'button', on: { click: async () => {
        replace(notice);
        try {
          show(await api.cancelSweep(s.id));
        } catch (e) {
          replace(notice, message('error', e.detail));
        }
      } } }, 'Cancel sweep')
      : null);
    replace(body, s.leaderboard.length
      ? s.leaderboard.map((t) => h('tr', { dataset: { trial: String(t.trial), runId: t.runId == null ? '' : String(t.runId) } },
        h('td.num', int(t.trial)),
        h('td', t.runId != null ? h('a', { href: `#/runs/${t.runId}` }, `#${t.runId}`) : '–', ' ', h('span.run-name', t.name || '')),
        h('td', h('code', text(t.parameters))),
        h('td.num', num(t.bestValidationLossPerChar)),
        h('td.num', int(t.bestValidationIteration)),
        h('td', h(`span.status.s-${String(t.status).toLowerCase()}`, t.status),
          t.stopReason ? [' ', h('span.stop-reason', t.stopReason + (t.prunedAtIteration != null ? ` at ${int(t.prunedAtIteration)}` : ''))] : null),
        h('td', t.error || '')))
      : h('tr', h('td', { colSpan: 7 }, 'No runs submitted yet.')));
    root.dataset.loaded = s.status;
  }

  async function refresh() {
    clearTimeout(timer);
    let s = null;
    try {
      s = await api.getSweep(id);
      if (!alive) return;
      show(s);
      if (notice.querySelector('.load-error')) replace(notice);
    } catch (e) {
      if (!alive) return;
      if (e.status === 404) {
        replace(root, h('h1', `Sweep #${id}`), message('error', e.detail));
        return;
      }
      replace(notice, h('div.load-error', message('error', `Could not load the sweep: ${e.detail || e.message}`)));
    }
    // a cancelled sweep's runs take a moment to close: read it until none is queued or training
    const busy = s && s.counts && (s.counts.RUNNING || s.counts.QUEUED);
    if (alive && (!s || s.status === 'RUNNING' || busy)) timer = setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  return () => { alive = false; clearTimeout(timer); };
}
