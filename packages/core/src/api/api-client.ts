import type { Problem } from '@fs-widgets/contract';
import { ApiError } from './api-error.js';

export type SearchParams = Record<string, string | number | boolean | undefined>;

export interface GetOptions {
  searchParams?: SearchParams;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Authorization` for an agent's reads). */
  headers?: Record<string, string>;
  /**
   * The browser's HTTP cache mode. `no-cache` revalidates (ETag, a cheap 304) instead of taking a
   * public answer's cached copy: an editor reading back what it just wrote.
   */
  cache?: RequestCache;
}

export interface PostOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** The request's full URL: also the key of the offline cache. */
export function requestUrl(base: string, path: string, searchParams?: SearchParams): string {
  const url = new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`, document.baseURI);
  for (const [key, value] of Object.entries(searchParams ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.href;
}

/** A GET in flight, shared by every caller asking for the same thing meanwhile. */
interface SharedGet {
  /** The answer's text: each caller parses its own copy, so no widget sees another's changes. */
  text: Promise<string>;
  abort: AbortController;
  callers: number;
}

/**
 * The GETs in flight, by URL and headers, whichever client (element) sent them: four
 * cards of one site on a page make one request. Only while in flight: never a cache (the
 * browser's HTTP cache and the offline copy are the caches).
 */
const inFlight = new Map<string, SharedGet>();

/**
 * The only way widgets talk to the server. GETs time out after 10 s and are retried twice on
 * network failures and 408/429/502/503/504 (reads are safe to repeat); errors come back as
 * `ApiError` with a kind each widget designs a state for. Identical GETs made at the same time
 * (several widgets of one page showing the same site) share one request.
 */
export class ApiClient {
  constructor(
    readonly base: string,
    private readonly timeoutMs = 10_000,
  ) {}

  url(path: string, searchParams?: SearchParams): string {
    return requestUrl(this.base, path, searchParams);
  }

  async get<T>(path: string, options: GetOptions = {}): Promise<T> {
    const url = this.url(path, options.searchParams);
    const headers = { accept: 'application/json', ...options.headers };
    const { signal, cache } = options;
    // A read that must bypass the HTTP cache (an editor reading back its write) wants an answer
    // newer than the call, not one already on its way: it is never shared.
    if (cache && cache !== 'default') return parse<T>(await this.#fetchText(url, headers, signal, cache));
    if (signal?.aborted) throw abortReason(signal);
    const key = JSON.stringify([url, this.timeoutMs, headers]);
    let shared = inFlight.get(key);
    if (!shared) {
      const abort = new AbortController();
      const text = this.#fetchText(url, headers, abort.signal);
      const entry: SharedGet = { text, abort, callers: 0 };
      const forget = () => {
        if (inFlight.get(key) === entry) inFlight.delete(key);
      };
      text.then(forget, forget);
      inFlight.set(key, entry);
      shared = entry;
    }
    const entry = shared;
    entry.callers++;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortReason(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return parse<T>(await Promise.race([entry.text, aborted]));
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // The last caller gone before the answer: nobody waits for it any more.
      if (--entry.callers === 0 && signal?.aborted) {
        if (inFlight.get(key) === entry) inFlight.delete(key);
        entry.abort.abort();
      }
    }
  }

  /**
   * One GET on the network, its answer as text, its errors as `ApiError`s: each attempt times
   * out after `timeoutMs`; a network failure or a 408/429/502/503/504 is tried again, twice at
   * most, after 0.3 s then 0.6 s (or the server's `Retry-After`, when it asks for 2 s or less; a
   * longer wait is not retried: the widget says so instead of hanging). A timeout is not retried.
   */
  async #fetchText(url: string, headers: Record<string, string>, signal: AbortSignal | undefined, cache?: RequestCache): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      let delayMs = 300 * 2 ** attempt;
      try {
        return await this.#attempt(url, { headers, ...(cache ? { cache } : {}) }, signal, (response) => response.text());
      } catch (err) {
        if (signal?.aborted) throw abortReason(signal);
        const status = err instanceof HttpStatusError ? err.response.status : undefined;
        const retryable = status === undefined ? err instanceof TypeError : RETRY_STATUSES.includes(status);
        if (status !== undefined && retryable) {
          const asked = retryAfter(err instanceof HttpStatusError ? err.response.headers.get('retry-after') : null);
          if (asked !== undefined) delayMs = asked * 1000;
        }
        if (attempt >= RETRIES || !retryable || delayMs > MAX_RETRY_DELAY_MS) throw await toApiError(err, signal);
      }
      await wait(delayMs, signal);
    }
  }

  /**
   * One request: `read` gets the answer of a 2xx; any other status rejects with an
   * `HttpStatusError`; `timeoutMs` (reading the body included) with a `RequestTimeout`; the
   * caller's `signal` with its reason.
   */
  async #attempt<T>(url: string, init: RequestInit, signal: AbortSignal | undefined, read: (response: Response) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const timeout = new RequestTimeout();
    const timer = setTimeout(() => controller.abort(timeout), this.timeoutMs);
    const cancel = () => controller.abort(abortReason(signal!));
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      if (signal?.aborted) throw abortReason(signal);
      const response = await fetch(url, { ...init, signal: controller.signal });
      if (!response.ok) throw new HttpStatusError(response);
      return await read(response);
    } catch (err) {
      throw controller.signal.reason === timeout ? timeout : err;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
    }
  }

  /**
   * POSTs `body` as JSON and reads the JSON answer. Never retried here: a write is retried by
   * its owner (the outbox), which knows whether repeating it is safe (idempotency keys). Same
   * timeout and same `ApiError`s as `get`; a 429 also carries `retryAfterSeconds`.
   */
  async post<T>(path: string, body: unknown, options: PostOptions = {}): Promise<T> {
    return this.#write<T>('POST', path, body, options);
  }

  /** PATCHes `body` as JSON: same rules as `post` (never retried here). */
  async patch<T>(path: string, body: unknown, options: PostOptions = {}): Promise<T> {
    return this.#write<T>('PATCH', path, body, options);
  }

  /** PUTs `body` as JSON (replaces a resource): same rules as `post` (never retried here). */
  async put<T>(path: string, body: unknown, options: PostOptions = {}): Promise<T> {
    return this.#write<T>('PUT', path, body, options);
  }

  /** DELETEs a resource (the answer, usually 204, has no body): same rules as `post`. */
  async delete(path: string, options: PostOptions = {}): Promise<void> {
    await this.#write<unknown>('DELETE', path, undefined, options);
  }

  async #write<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown, options: PostOptions): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await this.#attempt(
        this.url(path),
        { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
        options.signal,
        async (response) => (method === 'DELETE' ? (undefined as T) : parse<T>(await response.text())),
      );
    } catch (err) {
      throw await toApiError(err, options.signal);
    }
  }
}

