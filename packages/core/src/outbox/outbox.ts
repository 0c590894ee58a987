/**
 * The offline outbox: every write a widget makes (a satisfaction answer, a démarche event…)
 * goes through it, so that a tablet at a counter that loses the network loses nothing.
 *
 * Guarantees:
 * - **Persisted before any network attempt.** `enqueue` writes the entry to IndexedDB (store
 *   `outbox` of the `fs-widgets` database) and only then tries to send it: an answer is never
 *   only in memory, and survives reloads, crashes and browser restarts. The one exception is a
 *   browser where IndexedDB cannot be used at all (storage disabled): entries are then kept in
 *   memory for the life of the page (still sent) and moved to IndexedDB if it comes back.
 * - **At-least-once delivery.** An entry leaves the queue only when the server answered 2xx.
 *   A network failure, a timeout, a 5xx, a 404 (route missing: a configuration to fix), a 408 or
 *   a 429 keeps it, to be sent again with
 *   exponential backoff (2 s × 2^attempts, at most 5 min, ±20 % jitter; for a 429 never before
 *   the server's `Retry-After`). Sending resumes on the `online` event, when the page becomes
 *   visible, when the page loads (an `Outbox` is created) and on a timer for the next due entry;
 *   and as soon as the server takes an entry, the entries backed off after a network failure, a
 *   timeout or a 5xx go too (they were waiting for the network or the server, which are back).
 *   The others (a 429 and its `Retry-After`, a 404, a 408) still wait their turn.
 * - **Exactly-once counting.** Because an entry may be sent more than once (an answer lost on
 *   the way back, two tabs, a timeout after the server stored it), every entry carries a
 *   client-made idempotency key (`newIdempotencyKey()`); the server stores one record per key
 *   and answers a repeat with 200 `duplicate: true`, which the outbox treats as delivered.
 * - **Rejected entries are kept, never retried, never silently dropped.** A 4xx other than
 *   404/408/429 means the server will never accept this body (validation: 400/422, too old, …):
 *   the entry stays in the store with `rejectedAt` and the server's problem, is no longer
 *   pending, is counted apart (`rejected` in the counts) and listed by `rejected()` for an agent
 *   screen, which may `retryRejected()` or `discardRejected()` it.
 *
 * One sender at a time per origin: a flush runs under the Web Lock `fs-widgets-outbox`
 * (`ifAvailable`, so a tab never waits behind another; it checks again a moment later, as
 * eagerly as it was asked: an `online` wake-up stays one), or an in-tab flag where Web Locks
 * are missing. This is only to avoid useless traffic: two tabs sending the same entry would be
 * harmless, since the server dedupes by key.
 */
import { ProblemType } from '@fs-widgets/contract/codes';
import { ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/api-client.js';
import type { StoredOutboxEntry } from '../storage/widget-database.js';
import { outboxStore as store } from './outbox-store.js';

export type OutboxEntry<B = unknown> = StoredOutboxEntry<B>;

export interface OutboxCounts {
  /** Entries waiting to be sent (all kinds). */
  pending: number;
  /** Entries the server refused for good, kept for an agent to see. */
  rejected: number;
  /** Pending entries per kind (kinds with none are absent). */
  pendingByKind: Record<string, number>;
}

export interface FlushResult {
  /** Delivered (2xx, including 200 `duplicate: true`) and removed from the queue. */
  sent: number;
  /** Failed this time (network, timeout, 5xx, 404, 408, 429): kept, backed off. */
  failed: number;
  /** Refused for good (a 4xx other than 404, 408, 429): moved to the rejected entries. */
  rejected: number;
}

export type OutboxListener = (counts: OutboxCounts) => void;

export interface OutboxOptions {
  /**
   * Flush by itself (on load, `online`, page visible, timer, changes in other tabs). Default
   * true; tests turn it off to drive `flush()` by hand.
   */
  auto?: boolean;
}

const LOCK_NAME = 'fs-widgets-outbox';
const CHANNEL_NAME = 'fs-widgets-outbox';
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/** A Retry-After beyond this is read as this (a misconfigured server must not park answers for days). */
const RETRY_AFTER_MAX_MS = 60 * 60_000;
/** When another tab is sending, look again after about this long. */
const BUSY_RETRY_MS = 1_000;
/** While the browser says it is offline, check again this often (besides the `online` event). */
const OFFLINE_RECHECK_MS = 60_000;
/**
 * An entry whose credentials this page cannot give (no resolver, no token stored) is looked at
 * again after this long: a token may be pasted meanwhile. Another page that has them sends it sooner.
 */
const CREDENTIALS_RECHECK_MS = 10_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

const NOTHING: FlushResult = { sent: 0, failed: 0, rejected: 0 };

// In its own module: a widget that writes without the outbox (the booking widget) needs the key, not the queue.
export { newIdempotencyKey } from './idempotency-key.js';

/**
 * How long to wait before attempt number `attempts + 1`, after `attempts` failed ones (≥ 1):
 * 2 s × 2^(attempts − 1), ±20 % jitter (so tablets coming back together do not all call at
 * once), at most 5 min; never less than the server's Retry-After when it gave one.
 */
export function backoffDelay(attempts: number, retryAfterSeconds?: number, random: () => number = Math.random): number {
  const exponential = BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1);
  const jittered = Math.min(BACKOFF_MAX_MS, exponential * (0.8 + 0.4 * random()));
  const floor = retryAfterSeconds === undefined ? 0 : Math.min(RETRY_AFTER_MAX_MS, retryAfterSeconds * 1000);
  return Math.round(Math.max(jittered, floor));
}

