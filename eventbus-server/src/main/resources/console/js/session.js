// The operator's API key and tenant, kept for this browser tab only (sessionStorage), never in a cookie.
const KEY = 'eventbus.apiKey';
const TENANT = 'eventbus.tenant';

export const session = {
  get apiKey() { return sessionStorage.getItem(KEY) || ''; },
  get tenant() { return sessionStorage.getItem(TENANT) || ''; },
  get signedIn() { return sessionStorage.getItem(TENANT) !== null; },
  signIn(apiKey, tenant) {
    sessionStorage.setItem(KEY, apiKey);
    sessionStorage.setItem(TENANT, tenant);
  },
  setTenant(tenant) { sessionStorage.setItem(TENANT, tenant); },
  signOut() { sessionStorage.clear(); },
  /** Replays this tab started: the API has no list of them, so the console remembers their ids. */
  get replays() { return JSON.parse(sessionStorage.getItem('eventbus.replays') || '[]'); },
  addReplay(id) { sessionStorage.setItem('eventbus.replays', JSON.stringify([id, ...this.replays].slice(0, 50))); },
};
