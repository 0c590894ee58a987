import type { FeedbackChannel, SatisfactionStats } from '@fs-widgets/contract';
import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { COUNTER_COLUMNS } from './answers.js';

export interface StatsScope {
  /** A site, or the whole network when null. */
  site: string | null;
  /** First and last local days included (YYYY-MM-DD), open when null. */
  from: string | null;
  to: string | null;
  channel: FeedbackChannel | null;
}

/**
 * Satisfaction figures from the daily aggregates only, never from the answers: one row per
 * day and channel (the site's, or the network's), whatever the number of answers behind them.
 */
export async function satisfactionStats(db: Db, scope: StatsScope): Promise<SatisfactionStats> {
  // The network table has the same columns as the site table, minus site_id: one query shape.
  let query = (
    scope.site === null
      ? db.selectFrom('satisfaction_daily_network')
      : db.selectFrom('satisfaction_daily').where('site_id', '=', scope.site)
  ) as
    // Kysely's own type for "nothing selected yet" is `{}`.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    SelectQueryBuilder<Database, 'satisfaction_daily_network', {}>;
  if (scope.from !== null) query = query.where('day', '>=', scope.from);
  if (scope.to !== null) query = query.where('day', '<=', scope.to);
  if (scope.channel !== null) query = query.where('channel', '=', scope.channel);
  const row = (await query
    .select((eb) => [
      ...COUNTER_COLUMNS.map((column) => eb.fn.sum(column).as(column)),
      eb.fn.min('day').as('first_day'),
      eb.fn.max('day').as('last_day'),
    ])
    .executeTakeFirstOrThrow()) as Record<string, string | number | null>;
  // SUM of no rows is NULL; PostgreSQL answers a bigint, as a string.
  const n = (column: string) => Number(row[column] ?? 0);
  const distribution = {
    'very-satisfied': n('very_satisfied'),
    satisfied: n('satisfied'),
    dissatisfied: n('dissatisfied'),
    'very-dissatisfied': n('very_dissatisfied'),
  };
  const resolved = { yes: n('resolved_yes'), partly: n('resolved_partly'), no: n('resolved_no'), unanswered: n('resolved_unanswered') };
  const count = distribution['very-satisfied'] + distribution.satisfied + distribution.dissatisfied + distribution['very-dissatisfied'];
  const answeredResolution = resolved.yes + resolved.partly + resolved.no;
  return {
    scope,
    count,
    satisfied_share: count === 0 ? null : (distribution['very-satisfied'] + distribution.satisfied) / count,
    distribution,
    resolved,
    resolved_share: answeredResolution === 0 ? null : resolved.yes / answeredResolution,
    first_answer_on: (row.first_day as string | null) ?? null,
    last_answer_on: (row.last_day as string | null) ?? null,
  };
}
