// Replays: start one for a subscription by event type and time range, and watch its progress.
import { get, post, query } from '../api.js';
import { el, empty, table, row, cell, time, badge, list, instant, guarded } from '../ui.js';
import { session } from '../session.js';

export default function replays(main) {
  const f = {
    subscription: el('select', { id: 'replay-subscription', required: true }),
    types: el('input', { id: 'replay-types', placeholder: 'lead.created (empty: every type it matches)' }),
    from: el('input', { id: 'replay-from', type: 'datetime-local', step: 1 }),
    to: el('input', { id: 'replay-to', type: 'datetime-local', step: 1 }),
  };
  const jobs = el('div', { id: 'replay-list' });

  async function loadSubscriptions() {
    const answer = await guarded(() => get(`/subscriptions${query({ tenant_id: session.tenant })}`));
    if (!answer) return;
    f.subscription.replaceChildren(...answer.subscriptions.map((s) =>
      el('option', { value: s.subscription_id }, `${s.service_name} · ${s.event_type} · ${s.subscription_id.slice(0, 8)}`)));
    if (!answer.subscriptions.length) f.subscription.append(el('option', { value: '' }, 'no subscription: create one first'));
  }

  async function start(e) {
    e.preventDefault();
    const body = { tenant_id: session.tenant, event_types: list(f.types.value), from_time: instant(f.from.value), to_time: instant(f.to.value) };
    const job = await guarded(() => post(`/subscriptions/${f.subscription.value}/replay`, body));
    if (job) { session.addReplay(job.replay_id); refresh(); }
  }

  async function refresh() {
    const ids = session.replays;
    if (!ids.length) {
      jobs.replaceChildren(empty('No replay started from this tab yet. Pick a subscription and a range above; the stored events are delivered to it again, marked as replayed.'));
      return;
    }
    const found = await guarded(() => Promise.all(ids.map((id) => get(`/replays/${id}`).catch((err) => ({ replay_id: id, state: 'unknown', error: err.message })))));
    if (!found) return;
    jobs.replaceChildren(table(['Replay', 'State', 'Scanned', 'Queued', 'Started', 'Finished', { label: 'Types', optional: true }],
      found.map((j) => row([cell(j.replay_id, 'mono'), cell(j.error ? [badge(j.state), ' ', j.error] : badge(j.state)),
        cell(j.events_scanned ?? '—'), cell(j.deliveries_queued ?? '—'), cell(time(j.started_at)), cell(time(j.finished_at)),
        cell(((j.request && j.request.event_types) || []).join(', ') || 'all', 'optional')], null, { 'data-replay-id': j.replay_id }))));
  }

  main.append(el('h1', {}, 'Replays'),
    el('div', { class: 'card' }, el('form', { class: 'inline', id: 'replay-form', onsubmit: start },
      el('label', {}, 'Subscription', f.subscription), el('label', {}, 'Event types', f.types),
      el('label', {}, 'From (your time zone)', f.from), el('label', {}, 'To', f.to),
      el('button', { class: 'primary', type: 'submit', id: 'replay-start' }, 'Start replay'))),
    jobs);
  loadSubscriptions();
  refresh();
  const timer = setInterval(refresh, 1000);
  return () => clearInterval(timer);
}
