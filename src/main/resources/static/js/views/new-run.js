// New run: every field of RunRequest from the OpenAPI schema, the corpus four ways, the server's problem details
// next to the field they name. Submitting lands on the run's page.
import { h, replace, field, message, uid } from '../dom.js';
import * as api from '../api.js';
import { schemaFields, collect, fieldOf } from '../schema-form.js';
import { int } from '../format.js';

const CORPUS_FIELDS = ['corpus', 'corpusId'];

export function render(root, { params }) {
  replace(root, h('h1', 'New run'), h('p', 'Loading the form…'));
  build(root, params).catch((e) => replace(root, h('h1', 'New run'), message('error', `Could not load the form: ${e.detail || e.message}`)));
}

async function build(root, params) {
  const schema = await api.schema('RunRequest');
  const fields = schemaFields(schema, { skip: CORPUS_FIELDS });
  const byPath = Object.fromEntries(fields.map((f) => [f.path, f]));

  // The corpus: one of four sources.
  const group = uid('corpus');
  const sources = [
    ['builtin', 'Built-in text (2,490 characters)'],
    ['stored', 'A stored corpus'],
    ['pasted', 'Pasted text'],
    ['file', 'A file (UTF-8)'],
  ];
  const radios = {};
  const radioRow = h('div.radio-row', sources.map(([value, text]) => {
    const r = h('input', { type: 'radio', name: group, value, id: `${group}-${value}`, checked: value === 'builtin' });
    radios[value] = r;
    return h('span.control', r, h('label', { for: r.id }, text));
  }));
  const corpusIdProp = (schema.properties || {}).corpusId || {};
  const corpusIdInput = h('input', { type: 'number', min: '1', step: '1', name: 'corpusId' });
  const corpusIdField = field('Stored corpus id', corpusIdInput, corpusIdProp.description || 'POST /api/corpora');
  const corpusInfo = h('div.small');
  corpusIdInput.addEventListener('change', async () => {
    replace(corpusInfo);
    if (!corpusIdInput.value) return;
    try {
      const c = await api.getCorpus(corpusIdInput.value);
      replace(corpusInfo, `Corpus ${c.id}: ${int(c.characters)} characters, ${int(c.vocabularySize)} distinct.`);
    } catch (e) {
      replace(corpusInfo, e.detail);
    }
  });
  const pasted = h('textarea', { name: 'corpus', rows: '6', spellcheck: 'false' });
  const pastedField = field('Corpus text', pasted, (schema.properties.corpus || {}).description);
  const file = h('input', { type: 'file', name: 'file', accept: '.txt,text/plain' });
  const fileField = field('Corpus file', file, 'Sent as the upload the API takes (the same fields as form fields)');
  const corpusFieldset = h('fieldset.corpus',
    h('legend', 'Corpus'), radioRow, corpusIdField, corpusInfo, pastedField, fileField);
  const corpusError = h('div.field-error', { role: 'alert', id: uid('err') });
  corpusFieldset.appendChild(corpusError);
  const showSource = () => {
    const mode = Object.keys(radios).find((k) => radios[k].checked);
    corpusIdField.hidden = mode !== 'stored';
    corpusInfo.hidden = mode !== 'stored';
    pastedField.hidden = mode !== 'pasted';
    fileField.hidden = mode !== 'file';
    corpusIdInput.required = mode === 'stored';
    pasted.required = mode === 'pasted';
    file.required = mode === 'file';
    return mode;
  };
  Object.values(radios).forEach((r) => r.addEventListener('change', showSource));
  showSource();

  const summary = h('div.form-summary');
  const submit = h('button', { type: 'submit' }, 'Start the run');
  const form = h('form.run-form', { novalidate: false },
    summary,
    corpusFieldset,
    h('fieldset', h('legend', 'Hyperparameters'), h('p.small', 'Empty fields take the defaults shown.'), h('div.grid', fields)),
    h('div.actions', submit));

  // Continue training: prefilled from the source run.
  const initFrom = params.get('initFrom');
  const intro = [];
  if (initFrom && byPath['initFrom.runId']) {
    byPath['initFrom.runId'].set(initFrom);
    if (params.get('checkpoint') && byPath['initFrom.checkpoint']) byPath['initFrom.checkpoint'].set(params.get('checkpoint'));
    try {
      const source = await api.getRun(initFrom);
      radios.stored.checked = true;
      corpusIdInput.value = String(source.corpus.id);
      showSource();
      intro.push(h('p.message.info', `Continues run ${source.id}${source.name ? ` (${source.name})` : ''} on its corpus ${source.corpus.id}; the hidden size is the source's.`));
    } catch (e) {
      intro.push(message('error', e.detail));
    }
  }

  replace(root, h('h1', 'New run'), intro, form);

  const clearErrors = () => {
    fields.forEach((f) => f.showError(''));
    [corpusIdField, pastedField, fileField].forEach((f) => f.showError(''));
    corpusError.textContent = '';
    replace(summary);
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors();
    const mode = showSource();
    const body = collect(fields);
    let upload = null;
    if (mode === 'stored') body.corpusId = Number(corpusIdInput.value);
    if (mode === 'pasted') body.corpus = pasted.value;
    if (mode === 'file') upload = file.files[0];
    submit.disabled = true;
    try {
      const run = await api.submitRun(body, upload);
      location.hash = `#/runs/${run.id}`;
    } catch (err) {
      submit.disabled = false;
      showProblem(err, mode);
    }
  });

  function showProblem(err, mode) {
    const names = [...fields.map((f) => f.path), 'corpusId', 'corpus', 'file'];
    const corpusTarget = { stored: corpusIdField, pasted: pastedField, file: fileField }[mode];
    const target = (name) => {
      if (name === 'corpusId') return corpusIdField;
      if (name === 'corpus' || name === 'file') return corpusTarget || null;
      return byPath[name];
    };
    const shown = [];
    const place = (name, text) => {
      const t = target(name);
      if (t) {
        t.showError(text);
        shown.push(t);
      } else if (name === 'corpus' || name === 'file') {
        corpusError.textContent = text;
        shown.push({ control: radios.builtin });
      }
    };
    if (err.errors.length) {
      err.errors.forEach((text) => place(fieldOf(text, names), text));
    } else {
      const name = fieldOf(err.detail, names);
      if (name) place(name, err.detail);
    }
    replace(summary, message('error', err.status === 401 ? `Not allowed: ${err.detail}` : `The service refused the run (${err.status}): ${err.detail}`));
    if (shown.length) shown[0].control.focus();
    else summary.scrollIntoView();
  }
}