/** Statuses worth trying a GET again for: the server or a proxy asks for a moment. */
const RETRY_STATUSES = [408, 429, 502, 503, 504];
const RETRIES = 2;
/** A server asking to wait longer than this is not waited for: the widget shows its error state. */
const MAX_RETRY_DELAY_MS = 2000;

/** An answer that is not a 2xx. */
class HttpStatusError extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}

/** An attempt that took longer than the client's timeout. */
class RequestTimeout extends Error {}

/** Resolves after `ms`, or rejects with the signal's reason when the caller cancels meanwhile. */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', done);
      resolve();
    }, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function toApiError(err: unknown, signal?: AbortSignal): Promise<unknown> {
  if (signal?.aborted) return err; // the caller cancelled: not an error to show
  if (err instanceof HttpStatusError) {
    const status = err.response.status;
    const body: unknown = await err.response.json().catch(() => undefined);
    const problem = isProblem(body) ? body : undefined;
    const message = problem?.detail ?? `HTTP ${status}`;
    if (status === 404) return new ApiError('not-found', message, status, problem);
    if (status >= 500) return new ApiError('server', message, status, problem);
    if (status === 429) return new ApiError('invalid', message, status, problem, retryAfter(err.response.headers.get('retry-after')));
    return new ApiError('invalid', message, status, problem);
  }
  if (err instanceof RequestTimeout) return new ApiError('timeout', 'The server did not answer in time');
  // fetch rejects with a TypeError when there is no answer at all (offline, refused, CORS).
  if (err instanceof TypeError) return new ApiError('offline', 'The server cannot be reached');
  return err;
}

/** `Retry-After` in seconds: either a number of seconds or an HTTP date. */
function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** What a cancelled call rejects with, as `fetch` does: the signal's reason. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** A JSON answer (an empty body reads as ''). */
function parse<T>(text: string): T {
  return (text === '' ? '' : JSON.parse(text)) as T;
}

function isProblem(data: unknown): data is Problem {
  return typeof data === 'object' && data !== null && 'status' in data && 'title' in data;
}