/**
 * The absolute form of an API base: entries of the same server share one queue. An `api` that
 * is no URL (`http://%`) keeps its own queue, whose sends fail like an unreachable server's.
 */
function absoluteBase(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  return URL.canParse(trimmed, document.baseURI) ? new URL(trimmed, document.baseURI).href : trimmed;
}

/** Resolves a reference (the part after `scheme:`) into an `Authorization` header value. */
export type OutboxAuthorization = (ref: string) => string | undefined;

const authorizations = new Map<string, OutboxAuthorization>();

/**
 * Lets entries queued with `{ auth: '<scheme>:<ref>' }` be sent with an `Authorization` header:
 * `resolve(ref)` is called at send time, so the queue stores only the reference, never the
 * credentials, and a token replaced meanwhile is the one used. An entry whose scheme has no
 * resolver yet (its widget is not loaded on this page), or whose reference resolves to nothing
 * (no token stored), waits in the queue untouched: it is never sent without its credentials, and
 * is looked at again every `CREDENTIALS_RECHECK_MS` (10 s) or when something else wakes the queue.
 */
export function registerOutboxAuthorization(scheme: string, resolve: OutboxAuthorization): void {
  authorizations.set(scheme, resolve);
}

/** The header for an entry: `{}` without `auth`, `undefined` when it cannot be resolved now. */
function authorizationHeaders(entry: OutboxEntry): Record<string, string> | undefined {
  if (!entry.auth) return {};
  const colon = entry.auth.indexOf(':');
  const resolve = authorizations.get(colon < 0 ? entry.auth : entry.auth.slice(0, colon));
  const value = resolve?.(colon < 0 ? '' : entry.auth.slice(colon + 1));
  return value ? { authorization: value } : undefined;
}

/** Sends an entry by its method; a DELETE answered 404 is done (already removed: an earlier try, another device). */
async function send(
  client: ApiClient,
  entry: OutboxEntry,
  options: { signal: AbortSignal; headers: Record<string, string> },
): Promise<void> {
  if (entry.method === 'PUT') await client.put(entry.path, entry.body, options);
  else if (entry.method === 'DELETE') {
    try {
      await client.delete(entry.path, options);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) throw err;
    }
  } else await client.post(entry.path, entry.body, options);
}

/** In-tab stand-in for the Web Lock when the API is missing. */
let sendingInTab = false;

async function withSenderLock<T>(send: () => Promise<T>): Promise<T | undefined> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) {
    return locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => (lock ? send() : undefined));
  }
  if (sendingInTab) return undefined;
  sendingInTab = true;
  try {
    return await send();
  } finally {
    sendingInTab = false;
  }
}

const unreachable = (entry: OutboxEntry) => entry.lastError?.kind === 'offline' || entry.lastError?.kind === 'timeout';
/** Backed off because of the network or the server, not because of the entry or a rate limit. */
const waitingForTheServer = (entry: OutboxEntry) => unreachable(entry) || entry.lastError?.kind === 'server';

/** True for the answers after which the server will never accept this body. */
/**
 * A refusal for good: a 4xx about the entry itself. A plain 404 is not one: it means the route is not
 * there (a wrong `api` attribute, a server not yet upgraded), which someone will fix, and an
 * answer kept for later is better than one set aside where a kiosk shows nobody. 408 and 429
 * are "not now".
 */
