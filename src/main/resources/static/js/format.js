// Numbers and times as people read them.

export function num(x, digits = 3) {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(2);
  return x.toLocaleString('en', { maximumFractionDigits: digits });
}

export function int(x) {
  return x === null || x === undefined ? '–' : Math.round(x).toLocaleString('en');
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const hours = Math.floor(m / 60);
  return `${hours} h ${m % 60} min`;
}

export function date(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

export const FINISHED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** cell × layers × hidden, batch: the fields the run has (older runs: the reference's vanilla RNN). */
export function modelLabel(run) {
  const cell = (run.cell || 'rnn').toString().toLowerCase();
  const layers = run.numLayers ?? run.layers ?? 1;
  const parts = [`${cell} × ${layers} × ${run.hiddenSize}`];
  if (run.batchSize) parts.push(`batch ${run.batchSize}`);
  return parts.join(', ');
}

/** A character as it can be seen: newlines, tabs and spaces get a visible sign. */
export function visibleChar(c) {
  if (c === '\n') return '↵';
  if (c === '\t') return '⇥';
  if (c === ' ') return '␣';
  if (c === '\r') return '␍';
  const cp = c.codePointAt(0);
  if (cp < 32 || cp === 127) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return c;
}
