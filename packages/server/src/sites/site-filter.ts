import type { Site, SiteKind } from '@fs-widgets/contract';
import { openingStatus } from '@fs-widgets/opening-hours';

/** The search filters of `GET /sites`; every one given must hold. */
export interface SiteFilter {
  kinds?: ReadonlySet<SiteKind>;
  /** Only sites open at this instant, in their own time zone (a site without hours is not). */
  openAt?: Date;
  /** Only sites open on Saturdays, or with a stop on Saturdays. */
  saturday?: boolean;
}

/** What a filter looks at: the site, and whether it (or one of its stops) opens on Saturdays. */
export interface FilterableSite {
  site: Site;
  opensOnSaturday: boolean;
}

/** The filter as a predicate, or undefined when it keeps every site. */
export function sitePredicate(filter: SiteFilter): ((entry: FilterableSite) => boolean) | undefined {
  const { kinds, openAt, saturday } = filter;
  if (!kinds && !openAt && !saturday) return undefined;
  return ({ site, opensOnSaturday }) =>
    (!kinds || kinds.has(site.kind)) &&
    (!saturday || opensOnSaturday) &&
    (!openAt || openingStatus(site.hours, { now: openAt, department: site.address.department, timeZone: site.time_zone }).state === 'open');
}
