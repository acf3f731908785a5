// The console's shell: sign-in, navigation between pages (#/name), and the tenant switch.
import { session } from './session.js';
import { get } from './api.js';
import { el, guarded, clearError, showError } from './ui.js';
import overview from './pages/overview.js';
import tail from './pages/tail.js';
import events from './pages/events.js';
import subscriptions from './pages/subscriptions.js';
import deadLetters from './pages/dead-letters.js';
import replays from './pages/replays.js';

const PAGES = { overview, tail, events, subscriptions, 'dead-letters': deadLetters, replays };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let leave = null;

function signInPage(main) {
  const key = el('input', { id: 'api-key', type: 'password', autocomplete: 'off', placeholder: 'empty when the server runs without keys' });
  const tenant = el('input', { id: 'tenant', required: true, spellcheck: 'false', placeholder: '550e8400-e29b-41d4-a716-446655440000' });
  const form = el('form', {
    onsubmit: async (e) => {
      e.preventDefault();
      if (!UUID.test(tenant.value.trim())) {
        showError('The tenant id must be a UUID, such as 550e8400-e29b-41d4-a716-446655440000.');
        return;
      }
      session.signIn(key.value.trim(), tenant.value.trim());
      // Checks the key on a call it must be allowed, so a wrong key is reported here, not on every page.
      const ok = await guarded(() => get(`/subscriptions?tenant_id=${session.tenant}`));
      if (ok === undefined) { session.signOut(); return; }
      location.hash = '#/overview';
      route();
    },
  },
  el('label', {}, 'API key (X-API-Key): a tenant key, or a platform key for every tenant', key),
  el('label', {}, 'Tenant id', tenant),
  el('button', { class: 'primary', type: 'submit', id: 'sign-in' }, 'Sign in'));
  main.replaceChildren(el('div', { class: 'card login' }, el('h1', {}, 'Sign in'),
    el('p', {}, 'The key stays in this tab only (session storage) and is sent with every call to the API.'), form));
  key.focus();
}

function route() {
  if (leave) { leave(); leave = null; }
  clearError();
  const main = document.getElementById('main');
  const signedIn = session.signedIn;
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (!signedIn) { signInPage(main); return; }
  document.getElementById('tenant-switch').value = session.tenant;
  const name = (location.hash.match(/^#\/([a-z-]+)/) || [])[1] || 'overview';
  const page = PAGES[name] || overview;
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === `#/${name}`) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  main.replaceChildren();
  leave = page(main) || null;
  main.focus();
}

document.getElementById('logout').addEventListener('click', () => { session.signOut(); location.hash = ''; route(); });
document.getElementById('tenant-switch').addEventListener('change', (e) => {
  const value = e.target.value.trim();
  if (!UUID.test(value)) { showError('The tenant id must be a UUID.'); return; }
  session.setTenant(value);
  route();
});
window.addEventListener('hashchange', route);
route();
