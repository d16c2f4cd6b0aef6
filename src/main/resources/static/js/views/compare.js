// Compare: runs' curves overlaid on the server's shared grid (smooth loss per character, by iteration or training
// time, validation too) and their configurations side by side, the fields the server found differing highlighted.
import { h, replace, message } from '../dom.js';
import * as api from '../api.js';
import { LossChart, chartControls } from '../loss-chart.js';
import { num } from '../format.js';

const MAX_POINTS = 1000;

export function render(root, { params }) {
  const live = { chart: null };
  build(root, params, live).catch((e) => replace(root, h('h1', 'Compare'), message('error', e.detail || e.message)));
  return () => { if (live.chart) live.chart.destroy(); };
}

function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj || {})) {
    const key = prefix + k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, `${key}.`, out);
    else out[key] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

async function build(root, params, live) {
  const idsInput = h('input', { type: 'text', id: 'compare-ids', value: params.get('ids') || '', placeholder: 'e.g. 3, 5, 8', inputmode: 'numeric' });
  const form = h('form.toolbar', h('label', { for: 'compare-ids' }, 'Run ids'), idsInput, h('button', { type: 'submit' }, 'Compare'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = `#/compare?ids=${idsInput.value.split(/[\s,]+/).filter(Boolean).join(',')}`;
  });
  const ids = (params.get('ids') || '').split(',').map((s) => s.trim()).filter((s) => /^\d+$/.test(s));
  if (ids.length < 1) {
    replace(root, h('h1', 'Compare'), form, h('p', 'Give two or more run ids, or select runs in the runs table.'));
    return;
  }
  replace(root, h('h1', 'Compare'), form, h('p', 'Loading…'));
  // The server reads every run on one grid; time is asked for when the axis is switched to it.
  const byX = { iteration: await api.compare(ids, { maxPoints: MAX_POINTS }) };
  const first = byX.iteration;

  const chartBox = h('section.card', h('h2', 'Smooth loss per character'));
  const chart = new LossChart(chartBox, { title: '' });
  live.chart = chart;
  // the curves are the service's smooth loss already: no raw loss, no further smoothing by default
  chart.options.showRaw = false;
  chart.options.smoothing = 0;
  const controls = chartControls(chart);
  controls.querySelector('#show-raw').checked = false;
  controls.querySelector('#show-raw').disabled = true;
  controls.querySelector('#smoothing').value = '0';
  controls.querySelector('output').textContent = '0.00';
  chartBox.insertBefore(controls, chart.host);
  const chartNotice = h('div');
  chartBox.appendChild(chartNotice);

  const curves = (comparison, seconds) => comparison.runs.map((r) => ({
    label: `#${r.id} ${r.label}`,
    seqLength: 1,
    iterations: r.x,
    loss: r.lossPerChar,
    smoothLoss: r.lossPerChar,
    validationIterations: r.validationX,
    validationLossPerChar: r.validationLossPerChar,
    // x is already in seconds when asked so; the chart multiplies by this on its time axis
    secondsPerIteration: seconds ? 1 : 0,
  }));
  controls.querySelector('#x-axis').addEventListener('change', async (e) => {
    const x = e.target.value === 'time' ? 'seconds' : 'iteration';
    replace(chartNotice);
    try {
      if (!byX[x]) byX[x] = await api.compare(ids, { maxPoints: MAX_POINTS, x });
      if (live.chart) chart.setCurves(curves(byX[x], x === 'seconds'));
    } catch (err) {
      replace(chartNotice, message('error', err.detail || err.message));
    }
  });

  const differing = new Set(first.differingFields);
  const configs = first.runs.map((r) => flatten(r.config));
  const top = (k) => k.split('.')[0];
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))].sort();
  // the values that differ first: they are what a comparison is about
  keys.sort((a, b) => Number(differing.has(top(b))) - Number(differing.has(top(a))));
  const rows = keys.map((k) => {
    const values = configs.map((c) => (c[k] === undefined || c[k] === null ? '–' : String(c[k])));
    const differs = differing.has(top(k)) && new Set(values).size > 1;
    return h(`tr${differs ? '.differs' : ''}`, { dataset: { key: k } }, h('th', { scope: 'row' }, k, differs ? h('span.visually-hidden', ' (differs)') : null), values.map((v) => h('td', v)));
  });
  const last = (a) => (a && a.length ? a[a.length - 1] : null);
  const min = (a) => (a && a.length ? Math.min(...a) : null);
  const outcome = [
    ['status', (r) => r.status],
    ['last smooth loss/char', (r) => num(last(r.lossPerChar))],
    ['best validation/char', (r) => num(min(r.validationLossPerChar))],
  ];
  const table = h('table.compare',
    h('caption', 'Configuration (differences highlighted) and outcome'),
    h('thead', h('tr', h('th', { scope: 'col' }, ''), first.runs.map((r) => h('th', { scope: 'col' }, h('a', { href: `#/runs/${r.id}` }, `#${r.id}`), ` ${r.label}`)))),
    h('tbody', rows, outcome.map(([k, f]) => h('tr.outcome', h('th', { scope: 'row' }, k), first.runs.map((r) => h('td', f(r)))))));
  const differingLine = h('p.differing-fields', { id: 'differing-fields' },
    first.differingFields.length ? ['Differs in: ', first.differingFields.map((f, k) => [k ? ', ' : '', h('code', f)])] : 'The configurations are the same.');

  replace(root, h('h1', 'Compare'), form, differingLine, chartBox, h('div.table-wrap', table));
  chart.setCurves(curves(first, false));
  chart.host.dataset.curves = String(first.runs.length);
}
