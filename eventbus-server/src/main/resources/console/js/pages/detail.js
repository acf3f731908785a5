// One event: its JSON and the delivery attempts the API can show (its dead letters, each with every attempt).
import { get } from '../api.js';
import { el, json, empty, table, row, cell, time, badge, guarded } from '../ui.js';
import { session } from '../session.js';

export async function eventDetail(container, eventOrId) {
  container.replaceChildren(el('p', { class: 'status-line' }, 'Loading…'));
  await guarded(async () => {
    const event = typeof eventOrId === 'string'
      ? await get(`/events/${session.tenant}/${eventOrId}`) : eventOrId;
    const letters = await deadLettersOf(event);
    container.replaceChildren(el('div', { class: 'card', id: 'event-detail' },
      el('h2', {}, `${event.event_type} `, el('span', { class: 'mono' }, event.id)),
      el('div', { class: 'status-line' }, 'Published ', time(event.time || event.timestamp), ` · position ${event.position}`),
      json(event),
      el('h2', {}, 'Dead letters of this event'),
      letters.length ? letters.map(attemptsTable)
        : empty('No delivery of this event is a dead letter. Successful and pending deliveries are not listed by the API.')));
  });
}

/** Dead letters of one event: listed by its tenant and type, then picked by event id. */
async function deadLettersOf(event) {
  const page = await get(`/dead-letters?tenant_id=${session.tenant}&event_type=${encodeURIComponent(event.event_type)}&limit=1000`);
  return page.dead_letters.filter((d) => d.event_id === event.id);
}

export function attemptsTable(letter) {
  return el('div', { class: 'attempts' },
    el('div', { class: 'status-line' }, 'Subscription ', el('span', { class: 'mono' }, letter.subscription_id), ' ', badge(letter.status)),
    (letter.attempt_log || []).length
      ? table(['Attempt', 'At', 'Status', 'Error', 'Duration'], letter.attempt_log.map((a, i) => row([
        cell(i + 1), cell(time(a.at)), cell(a.status_code || '—'), cell(a.error || '', 'mono'), cell(`${a.duration_ms} ms`)])))
      : empty('No attempt was recorded.'));
}
