// Form fields generated from an OpenAPI schema's properties: type, minimum, maximum, default, enum and
// description. A field added to a request in the API appears here with its bounds, without changes to the page.
import { h, field } from './dom.js';

/** The fields a schema describes, in its order, except `skip`. Objects one level deep become "parent.child". */
export function schemaFields(schema, { skip = [], prefix = '' } = {}) {
  const out = [];
  for (const [name, prop] of Object.entries(schema.properties || {})) {
    if (skip.includes(name)) continue;
    const path = prefix + name;
    if (prop.type === 'object' || (prop.properties && !prop.type)) {
      out.push(...schemaFields(prop, { prefix: `${path}.` }));
    } else {
      out.push(makeField(path, prop));
    }
  }
  return out;
}

function bound(prop, which) {
  // OpenAPI 3.0: minimum + exclusiveMinimum: true; 3.1: exclusiveMinimum: <number>
  const exclusive = prop[which === 'min' ? 'exclusiveMinimum' : 'exclusiveMaximum'];
  const plain = prop[which === 'min' ? 'minimum' : 'maximum'];
  if (typeof exclusive === 'number') return { value: exclusive, exclusive: true };
  if (plain !== undefined) return { value: Number(plain), exclusive: exclusive === true };
  return null;
}

function types(prop) {
  if (Array.isArray(prop.type)) return prop.type.filter((t) => t !== 'null');
  if (Array.isArray(prop.types)) return prop.types.filter((t) => t !== 'null');
  return [prop.type];
}

function makeField(path, prop) {
  const [type] = types(prop);
  const label = path.replace(/\./g, ' › ');
  const hints = [];
  if (prop.description) hints.push(prop.description);
  const min = bound(prop, 'min');
  const max = bound(prop, 'max');
  if (min || max) {
    hints.push(`${min ? `${min.exclusive ? '>' : '≥'} ${min.value}` : ''}${min && max ? ', ' : ''}${max ? `${max.exclusive ? '<' : '≤'} ${max.value}` : ''}`);
  }
  let control;
  let read;
  if (prop.enum) {
    control = h('select', { name: path }, h('option', { value: '' }, prop.default !== undefined ? `default (${prop.default})` : '(default)'),
      prop.enum.map((v) => h('option', { value: String(v) }, String(v))));
    read = () => control.value || undefined;
  } else if (type === 'boolean') {
    control = h('select', { name: path },
      h('option', { value: '' }, `default (${prop.default === undefined ? 'false' : String(prop.default)})`),
      h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
    read = () => (control.value === '' ? undefined : control.value === 'true');
  } else if (type === 'integer' || type === 'number') {
    control = h('input', { type: 'number', name: path, inputmode: type === 'integer' ? 'numeric' : 'decimal', step: type === 'integer' ? '1' : 'any' });
    if (min && !min.exclusive) control.min = String(min.value);
    if (max && !max.exclusive) control.max = String(max.value);
    read = () => (control.value === '' ? undefined : Number(control.value));
  } else if (type === 'array') {
    const itemType = prop.items ? types(prop.items)[0] : 'string';
    control = h('input', { type: 'text', name: path, inputmode: itemType === 'string' ? 'text' : 'decimal' });
    hints.push('comma-separated');
    read = () => {
      if (control.value.trim() === '') return undefined;
      const parts = control.value.split(',').map((s) => s.trim());
      return itemType === 'integer' || itemType === 'number' ? parts.map(Number) : parts;
    };
  } else {
    control = h('input', { type: 'text', name: path });
    if (prop.maxLength) control.maxLength = prop.maxLength;
    read = () => (control.value === '' ? undefined : control.value);
  }
  if (prop.default !== undefined && control.tagName === 'INPUT') control.placeholder = `${Array.isArray(prop.default) ? prop.default.join(', ') : prop.default} (default)`;
  else if (prop.example !== undefined && control.tagName === 'INPUT' && type !== 'number' && type !== 'integer') control.placeholder = `e.g. ${prop.example}`;
  const f = field(label, control, hints.join(' · '));
  f.path = path;
  f.read = read;
  f.set = (v) => { control.value = v === undefined || v === null ? '' : String(v); };
  return f;
}

/** {a: 1, 'b.c': 2} -> {a: 1, b: {c: 2}}, leaving out fields left empty. */
export function collect(fields) {
  const out = {};
  for (const f of fields) {
    const v = f.read();
    if (v === undefined) continue;
    const parts = f.path.split('.');
    let target = out;
    parts.slice(0, -1).forEach((p) => { target[p] = target[p] || {}; target = target[p]; });
    target[parts[parts.length - 1]] = v;
  }
  return out;
}

/**
 * Which of `names` a problem speaks of: the field named at the start of an entry of `errors` ("hiddenSize must be
 * ..."), else the first of them the detail mentions as a word.
 */
export function fieldOf(text, names) {
  let best = null;
  for (const name of names) {
    const re = new RegExp(`(^|[^A-Za-z0-9_.])'?${name.replace(/\./g, '\\.')}'?(?![A-Za-z0-9_])`);
    const m = re.exec(text);
    if (m && (best === null || m.index < best.index || (m.index === best.index && name.length > best.name.length))) {
      best = { name, index: m.index };
    }
  }
  return best && best.name;
}
