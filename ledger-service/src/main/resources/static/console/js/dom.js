// Builds the page from elements and text nodes only: data from the ledger is never parsed as markup.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

export function fill(target, ...children) {
  target.replaceChildren();
  append(target, children);
  return target;
}

export const mono = (text) => el('span', { class: 'mono' }, text ?? '—');

/** A table with a caption and one column per {label, value(row), num}; an empty list says so. */
export function table(caption, columns, rows, empty = 'Nothing yet.') {
  if (!rows.length) return el('p', { class: 'notice' }, `${caption}: ${empty}`);
  const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)));
  const body = rows.map((row) => el('tr', {}, columns.map((c) =>
    el('td', { class: c.num ? 'num' : null }, c.value(row) ?? '—'))));
  return el('div', { class: 'table-wrap' },
    el('table', {}, el('caption', {}, caption), el('thead', {}, head), el('tbody', {}, body)));
}

/** A definition list of [term, value] pairs. */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value ?? '—')]));
}

export function status(text) {
  const good = ['ACTIVE', 'CONFIRMED', 'CLAIMED', 'PAID', 'ANCHORED', 'OK', 'VALID'];
  const bad = ['FAILED', 'REVERTED', 'MISSING', 'DOUBLED', 'STUCK', 'UNEXPLAINED', 'MISMATCH', 'INVALID'];
  const tone = good.includes(text) ? 'good' : bad.includes(text) ? 'bad' : 'wait';
  return el('span', { class: `status ${tone}` }, text ?? '—');
}

export function alert(message) {
  return el('div', { class: 'alert', role: 'alert' }, message);
}

/** Runs an async loader into a container, showing a problem document's code and detail on failure. */
export async function load(container, loader) {
  fill(container, el('p', { class: 'hint', 'aria-live': 'polite' }, 'Loading…'));
  try {
    const content = await loader();
    fill(container, content);
  } catch (error) {
    fill(container, alert(error.message));
  }
}

export const param = (name) => new URLSearchParams(location.search).get(name);

export function link(text, page, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
  const search = query.toString();
  return el('a', { href: search ? `${page}?${search}` : page }, text);
}
