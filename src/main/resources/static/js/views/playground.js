// Playground: generate with a run's or an imported model's weights (every GenerateRequest option the API has, from
// its schema) and score a text (loss, bits per character, perplexity).
import { h, replace, field, message } from '../dom.js';
import * as api from '../api.js';
import { schemaFields, collect, fieldOf } from '../schema-form.js';
import { num, int } from '../format.js';

export function render(root, { params }) {
  build(root, params).catch((e) => replace(root, h('h1', 'Playground'), message('error', e.detail || e.message)));
}

async function build(root, params) {
  const kindSelect = h('select', { id: 'source-kind' }, h('option', { value: 'runs' }, 'Run'), h('option', { value: 'models' }, 'Imported model'));
  const idInput = h('input', { type: 'number', min: '1', step: '1', id: 'source-id', required: true });
  if (params.get('model')) { kindSelect.value = 'models'; idInput.value = params.get('model'); } else if (params.get('run')) idInput.value = params.get('run');
  // A run with a validation split has two sets of weights: its last and those right after its best validation point.
  const checkpointSelect = h('select', { id: 'checkpoint' }, h('option', { value: 'final' }, 'final'), h('option', { value: 'best' }, 'best'));
  if (params.get('checkpoint') === 'best') checkpointSelect.value = 'best';
  const checkpointLabel = h('label', { for: 'checkpoint' }, 'weights');
  const showCheckpoint = () => {
    const runs = kindSelect.value === 'runs';
    checkpointSelect.hidden = !runs;
    checkpointLabel.hidden = !runs;
  };
  kindSelect.addEventListener('change', showCheckpoint);
  const sourceInfo = h('div.small', { id: 'source-info', 'aria-live': 'polite' });
  const describe = async () => {
    replace(sourceInfo);
    if (!idInput.value) return;
    try {
      if (kindSelect.value === 'runs') {
        const r = await api.getRun(idInput.value);
        replace(sourceInfo, `Run #${r.id}${r.name ? ` ${r.name}` : ''}: ${r.status}, iteration ${int(r.progress.iteration)}, H = ${r.hiddenSize}, ${r.corpus.vocabularySize} characters.`);
      } else {
        const m = await api.getModel(idInput.value);
        replace(sourceInfo, `Model #${m.id} ${m.name || ''}: H = ${m.hiddenSize}, ${m.vocabularySize} characters.`);
      }
    } catch (e) {
      replace(sourceInfo, e.detail);
    }
  };
  kindSelect.addEventListener('change', describe);
  idInput.addEventListener('change', describe);

  // Generate
  const genSchema = await api.schema('GenerateRequest');
  const genFields = schemaFields(genSchema);
  const genByPath = Object.fromEntries(genFields.map((f) => [f.path, f]));
  const genOut = h('pre.generated', { id: 'generated-text', 'aria-live': 'polite' });
  const genMeta = h('div.small', { id: 'generated-meta' });
  const genSummary = h('div');
  const genForm = h('form.card', h('h2', 'Generate'), genSummary, h('div.grid', genFields),
    h('div.actions', h('button', { type: 'submit', id: 'generate' }, 'Generate')), genMeta, genOut);

  // Evaluate
  const evalText = h('textarea', { rows: '4', id: 'evaluate-text', required: true, spellcheck: 'false' });
  const evalField = field('Text to score', evalText, 'At least 2 characters, all in the vocabulary');
  const evalOut = h('dl.stats', { id: 'evaluation' });
  const evalForm = h('form.card', h('h2', 'Evaluate'), evalField,
    h('div.actions', h('button', { type: 'submit', id: 'evaluate' }, 'Evaluate')), evalOut);

  replace(root,
    h('h1', 'Playground'),
    h('div.toolbar', h('label', { for: 'source-kind' }, 'Model of'), kindSelect, h('label', { for: 'source-id' }, 'id'), idInput,
      checkpointLabel, checkpointSelect),
    sourceInfo, genForm, evalForm);
  showCheckpoint();
  describe();

  const source = () => {
    if (!idInput.reportValidity()) throw new Error('choose a run or model id');
    return [kindSelect.value, idInput.value, kindSelect.value === 'runs' ? checkpointSelect.value : undefined];
  };

  genForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    genFields.forEach((f) => f.showError(''));
    replace(genSummary);
    try {
      const [kind, id, checkpoint] = source();
      const g = await api.generate(kind, id, collect(genFields), checkpoint);
      // numSamples > 1: the samples follow each other, each with its prime
      const texts = g.samples && g.samples.length ? g.samples.map((x) => (g.prime || '') + (x.text ?? x)) : [(g.prime || '') + g.text];
      genOut.textContent = texts.join('\n\n———\n\n');
      genMeta.textContent = `${texts.length > 1 ? `${texts.length} samples · ` : ''}${int(g.length)} characters · temperature ${num(g.temperature)} · seed ${g.seed}${g.argmax ? ' · argmax' : ''}${g.topK != null ? ` · top-k ${g.topK}` : ''}${g.topP != null ? ` · top-p ${num(g.topP)}` : ''}${g.iteration != null ? ` · weights of iteration ${int(g.iteration)}` : ''}`;
    } catch (err) {
      if (!err.status) return;
      const name = fieldOf(err.errors[0] || err.detail, genFields.map((f) => f.path));
      if (name) genByPath[name].showError(err.errors[0] || err.detail);
      replace(genSummary, message('error', err.detail));
    }
  });

  evalForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    evalField.showError('');
    try {
      const [kind, id, checkpoint] = source();
      const r = await api.evaluate(kind, id, { text: evalText.value }, checkpoint);
      replace(evalOut, [
        ['Characters', int(r.characters)], ['Predictions', int(r.predictions)], ['Loss (nats)', num(r.loss)],
        ['Loss per char', num(r.lossPerChar, 4)], ['Bits per char', num(r.bitsPerChar, 4)], ['Perplexity', num(r.perplexity, 3)],
      ].map(([k, v]) => h('div', h('dt', k), h('dd', v))));
    } catch (err) {
      if (err.status) evalField.showError(err.detail);
    }
  });
}
