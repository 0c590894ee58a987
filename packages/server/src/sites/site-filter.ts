import { LOCAL_PARTNER_OFFER, type DayKey, type SearchOffer, type Site, type SiteKind } from '@fs-widgets/contract';
import { DAY_KEYS, departmentOf, isPublicHoliday, openingStatus, zonedParts } from '@fs-widgets/opening-hours';

/** The search filters of `GET /sites`; every one given must hold. */
export interface SiteFilter {
  kinds?: ReadonlySet<SiteKind>;
  /**
   * Only sites open at this instant, in their own time zone (a site without hours is not, nor a
   * bus or roaming site that publishes no stop: open, maybe, but where?).
   */
  openAt?: Date;
  /** Only sites open on Saturdays, or with a stop on Saturdays. */
  saturday?: boolean;
  /** Only sites with every one of these offers: typed ones their agents publish, or derived from their local partners. */
  offers?: readonly SearchOffer[];
}

/**
 * A site's week read once, for "open at this instant?" without parsing any `HH:MM` per request:
 * per day, the opening and closing minutes of each range (flat: opens, closes, opens, closes…),
 * with its department (public holidays) and time zone. `days` is null for a week with a time
 * the reader refuses: that site is asked to `openingStatus` itself, which says what is wrong.
 */
export interface WeeklyOpenings {
  department: string;
  timeZone: string;
  days: Readonly<Record<DayKey, readonly number[]>> | null;
}

/** What a filter looks at: the site, whether it (or one of its stops) opens on Saturdays, its week read once. */
export interface FilterableSite {
  site: Site;
  opensOnSaturday: boolean;
  openings: WeeklyOpenings;
  /** False for a bus or roaming site without published stops: the widgets show it no « ouvert » (true when absent). */
  placeKnown?: boolean;
}

const HHMM = /^(\d{2}):(\d{2})$/;

/** Minutes since midnight of `HH:MM` (00:00–24:00), as the opening-hours package reads it; undefined otherwise. */
function minutesOf(time: string): number | undefined {
  const match = HHMM.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** The site's week as {@link WeeklyOpenings}: once per catalogue load. */
export function weeklyOpenings(site: Site): WeeklyOpenings {
  const days = {} as Record<DayKey, number[]>;
  let readable = true;
  for (const day of DAY_KEYS) {
    days[day] = [];
    for (const range of site.hours[day]) {
      const opens = minutesOf(range.opens);
      const closes = minutesOf(range.closes);
      if (opens === undefined || closes === undefined) readable = false;
      // An empty or reversed range opens nothing (openPeriods drops it too).
      else if (closes > opens) days[day].push(opens, closes);
    }
  }
  return { department: departmentOf(site.address.department), timeZone: site.time_zone, days: readable ? days : null };
}

/**
 * "Is it open at this instant?" for many sites: the same answer as
 * `openingStatus(site.hours, { exceptions: site.exceptions, … }).state === 'open'` (open within
 * one of the day's ranges, not on a public holiday of its department, in its own time zone,
 * unless an exceptional closure or exceptional hours cover that day), with the local time read
 * once per time zone and the holiday once per department and date, instead of once per site.
 * The few sites publishing exceptions are asked to `openingStatus` itself.
 */
export function openAtInstant(instant: Date): (site: Site, openings: WeeklyOpenings) => boolean {
  const localTimes = new Map<string, ReturnType<typeof zonedParts>>();
  const holidays = new Map<string, boolean>();
  return (site, { department, timeZone, days }) => {
    if (days === null || site.exceptions.length > 0) {
      return (
        openingStatus(site.hours, {
          now: instant,
          department: site.address.department,
          timeZone: site.time_zone,
          exceptions: site.exceptions,
        }).state === 'open'
      );
    }
    let local = localTimes.get(timeZone);
    if (!local) {
      local = zonedParts(instant, timeZone);
      localTimes.set(timeZone, local);
    }
    const ranges = days[local.day];
    if (ranges.length === 0) return false;
    const key = `${department}|${local.date}`;
    let holiday = holidays.get(key);
    if (holiday === undefined) {
      holiday = isPublicHoliday(local.date, department) !== undefined;
      holidays.set(key, holiday);
    }
    if (holiday) return false;
    for (let i = 0; i < ranges.length; i += 2) if (ranges[i]! <= local.minutes && local.minutes < ranges[i + 1]!) return true;
    return false;
  };
}

const THEME_OFFER_PREFIX = `${LOCAL_PARTNER_OFFER}:`;

/**
 * Whether a site has an offer: a typed one its agents publish, `local-partner` when it has a
 * local partner, `local-partner:<theme>` when one of them helps with that theme.
 */
export function hasOffer(site: Site, offer: SearchOffer): boolean {
  if (offer === LOCAL_PARTNER_OFFER) return site.local_partners.length > 0;
  if (offer.startsWith(THEME_OFFER_PREFIX)) {
    const theme = offer.slice(THEME_OFFER_PREFIX.length);
    return site.local_partners.some((partner) => (partner.themes as readonly string[]).includes(theme));
  }
  return (site.offers as readonly string[]).includes(offer);
}

/** The filter as a predicate, or undefined when it keeps every site. */
export function sitePredicate(filter: SiteFilter): ((entry: FilterableSite) => boolean) | undefined {
  const { kinds, openAt, saturday, offers } = filter;
  if (!kinds && !openAt && !saturday && !offers?.length) return undefined;
  const open = openAt && openAtInstant(openAt);
  return ({ site, opensOnSaturday, openings, placeKnown }) =>
    (!kinds || kinds.has(site.kind)) &&
    (!saturday || opensOnSaturday) &&
    (!offers || offers.every((offer) => hasOffer(site, offer))) &&
    (!open || (placeKnown !== false && open(site, openings)));
}
