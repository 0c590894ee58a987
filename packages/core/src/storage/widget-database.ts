import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ApiErrorKind } from '../api/api-error.js';
import type { Problem } from '@fs-widgets/contract';

/**
 * The widgets' one IndexedDB database, `fs-widgets`, opened here and nowhere else (one source
 * of truth for its version and its stores).
 *
 * Versions:
 * - 1: `responses` (the offline copy of GET answers, keyPath `url`, index `storedAt`);
 * - 2: + `outbox` (writes waiting to be sent, keyPath `key`, indexes `queuedAt` and `kind`).
 *
 * Opening never throws: when IndexedDB is unavailable (storage disabled, some private modes,
 * a newer version opened by another tab) or stays blocked, the promise resolves to `undefined`
 * and each user decides how to do without. A tab that holds the database open closes its
 * connection as soon as another tab asks for a newer version (`blocking`), so upgrades are never
 * held up by tabs running this code; the next use reopens it.
 */
export interface WidgetSchema extends DBSchema {
  responses: {
    key: string;
    value: { url: string; body: unknown; storedAt: number };
    indexes: { storedAt: number };
  };
  outbox: {
    key: string;
    value: StoredOutboxEntry;
    indexes: { queuedAt: number; kind: string };
  };
}

/** One write waiting in the outbox (or set aside as rejected). Times are epoch milliseconds. */
export interface StoredOutboxEntry<B = unknown> {
  /** The idempotency key: the server stores one answer per key. */
  key: string;
  /** What it is (`feedback`, …): counts and listings can be filtered by kind. */
  kind: string;
  /** The API path it is sent to, relative to `base` (e.g. `feedback`). */
  path: string;
  /**
   * How it is sent: POST when absent (a creation, deduplicated by `key`); PUT (a whole row
   * replaced: sending it twice leaves the same row) or DELETE (a removal: a 404 means it is
   * already gone, and counts as delivered) for the agents' edits of rows that exist.
   */
  method?: 'POST' | 'PUT' | 'DELETE';
  /** The absolute API base URL (e.g. `https://widgets.example.fr/api/v1`). */
  base: string;
  body: B;
  /**
   * A reference to the credentials to send it with (`scheme:ref`, e.g. `demarches:2983`),
   * resolved into an `Authorization` header only at send time by the resolver registered for
   * `scheme` (`registerOutboxAuthorization`). Never the credentials themselves.
   */
  auth?: string;
  queuedAt: number;
  /** Sending attempts that failed so far. */
  attempts: number;
  /** Not sent again before this time (backoff). */
  nextAttemptAt: number;
  lastError?: { kind: ApiErrorKind | 'unknown'; status?: number; message: string; at: number };
  /** Set when the server refused it for good (4xx other than 408/429): kept, never retried. */
  rejectedAt?: number;
  /** The server's problem+json for a rejected entry. */
  problem?: Problem;
}

export const WIDGET_DB_NAME = 'fs-widgets';
export const WIDGET_DB_VERSION = 2;

/** How long an open waits on another tab that keeps an older version open before giving up. */
const BLOCKED_GRACE_MS = 2_000;

type Connection = IDBPDatabase<WidgetSchema>;

/** The current connection (or attempt); replaced when it is closed, lost or gave up. */
let opening: Promise<Connection | undefined> | undefined;

/** The open database, or `undefined` when IndexedDB cannot be used right now. */
export function widgetDatabase(): Promise<Connection | undefined> {
  opening ??= open();
  return opening;
}

/** Closes the connection (if any) and forgets it; the next `widgetDatabase()` reopens. */
export async function closeWidgetDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  (await current)?.close();
}

function open(): Promise<Connection | undefined> {
  let connection: Connection | undefined;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let gaveUp = false;
  // `opening` is compared with `attempt` to know whether this attempt is still the current one.
  let attempt: Promise<Connection | undefined> | undefined;
  const forget = () => {
    if (attempt && opening === attempt) opening = undefined;
  };
  attempt = new Promise<Connection | undefined>((resolve) => {
    let request: Promise<Connection>;
    try {
      request = openDB<WidgetSchema>(WIDGET_DB_NAME, WIDGET_DB_VERSION, {
        upgrade(db, oldVersion) {
          // Each step brings a database of any older version (0 = fresh install) up to date.
          if (oldVersion < 1) {
            const responses = db.createObjectStore('responses', { keyPath: 'url' });
            responses.createIndex('storedAt', 'storedAt');
          }
          if (oldVersion < 2) {
            const outbox = db.createObjectStore('outbox', { keyPath: 'key' });
            outbox.createIndex('queuedAt', 'queuedAt');
            outbox.createIndex('kind', 'kind');
          }
        },
        blocked() {
          // Another tab keeps an older version open and does not close it (code from before
          // version 2 had no `blocking` handler). Do without storage for now rather than wait
          // forever; when that tab goes away the upgrade completes and later calls get the database.
          graceTimer ??= setTimeout(() => {
            gaveUp = true;
            resolve(undefined);
          }, BLOCKED_GRACE_MS);
        },
        blocking() {
          // Another tab wants a newer version: step aside at once; the next use reopens.
          connection?.close();
          forget();
        },
        terminated() {
          // The browser closed the connection (storage cleared, disk error): reopen on next use.
          forget();
        },
      });
    } catch {
      resolve(undefined); // indexedDB is not there at all (storage disabled)
      queueMicrotask(forget);
      return;
    }
    request.then(
      (db) => {
        clearTimeout(graceTimer);
        connection = db;
        if (!gaveUp) return resolve(db);
        // The upgrade went through after this attempt gave up: hand the database to later calls.
        if (opening === attempt) opening = attempt = Promise.resolve(db);
        else db.close();
      },
      () => {
        clearTimeout(graceTimer);
        resolve(undefined); // try again on next use (e.g. after a VersionError)
        forget();
      },
    );
  });
  return attempt;
}
