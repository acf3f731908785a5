// Small DOM helpers shared by the pages: elements, times, errors, empty states, JSON and charts.

/** el('button', {class: 'primary', onclick}, 'Save'): attributes starting with "on" are listeners. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** A time in the browser's zone, with the UTC instant on hover. */
export function time(iso) {
  if (!iso) return el('span', {}, '—');
  const d = new Date(iso);
  return el('time', { datetime: iso, title: `${d.toISOString()} (UTC)` }, d.toLocaleString());
}

export function badge(text) {
  return el('span', { class: `badge ${String(text).toLowerCase()}` }, text);
}

export function empty(text) {
  return el('div', { class: 'empty' }, text);
}

export function json(value) {
  return el('pre', { class: 'json' }, JSON.stringify(value, null, 2));
}

const errorBox = () => document.getElementById('error');

/** Shows the server's message (or any error's) at the top of the page until the next action succeeds. */
export function showError(e) {
  const box = errorBox();
  box.textContent = e && e.message ? e.message : String(e);
  box.hidden = false;
}

export function clearError() {
  errorBox().hidden = true;
}

/** Runs an action, showing its error instead of throwing; returns its result or undefined. */
export async function guarded(action) {
  try {
    const result = await action();
    clearError();
    return result;
  } catch (e) {
    showError(e);
    return undefined;
  }
}

/** A table; rows with onOpen are clickable and reachable with Tab and Enter. */
export function table(headers, rows) {
  const head = el('tr', {}, headers.map((h) => el('th', { class: h.optional ? 'optional' : null }, h.label || h)));
  return el('div', { class: 'table-wrap' }, el('table', {}, el('thead', {}, head), el('tbody', {}, rows)));
}

export function row(cells, onOpen, attrs = {}) {
  const tr = el('tr', attrs, cells);
  if (onOpen) {
    tr.classList.add('clickable');
    tr.tabIndex = 0;
    tr.addEventListener('click', onOpen);
    tr.addEventListener('keydown', (e) => { if (e.key === 'Enter') onOpen(); });
  }
  return tr;
}

export function cell(content, cls) {
  return el('td', { class: cls }, content);
}

/** Splits "a.b, c.d" into a list, dropping blanks. */
export function list(text) {
  return String(text || '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The ISO instant of a datetime-local input (read in the browser's zone), or undefined. */
export function instant(localValue) {
  return localValue ? new Date(localValue).toISOString() : undefined;
}

/**
 * A line chart in SVG of several series over the same times; no library, so nothing to fetch.
 * series: [{name, color, values}], times: ISO strings.
 */
export function lineChart(title, times, series) {
  const w = 400, h = 170, pad = 30;
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const x = (i) => pad + (times.length < 2 ? 0 : (i * (w - pad - 8)) / (times.length - 1));
  const y = (v) => h - 18 - (v / max) * (h - 30);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `${title}; latest ${series.map((s) => `${s.name} ${fmt(s.values.at(-1) || 0)}`).join(', ')}`);
  const add = (tag, attrs, text) => {
    const n = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    svg.append(n);
  };
  add('line', { x1: pad, y1: h - 18, x2: w - 8, y2: h - 18, stroke: '#d7dce4' });
  add('text', { x: 2, y: 14, 'font-size': 12, fill: '#5b6475' }, fmt(max));
  add('text', { x: 2, y: h - 20, 'font-size': 12, fill: '#5b6475' }, '0');
  if (times.length) {
    add('text', { x: pad, y: h - 4, 'font-size': 12, fill: '#5b6475' }, new Date(times[0]).toLocaleTimeString());
    add('text', { x: w - 8, y: h - 4, 'font-size': 12, fill: '#5b6475', 'text-anchor': 'end' },
      new Date(times.at(-1)).toLocaleTimeString());
  }
  for (const s of series) {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    add('polyline', { points, fill: 'none', stroke: s.color, 'stroke-width': 2 });
  }
  const legend = el('div', { class: 'legend' }, series.map((s) =>
    el('span', {}, el('i', { style: `background:${s.color}` }), `${s.name}: ${fmt(s.values.at(-1) || 0)}`)));
  return el("div", { class: "card chart" }, el("h2", {}, title), svg, legend);
}

function fmt(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(2);
}
