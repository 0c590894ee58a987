import type { ActivityStats } from '@fs-widgets/contract';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';

export type ActivityGroupBy = 'partner' | 'theme' | 'month';
/** The observatory's groups (issue 17): a set of sites' figures also by site. */
export type SitesGroupBy = ActivityGroupBy | 'site';

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

type Period = 'month' | 'day';
const PERIOD_TABLE = { month: 'monthly', day: 'daily' } as const;
type Range = { from: string | null; to: string | null };

/**
 * The WHERE clause of one roll-up read: the sites (none for the network: its own tables), and its
 * period column (`month` or `day`) within the range (a bound left null is no condition): one
 * range of the primary key's index per site.
 */
function where(sites: readonly string[] | null, period: Period, range: Range): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [];
  if (sites !== null && sites.length === 1) conditions.push(sql`site_id = ${sites[0]}`);
  else if (sites !== null) conditions.push(sql`site_id in (${sql.join(sites.map((site) => sql`${site}`))})`);
  if (range.from !== null) conditions.push(sql`${sql.ref(period)} >= ${range.from}`);
  if (range.to !== null) conditions.push(sql`${sql.ref(period)} <= ${range.to}`);
  return conditions.length === 0 ? sql`` : sql` where ${sql.join(conditions, sql` and `)}`;
}

/**
 * The key of a group: the partner; `partner/theme` (a theme name alone is ambiguous: `autre`,
 * `logement`); the month `YYYY-MM` of the local day.
 */
const GROUP_KEY: Record<SitesGroupBy, (period: Period) => RawBuilder<unknown>> = {
  site: () => sql`site_id`,
  partner: () => sql`partner`,
  theme: () => sql`partner || '/' || theme`,
  month: (period) => (period === 'month' ? sql`month` : sql`substr(day, 1, 7)`),
};

/** The activity of a set of sites (the network when null) over local days, grouped or not. */
export interface SitesActivityQuery {
  /** The sites counted; null for the whole network (read from the network's own roll-ups, unless grouped by site). */
  sites: readonly string[] | null;
  from: string | null;
  to: string | null;
  group_by: SitesGroupBy | null;
}

export interface SitesActivity {
  acts: number;
  solved: number;
  /** Referrals by partner referred to. */
  referrals: Record<string, number>;
  /** By key, in key order; empty when not grouped. */
  groups: ActivityStats['groups'];
}

/**
 * Activity figures from the roll-ups only, never from the acts (db/schema.ts): the whole months
 * of the period from the monthly rows (a national year is 12 × 48 rows), the days of the months
 * it covers in part from the daily ones, of a set of sites or of the network. The same sums as
 * over the acts of the period, for any period. `GET /stats/activity` (one site or the network)
 * and the observatory (a département's, a carrier's sites) read through it.
 */
export async function sitesActivity(db: Db, query: SitesActivityQuery): Promise<SitesActivity> {
  const groupBy = query.group_by;
  if (query.sites !== null && query.sites.length === 0) return { acts: 0, solved: 0, referrals: {}, groups: [] };
  const parts = periodParts(query.from, query.to);
  // The counters: the network's own roll-ups for the network; a site's counters whatever the
  // partner (migration 0010: a row per site and month) unless grouped by partner or theme; else
  // the roll-ups by site, partner and theme. Referrals: the network's, or by site.
  const counters =
    query.sites === null && groupBy !== 'site'
      ? (p: Period) => sql.table(`activity_${PERIOD_TABLE[p]}_network`)
      : groupBy === 'partner' || groupBy === 'theme'
        ? (p: Period) => sql.table(`activity_${PERIOD_TABLE[p]}`)
        : (p: Period) => sql.table(`activity_site_${PERIOD_TABLE[p]}`);
  const referralTable = (p: Period) => sql.table(`activity_referrals_${PERIOD_TABLE[p]}${query.sites === null ? '_network' : ''}`);
  // One read per range: the whole months, then the days at each edge. Each reads one range of
  // one table's primary key (never a UNION: PostgreSQL would run its branches in parallel
  // workers, which take longer to start than these few hundred rows to read; migration 0007
  // turns parallel scans of these tables off too).
  const reads: Array<[Period, Range]> = [];
  if (parts.months) reads.push(['month', parts.months]);
  for (const days of parts.days) reads.push(['day', days]);
  const [counterReads, referralReads] = await Promise.all([
    Promise.all(
      reads.map(([period, range]) => {
        const key = groupBy === null ? null : GROUP_KEY[groupBy](period);
        return sql<ActivityStats['groups'][number]>`select ${key ?? sql`''`} as ${sql.ref('key')}, sum(acts) as acts,
            sum(solved) as solved, sum(referred) as referred, sum(follow_up) as follow_up
          from ${counters(period)}${where(query.sites, period, range)}${key === null ? sql`` : sql` group by ${key}`}`.execute(db);
      }),
    ),
    Promise.all(
      reads.map(([period, range]) =>
        sql<{ referred_to: string; referred: number }>`select referred_to, sum(referred) as referred
          from ${referralTable(period)}${where(query.sites, period, range)} group by referred_to`.execute(db),
      ),
    ),
  ]);
  const n = (value: unknown) => Number(value ?? 0);
  let acts = 0;
  let solved = 0;
  const byKey = new Map<string, ActivityStats['groups'][number]>();
  const referrals: Record<string, number> = {};
  for (const { rows } of counterReads) {
    for (const row of rows) {
      acts += n(row.acts);
      solved += n(row.solved);
      if (groupBy === null) continue;
      const key = String(row.key);
      const group = byKey.get(key) ?? { key, acts: 0, solved: 0, referred: 0, follow_up: 0 };
      group.acts += n(row.acts);
      group.solved += n(row.solved);
      group.referred += n(row.referred);
      group.follow_up += n(row.follow_up);
      byKey.set(key, group);
    }
  }
  for (const { rows } of referralReads) {
    for (const row of rows) referrals[row.referred_to] = (referrals[row.referred_to] ?? 0) + n(row.referred);
  }
  const groups = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { acts, solved, referrals, groups };
}

/** Activity figures of a site or of the network (`GET /stats/activity`): `sitesActivity` of that one site. */
export async function activityStats(db: Db, scope: ActivityScope): Promise<ActivityStats> {
  const { acts, solved, referrals, groups } = await sitesActivity(db, {
    sites: scope.site === null ? null : [scope.site],
    from: scope.from,
    to: scope.to,
    group_by: scope.group_by,
  });
  return { scope, acts, first_visit_share: acts === 0 ? null : solved / acts, referrals, groups };
}