function isRejection(err: unknown): err is ApiError {
  const status = err instanceof ApiError ? err.status : undefined;
  // A 404 about the item itself (removed, perhaps from another device) is a refusal for good.
  if (status === 404 && (err as ApiError).problem?.type === ProblemType.unknownItem) return true;
  return status !== undefined && status >= 400 && status < 500 && ![404, 408, 429].includes(status);
}

/**
 * The queue of writes to one API (one `base`). Use `outboxFor(client)` to get the shared
 * instance of a page; `new Outbox` is for tests and special cases (call `dispose()` after).
 */
export class Outbox {
  /** The absolute API base whose entries this outbox sends. */
  readonly base: string;

  readonly #client: ApiClient;
  /** Each listener with the counts it was last given (as JSON), so it hears only of changes. */
  readonly #listeners = new Map<OutboxListener, string | undefined>();
  readonly #auto: boolean;
  readonly #abort = new AbortController();
  #channel?: BroadcastChannel;
  #timer?: ReturnType<typeof setTimeout>;
  #running?: Promise<FlushResult>;
  #queued?: Promise<FlushResult>;
  #queuedForce = false;
  /** After a failure, the whole queue waits (the server or the network is the problem, not one entry). */
  #pausedUntil = 0;
  /**
   * A flush that found another tab sending is run again at this time, forced if it was: neither
   * put off by a later schedule nor turned into a plain one (an `online` wake-up must not be lost).
   */
  #retry?: { at: number; force: boolean };
  #disposed = false;

