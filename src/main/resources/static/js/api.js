// Every call to the service goes through this module: the API key header, problem details, the event stream
// reader, the OpenAPI schemas the forms are built from, and views composed from several endpoints.

const KEY_STORAGE = 'charrnn.apiKey';

/** A refused request: the HTTP status and the RFC 9457 problem details the service answered with. */
export class ApiError extends Error {
  constructor(status, problem, method = 'GET') {
    super((problem && problem.detail) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.detail = this.problem.detail || this.message;
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
    this.method = method;
  }
}

const unauthorizedListeners = new Set();

/** fn(error) is called on every 401, so the page can ask for the key. */
export function onUnauthorized(fn) {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

function headers(extra = {}) {
  const out = { ...extra };
  const key = apiKey();
  if (key) out.Authorization = `Bearer ${key}`;
  return out;
}

async function fail(res, method = 'GET') {
  let problem = null;
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      problem = await res.json();
    } catch (e) {
      problem = null;
    }
  }
  const error = new ApiError(res.status, problem, method);
  if (res.status === 401) unauthorizedListeners.forEach((fn) => fn(error));
  throw error;
}

async function call(method, path, { json, form, accept = 'application/json', as = 'json', signal, contentType = 'application/json' } = {}) {
  const init = { method, headers: headers({ Accept: `${accept}, application/problem+json` }), signal };
  if (json !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = JSON.stringify(json);
  } else if (form !== undefined) {
    init.body = form;
  }
  const res = await fetch(path, init);
  if (!res.ok) await fail(res, method);
  if (res.status === 204) return null;
  if (as === 'blob') return res.blob();
  if (as === 'text') return res.text();
  return res.json();
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// Runs

/** sort: 'field,asc|desc' as the API takes it; tag: one tag (runs carrying it). */
export function listRuns({ status, tag, sort, page = 0, size = 20 } = {}) {
  return call('GET', `/api/runs${query({ status, tag, sort, page, size })}`);
}

/** A JSON merge patch of name, tags and notes: an omitted member is unchanged, null removes it. */
export const patchRun = (id, patch) => call('PATCH', `/api/runs/${id}`, { json: patch, contentType: 'application/merge-patch+json' });

export const getRun = (id) => call('GET', `/api/runs/${id}`);
export const cancelRun = (id) => call('POST', `/api/runs/${id}/cancel`);
export const deleteRun = (id) => call('DELETE', `/api/runs/${id}`);
export const samples = (id) => call('GET', `/api/runs/${id}/samples`);
export const generated = (id) => call('GET', `/api/runs/${id}/generated`);
export const vocabulary = (id) => call('GET', `/api/runs/${id}/vocabulary`);
/** checkpoint: 'final' (default) or 'best' (runs with a validation split). */
export const weights = (id, checkpoint) => call('GET', `/api/runs/${id}/weights${query({ checkpoint })}`, { as: 'blob' });
export const getCorpus = (id) => call('GET', `/api/corpora/${id}`);
export const getModel = (id) => call('GET', `/api/models/${id}`);

/** {iterations, smoothLoss, loss, validationIterations, validationLossPerChar}; maxPoints buckets it down. */
export function losses(id, { from, maxPoints } = {}) {
  return call('GET', `/api/runs/${id}/losses${query({ from, maxPoints })}`);
}

/**
 * Submits a run. fields: the RunRequest as JSON; with a file, the same fields go as form fields next to it
 * (nested objects as "initFrom.runId", lists comma-separated), as the multipart endpoint takes them.
 */
export function submitRun(fields, file) {
  if (!file) return call('POST', '/api/runs', { json: fields });
  const form = new FormData();
  const put = (prefix, value) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) form.append(prefix, value.join(','));
    else if (typeof value === 'object') Object.entries(value).forEach(([k, v]) => put(`${prefix}.${k}`, v));
    else form.append(prefix, String(value));
  };
  Object.entries(fields).forEach(([k, v]) => put(k, v));
  form.append('file', file, file.name);
  return call('POST', '/api/runs', { form });
}

// Inference: kind is 'runs' or 'models'

// checkpoint ('final' or 'best') only for runs; models have one set of weights.
export const generate = (kind, id, body, checkpoint) => call('POST', `/api/${kind}/${id}/generate${query({ checkpoint })}`, { json: body });
export const evaluate = (kind, id, body, checkpoint) => call('POST', `/api/${kind}/${id}/evaluate${query({ checkpoint })}`, { json: body });
export const activations = (id, body) => call('POST', `/api/runs/${id}/activations`, { json: body });

