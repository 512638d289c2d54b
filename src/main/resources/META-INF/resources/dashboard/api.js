// Reads and writes through the lab's documented REST API.
import { useEffect, useState } from 'htm/preact/standalone';

/** An answer other than 2xx; `details` are the API's reasons (400s name every invalid field). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.details = body && Array.isArray(body.details) ? body.details : [];
  }
}

async function call(path, init) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, ...init });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    body = { error: text };
  }
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

export const getJson = (path) => call(path);

export const postJson = (path, value) =>
  call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(value) });

/**
 * Runs `load` (a function returning a promise) now and then every `intervalMs` (once when 0); it starts over
 * whenever `key` changes, and a null `load` loads nothing. Returns {data, error, at}: the last answer, the last
 * failure (cleared by a success) and when it came.
 */
export function useLoad(load, key, intervalMs) {
  const [state, setState] = useState({ data: null, error: null, at: null });
  useEffect(() => {
    setState({ data: null, error: null, at: null });
    if (!load) {
      return undefined;
    }
    let current = true;
    const read = () => load().then(
      (data) => current && setState({ data, error: null, at: new Date() }),
      (error) => current && setState((s) => ({ data: s.data, error, at: new Date() })));
    read();
    const timer = intervalMs > 0 ? setInterval(read, intervalMs) : null;
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [key, intervalMs]);
  return state;
}

/** GETs `path` as {@link useLoad} does; a null path reads nothing. */
export const usePoll = (path, intervalMs) => useLoad(path && (() => getJson(path)), path, intervalMs);
