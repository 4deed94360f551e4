// DOM building without innerHTML: every text from the API goes in through textContent, so it is never markup.

/** el('td', {class: 'n'}, 'text', childNode): attributes by setAttribute, children as text nodes or nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of the element with the given id. */
export function fill(id, ...children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
  return node;
}

/** A KPI card: a label and a value (already formatted). */
export function kpi(key, label, value, tone) {
  return el('div', { class: 'kpi' + (tone ? ' ' + tone : ''), 'data-kpi': key },
    el('span', { class: 'label' }, label), el('span', { class: 'value' }, value));
}
