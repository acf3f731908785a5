// Reads GET /events/stream with fetch rather than EventSource, which cannot send the API key
// header. Like EventSource it reconnects after the stream ends, resuming after the last event id
// (the server's stream_end message, sent to a client that fell behind, ends it the same way).
import { authHeaders } from './api.js';
import { ApiError } from './api.js';

const RETRY_MS = 1000;

export function openStream(path, { onEvent, onStatus, onError }) {
  let lastId = null;
  let stopped = false;
  let controller = null;

  async function connect() {
    controller = new AbortController();
    const url = lastId === null ? path : `${path}&after=${encodeURIComponent(lastId)}`;
    try {
      const response = await fetch(url, { headers: { ...authHeaders(), Accept: 'text/event-stream' }, signal: controller.signal });
      if (!response.ok) {
        const body = await response.json().catch(() => null);
        throw new ApiError(response.status, body);
      }
      onStatus('connected');
      await read(response.body.getReader());
      if (!stopped) onStatus('reconnecting');
    } catch (e) {
      if (stopped) return;
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429) {
        onError(e);
        onStatus('stopped');
        return;
      }
      onStatus('reconnecting');
    }
    if (!stopped) setTimeout(connect, RETRY_MS);
  }

  async function read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    let message = { id: null, event: null, data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (message.data.length) dispatch(message);
          message = { id: null, event: null, data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') message.id = val;
          else if (field === 'event') message.event = val;
          else if (field === 'data') message.data.push(val);
        }
      }
    }
  }

  function dispatch(message) {
    const data = JSON.parse(message.data.join('\n'));
    if (message.event === 'stream_end') {
      onStatus(`ended by the server: ${data.message}`);
      return;
    }
    if (message.id !== null) lastId = message.id;
    onEvent(data);
  }

  connect();
  return {
    close() {
      stopped = true;
      if (controller) controller.abort();
    },
  };
}
