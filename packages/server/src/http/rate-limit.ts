import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The window of every limit: one hour, fixed (12:00–13:00, …). */
export const RATE_WINDOW_MS = 60 * 60 * 1000;

export interface RateLimitVerdict {
  allowed: boolean;
  /** Requests counted in this window, this one included. */
  count: number;
  /** Seconds until the window closes (the `Retry-After` of a 429). */
  retryAfterSeconds: number;
}

/**
 * Counts one request of `subject` (e.g. client IP, site, channel) in the current fixed window
 * and says whether it is within `limit`. The counter lives in the database, not in this
 * process, so every API node sharing the database shares the limit; the increment is a single
 * upsert, atomic on SQLite and PostgreSQL. The key is a hash: no IP address is stored in clear
 * (a hash of an IPv4 address can be reversed by trying them all, hence the short life of the
 * rows: windows that have closed are deleted whenever a new window opens).
 */
export async function countRequest(
  db: Kysely<Database>,
  { subject, limit, windowMs = RATE_WINDOW_MS, now = new Date() }: { subject: string[]; limit: number; windowMs?: number; now?: Date },
): Promise<RateLimitVerdict> {
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowEnd = new Date(windowStart + windowMs);
  const key = createHash('sha256')
    .update([...subject, String(windowStart), String(windowMs)].join('\n'))
    .digest('base64url');
  const { count } = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, window_ends_at: windowEnd.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ count: sql<number>`${sql.ref('rate_limits.count')} + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  if (count === 1) {
    // The first request of a new window: the right moment to forget the closed ones.
    await db.deleteFrom('rate_limits').where('window_ends_at', '<=', now.toISOString()).execute();
  }
  return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Math.ceil((windowEnd.getTime() - now.getTime()) / 1000)) };
}
