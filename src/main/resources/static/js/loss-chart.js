// Loss curves with uPlot: one or more runs, per character, by iteration or by training time, with the smoothing
// slider's debiased EMA over the raw losses, the server's smooth loss and the validation points.
import uPlot from '/webjars/uplot/dist/uPlot.esm.js';
import { debiasedEma } from './smoothing.js';
import { h } from './dom.js';

const COLOURS = ['#1f6fd1', '#d1561f', '#2a9d3a', '#9b37c4', '#c4a137', '#37a9c4', '#c43767', '#555'];

/**
 * A curve: {label, seqLength, iterations[], loss[] (summed per sequence), smoothLoss[], validationIterations[],
 * validationLossPerChar[], secondsPerIteration}. The chart keeps them and redraws on setCurves/options changes.
 */
export class LossChart {
  constructor(container, { title = 'Loss per character (nats)' } = {}) {
    this.container = container;
    this.title = title;
    this.curves = [];
    this.options = { smoothing: 0.6, log: false, x: 'iteration', showRaw: true };
    this.plot = null;
    this.host = h('div.chart-host', { role: 'img', 'aria-label': title });
    container.appendChild(this.host);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.host);
  }

  setOption(name, value) {
    const rebuild = name === 'log' || name === 'x';
    this.options[name] = value;
    this.draw(rebuild);
  }

  setCurves(curves) {
    const shape = curves.map((c) => c.label).join('|');
    const rebuild = shape !== this.shape;
    this.shape = shape;
    this.curves = curves;
    this.draw(rebuild);
  }

  /** Points drawn over all curves (training points; what the browser tests count). */
  pointCount() {
    return this.curves.reduce((n, c) => n + c.iterations.length, 0);
  }

  xOf(curve, iteration) {
    return this.options.x === 'time' ? iteration * (curve.secondsPerIteration || 0) : iteration;
  }

  data() {
    const tables = [];
    const series = [{ label: this.options.x === 'time' ? 'training time (s)' : 'iteration' }];
    this.curves.forEach((c, k) => {
      const colour = COLOURS[k % COLOURS.length];
      const name = this.curves.length > 1 ? `${c.label}: ` : '';
      const xs = c.iterations.map((it) => this.xOf(c, it));
      const raw = c.loss.map((v) => v / c.seqLength);
      const smooth = c.smoothLoss.map((v) => v / c.seqLength);
      const ema = debiasedEma(raw, this.options.smoothing);
      const columns = [xs];
      if (this.options.showRaw) {
        columns.push(raw);
        series.push({ label: `${name}loss`, stroke: `${colour}55`, width: 1, spanGaps: true });
      }
      columns.push(ema, smooth);
      series.push({ label: `${name}EMA ${this.options.smoothing.toFixed(2)}`, stroke: colour, width: 2, spanGaps: true });
      series.push({ label: `${name}smooth loss`, stroke: colour, width: 1, dash: [6, 4], spanGaps: true });
      tables.push(columns);
      if (c.validationIterations && c.validationIterations.length) {
        tables.push([c.validationIterations.map((it) => this.xOf(c, it)), c.validationLossPerChar.slice()]);
        const vColour = this.curves.length === 1 ? '#2a9d3a' : colour;
        series.push({
          label: `${name}validation`, stroke: vColour, width: 1.5, dash: [2, 3], spanGaps: true,
          points: { show: true, size: 6, fill: vColour },
        });
      }
    });
    const data = tables.length ? uPlot.join(tables.map((t) => sortTable(t))) : [[]];
    return { data, series };
  }

  size() {
    const width = Math.max(280, this.host.clientWidth || this.container.clientWidth || 600);
    return { width, height: Math.round(Math.min(420, Math.max(220, width * 0.45))) };
  }

  draw(rebuild) {
    const { data, series } = this.data();
    this.host.dataset.points = String(this.pointCount());
    if (this.plot && !rebuild && this.plot.series.length === series.length) {
      series.forEach((s, i) => { if (i > 0) this.plot.series[i].label = s.label; });
      this.plot.setData(data);
      return;
    }
    if (this.plot) this.plot.destroy();
    const opts = {
      ...this.size(),
      title: this.title,
      series,
      scales: { x: { time: false }, y: this.options.log ? { distr: 3 } : {} },
      axes: [
        { label: this.options.x === 'time' ? 'training time (s, at the run\'s average speed)' : 'iteration' },
        { label: 'nats per character' },
      ],
      legend: { live: true },
      cursor: { drag: { x: true, y: false } },
    };
    this.plot = new uPlot(opts, data, this.host);
  }

  resize() {
    if (this.plot) this.plot.setSize(this.size());
  }

  destroy() {
    this.resizeObserver.disconnect();
    if (this.plot) this.plot.destroy();
    this.plot = null;
  }
}

/** uPlot.join needs each table's x ascending and without duplicates. */
function sortTable(table) {
  const [xs, ...ys] = table;
  for (let i = 1; i < xs.length; i++) {
    if (!(xs[i] > xs[i - 1])) {
      const order = xs.map((_, k) => k).sort((a, b) => xs[a] - xs[b]);
      const keep = order.filter((k, j) => j === 0 || xs[k] !== xs[order[j - 1]]);
      return [keep.map((k) => xs[k]), ...ys.map((y) => keep.map((k) => y[k]))];
    }
  }
  return table;
}

/** The slider, log toggle and x-axis choice, wired to a chart. */
export function chartControls(chart) {
  const smoothing = h('input', { type: 'range', min: '0', max: '0.99', step: '0.01', value: String(chart.options.smoothing), id: 'smoothing' });
  const smoothingValue = h('output', { for: 'smoothing' }, chart.options.smoothing.toFixed(2));
  smoothing.addEventListener('input', () => {
    smoothingValue.textContent = Number(smoothing.value).toFixed(2);
    chart.setOption('smoothing', Number(smoothing.value));
  });
  const log = h('input', { type: 'checkbox', id: 'log-scale' });
  log.addEventListener('change', () => chart.setOption('log', log.checked));
  const raw = h('input', { type: 'checkbox', id: 'show-raw', checked: true });
  raw.addEventListener('change', () => chart.setOption('showRaw', raw.checked));
  const x = h('select', { id: 'x-axis' }, h('option', { value: 'iteration' }, 'iteration'), h('option', { value: 'time' }, 'training time'));
  x.addEventListener('change', () => chart.setOption('x', x.value));
  return h('div.chart-controls',
    h('label', { for: 'smoothing' }, 'Smoothing (EMA)'), smoothing, smoothingValue,
    h('span.control', log, h('label', { for: 'log-scale' }, 'log scale')),
    h('span.control', raw, h('label', { for: 'show-raw' }, 'raw loss')),
    h('label', { for: 'x-axis' }, 'x axis'), x);
}
