// Event search: the history API's filters, page by page (next_cursor), and one event with its dead letters.
import { post, get } from '../api.js';
import { el, empty, table, row, cell, time, list, instant, guarded } from '../ui.js';
import { session } from '../session.js';
import { eventDetail } from './detail.js';

export default function events(main) {
  const f = {
    types: el('input', { id: 'search-types', placeholder: 'lead.created, lead.qualified' }),
    subject: el('input', { id: 'search-subject', placeholder: 'exact subject' }),
    from: el('input', { id: 'search-from', type: 'datetime-local', step: 1 }),
    to: el('input', { id: 'search-to', type: 'datetime-local', step: 1 }),
    order: el('select', { id: 'search-order' }, el('option', { value: 'newest' }, 'newest first'), el('option', { value: 'oldest' }, 'oldest first')),
    limit: el('input', { id: 'search-limit', type: 'number', min: 1, max: 1000, value: 50 }),
    id: el('input', { id: 'search-id', placeholder: 'event id', size: 36 }),
  };
  const results = el('div', { id: 'search-results' });
  const detail = el('div', { id: 'search-detail' });
  const cursors = [];

  async function search(after) {
    const body = {
      tenant_id: session.tenant, event_types: list(f.types.value), subject: f.subject.value.trim() || undefined,
      from_time: instant(f.from.value), to_time: instant(f.to.value), order: f.order.value,
      limit: Number(f.limit.value) || 50, after,
    };
    if (!body.event_types.length) delete body.event_types;
    const page = await guarded(() => post('/events/history', body));
    if (!page) return;
    const pager = el('div', { class: 'toolbar' },
      cursors.length ? el('button', { type: 'button', onclick: () => { cursors.pop(); search(cursors.at(-1)); } }, 'Previous page') : '',
      page.next_cursor !== null ? el('button', { type: 'button', id: 'search-next', onclick: () => { cursors.push(page.next_cursor); search(page.next_cursor); } }, 'Next page') : '',
      el('span', { class: 'status-line' }, `${page.count} events on this page`));
    results.replaceChildren(page.events.length
      ? table(['Time', 'Type', 'Subject', { label: 'Source', optional: true }, { label: 'Position', optional: true }],
        page.events.map((e) => row([cell(time(e.time || e.timestamp)), cell(e.event_type), cell(e.subject || '—', 'mono'),
          cell(e.source_service, 'optional'), cell(e.position, 'optional')], () => eventDetail(detail, e), { 'data-event-id': e.id })))
      : empty('No stored event matches. Widen the time range or clear the type and subject filters.'), pager);
  }

  const form = el('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); cursors.length = 0; search(); } },
    el('label', {}, 'Event types', f.types), el('label', {}, 'Subject', f.subject),
    el('label', {}, 'From (your time zone)', f.from), el('label', {}, 'To', f.to),
    el('label', {}, 'Order', f.order), el('label', {}, 'Per page', f.limit),
    el('button', { class: 'primary', type: 'submit' }, 'Search'));
  const byId = el('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); if (f.id.value.trim()) eventDetail(detail, f.id.value.trim()); } },
    el('label', {}, 'Open one event', f.id), el('button', { type: 'submit' }, 'Open'));
  main.append(el('h1', {}, 'Events'), el('div', { class: 'card' }, form, byId), el('div', { class: 'split' }, results, detail));
  search();
}
