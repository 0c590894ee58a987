import type { FeedbackChannel, SatisfactionStats } from '@fs-widgets/contract';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { SatisfactionCounters } from '../db/schema.js';
import { COUNTER_COLUMNS } from './answers.js';

export interface StatsScope {
  /** A site, or the whole network when null. */
  site: string | null;
  /** First and last local days included (YYYY-MM-DD), open when null. */
  from: string | null;
  to: string | null;
  channel: FeedbackChannel | null;
}

/** The satisfaction of a set of sites (the network when null), grouped by site or by month, or not. */
export interface SitesSatisfactionQuery {
  sites: readonly string[] | null;
  from: string | null;
  to: string | null;
  channel: FeedbackChannel | null;
  group_by: 'site' | 'month' | null;
}

export interface SitesSatisfaction {
  totals: SatisfactionCounters;
  /** By key (a site's id or YYYY-MM), in key order; empty when not grouped. */
  groups: Array<{ key: string; counters: SatisfactionCounters }>;
  first_day: string | null;
  last_day: string | null;
}

const zero = (): SatisfactionCounters => Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, 0])) as unknown as SatisfactionCounters;

/**
 * Satisfaction counters from the daily aggregates only, never from the answers: one row per
 * day and channel (a site's, or the network's), whatever the number of answers behind them.
 * The network's own table is read unless the figures are grouped by site.
 */
export async function sitesSatisfaction(db: Db, query: SitesSatisfactionQuery): Promise<SitesSatisfaction> {
  if (query.sites !== null && query.sites.length === 0) return { totals: zero(), groups: [], first_day: null, last_day: null };
  const network = query.sites === null && query.group_by !== 'site';
  const conditions: RawBuilder<unknown>[] = [];
  if (query.sites !== null && query.sites.length === 1) conditions.push(sql`site_id = ${query.sites[0]}`);
  else if (query.sites !== null) conditions.push(sql`site_id in (${sql.join(query.sites.map((site) => sql`${site}`))})`);
  if (query.from !== null) conditions.push(sql`day >= ${query.from}`);
  if (query.to !== null) conditions.push(sql`day <= ${query.to}`);
  if (query.channel !== null) conditions.push(sql`channel = ${query.channel}`);
  const key = query.group_by === 'site' ? sql`site_id` : query.group_by === 'month' ? sql`substr(day, 1, 7)` : null;
  const { rows } = await sql<Record<string, string | number | null>>`select ${key ?? sql`''`} as ${sql.ref('key')},
      ${sql.join(COUNTER_COLUMNS.map((c) => sql`sum(${sql.ref(c)}) as ${sql.ref(c)}`))}, min(day) as first_day, max(day) as last_day
    from ${sql.table(network ? 'satisfaction_daily_network' : 'satisfaction_daily')}
    ${conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`}
    ${key === null ? sql`` : sql`group by ${key}`}`.execute(db);
  const totals = zero();
  const groups: SitesSatisfaction['groups'] = [];
  let first: string | null = null;
  let last: string | null = null;
  for (const row of rows) {
    // SUM of no rows is NULL; PostgreSQL answers a bigint, as a string.
    const counters = Object.fromEntries(COUNTER_COLUMNS.map((c) => [c, Number(row[c] ?? 0)])) as unknown as SatisfactionCounters;
    for (const c of COUNTER_COLUMNS)
      (totals as unknown as Record<string, number>)[c]! += (counters as unknown as Record<string, number>)[c]!;
    const firstDay = row.first_day as string | null;
    const lastDay = row.last_day as string | null;
    if (firstDay !== null && (first === null || firstDay < first)) first = firstDay;
    if (lastDay !== null && (last === null || lastDay > last)) last = lastDay;
    if (key !== null) groups.push({ key: String(row.key), counters });
  }
  groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { totals, groups, first_day: first, last_day: last };
}

/** Answers, their distribution and the satisfied and resolved shares (null without answers) of some counters. */
export function satisfactionFigures(c: SatisfactionCounters) {
  const distribution = {
    'very-satisfied': c.very_satisfied,
    satisfied: c.satisfied,
    dissatisfied: c.dissatisfied,
    'very-dissatisfied': c.very_dissatisfied,
  };
  const resolved = { yes: c.resolved_yes, partly: c.resolved_partly, no: c.resolved_no, unanswered: c.resolved_unanswered };
  const count = c.very_satisfied + c.satisfied + c.dissatisfied + c.very_dissatisfied;
  const answeredResolution = resolved.yes + resolved.partly + resolved.no;
  return {
    count,
    satisfied: c.very_satisfied + c.satisfied,
    satisfied_share: count === 0 ? null : (c.very_satisfied + c.satisfied) / count,
    distribution,
    resolved,
    resolved_share: answeredResolution === 0 ? null : resolved.yes / answeredResolution,
  };
}

/** Satisfaction figures of a site or of the network (`GET /stats/satisfaction`): `sitesSatisfaction` of that one site. */
export async function satisfactionStats(db: Db, scope: StatsScope): Promise<SatisfactionStats> {
  const { totals, first_day, last_day } = await sitesSatisfaction(db, {
    sites: scope.site === null ? null : [scope.site],
    from: scope.from,
    to: scope.to,
    channel: scope.channel,
    group_by: null,
  });
  const { count, satisfied_share, distribution, resolved, resolved_share } = satisfactionFigures(totals);
  return {
    scope,
    count,
    satisfied_share,
    distribution,
    resolved,
    resolved_share,
    first_answer_on: first_day,
    last_answer_on: last_day,
  };
}
