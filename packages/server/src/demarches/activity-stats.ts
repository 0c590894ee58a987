import type { ActivityStats } from '@fs-widgets/contract';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';

export type ActivityGroupBy = 'partner' | 'theme' | 'month';

export interface ActivityScope {
  /** A site, or the whole network when null. */
  site: string | null;
  from: string | null;
  to: string | null;
  group_by: ActivityGroupBy | null;
}

/**
 * The key of a group: the partner; `partner/theme` (a theme name alone is ambiguous: `autre`,
 * `logement`); the month `YYYY-MM` of the local day.
 */
const GROUP_KEY = {
  partner: sql<string>`partner`,
  theme: sql<string>`partner || '/' || theme`,
  month: sql<string>`substr(day, 1, 7)`,
} as const;

/**
 * Activity figures from the daily aggregates only, never from the acts: the site's rows, or
 * the network roll-up (one row per day, partner, theme and partner referred to).
 */
export async function activityStats(db: Db, scope: ActivityScope): Promise<ActivityStats> {
  const base = () => {
    let query = (
      scope.site === null ? db.selectFrom('activity_daily_network') : db.selectFrom('activity_daily').where('site_id', '=', scope.site)
    ) as
      // Kysely's own type for "nothing selected yet" is `{}`.
      // eslint-disable-next-line @typescript-eslint/no-empty-object-type
      SelectQueryBuilder<Database, 'activity_daily_network', {}>;
    if (scope.from !== null) query = query.where('day', '>=', scope.from);
    if (scope.to !== null) query = query.where('day', '<=', scope.to);
    return query;
  };
  // The expression builder of either table (site or network): the same columns, two Kysely types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const sums = (eb: any) => [
    eb.fn.sum('acts').as('acts'),
    eb.fn.sum('solved').as('solved'),
    eb.fn.sum('referred').as('referred'),
    eb.fn.sum('follow_up').as('follow_up'),
  ];
  const n = (value: unknown) => Number(value ?? 0);
  // One pass over the aggregates, grouped by the asked key and the partner referred to: the
  // totals, the referrals and the groups all come from it (a national year is 150,000 rows).
  const key = scope.group_by === null ? sql<string>`''` : GROUP_KEY[scope.group_by];
  const rows = (await base()
    .select((eb) => [key.as('key'), 'referred_to', ...sums(eb)])
    // (PostgreSQL refuses a constant in GROUP BY: without a grouping, by the partner referred to only.)
    .groupBy(scope.group_by === null ? ['referred_to'] : [key, 'referred_to'])
    .execute()) as Array<Record<string, unknown>>;
  let acts = 0;
  let solved = 0;
  const referrals: Record<string, number> = {};
  const byKey = new Map<string, ActivityStats['groups'][number]>();
  for (const row of rows) {
    acts += n(row.acts);
    solved += n(row.solved);
    const referredTo = String(row.referred_to);
    if (referredTo !== '') referrals[referredTo] = (referrals[referredTo] ?? 0) + n(row.referred);
    if (scope.group_by === null) continue;
    const k = String(row.key);
    const group = byKey.get(k) ?? { key: k, acts: 0, solved: 0, referred: 0, follow_up: 0 };
    group.acts += n(row.acts);
    group.solved += n(row.solved);
    group.referred += n(row.referred);
    group.follow_up += n(row.follow_up);
    byKey.set(k, group);
  }
  const groups = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    scope,
    acts,
    first_visit_share: acts === 0 ? null : solved / acts,
    referrals,
    groups,
  };
}
