// Dead letters: filter, inspect every attempt, redrive one or every one matching the filter, discard.
import { get, post, del, query } from '../api.js';
import { el, empty, table, row, cell, time, guarded } from '../ui.js';
import { session } from '../session.js';
import { attemptsTable, eventDetail } from './detail.js';

export default function deadLetters(main) {
  const preset = new URLSearchParams(location.hash.split('?')[1] || '');
  const f = {
    subscription: el('input', { id: 'dl-subscription', placeholder: 'subscription id', size: 36, value: preset.get('subscription_id') || '' }),
    type: el('input', { id: 'dl-type', placeholder: 'lead.created' }),
  };
  const listBox = el('div', { id: 'dead-letter-list' });
  const detail = el('div', { id: 'dead-letter-detail' });
  const result = el('div', { id: 'dl-result', role: 'status' });
  const cursors = [];

  const filter = () => ({ tenant_id: session.tenant, subscription_id: f.subscription.value.trim() || undefined,
    event_type: f.type.value.trim() || undefined });

  async function load(after) {
    const page = await guarded(() => get(`/dead-letters${query({ ...filter(), after, limit: 100 })}`));
    if (!page) return;
    listBox.replaceChildren(page.dead_letters.length
      ? table(['Created', 'Event type', 'Attempts', 'Last error', { label: 'Subscription', optional: true }, 'Actions'],
        page.dead_letters.map((d) => row([cell(time(d.created_at)), cell(d.event_type), cell(d.attempts),
          cell(lastError(d), 'mono'), cell(d.subscription_id, 'mono optional'),
          cell(el('div', { class: 'actions' },
            el('button', { type: 'button', class: 'redrive', onclick: (e) => { e.stopPropagation(); redrive(d); } }, 'Redrive'),
            el('button', { type: 'button', class: 'danger', onclick: (e) => { e.stopPropagation(); discard(d); } }, 'Discard')))],
        () => inspect(d), { 'data-dead-letter-id': d.id, 'data-event-id': d.event_id })))
      : empty('No dead letters here. A delivery becomes one after its last failed attempt; redriven ones leave this list.'),
    el('div', { class: 'toolbar' },
      cursors.length ? el('button', { type: 'button', onclick: () => { cursors.pop(); load(cursors.at(-1)); } }, 'Previous page') : '',
      page.next_cursor !== null ? el('button', { type: 'button', onclick: () => { cursors.push(page.next_cursor); load(page.next_cursor); } }, 'Next page') : ''));
  }

  function lastError(d) {
    const last = (d.attempt_log || []).at(-1);
    return last ? (last.error || `HTTP ${last.status_code}`) : '—';
  }

  const eventBox = el('div');

  async function inspect(d) {
    eventBox.replaceChildren();
    const letter = await guarded(() => get(`/dead-letters/${d.id}`));
    if (letter) detail.replaceChildren(el('div', { class: 'card' }, el('h2', {}, `Dead letter of ${letter.event_type}`),
      el('div', { class: 'status-line' }, 'Event ', el('span', { class: 'mono' }, letter.event_id), ' ',
        el('button', { type: 'button', onclick: () => eventDetail(eventBox, letter.event_id) }, 'Show event')),
      attemptsTable(letter), eventBox));
  }

  async function redrive(d) {
    const answer = await guarded(() => post(`/dead-letters/${d.id}/redrive`));
    if (answer) { result.replaceChildren(el('div', { class: 'notice' }, `Redriven: ${answer.redriven}. It is due for delivery now.`)); detail.replaceChildren(); load(); }
  }

  async function discard(d) {
    if (!confirm(`Discard the dead letter of event ${d.event_id}? It is not delivered again.`)) return;
    const answer = await guarded(() => del(`/dead-letters/${d.id}`));
    if (answer) { result.replaceChildren(el('div', { class: 'notice' }, `Discarded: ${answer.discarded}.`)); detail.replaceChildren(); load(); }
  }

  async function redriveAll() {
    const body = filter();
    if (!confirm('Redrive every dead letter matching the filter (up to 1000)?')) return;
    const answer = await guarded(() => post('/dead-letters/redrive', JSON.parse(JSON.stringify(body))));
    if (answer) { result.replaceChildren(el('div', { class: 'notice' }, `Redriven: ${answer.redriven}.`)); load(); }
  }

  main.append(el('h1', {}, 'Dead letters'),
    el('div', { class: 'card' }, el('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); cursors.length = 0; load(); } },
      el('label', {}, 'Subscription', f.subscription), el('label', {}, 'Event type', f.type),
      el('button', { class: 'primary', type: 'submit' }, 'Filter'),
      el('button', { type: 'button', id: 'redrive-all', onclick: redriveAll }, 'Redrive all matching'))),
    result, el('div', { class: 'split' }, listBox, detail));
  load();
}
