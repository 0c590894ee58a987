import { sql, type Kysely, type Transaction } from 'kysely';
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
 * Stores an act once per key and counts it in the activity roll-ups (`countAct`), in the
 * caller's transaction (`storeOnce`), as for satisfaction answers: a repeat counts nothing.
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
 * Adds `n` acts like `act` to the roll-ups (db/schema.ts): the counters of its partner and
 * theme, its site's counters whatever the partner (migration 0010) and, when it was referred, its
 * referral, each for its site and for the network, on its local day and in that day's month. One upsert per table, always in the same order, so that
 * two transactions never wait for each other's rows in a cycle (PostgreSQL row locks). Used by
 * `storeAct` (n = 1); `rebuildActivityRollups` (migrations 0007 and 0010) counts stored acts into the same
 * rows with one INSERT … SELECT per table (test/activity-rollups.test.ts checks both agree).
 */
export async function countAct(
  trx: Transaction<Database>,
  act: Pick<Act, 'site_id' | 'day' | 'partner' | 'theme' | 'outcome' | 'referred_to'>,
  n: number,
) {
  const outcomeColumn = OUTCOME_COLUMN[act.outcome as keyof typeof OUTCOME_COLUMN];
  const counters: Partial<ActivityCounters> = { acts: n, [outcomeColumn]: n };
  const { site_id, day, partner, theme } = act;
  const month = day.slice(0, 7);
  await addTo(trx, 'activity_daily', { site_id, day, partner, theme }, counters);
  await addTo(trx, 'activity_daily_network', { day, partner, theme }, counters);
  await addTo(trx, 'activity_monthly', { site_id, month, partner, theme }, counters);
  await addTo(trx, 'activity_monthly_network', { month, partner, theme }, counters);
  await addTo(trx, 'activity_site_daily', { site_id, day }, counters);
  await addTo(trx, 'activity_site_monthly', { site_id, month }, counters);
  if (act.referred_to === null) return;
  const referral = { referred: n };
  const { referred_to } = act;
  await addTo(trx, 'activity_referrals_daily', { site_id, day, referred_to }, referral);
  await addTo(trx, 'activity_referrals_daily_network', { day, referred_to }, referral);
  await addTo(trx, 'activity_referrals_monthly', { site_id, month, referred_to }, referral);
  await addTo(trx, 'activity_referrals_monthly_network', { month, referred_to }, referral);
}

type RollupTable = Extract<keyof Database, `activity_${string}`>;

/** Adds `counters` to the row of `key` in a roll-up, creating it (the other counters 0) if needed. */
async function addTo<T extends RollupTable>(
  trx: Transaction<Database>,
  table: T,
  key: Partial<Database[T]>,
  counters: Partial<Database[T]>,
): Promise<void> {
  // Kysely cannot follow a table name that is a type parameter: the row is checked by the signature above.
  const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const increments = Object.entries(counters as Record<string, number>);
  await db
    .insertInto(table as string)
    .values({ ...key, ...counters })
    .onConflict((oc) =>
      oc
        .columns(Object.keys(key))
        .doUpdateSet(Object.fromEntries(increments.map(([column, n]) => [column, sql<number>`${sql.ref(`${table}.${column}`)} + ${n}`]))),
    )
    .execute();
}
