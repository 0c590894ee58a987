import type { ActivityStats } from '@fs-widgets/contract';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';

export type ActivityGroupBy = 'partner' | 'theme' | 'month';

export interface ActivityScope {
  /** A site, or the whole network when null. */
  site: string | null;
  from: string | null;
  to: string | null;
  group_by: ActivityGroupBy | null;
}

/** Local days, both included (YYYY-MM-DD). */
interface DayRange {
  from: string;
  to: string;
}

/**
 * A period of local days cut along month boundaries: the months it covers whole (YYYY-MM, null
 * for no bound), read from the monthly roll-ups, and the days of the months it covers in part
 * (at most two ranges: the first month's end, the last month's start), read from the daily ones.
 */
export interface PeriodParts {
  months: { from: string | null; to: string | null } | null;
  days: DayRange[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const monthOf = (day: string) => day.slice(0, 7);
/** The month after (+1) or before (-1) a YYYY-MM month. */
function addMonth(month: string, delta: 1 | -1): string {
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + delta, 1));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}`;
}
const firstDay = (month: string) => `${month}-01`;
const lastDay = (month: string) =>
  `${month}-${pad(new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate())}`;

/** Cuts `from`–`to` (local days, both included, null for no bound) into whole months and edge days. */
export function periodParts(from: string | null, to: string | null): PeriodParts {
  if (from !== null && to !== null) {
    if (from > to) return { months: null, days: [] };
    const month = monthOf(from);
    if (month === monthOf(to)) {
      return from === firstDay(month) && to === lastDay(month)
        ? { months: { from: month, to: month }, days: [] }
        : { months: null, days: [{ from, to }] };
    }
  }
  const days: DayRange[] = [];
  let monthsFrom = from === null ? null : monthOf(from);
  let monthsTo = to === null ? null : monthOf(to);
  if (from !== null && from !== firstDay(monthOf(from))) {
    days.push({ from, to: lastDay(monthOf(from)) });
    monthsFrom = addMonth(monthOf(from), 1);
  }
  if (to !== null && to !== lastDay(monthOf(to))) {
    days.push({ from: firstDay(monthOf(to)), to });
    monthsTo = addMonth(monthOf(to), -1);
  }
  const none = monthsFrom !== null && monthsTo !== null && monthsFrom > monthsTo;
  return { months: none ? null : { from: monthsFrom, to: monthsTo }, days };
}

/**
 * The rows of one roll-up family (counters or referrals) within a period, for a site or the
 * network: the monthly table's rows of the whole months, then the daily table's rows of the edge
 * days, as one UNION ALL, each row with the columns `select` picks from it (given the name of
 * its period column, `month` or `day`).
 */
function rowsOf(
  family: 'activity' | 'activity_referrals',
  scope: ActivityScope,
  parts: PeriodParts,
  select: (period: 'month' | 'day') => RawBuilder<unknown>,
): RawBuilder<unknown> | null {
  const network = scope.site === null ? '_network' : '';
  const from = (period: 'month' | 'day', range: { from: string | null; to: string | null }) => {
    const conditions: RawBuilder<unknown>[] = [];
    if (scope.site !== null) conditions.push(sql`site_id = ${scope.site}`);
    if (range.from !== null) conditions.push(sql`${sql.ref(period)} >= ${range.from}`);
    if (range.to !== null) conditions.push(sql`${sql.ref(period)} <= ${range.to}`);
    const table = sql.table(`${family}_${period === 'month' ? 'monthly' : 'daily'}${network}`);
    const where = conditions.length === 0 ? sql`` : sql` where ${sql.join(conditions, sql` and `)}`;
    return sql`select ${select(period)} from ${table}${where}`;
  };
  const selects = [...(parts.months ? [from('month', parts.months)] : []), ...parts.days.map((range) => from('day', range))];
  return selects.length === 0 ? null : sql.join(selects, sql` union all `);
}

/**
 * The key of a group: the partner; `partner/theme` (a theme name alone is ambiguous: `autre`,
 * `logement`); the month `YYYY-MM` of the local day.
 */
const GROUP_KEY: Record<ActivityGroupBy, (period: 'month' | 'day') => RawBuilder<unknown>> = {
  partner: () => sql`partner`,
  theme: () => sql`partner || '/' || theme`,
  month: (period) => (period === 'month' ? sql`month` : sql`substr(day, 1, 7)`),
};

/**
 * Activity figures from the roll-ups only, never from the acts (db/schema.ts): the whole months
 * of the period from the monthly rows (a national year is 12 × 48 rows), the days of the months
 * it covers in part from the daily ones, of the site or of the network. The same sums as over
 * the acts of the period, for any period.
 */
export async function activityStats(db: Db, scope: ActivityScope): Promise<ActivityStats> {
  const parts = periodParts(scope.from, scope.to);
  const groupBy = scope.group_by;
  const counters = rowsOf('activity', scope, parts, (period) => {
    const key = groupBy === null ? sql`''` : GROUP_KEY[groupBy](period);
    return sql`${key} as ${sql.ref('key')}, acts, solved, referred, follow_up`;
  });
  const referrals = rowsOf('activity_referrals', scope, parts, () => sql`referred_to, referred`);
  type Counters = { key: string; acts: number; solved: number; referred: number; follow_up: number };
  const [groupRows, referralRows] = await Promise.all([
    counters === null
      ? []
      : sql<Counters>`select ${sql.ref('key')}, sum(acts) as acts, sum(solved) as solved, sum(referred) as referred, sum(follow_up) as follow_up
          from (${counters}) as ${sql.ref('rows')} group by ${sql.ref('key')}`
          .execute(db)
          .then((r) => r.rows),
    referrals === null
      ? []
      : sql<{ referred_to: string; referred: number }>`select referred_to, sum(referred) as referred
          from (${referrals}) as ${sql.ref('rows')} group by referred_to`
          .execute(db)
          .then((r) => r.rows),
  ]);
  const n = (value: unknown) => Number(value ?? 0);
  let acts = 0;
  let solved = 0;
  const groups: ActivityStats['groups'] = [];
  for (const row of groupRows) {
    acts += n(row.acts);
    solved += n(row.solved);
    if (groupBy === null) continue;
    groups.push({ key: String(row.key), acts: n(row.acts), solved: n(row.solved), referred: n(row.referred), follow_up: n(row.follow_up) });
  }
  groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const referralsByPartner: Record<string, number> = {};
  for (const row of referralRows) referralsByPartner[String(row.referred_to)] = n(row.referred);
  return {
    scope,
    acts,
    first_visit_share: acts === 0 ? null : solved / acts,
    referrals: referralsByPartner,
    groups,
  };
}
