import { sql, type Transaction } from 'kysely';
import type { FeedbackChannel, FeedbackInput, Rating, Resolution } from '@fs-widgets/contract';
import { localDay } from '../dates/local-day.js';
import { storeOnce, type StoreOutcome } from '../db/idempotent-write.js';
import type { Database, FeedbackTable, SatisfactionCounters } from '../db/schema.js';
import { removePersonalData } from '../privacy/personal-data.js';

/**
 * An answer ready to store (a row of `feedback` but its id and reception time): comment cleaned,
 * instant normalised, local day computed; the codes typed as the contract's.
 */
export type Answer = Omit<FeedbackTable, 'id' | 'received_at' | 'channel' | 'rating' | 'resolved'> & {
  channel: FeedbackChannel;
  rating: Rating;
  resolved: Resolution | null;
};

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

export type { StoreOutcome };

const STORED_FIELDS = ['site_id', 'channel', 'rating', 'resolved', 'comment', 'answered_at'] as const;

/**
 * Stores an answer once per key and counts it in the daily aggregates (the site's and the
 * network's), in the caller's transaction (`storeOnce`). `admit` runs only for a new key (the
 * rate limit).
 */
export async function storeAnswer(
  trx: Transaction<Database>,
  answer: Answer,
  options: { now?: Date; admit?: () => Promise<void> } = {},
): Promise<StoreOutcome> {
  return storeOnce(
    trx,
    'feedback',
    { ...answer, received_at: (options.now ?? new Date()).toISOString() },
    {
      compare: STORED_FIELDS,
      admit: options.admit,
      count: () => countAnswer(trx, answer),
    },
  );
}

/** Adds one answer to the site's and the network's daily counters. */
async function countAnswer(trx: Transaction<Database>, answer: Answer): Promise<void> {
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
}
