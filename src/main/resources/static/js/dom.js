// Building DOM nodes. Every text goes in through textContent or a text node, never as HTML: user and model text
// (corpora, samples, names) is data.

/**
 * h('tag#id.class1.class2', {attr: value, on: {click: fn}, dataset: {...}}, ...children)
 * Children: nodes, strings (text nodes), arrays, null/undefined/false (skipped).
 */
export function h(spec, attrs, ...children) {
  const [tag, ...parts] = spec.split(/(?=[.#])/);
  const el = document.createElement(tag || 'div');
  const classes = parts.filter((p) => p[0] === '.').map((p) => p.slice(1));
  const id = parts.find((p) => p[0] === '#');
  if (classes.length) el.className = classes.join(' ');
  if (id) el.id = id.slice(1);
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k === 'class') {
      el.className = v;
    } else if (k === 'text') {
      el.textContent = v;
    } else if (k === 'value') {
      el.value = v;
    } else if (k in el && typeof v !== 'string') {
      el[k] = v;
    } else {
      if (k.startsWith('on')) throw new Error('event handlers go in attrs.on');
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** A unique id for label/aria wiring. */
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled field: label, control, hint and an error slot wired with aria-describedby. */
export function field(labelText, control, hintText) {
  if (!control.id) control.id = uid();
  const hint = hintText ? h('small.hint', { id: uid('hint') }, hintText) : null;
  const error = h('div.field-error', { id: uid('err'), role: 'alert' });
  control.setAttribute('aria-describedby', [hint && hint.id, error.id].filter(Boolean).join(' '));
  const wrap = h('div.field', h('label', { for: control.id }, labelText), control, hint, error);
  wrap.showError = (message) => {
    error.textContent = message || '';
    if (message) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
  wrap.control = control;
  return wrap;
}

/** A status line that screen readers announce. */
export function message(kind, text) {
  return h(`div.message.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, text);
}
