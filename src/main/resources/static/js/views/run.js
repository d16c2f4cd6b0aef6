// A run: live status, progress and ETA over its event stream; actions; the loss chart (downsampled history, then
// appended as training goes on); samples as they come; the closing samples; the hidden-state heatmap of a text.
import { h, replace, field, message } from '../dom.js';
import * as api from '../api.js';
import { LossChart, chartControls } from '../loss-chart.js';
import { num, int, duration, date, modelLabel, FINISHED } from '../format.js';

const HISTORY_POINTS = 1500;
const APPEND_EVERY_MS = 1000;
const MAX_SAMPLES = 300;

export function render(root, { id }) {
  const live = { alive: true, events: null, timers: [], urls: [] };
  start(root, id, live).catch((e) => {
    if (live.alive) replace(root, h('h1', `Run ${id}`), message('error', e.detail || e.message));
  });
  return () => {
    live.alive = false;
    if (live.events) live.events.close();
    live.timers.forEach(clearTimeout);
    live.urls.forEach((u) => URL.revokeObjectURL(u));
    if (live.chart) live.chart.destroy();
  };
}

async function start(root, id, live) {
  let run = await api.getRun(id);
  const runName = h('span.run-name', run.name ? ` ${run.name}` : '');
  const title = h('h1', `Run #${run.id}`, runName);
  const status = h('span.status', { id: 'run-status', 'aria-live': 'polite' });
  const progress = h('progress', { id: 'run-progress', max: '1', value: '0', 'aria-label': 'Progress' });
  const progressText = h('span#progress-text');
  const stats = h('dl.stats');
  const actions = h('div.actions');
  const notice = h('div.notice');

  // Chart
  const chartBox = h('section.card', { 'aria-labelledby': 'chart-title' }, h('h2', { id: 'chart-title' }, 'Loss'));
  const chart = new LossChart(chartBox, { title: '' });
  live.chart = chart;
  chartBox.insertBefore(chartControls(chart), chart.host);
  const curve = { label: `#${run.id}`, seqLength: run.seqLength, iterations: [], loss: [], smoothLoss: [], validationIterations: [], validationLossPerChar: [], secondsPerIteration: 0 };

  // Samples
  const samplesList = h('ol.samples', { id: 'samples', 'aria-live': 'polite' });
  const samplesBox = h('section.card', h('h2', 'Samples during training'), samplesList);
  const closingList = h('ol.samples', { id: 'closing-samples' });
  const closingBox = h('section.card', { hidden: true }, h('h2', 'Closing samples'), closingList);

  // Heatmap
  const probe = h('input', { type: 'text', maxLength: 200, placeholder: 'default probe' });
  const probeField = field('Text to read (at most 200 characters, in the vocabulary)', probe);
  const heatImg = h('img.heatmap', { alt: 'Hidden-state activations over the text' });
  heatImg.hidden = true;
  const heatForm = h('form.inline-form', probeField, h('button', { type: 'submit' }, 'Show hidden states'));
  heatForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    probeField.showError('');
    try {
      const blob = await api.heatmap(run.id, probe.value || undefined);
      const url = URL.createObjectURL(blob);
      live.urls.push(url);
      heatImg.src = url;
      heatImg.hidden = false;
    } catch (err) {
      probeField.showError(err.detail);
    }
  });
  const heatBox = h('section.card', h('h2', 'Hidden-state heatmap'), heatForm, heatImg);

  const editBox = labelsForm();

  replace(root,
    h('div.title-row', title, status),
    h('div.progress-row', progress, progressText),
    stats, actions, notice, chartBox, editBox, samplesBox, closingBox, heatBox);

  // Name, tags and notes: a merge patch of what changed; the server's problem next to the field it names.
  function labelsForm() {
    const nameInput = h('input', { type: 'text', name: 'edit-name', maxLength: 200 });
    const tagsInput = h('input', { type: 'text', name: 'edit-tags', placeholder: 'baseline, lr-test' });
    const notesInput = h('textarea', { name: 'edit-notes', rows: '3' });
    const fill = () => {
      nameInput.value = run.name || '';
      tagsInput.value = (run.tags || []).join(', ');
      notesInput.value = run.notes || '';
    };
    fill();
    const fields = { name: field('Name', nameInput), tags: field('Tags', tagsInput, 'Comma-separated'), notes: field('Notes', notesInput) };
    const result = h('div', { id: 'labels-result' });
    const form = h('form.card#labels-form', h('h2', 'Name, tags and notes'), fields.name, fields.tags, fields.notes,
      h('div.actions', h('button', { type: 'submit' }, 'Save')), result);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      Object.values(fields).forEach((f) => f.showError(''));
      replace(result);
      const tags = tagsInput.value.split(',').map((t) => t.trim()).filter(Boolean);
      const patch = {};
      if (nameInput.value !== (run.name || '')) patch.name = nameInput.value === '' ? null : nameInput.value;
      if (tags.join('\u0000') !== (run.tags || []).join('\u0000')) patch.tags = tags.length ? tags : null;
      if (notesInput.value !== (run.notes || '')) patch.notes = notesInput.value === '' ? null : notesInput.value;
      try {
        const updated = await api.patchRun(run.id, patch);
        Object.assign(run, { name: updated.name, tags: updated.tags, notes: updated.notes });
        runName.textContent = run.name ? ` ${run.name}` : '';
        fill();
        renderStats();
        replace(result, message('info', 'Saved.'));
      } catch (err) {
        if (!err.status) throw err;
        const text = err.errors[0] || err.detail;
        const named = Object.keys(fields).find((k) => new RegExp(`\\b${k}\\b`).test(text));
        if (named) fields[named].showError(text);
        replace(result, message('error', err.detail));
      }
    });
    return form;
  }

  function renderStats() {
    const p = run.progress || {};
    status.textContent = run.status;
    status.className = `status s-${run.status.toLowerCase()}`;
    progress.max = p.numIterations || 1;
    progress.value = p.iteration || 0;
    progressText.textContent = `${int(p.iteration)} / ${int(p.numIterations)} iterations`
      + (run.status === 'RUNNING' && p.etaSeconds != null ? ` · ETA ${duration(p.etaSeconds)}` : '');
    const entries = [
      ['Model', modelLabel(run)],
      run.status === 'QUEUED' && run.queuePosition ? ['Queue position', int(run.queuePosition)] : null,
      ['Loss per char', num(run.lossPerChar)],
      ['chars/s', p.charsPerSecond ? int(p.charsPerSecond) : '–'],
      ['Training time', duration(run.trainingSeconds)],
      ['Corpus', `#${run.corpus.id}: ${int(run.corpus.characters)} characters, ${run.corpus.vocabularySize} distinct`],
      ['Created', date(run.createdAt)],
    ];
    if (run.summary) {
      entries.push(['Final / min loss', `${num(run.summary.finalLoss)} / ${num(run.summary.minLoss)}`]);
      if (run.summary.bestValidationLossPerChar != null) entries.push(['Best validation', `${num(run.summary.bestValidationLossPerChar)} at ${int(run.summary.bestValidationIteration)}`]);
    }
    const stopped = run.summary && run.summary.stoppedAtIteration;
    if (run.stopReason) entries.push(['Stop reason', h('span.stop-reason#stop-reason', run.stopReason + (stopped != null ? ` after iteration ${int(stopped)}` : ''))]);
    if (run.tags && run.tags.length) entries.push(['Tags', h('span#run-tags', run.tags.map((t) => h('a.tag', { href: `#/runs?tag=${encodeURIComponent(t)}` }, t)))]);
    if (run.notes) entries.push(['Notes', h('span.notes#run-notes', run.notes)]);
    if (run.sweepId) entries.push(['Sweep', h('a', { href: `#/sweeps/${run.sweepId}` }, `sweep #${run.sweepId}`)]);
    if (run.error) entries.push(['Error', run.error]);
    if (run.initFrom) entries.push(['Continues', run.initFrom.runId ? `run ${run.initFrom.runId}` : `model ${run.initFrom.modelId}`]);
    replace(stats, entries.filter(Boolean).map(([k, v]) => h('div', h('dt', k), h('dd', v))));
    // Buttons are rebuilt only when the status changes, so focus and clicks are not lost to progress events.
    if (actionsFor !== run.status) renderActions();
  }
  let actionsFor = null;

  // With a validation split the run also keeps its weights right after its best validation point.
  const checkpointSelect = run.validationFraction > 0
    ? h('select#weights-checkpoint', { 'aria-label': 'Which weights' }, h('option', { value: 'final' }, 'final weights'), h('option', { value: 'best' }, 'best weights'))
    : null;

  // Continue training and the playground follow the weights chosen here.
  const withCheckpoint = (e) => {
    const href = e.currentTarget.getAttribute('href').replace(/&checkpoint=\w+$/, '');
    e.currentTarget.setAttribute('href', checkpointSelect && checkpointSelect.value === 'best' ? `${href}&checkpoint=best` : href);
  };

  function renderActions() {
    actionsFor = run.status;
    const finished = FINISHED.includes(run.status);
    const act = async (fn) => {
      replace(notice);
      try {
        await fn();
      } catch (e) {
        replace(notice, message('error', e.detail));
      }
    };
    replace(actions,
      finished ? null : h('button#cancel', { type: 'button', on: { click: () => act(async () => { run = await api.cancelRun(run.id); renderStats(); }) } }, 'Cancel'),
      finished ? h('button.secondary#delete', { type: 'button', on: { click: () => {
        if (confirm(`Delete run ${run.id} and everything it recorded?`)) act(async () => { await api.deleteRun(run.id); location.hash = '#/runs'; });
      } } }, 'Delete') : null,
      h('a.button.secondary', { href: `#/new?initFrom=${run.id}`, on: { click: withCheckpoint } }, 'Continue training'),
      checkpointSelect,
      h('button.secondary#download-weights', { type: 'button', on: { click: () => act(async () => {
        const checkpoint = checkpointSelect ? checkpointSelect.value : undefined;
        const blob = await api.weights(run.id, checkpoint);
        const url = URL.createObjectURL(blob);
        live.urls.push(url);
        const a = h('a', { href: url, download: `run-${run.id}-${checkpoint || 'final'}-weights.json` });
        document.body.appendChild(a);
        a.click();
        a.remove();
      }) } }, 'Download weights'),
      h('a.button.secondary', { href: `#/play?run=${run.id}`, on: { click: withCheckpoint } }, 'Playground'),
      h('a.button.secondary', { href: `#/neurons/${run.id}` }, 'Neurons'));
  }
  renderStats();

  // Loss history: downsampled once, then appended in chunks of about the same density.
  let bucket = 1;
  let loading = false;
  let pending = false;
  // Seconds per iteration for the time axis: the run's average, or while its training time is not yet
  // recorded, its current speed.
  const speed = () => {
    const it = (run.progress && run.progress.iteration) || 0;
    if (it > 0 && run.trainingSeconds > 0) return run.trainingSeconds / it;
    const cps = run.progress && run.progress.charsPerSecond;
    if (cps > 0) return run.seqLength / cps;
    if (it > 0 && run.startedAt) return Math.max(0, (Date.now() - Date.parse(run.startedAt)) / 1000) / it;
    return 0;
  };
  async function loadHistory() {
    const s = await api.losses(run.id, { maxPoints: HISTORY_POINTS });
    Object.assign(curve, { iterations: s.iterations, loss: s.loss, smoothLoss: s.smoothLoss, validationIterations: s.validationIterations, validationLossPerChar: s.validationLossPerChar });
    const total = s.iterations.length ? s.iterations[s.iterations.length - 1] + 1 : 0;
    bucket = Math.max(1, Math.ceil(total / HISTORY_POINTS));
  }
  async function append() {
    if (loading) { pending = true; return; }
    loading = true;
    try {
      if (curve.iterations.length > 2 * HISTORY_POINTS) {
        await loadHistory();
      } else {
        const from = curve.iterations.length ? curve.iterations[curve.iterations.length - 1] + 1 : 0;
        const done = (run.progress && run.progress.iteration) || 0;
        const maxPoints = Math.max(2, Math.ceil((done - from) / bucket) + 1);
        const s = await api.losses(run.id, { from, maxPoints });
        curve.iterations = curve.iterations.concat(s.iterations);
        curve.loss = curve.loss.concat(s.loss);
        curve.smoothLoss = curve.smoothLoss.concat(s.smoothLoss);
        const lastVal = curve.validationIterations.length ? curve.validationIterations[curve.validationIterations.length - 1] : -1;
        s.validationIterations.forEach((it, k) => {
          if (it > lastVal) { curve.validationIterations.push(it); curve.validationLossPerChar.push(s.validationLossPerChar[k]); }
        });
      }
      curve.secondsPerIteration = speed();
      if (live.alive) chart.setCurves([curve]);
    } catch (e) {
      replace(notice, message('error', `Could not read the losses: ${e.detail}`));
    } finally {
      loading = false;
      if (pending && live.alive) {
        pending = false;
        live.timers.push(setTimeout(append, APPEND_EVERY_MS));
      }
    }
  }
  await loadHistory();
  curve.secondsPerIteration = speed();
  chart.setCurves([curve]);

  // Samples so far, then from the stream.
  const seen = new Set();
  const addSample = (s, newest) => {
    const key = `${s.iteration}|${s.temperature}`;
    if (seen.has(key)) return;
    seen.add(key);
    const item = h('li.sample',
      h('div.sample-meta', `iteration ${int(s.iteration)} · loss ${num(s.loss)} · temperature ${num(s.temperature)}`),
      h('pre', s.sample));
    if (newest) samplesList.prepend(item); else samplesList.appendChild(item);
    // a long run samples thousands of times: the page keeps the latest ones
    while (samplesList.children.length > MAX_SAMPLES) samplesList.lastElementChild.remove();
  };
  const existing = await api.samples(run.id);
  existing.slice(-MAX_SAMPLES).reverse().forEach((s) => addSample(s, false));
  const samplesNote = h('p.small', existing.length > MAX_SAMPLES ? `The latest ${MAX_SAMPLES} of ${existing.length} samples (all of them: GET /api/runs/${run.id}/samples).` : '');
  samplesBox.insertBefore(samplesNote, samplesList);

  async function showClosing() {
    const closing = await api.generated(run.id);
    if (!closing.length) return;
    replace(closingList, closing.map((g) => h('li.sample', h('div.sample-meta', `sample ${g.sampleId} · seed character “${g.seedChar}”`), h('pre', g.seedChar + g.text))));
    closingBox.hidden = false;
  }

  let lastAppend = 0;
  const refreshRun = async () => {
    try {
      run = await api.getRun(run.id);
      renderStats();
    } catch (e) { /* the stream says what matters */ }
  };
  if (FINISHED.includes(run.status)) {
    await showClosing();
    return;
  }
  live.events = api.runEvents(run.id, {
    progress: (p) => {
      run.progress = { ...run.progress, iteration: p.iteration, numIterations: p.numIterations, charsPerSecond: p.charsPerSecond, etaSeconds: p.etaSeconds };
      run.smoothLoss = p.smoothLoss;
      run.lossPerChar = p.lossPerChar;
      renderStats();
      const now = Date.now();
      if (now - lastAppend >= APPEND_EVERY_MS) {
        lastAppend = now;
        append();
      } else if (!pending) {
        pending = true;
        live.timers.push(setTimeout(() => { pending = false; append(); }, APPEND_EVERY_MS));
      }
    },
    sample: (s) => addSample(s, true),
    status: async (s) => {
      const changed = s.status !== run.status;
      run.status = s.status;
      if (s.error) run.error = s.error;
      if (s.summary) run.summary = s.summary;
      renderStats();
      if (changed || FINISHED.includes(s.status)) await refreshRun();
      if (FINISHED.includes(s.status)) {
        await append();
        await showClosing();
      }
    },
    deleted: (d) => replace(notice, message('error', d.detail)),
    error: (e) => replace(notice, message('error', `Live updates stopped: ${e.detail}`)),
  });
}
