// Calls the server's own HTTP API with the operator's key: the console has no other access.
import { session } from './session.js';

/** An answer other than 2xx: carries the server's JSON error (code, message, field). */
export class ApiError extends Error {
  constructor(status, body) {
    const message = body && body.message ? body.message : `HTTP ${status}`;
    super(body && body.field ? `${message} (field ${body.field})` : message);
    this.status = status;
    this.code = body && body.error;
    this.body = body;
  }
}

export function authHeaders() {
  return session.apiKey ? { 'X-API-Key': session.apiKey } : {};
}

export async function api(method, path, body) {
  const headers = { ...authHeaders(), Accept: 'application/json' };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { message: `the server could not be reached (${e.message})` });
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { message: text.slice(0, 300) }; }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const del = (path) => api('DELETE', path);

/** Query string from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
