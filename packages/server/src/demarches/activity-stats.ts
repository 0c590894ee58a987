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
    ) as SelectQueryBuilder<Database, 'activity_daily_network', {}>;
    if (scope.from !== null) query = query.where('day', '>=', scope.from);
    if (scope.to !== null) query = query.where('day', '<=', scope.to);
    return query;
  };
  const sums = (eb: any) => [
    eb.fn.sum('acts').as('acts'),
    eb.fn.sum('solved').as('solved'),
    eb.fn.sum('referred').as('referred'),
    eb.fn.sum('follow_up').as('follow_up'),
  ];
  const n = (value: unknown) => Number(value ?? 0);
  const referralRows = await base()
    .select((eb) => ['referred_to', ...sums(eb)])
    .groupBy('referred_to')
    .execute();
  let acts = 0;
  let solved = 0;
  const referrals: Record<string, number> = {};
  // One query for the totals and the referrals: the rows grouped by partner referred to.
  for (const row of referralRows as Array<Record<string, unknown>>) {
    acts += n(row.acts);
    solved += n(row.solved);
    if (row.referred_to !== '') referrals[String(row.referred_to)] = n(row.referred);
  }
  let groups: ActivityStats['groups'] = [];
  if (scope.group_by !== null) {
    const key = GROUP_KEY[scope.group_by];
    const rows = (await base()
      .select((eb) => [key.as('key'), ...sums(eb)])
      .groupBy(key)
      .orderBy(key)
      .execute()) as Array<Record<string, unknown>>;
    groups = rows.map((r) => ({ key: String(r.key), acts: n(r.acts), solved: n(r.solved), referred: n(r.referred), follow_up: n(r.follow_up) }));
  }
  return {
    scope,
    acts,
    first_visit_share: acts === 0 ? null : solved / acts,
    referrals,
    groups,
  };
}
