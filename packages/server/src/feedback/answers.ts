import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { FeedbackChannel, FeedbackInput, Rating, Resolution } from '@fs-widgets/contract';
import type { Database, SatisfactionCounters } from '../db/schema.js';
import { removePersonalData } from './personal-data.js';

/** An answer ready to store: comment cleaned, instant normalised, local day computed. */
export interface Answer {
  key: string;
  site_id: string;
  channel: FeedbackChannel;
  rating: Rating;
  resolved: Resolution | null;
  comment: string | null;
  /** ISO instant, UTC (`toISOString`), whatever offset the client wrote. */
  answered_at: string;
  /** Local date (YYYY-MM-DD) of `answered_at` in the site's time zone. */
  day: string;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in a time zone, YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(instant);
}

/**
 * Turns a validated input into the answer stored. The answer counts on the day it was given
 * where it was given: 23:30 in Saint-Denis de La Réunion is the same day there, not the next
 * day in Paris.
 */
export function prepareAnswer(input: FeedbackInput, timeZone: string): Answer {
  const answeredAt = new Date(input.answered_at);
  return {
    key: input.key,
    site_id: input.site_id,
    channel: input.channel,
    rating: input.rating,
    resolved: input.resolved ?? null,
    comment: removePersonalData(input.comment),
    answered_at: answeredAt.toISOString(),
    day: localDay(answeredAt, timeZone),
  };
}

/** The counter columns of one rating and one resolution (or none). */
export const RATING_COLUMN = {
  'very-satisfied': 'very_satisfied',
  satisfied: 'satisfied',
  dissatisfied: 'dissatisfied',
  'very-dissatisfied': 'very_dissatisfied',
} as const satisfies Record<Rating, keyof SatisfactionCounters>;

export const RESOLUTION_COLUMN = {
  yes: 'resolved_yes',
  partly: 'resolved_partly',
  no: 'resolved_no',
  unanswered: 'resolved_unanswered',
} as const satisfies Record<Resolution | 'unanswered', keyof SatisfactionCounters>;

export const COUNTER_COLUMNS = [...Object.values(RATING_COLUMN), ...Object.values(RESOLUTION_COLUMN)];

function counters(answer: Answer): SatisfactionCounters {
  const zero = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as unknown as SatisfactionCounters;
  return { ...zero, [RATING_COLUMN[answer.rating]]: 1, [RESOLUTION_COLUMN[answer.resolved ?? 'unanswered']]: 1 };
}

export type StoreOutcome =
  | { outcome: 'stored'; id: string }
  /** The same key with the same content: already counted, nothing written. */
  | { outcome: 'duplicate'; id: string }
  /** The same key with other content: refused, nothing written. */
  | { outcome: 'conflict'; id: string };

const STORED_FIELDS = ['site_id', 'channel', 'rating', 'resolved', 'comment', 'answered_at'] as const;

/**
 * Stores an answer once per key and counts it in the daily aggregates (the site's and the
 * network's), in the caller's transaction, so an answer is either stored and counted or
 * neither. `admit` runs only for a new key (the rate limit): when it throws, the caller's
 * transaction undoes the insert, so a client replaying its outbox is never limited for
 * answers already in, and a refused answer leaves nothing behind.
 * The insert comes first (ON CONFLICT DO NOTHING) rather than a lookup: a new answer costs
 * three statements, and two requests racing with the same key (another API node) cannot both win.
 */
export async function storeAnswer(
  trx: Transaction<Database>,
  answer: Answer,
  options: { now?: Date; admit?: () => Promise<void> } = {},
): Promise<StoreOutcome> {
  const id = randomUUID();
  const inserted = await trx
    .insertInto('feedback')
    .values({ id, ...answer, received_at: (options.now ?? new Date()).toISOString() })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const stored = await trx.selectFrom('feedback').select(['id', ...STORED_FIELDS]).where('key', '=', answer.key).executeTakeFirstOrThrow();
    return sameAnswer(stored, answer);
  }
  await options.admit?.();
  const increments = counters(answer);
  const ratingColumn = RATING_COLUMN[answer.rating];
  const resolutionColumn = RESOLUTION_COLUMN[answer.resolved ?? 'unanswered'];
  // INSERT … ON CONFLICT DO UPDATE SET c = c + 1: atomic on SQLite and PostgreSQL alike.
  const plusOne = (table: string) => ({
    [ratingColumn]: sql<number>`${sql.ref(`${table}.${ratingColumn}`)} + 1`,
    [resolutionColumn]: sql<number>`${sql.ref(`${table}.${resolutionColumn}`)} + 1`,
  });
  await trx
    .insertInto('satisfaction_daily')
    .values({ site_id: answer.site_id, day: answer.day, channel: answer.channel, ...increments })
    .onConflict((oc) => oc.columns(['site_id', 'day', 'channel']).doUpdateSet(plusOne('satisfaction_daily')))
    .execute();
  await trx
    .insertInto('satisfaction_daily_network')
    .values({ day: answer.day, channel: answer.channel, ...increments })
    .onConflict((oc) => oc.columns(['day', 'channel']).doUpdateSet(plusOne('satisfaction_daily_network')))
    .execute();
  return { outcome: 'stored', id };
}

function sameAnswer(stored: { id: string } & Record<(typeof STORED_FIELDS)[number], string | null>, answer: Answer): StoreOutcome {
  const same = STORED_FIELDS.every((field) => stored[field] === answer[field]);
  return { outcome: same ? 'duplicate' : 'conflict', id: stored.id };
}
