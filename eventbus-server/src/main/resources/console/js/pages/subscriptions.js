// Subscriptions of the tenant: list, create (the secret is shown once), pause, resume, delete,
// and a test event addressed to the subscription's service only (target_services).
import { get, post, del, query } from '../api.js';
import { el, empty, table, row, cell, time, badge, guarded, showError } from '../ui.js';
import { session } from '../session.js';

export default function subscriptions(main) {
  const listBox = el('div', { id: 'subscription-list' });
  const secretBox = el('div', { id: 'secret-box' });
  const f = {
    service: el('input', { id: 'sub-service', required: true, placeholder: 'crm-service' }),
    type: el('input', { id: 'sub-type', required: true, placeholder: 'lead.* or lead.created' }),
    mode: el('select', { id: 'sub-mode' }, el('option', { value: 'webhook' }, 'webhook'), el('option', { value: 'pull' }, 'pull')),
    url: el('input', { id: 'sub-url', type: 'url', placeholder: 'https://receiver.example/hooks', size: 32 }),
    attempts: el('input', { id: 'sub-attempts', type: 'number', min: 1, max: 100, placeholder: 'server default' }),
    format: el('select', { id: 'sub-format' }, el('option', { value: 'eventbus' }, 'eventbus'), el('option', { value: 'cloudevents' }, 'cloudevents')),
  };
  f.mode.addEventListener('change', () => { f.url.disabled = f.mode.value === 'pull'; });

  async function create(e) {
    e.preventDefault();
    const body = { tenant_id: session.tenant, service_name: f.service.value.trim(), event_type: f.type.value.trim(),
      delivery_mode: f.mode.value, format: f.format.value };
    if (f.mode.value === 'webhook') body.webhook_url = f.url.value.trim();
    if (f.attempts.value) body.max_attempts = Number(f.attempts.value);
    const created = await guarded(() => post('/events/subscribe', body));
    if (!created) return;
    e.target.reset();
    f.url.disabled = false;
    secretBox.replaceChildren(el('div', { class: 'notice', role: 'status' },
      el('strong', {}, 'Subscription created. '), 'Its signing secret is shown this once; store it now: ',
      el('code', { class: 'mono', id: 'new-secret' }, created.secret), ' ',
      el('button', { type: 'button', onclick: () => secretBox.replaceChildren() }, 'I stored it')));
    load();
  }

  async function act(action, sub) {
    const id = sub.subscription_id;
    if (action === 'delete' && !confirm(`Delete subscription ${id} (${sub.service_name})? Its pending deliveries are dropped.`)) return;
    const done = await guarded(() => action === 'delete' ? del(`/subscriptions/${id}`) : post(`/subscriptions/${id}/${action}`));
    if (done) load();
  }

  async function sendTest(sub) {
    let type = sub.event_type;
    if (type.includes('*')) {
      type = prompt(`Event type to send (must match ${sub.event_type})`, type.replace('*', 'test'));
      if (!type) return;
    }
    const receipt = await guarded(() => post('/events/publish', {
      event_type: type, tenant_id: session.tenant, source_service: 'eventbus-console',
      target_services: [sub.service_name], data: { test: true, sent_from: 'console' } }));
    if (receipt) {
      secretBox.replaceChildren(el('div', { class: 'notice', role: 'status', id: 'test-sent' },
        `Test event ${receipt.event_id} published to ${sub.service_name} only. Watch it on the live tail or dead letters.`));
    }
  }

  async function load() {
    const answer = await guarded(() => get(`/subscriptions${query({ tenant_id: session.tenant })}`));
    if (!answer) return;
    const subs = answer.subscriptions;
    listBox.replaceChildren(subs.length ? table(['Service', 'Event type', 'Mode', 'Status', { label: 'Target', optional: true },
      { label: 'Created', optional: true }, 'Id', 'Actions'], subs.map((s) => row([
      cell(s.service_name), cell(s.event_type), cell(s.delivery_mode || s.mode), cell(badge(s.status)),
      cell(s.webhook_url || '—', 'mono optional'), cell(time(s.created_at), 'optional'), cell(s.subscription_id, 'mono'),
      cell(el('div', { class: 'actions' },
        s.status === 'active'
          ? el('button', { type: 'button', onclick: () => act('pause', s) }, 'Pause')
          : el('button', { type: 'button', onclick: () => act('resume', s) }, 'Resume'),
        el('button', { type: 'button', onclick: () => sendTest(s) }, 'Send test event'),
        el('a', { href: `#/dead-letters?subscription_id=${s.subscription_id}` }, 'Dead letters'),
        el('button', { type: 'button', class: 'danger', onclick: () => act('delete', s) }, 'Delete')))],
      null, { 'data-subscription-id': s.subscription_id })))
      : empty('No subscription yet. Create a webhook (the bus POSTs each event to your URL) or a pull subscription (your service polls) with the form above.'));
  }

  main.append(el('h1', {}, 'Subscriptions'),
    el('div', { class: 'card' }, el('h2', {}, 'New subscription'),
      el('form', { class: 'inline', id: 'subscribe-form', onsubmit: create },
        el('label', {}, 'Service name', f.service), el('label', {}, 'Event type', f.type), el('label', {}, 'Delivery', f.mode),
        el('label', {}, 'Webhook URL', f.url), el('label', {}, 'Max attempts', f.attempts), el('label', {}, 'Format', f.format),
        el('button', { class: 'primary', type: 'submit', id: 'subscribe' }, 'Create')),
      el('p', { class: 'status-line' }, 'Delivery success rate and latency per subscription are not in the HTTP API yet; the Overview shows them for the whole server.')),
    secretBox, listBox);
  load();
}
