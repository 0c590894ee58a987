import { sql, type Transaction } from 'kysely';
import { THEMES, type ActInput, type PartnerId } from '@fs-widgets/contract';
import { localDay } from '../dates/local-day.js';
import { storeOnce, type StoreOutcome } from '../db/idempotent-write.js';
import type { ActTable, ActivityCounters, Database } from '../db/schema.js';
import { invalidParam } from '../http/problem.js';

/** An act ready to store (a row of `acts` but its id and reception time): instant normalised, local day computed. */
export type Act = Omit<ActTable, 'id' | 'created_at'>;

/**
 * The rules the schema cannot say: the theme is one of its partner's, and `referred_to` is
 * given exactly when the outcome is `referred`. Throws a 400 problem naming the field.
 */
export function checkAct(input: ActInput): void {
  const themes: readonly string[] = THEMES[input.partner as PartnerId];
  if (!themes.includes(input.theme)) {
    throw invalidParam('theme', `must be one of the themes of ${input.partner}: ${themes.join(', ')}`);
  }
  if (input.outcome === 'referred' && input.referred_to === undefined) {
    throw invalidParam('referred_to', 'is required when outcome is referred: the partner the person was referred to');
  }
  if (input.outcome !== 'referred' && input.referred_to !== undefined) {
    throw invalidParam('referred_to', 'is given only when outcome is referred');
  }
}

/** The act stored for a validated input; it counts on the local day of its site. */
export function prepareAct(input: ActInput, timeZone: string): Act {
  const actedAt = new Date(input.acted_at);
  return {
    key: input.key,
    site_id: input.site_id,
    partner: input.partner,
    theme: input.theme,
    outcome: input.outcome,
    referred_to: input.referred_to ?? null,
    channel: input.channel,
    acted_at: actedAt.toISOString(),
    day: localDay(actedAt, timeZone),
  };
}

/** The counter column of each outcome. */
export const OUTCOME_COLUMN = { solved: 'solved', referred: 'referred', 'follow-up': 'follow_up' } as const satisfies Record<
  string,
  keyof ActivityCounters
>;
export const ACTIVITY_COUNTERS = ['acts', 'solved', 'referred', 'follow_up'] as const;

const STORED_FIELDS = ['site_id', 'partner', 'theme', 'outcome', 'referred_to', 'channel', 'acted_at'] as const;

/**
 * Stores an act once per key and counts it in the daily aggregates (the site's and the
 * network's), in the caller's transaction (`storeOnce`), as for satisfaction answers.
 */
export async function storeAct(trx: Transaction<Database>, act: Act, options: { now?: Date } = {}): Promise<StoreOutcome> {
  return storeOnce(
    trx,
    'acts',
    { ...act, created_at: (options.now ?? new Date()).toISOString() },
    {
      compare: STORED_FIELDS,
      count: () => countAct(trx, act, 1),
    },
  );
}

/**
 * Adds `n` acts like `act` to the aggregates: the one aggregate code, used by `storeAct` (n = 1)
 * and by the bench's batched ingest (n = acts of one group).
 */
export async function countAct(
  trx: Transaction<Database>,
  act: Pick<Act, 'site_id' | 'day' | 'partner' | 'theme' | 'outcome' | 'referred_to'>,
  n: number,
) {
  const outcomeColumn = OUTCOME_COLUMN[act.outcome as keyof typeof OUTCOME_COLUMN];
  const increments: ActivityCounters = { acts: n, solved: 0, referred: 0, follow_up: 0, [outcomeColumn]: n };
  const plus = (table: string) => ({
    acts: sql<number>`${sql.ref(`${table}.acts`)} + ${n}`,
    [outcomeColumn]: sql<number>`${sql.ref(`${table}.${outcomeColumn}`)} + ${n}`,
  });
  const dimensions = { day: act.day, partner: act.partner, theme: act.theme, referred_to: act.referred_to ?? '' };
  await trx
    .insertInto('activity_daily')
    .values({ site_id: act.site_id, ...dimensions, ...increments })
    .onConflict((oc) => oc.columns(['site_id', 'day', 'partner', 'theme', 'referred_to']).doUpdateSet(plus('activity_daily')))
    .execute();
  await trx
    .insertInto('activity_daily_network')
    .values({ ...dimensions, ...increments })
    .onConflict((oc) => oc.columns(['day', 'partner', 'theme', 'referred_to']).doUpdateSet(plus('activity_daily_network')))
    .execute();
}
