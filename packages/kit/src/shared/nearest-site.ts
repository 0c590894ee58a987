/**
 * What `<fs-banner>` and `<fs-badge>` share: which request finds "the" France services of a
 * page (the nearest one to a commune, or one site), the default link to the widgets server's
 * own pages, and the site's day (open now, later today, closed for today, closed all day).
 */
import type { Site, SiteList, SiteResult, StopMatch } from '@fs-widgets/contract';
import { widgetsServer, type ApiClient, type ResourceRequest } from '@fs-widgets/core';
import {
  openingStatus,
  weekWithDates,
  zonedParts,
  type HolidayKey,
  type NextOpening,
  type OpeningException,
} from '@fs-widgets/opening-hours';

/** The answer of either request: one site (`sites/{id}`) or a search (`sites?commune=`). */
export type SiteAnswer = Site | SiteList;

/** Where the page's France services comes from: one site wins over a commune. */
export type SiteSource = { kind: 'site'; id: string } | { kind: 'commune'; insee: string };

/** The site to show, and how far it is from the commune when it was searched from one. */
export interface ShownSite {
  site: Site;
  distanceKm: number | null;
  communeName: string | null;
}

export function siteSource(commune: string, siteId: string): SiteSource | null {
  const id = siteId.trim();
  if (id) return { kind: 'site', id };
  const insee = commune.trim().toUpperCase();
  return insee ? { kind: 'commune', insee } : null;
}

/** `GET /sites/{id}`, or the nearest site to the commune (`GET /sites?commune=INSEE&limit=1`). */
export function siteRequest(client: ApiClient, source: SiteSource | null): ResourceRequest | undefined {
  if (!source) return undefined;
  return source.kind === 'site'
    ? { client, path: `sites/${encodeURIComponent(source.id)}` }
    : { client, path: 'sites', searchParams: { commune: source.insee, limit: 1 } };
}

/** The site of an answer; null when a search found none. */
export function shownSite(answer: SiteAnswer): ShownSite | null {
  if (!('items' in answer)) return { site: answer, distanceKm: null, communeName: null };
  const first: SiteResult | undefined = answer.items[0];
  return first ? { site: first, distanceKm: first.distance_km, communeName: answer.origin.commune?.name ?? null } : null;
}

/**
 * The widgets server's page for a source, for visitors who follow the link: a site's short public
 * page (`https://x/s/2983`: its card, directions and the locator around it, as the poster's QR
 * code gives), or the locator on a commune (`…/embed/fs-site-locator?commune=48095`). Without a
 * source, the locator page with no preset commune.
 */
export function embedPageHref(api: string, source: SiteSource | null): string {
  if (source?.kind === 'site') return new URL(`s/${encodeURIComponent(source.id)}`, widgetsServer(api)).href;
  const page = new URL('embed/fs-site-locator', widgetsServer(api));
  if (source) page.searchParams.set('commune', source.insee);
  return page.href;
}

/**
 * The site's day, in its own time zone and calendar (public holidays and the site's exceptional
 * closures and hours included): closed all day by an exceptional closure is `closed-today` with
 * that `exception`, and `today` (the site's local date) to say « aujourd’hui » of a one-day one.
 */
export type SiteDay =
  | { kind: 'open-now'; closesAt: string }
  | { kind: 'opens-later-today'; opensAt: string }
  | { kind: 'closed-for-today'; next: NextOpening | null }
  | { kind: 'closed-today'; holiday?: HolidayKey; exception?: OpeningException; today?: string; next: NextOpening | null }
  /** A bus or a permanence found at one of its stops near the commune: its next visit there. */
  | { kind: 'next-visit'; stop: StopMatch; stops: Site['stops']; today: string }
  | { kind: 'unknown' };

export function siteDay(site: Site | SiteResult, now: Date): SiteDay {
  const options = { now, department: site.address.department, timeZone: site.time_zone, exceptions: site.exceptions };
  // Found at one of its stops: what matters here is when it comes, not its home base's hours.
  if ('at_stop' in site && site.at_stop)
    return { kind: 'next-visit', stop: site.at_stop, stops: site.stops, today: zonedParts(now, site.time_zone).date };
  const status = openingStatus(site.hours, options);
  if (status.state === 'unknown') return { kind: 'unknown' };
  if (status.state === 'open') return { kind: 'open-now', closesAt: status.closesAt };
  const today = weekWithDates(site.hours, options)[0];
  const opensToday = !!today && !today.holiday && today.ranges.length > 0;
  if (opensToday && status.next?.inDays === 0) return { kind: 'opens-later-today', opensAt: status.next.time };
  if (opensToday) return { kind: 'closed-for-today', next: status.next };
  if (status.reason === 'exception' && status.exception && today) {
    return { kind: 'closed-today', exception: status.exception, today: today.date, next: status.next };
  }
  return { kind: 'closed-today', ...(status.holiday ? { holiday: status.holiday } : {}), next: status.next };
}