/** The hidden-state heatmap PNG as a blob (fetched, so the API key header goes with it). */
export function heatmap(id, text) {
  return call('GET', `/api/runs/${id}/charts/hidden-states.png${query({ text })}`, { accept: 'image/png', as: 'blob' });
}

// OpenAPI: forms follow the request schemas, so fields added to the API appear with their bounds and defaults.

let apiDocs = null;

export function openApi() {
  if (!apiDocs) {
    apiDocs = call('GET', '/v3/api-docs').catch((e) => {
      apiDocs = null;
      throw e;
    });
  }
  return apiDocs;
}

/** A component schema by name, with $refs of its properties resolved one level deep. */
export async function schema(name) {
  const docs = await openApi();
  const all = (docs.components && docs.components.schemas) || {};
  const resolve = (s) => {
    if (s && s.$ref) return all[s.$ref.split('/').pop()] || {};
    if (s && Array.isArray(s.allOf) && s.allOf.length === 1) return { ...resolve(s.allOf[0]), ...s, allOf: undefined };
    return s || {};
  };
  const root = resolve(all[name]);
  const properties = {};
  for (const [k, v] of Object.entries(root.properties || {})) {
    const r = resolve(v);
    properties[k] = r.properties ? { ...r, properties: Object.fromEntries(Object.entries(r.properties).map(([a, b]) => [a, resolve(b)])) } : r;
  }
  return { ...root, properties };
}

// Compare: every run's smooth loss per character on one grid, validation points, configurations, differingFields.

export function compare(ids, { maxPoints = 1000, x = 'iteration' } = {}) {
  return call('GET', `/api/runs/compare${query({ ids: ids.join(','), maxPoints, x })}`);
}

// Sweeps

export const listSweeps = ({ page = 0, size = 20 } = {}) => call('GET', `/api/sweeps${query({ page, size })}`);
export const getSweep = (id) => call('GET', `/api/sweeps/${id}`);
export const cancelSweep = (id) => call('POST', `/api/sweeps/${id}/cancel`);
export const createSweep = (body) => call('POST', '/api/sweeps', { json: body });

// Server-sent events, read with fetch so the API key goes in a header (EventSource cannot send one, and a key in
// the URL would end up in logs and history).

/**
 * Follows /api/runs/{id}/events. handlers: {status, progress, sample, deleted, error, open}. Reconnects after a
 * dropped stream until close() or a final status or deletion. Returns {close()}.
 */
export function runEvents(id, handlers) {
  let closed = false;
  let controller = null;
  let retry = 1000;

  const dispatch = (name, data) => {
    let payload;
    try {
      payload = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (name === 'status' && ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(payload.status)) closed = true;
    if (name === 'deleted') closed = true;
    const fn = handlers[name];
    if (fn) fn(payload);
  };

  const connect = async () => {
    controller = new AbortController();
    try {
      const res = await fetch(`/api/runs/${id}/events`, {
        headers: headers({ Accept: 'text/event-stream' }),
        signal: controller.signal,
        cache: 'no-store',
      });
      if (!res.ok) await fail(res);
      if (handlers.open) handlers.open();
      retry = 1000;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      let event = 'message';
      let data = [];
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let nl;
        while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(buffer[nl] === '\r' && buffer[nl + 1] === '\n' ? nl + 2 : nl + 1);
          if (line === '') {
            if (data.length) dispatch(event, data.join('\n'));
            event = 'message';
            data = [];
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const name = colon < 0 ? line : line.slice(0, colon);
            let value2 = colon < 0 ? '' : line.slice(colon + 1);
            if (value2.startsWith(' ')) value2 = value2.slice(1);
            if (name === 'event') event = value2;
            else if (name === 'data') data.push(value2);
          }
        }
      }
    } catch (e) {
      if (closed || (e && e.name === 'AbortError')) return;
      if (e instanceof ApiError && e.status !== 503) {
        closed = true;
        if (handlers.error) handlers.error(e);
        return;
      }
    }
    if (!closed) {
      setTimeout(() => { if (!closed) connect(); }, retry);
      retry = Math.min(retry * 2, 15000);
    }
  };
  connect();
  return {
    close() {
      closed = true;
      if (controller) controller.abort();
    },
  };
}