  constructor(client: ApiClient, options: OutboxOptions = {}) {
    this.#client = client;
    this.base = absoluteBase(client.base);
    this.#auto = options.auto !== false;
    if (!this.#auto) return;
    const signal = this.#abort.signal;
    // Entries kept from an earlier visit (reload, browser restart) go as soon as the page is up.
    if (document.readyState === 'complete') setTimeout(() => void this.#request(true), 0);
    else window.addEventListener('load', () => void this.#request(true), { once: true, signal });
    window.addEventListener('online', () => void this.#request(true), { signal });
    document.addEventListener(
      'visibilitychange',
      () => {
        if (document.visibilityState === 'visible') void this.#request(true);
      },
      { signal },
    );
    if (typeof BroadcastChannel === 'function') {
      // Another tab (or another outbox of this page) changed the queue: recount, re-arm the timer.
      this.#channel = new BroadcastChannel(CHANNEL_NAME);
      this.#channel.onmessage = (event: MessageEvent<{ base?: string }>) => {
        if (event.data?.base === this.base) void this.#refresh();
      };
    }
  }

  /**
   * Queues a write: stored first, then sent right away if possible. Resolves once stored and
   * after that first attempt (so `pendingKeys()` then says whether it is still waiting). An
   * entry whose key is already queued is left as it is. `auth`: a credentials reference
   * (`scheme:ref`, see `registerOutboxAuthorization`) resolved into a header at send time.
   * `method`: PUT or DELETE for an edit or a removal of an existing row (see `StoredOutboxEntry`).
   */
  async enqueue<B>(
    kind: string,
    path: string,
    key: string,
    body: B,
    options: { auth?: string; method?: 'POST' | 'PUT' | 'DELETE' } = {},
  ): Promise<void> {
    if (!key) throw new TypeError('An outbox entry needs an idempotency key');
    const now = Date.now();
    const auth = options.auth ? { auth: options.auth } : {};
    const method = options.method && options.method !== 'POST' ? { method: options.method } : {};
    await store.addIfAbsent({ key, kind, path, base: this.base, body, ...auth, ...method, queuedAt: now, attempts: 0, nextAttemptAt: now });
    await this.#changed();
    await this.#request(false);
  }

  /**
   * Sends the due entries of this API, oldest first, one at a time, and stops at the first
   * failure that is not the entry's own fault (the network or the server is down: the others
   * would fail too). Resolves with what happened; all zeros when another tab is sending.
   */
  flush(): Promise<FlushResult> {
    return this.#request(false);
  }

  /** Entries waiting to be sent (optionally of one kind). */
  async pendingCount(kind?: string): Promise<number> {
    return (await this.pendingKeys(kind)).length;
  }

  /** Keys of the entries waiting to be sent, oldest first. */
  async pendingKeys(kind?: string): Promise<string[]> {
    return (await this.#entries()).filter((e) => !e.rejectedAt && (!kind || e.kind === kind)).map((e) => e.key);
  }

  /** Entries waiting to be sent (optionally of one kind), oldest first: an agent's screen shows what is not sent yet. */
  async pending(kind?: string): Promise<OutboxEntry[]> {
    return (await this.#entries()).filter((e) => !e.rejectedAt && (!kind || e.kind === kind));
  }

  /** Entries the server refused for good, oldest first, with `rejectedAt` and `problem`. */
  async rejected(kind?: string): Promise<OutboxEntry[]> {
    return (await this.#entries()).filter((e) => e.rejectedAt && (!kind || e.kind === kind));
  }

  /** Puts a rejected entry back in the queue (e.g. after the server was fixed). */
  async retryRejected(key: string): Promise<void> {
    const entry = await store.get(key);
    if (!entry?.rejectedAt || entry.base !== this.base) return;
    const { rejectedAt: _r, problem: _p, ...rest } = entry;
    await store.put({ ...rest, attempts: 0, nextAttemptAt: Date.now() });
    await this.#changed();
    await this.#request(false);
  }

  /** Deletes a rejected entry once an agent has dealt with it. */
  async discardRejected(key: string): Promise<void> {
    const entry = await store.get(key);
    if (!entry?.rejectedAt || entry.base !== this.base) return;
    await store.delete(key);
    await this.#changed();
  }

  async counts(): Promise<OutboxCounts> {
    const counts: OutboxCounts = { pending: 0, rejected: 0, pendingByKind: {} };
    for (const entry of await this.#entries()) {
      if (entry.rejectedAt) counts.rejected++;
      else {
        counts.pending++;
        counts.pendingByKind[entry.kind] = (counts.pendingByKind[entry.kind] ?? 0) + 1;
      }
    }
    return counts;
  }

  /**
   * Calls `listener` with the current counts as soon as they are known, then whenever they
   * change (here or in another tab). Returns the function that unsubscribes.
   */
  subscribe(listener: OutboxListener): () => void {
    this.#listeners.set(listener, undefined);
    void this.#notify();
    return () => this.#listeners.delete(listener);
  }

  /** Stops everything this outbox does by itself (listeners, timer, request in flight). Entries stay stored. */
  dispose(): void {
    this.#disposed = true;
    this.#abort.abort();
    clearTimeout(this.#timer);
    this.#channel?.close();
    this.#listeners.clear();
    if (instances.get(this.base) === this) instances.delete(this.base);
  }

  async #entries(): Promise<OutboxEntry[]> {
    return (await store.all()).filter((e) => e.base === this.base);
  }

  /** Runs a flush now, or once the running one ends (at most one waits; `force` accumulates). */
  #request(force: boolean): Promise<FlushResult> {
    if (this.#disposed) return Promise.resolve(NOTHING);
    if (!this.#running) return this.#start(force);
    this.#queuedForce ||= force;
    this.#queued ??= this.#running.then(() => {
      const queuedForce = this.#queuedForce;
      this.#queued = undefined;
      this.#queuedForce = false;
      return this.#disposed ? NOTHING : this.#start(queuedForce);
    });
    return this.#queued;
  }

  #start(force: boolean): Promise<FlushResult> {
    const run = this.#run(force).finally(() => {
      if (this.#running === run) this.#running = undefined;
    });
    this.#running = run;
    return run;
  }

  /**
   * `force`: also send entries not yet due whose last failure was the network (offline or
   * timeout): used when there is news about the network (online, page shown, page loaded).
   */
  async #run(force: boolean): Promise<FlushResult> {
    clearTimeout(this.#timer);
    if (navigator.onLine === false) {
      // Certainly offline: no attempt (it would only grow the backoff); `online` will call back.
      this.#arm(Date.now() + OFFLINE_RECHECK_MS);
      return NOTHING;
    }
    let result: FlushResult | undefined;
    try {
      result = await withSenderLock(() => {
        const forced = force || !!this.#retry?.force;
        this.#retry = undefined;
        return this.#sendDue(forced);
      });
    } catch {
      result = NOTHING; // storage failure: try again on the next occasion
    }
    if (this.#disposed) return result ?? NOTHING;
    if (!result) {
      // Another tab is sending: look again shortly (it may not see what was just queued here).
      this.#retry = { at: Date.now() + BUSY_RETRY_MS * (0.5 + Math.random()), force: force || !!this.#retry?.force };
      this.#arm(this.#retry.at);
      return NOTHING;
    }
    if (result.sent || result.failed || result.rejected) await this.#changed();
    await this.#scheduleNext();
    return result;
  }

  async #sendDue(force: boolean): Promise<FlushResult> {
    const result = { ...NOTHING };
    const now = Date.now();
    // A snapshot is enough: only the lock holder changes pending entries, and an entry queued
    // meanwhile asks for another flush, which runs right after this one.
    const pending = (await this.#entries()).filter((e) => !e.rejectedAt);
    const due = pending.filter((e) => e.nextAttemptAt <= now || (force && unreachable(e)));
    // Not due yet, but only because the network or the server failed them: they go as soon as
    // the server takes an entry (without this, an answer that failed a few times in a row could
    // wait minutes while the others go through).
    const woken = pending.filter((e) => !due.includes(e) && waitingForTheServer(e));
    for (const entry of due) {
      if (this.#disposed) break;
      const headers = authorizationHeaders(entry);
      if (!headers) continue; // its credentials are not available here yet: left as it is
      try {
        await send(this.#client, entry, { signal: this.#abort.signal, headers });
        // 201 or 200 `duplicate: true`: the server has it (once) either way.
        await store.delete(entry.key);
        this.#pausedUntil = 0;
        result.sent++;
        due.push(...woken.splice(0)); // sent in this same loop, after the due ones
      } catch (err) {
        if (this.#abort.signal.aborted) break; // disposed mid-flight: the entry stays as it was
        const at = Date.now();
        const attempts = entry.attempts + 1;
        const lastError =
          err instanceof ApiError
            ? { kind: err.kind, status: err.status, message: err.message, at }
            : { kind: 'unknown' as const, message: String(err), at };
        if (isRejection(err)) {
          await store.put({ ...entry, attempts, lastError, rejectedAt: at, problem: err.problem });
          result.rejected++;
          continue; // this body's fault only: the next entry may well go through
        }
        const retryAfter = err instanceof ApiError ? err.retryAfterSeconds : undefined;
        const nextAttemptAt = at + backoffDelay(attempts, retryAfter);
        await store.put({ ...entry, attempts, lastError, nextAttemptAt });
        this.#pausedUntil = nextAttemptAt;
        result.failed++;
        break; // the network or the server is the problem: the other entries wait too
      }
    }
    return result;
  }

  /**
   * Arms the timer for the next due entry (no timer when nothing is pending). An entry this page
   * cannot send now (its credentials are not here) is not due before `CREDENTIALS_RECHECK_MS`:
   * arming for it at once would spin, taking the sender lock from the page that can send it.
   */
  async #scheduleNext(): Promise<void> {
    const pending = (await this.#entries()).filter((e) => !e.rejectedAt);
    if (this.#disposed) return;
    if (pending.length === 0) {
      clearTimeout(this.#timer);
      this.#retry = undefined;
      return;
    }
    const recheck = Date.now() + CREDENTIALS_RECHECK_MS;
    const next = Math.min(...pending.map((e) => (authorizationHeaders(e) ? e.nextAttemptAt : Math.max(e.nextAttemptAt, recheck))));
    this.#arm(Math.min(Math.max(next, this.#pausedUntil), this.#retry?.at ?? Infinity));
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    if (this.#disposed || !this.#auto) return; // timers only for automatic outboxes
    this.#timer = setTimeout(() => void this.#request(false), Math.min(MAX_TIMER_MS, Math.max(0, at - Date.now())));
  }

  /** The queue changed here: tell the listeners, the other tabs and the other outboxes. */
  async #changed(): Promise<void> {
    this.#channel?.postMessage({ base: this.base });
    await this.#notify();
  }

  /** Something changed elsewhere. */
  async #refresh(): Promise<void> {
    await this.#notify();
    if (!this.#running) await this.#scheduleNext();
  }

  async #notify(): Promise<void> {
    if (this.#listeners.size === 0) return;
    const counts = await this.counts();
    const serialized = JSON.stringify(counts);
    for (const [listener, last] of [...this.#listeners]) {
      if (last === serialized || !this.#listeners.has(listener)) continue;
      this.#listeners.set(listener, serialized);
      listener(counts);
    }
  }
}

const instances = new Map<string, Outbox>();

/** The page's shared outbox for the API of `client` (one per absolute API base). */
export function outboxFor(client: ApiClient): Outbox {
  const base = absoluteBase(client.base);
  let outbox = instances.get(base);
  if (!outbox) {
    outbox = new Outbox(client);
    instances.set(base, outbox);
  }
  return outbox;
}
