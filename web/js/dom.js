// Small DOM helpers: elements are built with h(), never from HTML strings,
// so text from the API can never become markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

// A modal <dialog>; resolves with what close(value) was given (undefined on Esc).
export function modal(build, { wide = false, label = '' } = {}) {
  return new Promise((resolve) => {
    const dlg = h('dialog', { class: wide ? 'modal wide' : 'modal', 'aria-label': label });
    let result;
    const close = (value) => {
      result = value;
      dlg.close();
    };
    dlg.addEventListener('close', () => {
      dlg.remove();
      resolve(result);
    });
    append(dlg, [build(close, dlg)]);
    document.body.append(dlg);
    dlg.showModal();
  });
}

export function field(label, input, { hint, error, id } = {}) {
  const fid = id || input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = fid;
  return h('div', { class: 'field' },
    h('label', { for: fid, text: label }),
    input,
    hint ? h('p', { class: 'hint', text: hint }) : null,
    h('p', { class: 'field-error', role: 'alert', text: error || '' }));
}

export function spinner() {
  return h('div', { class: 'spinner', role: 'status', 'aria-live': 'polite' });
}
