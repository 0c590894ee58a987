import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/** What became of a write sent with an idempotency key. */
export type StoreOutcome =
  | { outcome: 'stored'; id: string }
  /** The same key with the same content: already counted, nothing written. */
  | { outcome: 'duplicate'; id: string }
  /** The same key with other content: refused, nothing written. */
  | { outcome: 'conflict'; id: string };

/** The tables of records written once per client key: a random `id`, a unique `key`. */
type KeyedTable = { [T in keyof Database]: Database[T] extends { id: string; key: string } ? T : never }[keyof Database];

export interface StoreOnceOptions<T extends KeyedTable> {
  /** The columns that make "the same content": a repeat must match on each of them. */
  compare: readonly (keyof Database[T] & string)[];
  /**
   * Runs for a new key only, before counting (a rate limit): when it throws, the caller's
   * transaction undoes the insert, so a client replaying its queue is never limited for
   * writes already in, and a refused one leaves nothing behind.
   */
  admit?: () => Promise<void>;
  /** Counts the new record in the aggregates, in the same transaction. */
  count: () => Promise<void>;
}

/**
 * Stores a record once per idempotency key, then counts it, all in the caller's transaction, so
 * a record is either stored and counted or neither: the path of every write a client may send
 * again (kiosk answers, agents' acts). The insert comes first (ON CONFLICT DO NOTHING) rather
 * than a lookup: a new record costs one statement before its counters, and two requests racing
 * with the same key (on two API nodes) cannot both win. A repeat with the same content is a
 * `duplicate`, with other content a `conflict`; nothing is written in either case.
 */
export async function storeOnce<T extends KeyedTable>(
  trx: Transaction<Database>,
  table: T,
  row: Omit<Insertable<Database[T]>, 'id'> & { key: string },
  { compare, admit, count }: StoreOnceOptions<T>,
): Promise<StoreOutcome> {
  // The keyed tables share `id` and `key`; Kysely cannot follow a table name that is a type parameter.
  const db = trx as unknown as Kysely<Record<'keyed', { id: string; key: string } & Record<string, unknown>>>;
  const keyed = table as unknown as 'keyed';
  const id = randomUUID();
  const inserted = await db
    .insertInto(keyed)
    .values({ id, ...row })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const stored = await db
      .selectFrom(keyed)
      .select(['id', ...(compare as string[] as 'key'[])])
      .where('key', '=', row.key)
      .executeTakeFirstOrThrow();
    const [was, given] = [stored as Record<string, unknown>, row as Record<string, unknown>];
    const same = compare.every((column) => was[column] === given[column]);
    return { outcome: same ? 'duplicate' : 'conflict', id: stored.id };
  }
  await admit?.();
  await count();
  return { outcome: 'stored', id };
}
