import { KEY_FIGURES_MIN_COUNT, type KeyFigures } from '@fs-widgets/contract';
import type { Db } from '../db/database.js';
import { activityStats } from '../demarches/activity-stats.js';
import { satisfactionStats } from '../feedback/satisfaction-stats.js';

export interface KeyFiguresScope {
  /** A site, or the whole network when null. */
  site: string | null;
  year: number;
  /** Today in Europe/Paris (YYYY-MM-DD): the period of the current year ends there. */
  today: string;
  /** The number of sites in the list (published for the network only). */
  sitesInList: number;
  now: Date;
}

/** A share, or null when fewer than `KEY_FIGURES_MIN_COUNT` records are behind it (the observatory's shares too). */
export const published = (share: number | null, count: number) => (count < KEY_FIGURES_MIN_COUNT ? null : share);

/**
 * The stored sites by role: the France services themselves (`main`, buses and roaming ones
 * included) and their antennas (`antenna`, `type_fs` "Antenne" in the ANCT list), so that the
 * widget says exactly what is counted rather than calling every row a France services.
 */
async function sitesByRole(db: Db): Promise<{ main: number; antenna: number }> {
  const rows = await db
    .selectFrom('sites')
    .select(['role', db.fn.countAll<number | string>().as('count')])
    .groupBy('role')
    .execute();
  const counts = { main: 0, antenna: 0 };
  for (const row of rows) counts[row.role === 'antenna' ? 'antenna' : 'main'] += Number(row.count);
  return counts;
}

/**
 * The public key figures of a calendar year, from the daily aggregates only (through the same
 * functions as `GET /stats/activity` and `GET /stats/satisfaction`, never the acts or the
 * answers). The aggregates are read over the whole calendar year of each site's local days, so
 * an overseas site a day ahead of Paris is counted too; the period shown ends today in Paris.
 */
export async function keyFigures(db: Db, scope: KeyFiguresScope): Promise<KeyFigures> {
  const from = `${scope.year}-01-01`;
  const endOfYear = `${scope.year}-12-31`;
  const [activity, satisfaction, roles] = await Promise.all([
    activityStats(db, { site: scope.site, from, to: endOfYear, group_by: null }),
    satisfactionStats(db, { site: scope.site, from, to: endOfYear, channel: null }),
    scope.site === null ? sitesByRole(db) : null,
  ]);
  return {
    scope: { site: scope.site, year: scope.year, from, to: scope.today < endOfYear ? scope.today : endOfYear },
    sites: scope.site === null ? scope.sitesInList : null,
    main_sites: roles?.main ?? null,
    antennas: roles?.antenna ?? null,
    acts: activity.acts,
    first_visit_share: published(activity.first_visit_share, activity.acts),
    satisfaction: { answers: satisfaction.count, satisfied_share: published(satisfaction.satisfied_share, satisfaction.count) },
    generated_at: scope.now.toISOString(),
  };
}
