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

/** A share, or null when fewer than `KEY_FIGURES_MIN_COUNT` records are behind it. */
const published = (share: number | null, count: number) => (count < KEY_FIGURES_MIN_COUNT ? null : share);

/**
 * The public key figures of a calendar year, from the daily aggregates only (through the same
 * functions as `GET /stats/activity` and `GET /stats/satisfaction`, never the acts or the
 * answers). The aggregates are read over the whole calendar year of each site's local days, so
 * an overseas site a day ahead of Paris is counted too; the period shown ends today in Paris.
 */
export async function keyFigures(db: Db, scope: KeyFiguresScope): Promise<KeyFigures> {
  const from = `${scope.year}-01-01`;
  const endOfYear = `${scope.year}-12-31`;
  const [activity, satisfaction] = await Promise.all([
    activityStats(db, { site: scope.site, from, to: endOfYear, group_by: null }),
    satisfactionStats(db, { site: scope.site, from, to: endOfYear, channel: null }),
  ]);
  return {
    scope: { site: scope.site, year: scope.year, from, to: scope.today < endOfYear ? scope.today : endOfYear },
    sites: scope.site === null ? scope.sitesInList : null,
    acts: activity.acts,
    first_visit_share: published(activity.first_visit_share, activity.acts),
    satisfaction: { answers: satisfaction.count, satisfied_share: published(satisfaction.satisfied_share, satisfaction.count) },
    generated_at: scope.now.toISOString(),
  };
}
