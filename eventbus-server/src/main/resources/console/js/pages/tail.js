// Live tail: the tenant's events as they are dispatched (GET /events/stream), filtered by type on
// the server and by subject here; pause keeps collecting without redrawing.
import { openStream } from '../sse.js';
import { query } from '../api.js';
import { el, empty, table, row, cell, time, list, showError } from '../ui.js';
import { session } from '../session.js';
import { eventDetail } from './detail.js';

const KEPT = 500;

export default function tail(main) {
  const types = el('input', { id: 'tail-types', placeholder: 'lead.created, lead.qualified' });
  const subject = el('input', { id: 'tail-subject', placeholder: 'subject contains…' });
  const pause = el('button', { id: 'tail-pause', type: 'button', 'aria-pressed': 'false' }, 'Pause');
  const status = el('span', { class: 'status-line', id: 'tail-status', role: 'status' }, 'connecting…');
  const rows = el('div', { id: 'tail-rows' });
  const detail = el('div', { id: 'tail-detail' });
  let events = [];
  let paused = false;
  let missed = 0;
  let stream = null;
  // When each event reached the page (epoch ms, on its row): what "appears within a second" is measured by.
  const receivedAt = new Map();

  function connect() {
    if (stream) stream.close();
    events = [];
    render();
    const path = `/events/stream${query({ tenant_id: session.tenant, event_types: list(types.value).join(',') })}`;
    stream = openStream(path, {
      onEvent: (event) => {
        receivedAt.set(event.id, Date.now());
        events.unshift(event);
        for (const dropped of events.splice(KEPT)) receivedAt.delete(dropped.id);
        if (paused) { missed++; pause.textContent = `Resume (${missed} new)`; } else render();
      },
      onStatus: (s) => { status.textContent = s; },
      onError: showError,
    });
  }

  function render() {
    const needle = subject.value.trim();
    const shown = events.filter((e) => !needle || (e.subject || '').includes(needle));
    rows.replaceChildren(shown.length ? table(['Time', 'Type', 'Subject', { label: 'Position', optional: true }],
      shown.map((e) => row([cell(time(e.time || e.timestamp)), cell(e.event_type), cell(e.subject || '—', 'mono'), cell(e.position, 'optional')],
        () => eventDetail(detail, e), { 'data-event-id': e.id, 'data-received-at': receivedAt.get(e.id) })))
      : empty(events.length ? 'No event matches the subject filter.'
        : 'Waiting for events. Publish one (POST /events/publish, or "Send test event" on Subscriptions) and it appears here.'));
  }

  const form = el('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); connect(); } },
    el('label', {}, 'Event types (comma-separated, empty for all)', types),
    el('button', { type: 'submit' }, 'Apply types'),
    el('label', {}, 'Subject', subject), pause, status);
  subject.addEventListener('input', render);
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? 'Resume' : 'Pause';
    missed = 0;
    if (!paused) render();
  });
  main.append(el('h1', {}, 'Live tail'), form, el('div', { class: 'split' }, rows, detail));
  connect();
  return () => stream && stream.close();
}
