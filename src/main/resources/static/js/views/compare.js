// Compare: runs' curves overlaid (per character, by iteration or training time, validation too) and their
// configurations side by side, the values that differ highlighted.
import { h, replace, message } from '../dom.js';
import * as api from '../api.js';
import { LossChart, chartControls } from '../loss-chart.js';
import { num } from '../format.js';

// Fields that describe what happened rather than how the run was configured.
const OUTCOME = new Set(['id', 'status', 'progress', 'smoothLoss', 'lossPerChar', 'queuePosition', 'summary', 'createdAt',
  'startedAt', 'finishedAt', 'trainingSeconds', 'error']);

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
  const runs = await api.compare(ids);

  const chartBox = h('section.card', h('h2', 'Loss per character'));
  const chart = new LossChart(chartBox, { title: '' });
  live.chart = chart;
  chart.options.showRaw = false;
  chart.options.smoothing = 0.9;
  const controls = chartControls(chart);
  controls.querySelector('#show-raw').checked = false;
  chartBox.insertBefore(controls, chart.host);

  const configs = runs.map(({ run }) => flatten(Object.fromEntries(Object.entries(run).filter(([k]) => !OUTCOME.has(k)))));
  const keys = [...new Set(configs.flatMap((c) => Object.keys(c)))].sort();
  // the values that differ first: they are what a comparison is about
  const differing = (k) => new Set(configs.map((c) => String(c[k] ?? '–'))).size > 1;
  keys.sort((a, b) => Number(differing(b)) - Number(differing(a)));
  const rows = keys.map((k) => {
    const values = configs.map((c) => (c[k] === undefined || c[k] === null ? '–' : String(c[k])));
    const differs = new Set(values).size > 1;
    return h(`tr${differs ? '.differs' : ''}`, { dataset: { key: k } }, h('th', { scope: 'row' }, k, differs ? h('span.visually-hidden', ' (differs)') : null), values.map((v) => h('td', v)));
  });
  const outcome = ['status', 'lossPerChar', 'summary.minLoss', 'summary.bestValidationLossPerChar', 'trainingSeconds'];
  const outcomes = runs.map(({ run }) => flatten(run));
  const table = h('table.compare',
    h('caption', 'Configuration (differences highlighted) and outcome'),
    h('thead', h('tr', h('th', { scope: 'col' }, ''), runs.map(({ run }) => h('th', { scope: 'col' }, h('a', { href: `#/runs/${run.id}` }, `#${run.id}`), run.name ? ` ${run.name}` : '')))),
    h('tbody', rows, outcome.map((k) => h('tr.outcome', h('th', { scope: 'row' }, k), outcomes.map((o) => h('td', typeof o[k] === 'number' ? num(o[k]) : (o[k] ?? '–')))))));

  replace(root, h('h1', 'Compare'), form, chartBox, h('div.table-wrap', table));
  chart.setCurves(runs.map(({ run, losses }) => ({
    label: `#${run.id}${run.name ? ` ${run.name}` : ''}`,
    seqLength: run.seqLength,
    iterations: losses.iterations,
    loss: losses.loss,
    smoothLoss: losses.smoothLoss,
    validationIterations: losses.validationIterations,
    validationLossPerChar: losses.validationLossPerChar,
    secondsPerIteration: run.progress.iteration > 0 ? run.trainingSeconds / run.progress.iteration : 0,
  })));
  chart.host.dataset.curves = String(runs.length);
}
