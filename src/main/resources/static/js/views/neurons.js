// What the network learned: a text coloured character by character by one unit's activation, the model's top
// guesses for the next character under each one, and the units ranked by how well they follow a pattern (a regex
// over the text), so units that track something can be found rather than browsed.
import { h, replace, field, message } from '../dom.js';
import * as api from '../api.js';
import { visibleChar } from '../format.js';

const DEFAULT_PATTERN = '[aeiou]';

function percent(p) {
  return p < 0.005 ? '<1%' : `${Math.round(p * 100)}%`;
}

export function render(root, { id, params }) {
  build(root, id, params).catch((e) => replace(root, h('h1', `Neurons of run ${id}`), message('error', e.detail || e.message)));
}

async function build(root, id, params) {
  const run = await api.getRun(id);
  const text = h('textarea', { id: 'neuron-text', rows: '4', spellcheck: 'false' });
  const textField = field('Text (characters of the run\'s vocabulary, at most 2,000)', text);
  const topK = h('input', { type: 'number', id: 'top-k', min: '1', max: '20', value: '5' });
  const readButton = h('button', { type: 'submit' }, 'Read the text');
  const sampleButton = h('button.secondary', { type: 'button' }, 'Use a generated text');
  const form = h('form.card', textField, h('div.toolbar', h('label', { for: 'top-k' }, 'Guesses per character'), topK, readButton, sampleButton));

  const layerSelect = h('select', { id: 'layer' });
  const unitInput = h('input', { type: 'number', id: 'unit', min: '0', step: '1', value: params.get('unit') || '0' });
  const guesses = h('input', { type: 'checkbox', id: 'show-guesses', checked: true });
  // #/neurons/3?unit=12&pattern=... links to a finding
  const pattern = h('input', { type: 'text', id: 'pattern', value: params.get('pattern') ?? DEFAULT_PATTERN, spellcheck: 'false' });
  const patternField = field('Pattern (a regular expression; the characters it matches are the mask)', pattern,
    'e.g. "[^"]*" for inside quotes, \\n for line ends, [A-Z] for capitals');
  const ranking = h('ol.ranking', { id: 'ranking' });
  const legend = h('p.small', 'Colour: unit activation, blue −1 … white 0 … red +1. Underlined: the pattern\'s characters.');
  const textView = h('div.neuron-text', { id: 'neuron-view', 'aria-label': 'The text coloured by the chosen unit' });
  const info = h('div.small', { 'aria-live': 'polite' });
  const controls = h('div.card', { hidden: true },
    h('div.toolbar', h('label', { for: 'layer' }, 'Layer / state'), layerSelect, h('label', { for: 'unit' }, 'Unit'), unitInput,
      h('span.control', guesses, h('label', { for: 'show-guesses' }, 'top guesses under each character'))),
    legend, textView, patternField,
    h('h3', 'Units that follow the pattern most (correlation of activation with the mask)'), ranking);

  replace(root, h('h1', `Neurons of run #${run.id}`, run.name ? h('span.run-name', ` ${run.name}`) : null), form, info, controls);

  let data = null;
  let mask = [];

  const layer = () => data.layers[Number(layerSelect.value) || 0];

  function colour(a) {
    const v = Math.max(-1, Math.min(1, a));
    // at most 75% saturated, so the character stays readable on its colour
    const t = Math.round(255 - 191 * Math.abs(v));
    return v >= 0 ? `rgb(255, ${t}, ${t})` : `rgb(${t}, ${t}, 255)`;
  }

  function draw() {
    const l = layer();
    const u = Math.min(Math.max(0, Number(unitInput.value) || 0), l.units - 1);
    const cells = data.characters.map((c, t) => {
      const a = l.activations[t][u];
      const ch = h('span.ch', { title: `“${visibleChar(c)}” unit ${u}: ${a.toFixed(3)}` }, visibleChar(c));
      ch.style.backgroundColor = colour(a);
      if (mask[t]) ch.classList.add('masked');
      const guessList = guesses.checked
        ? h('span.guesses', data.predictions[t].map((g) => {
          const row = h('span.guess', h('span.gc', visibleChar(g.character)), h('span.gp', percent(g.probability)));
          row.style.opacity = String(0.35 + 0.65 * g.probability);
          return row;
        }))
        : null;
      const cell = h('span.cell', { dataset: { activation: a.toFixed(4) } }, ch, guessList);
      return c === '\n' ? [cell, h('br')] : cell;
    });
    replace(textView, cells);
    textView.classList.toggle('compact', !guesses.checked);
    textView.dataset.unit = String(u);
  }

  function computeMask() {
    patternField.showError('');
    const str = data.characters.join('');
    // code unit offsets to character positions
    const pos = [];
    let k = 0;
    data.characters.forEach((c, t) => { for (let j = 0; j < c.length; j++) pos[k++] = t; });
    mask = new Array(data.characters.length).fill(0);
    if (!pattern.value) return;
    let re;
    try {
      re = new RegExp(pattern.value, 'gu');
    } catch (e) {
      patternField.showError(`Not a regular expression: ${e.message}`);
      return;
    }
    for (const m of str.matchAll(re)) {
      for (let j = m.index; j < m.index + m[0].length; j++) mask[pos[j]] = 1;
    }
  }

  function rank() {
    const l = layer();
    const n = data.characters.length;
    const mMean = mask.reduce((a, b) => a + b, 0) / n;
    const scores = [];
    for (let u = 0; u < l.units; u++) {
      let aMean = 0;
      for (let t = 0; t < n; t++) aMean += l.activations[t][u];
      aMean /= n;
      let cov = 0; let va = 0; let vm = 0;
      for (let t = 0; t < n; t++) {
        const da = l.activations[t][u] - aMean;
        const dm = mask[t] - mMean;
        cov += da * dm; va += da * da; vm += dm * dm;
      }
      const r = va > 0 && vm > 0 ? cov / Math.sqrt(va * vm) : 0;
      scores.push({ u, r });
    }
    scores.sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
    replace(ranking, scores.slice(0, 10).map(({ u, r }) => h('li', h('button.link', { type: 'button', dataset: { unit: String(u) }, on: { click: () => { unitInput.value = String(u); draw(); } } },
      `unit ${u}: r = ${r.toFixed(3)}`))));
  }

  async function read() {
    textField.showError('');
    replace(info, 'Reading…');
    try {
      data = await api.activations(run.id, { text: text.value, topK: Number(topK.value) || undefined });
      replace(layerSelect, data.layers.map((l, i) => h('option', { value: String(i) }, `layer ${l.layer} ${l.cell} ${l.state} (${l.units} units)`)));
      unitInput.max = String(layer().units - 1);
      controls.hidden = false;
      replace(info, `${data.characters.length} characters read with the weights of iteration ${data.iteration}.`);
      computeMask();
      rank();
      draw();
    } catch (e) {
      replace(info);
      textField.showError(e.detail || e.message);
    }
  }

  form.addEventListener('submit', (e) => { e.preventDefault(); read(); });
  sampleButton.addEventListener('click', async () => {
    try {
      const g = await api.generate('runs', run.id, { length: 300, seed: 1 });
      text.value = g.text;
      read();
    } catch (e) {
      textField.showError(e.detail);
    }
  });
  unitInput.addEventListener('input', () => data && draw());
  layerSelect.addEventListener('change', () => { if (data) { unitInput.max = String(layer().units - 1); rank(); draw(); } });
  guesses.addEventListener('change', () => data && draw());
  let patternTimer = null;
  pattern.addEventListener('input', () => {
    clearTimeout(patternTimer);
    patternTimer = setTimeout(() => { if (data) { computeMask(); rank(); draw(); } }, 250);
  });

  // Start with the run's own text: a closing sample or the latest training sample, in its vocabulary by design.
  try {
    const closing = await api.generated(run.id);
    const during = closing.length ? [] : await api.samples(run.id);
    const start = closing.length ? closing[0].seedChar + closing[0].text : (during.length ? during[during.length - 1].sample : '');
    if (start) {
      text.value = start;
      read();
    }
  } catch (e) { /* the user types a text */ }
}
