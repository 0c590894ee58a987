import type { DayKey, TimeRange, Week } from '@fs-widgets/contract';
import type { OpeningException } from './exceptions.js';
import { openPeriods } from './time-of-day.js';
import { DAY_KEYS, hasHours, sortedRanges } from './week.js';

const OSM_DAY: Readonly<Record<DayKey, string>> = {
  mo: 'Mo',
  tu: 'Tu',
  we: 'We',
  th: 'Th',
  fr: 'Fr',
  sa: 'Sa',
  su: 'Su',
};

function osmRanges(ranges: readonly TimeRange[]): string {
  return sortedRanges(ranges)
    .map((range) => `${range.opens}-${range.closes}`)
    .join(',');
}

const OSM_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A `YYYY-MM-DD` date as an OSM date selector: `2026 Dec 24`. */
function osmDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year} ${OSM_MONTHS[Number(month) - 1]} ${day}`;
}

/**
 * One exception as an OpenStreetMap rule: `2026 Dec 24 off`, `2026 Dec 24-2026 Dec 26 off`,
 * `2026 Dec 24 09:00-12:00`. Written after the weekly rules and `PH off`, it replaces them on
 * its days (a later rule wins in OSM).
 */
export function exceptionToOsm(exception: OpeningException): string {
  const dates =
    exception.starts_on === exception.ends_on
      ? osmDate(exception.starts_on)
      : `${osmDate(exception.starts_on)}-${osmDate(exception.ends_on)}`;
  const hours = exception.closed ? '' : osmRanges(exception.hours);
  return `${dates} ${hours === '' ? 'off' : hours}`;
}

/**
 * The week in OpenStreetMap `opening_hours` syntax, consecutive days with the same ranges
 * grouped, ending with `PH off` (France services are closed on public holidays):
 * `"Mo 13:30-17:00; Tu-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00; PH off"`.
 * Days without hours are left out (closed). Null when the week has no hours at all.
 *
 * Exceptional closures and hours, when given, follow as dated rules, sorted by their first
 * day (a longer one first, so that a shorter one inside it wins, as in `openingStatus`):
 * `…; PH off; 2026 Dec 24 off; 2027 Jan 02 09:00-12:00`.
 */
export function toOsmOpeningHours(week: Week, exceptions: readonly OpeningException[] = []): string | null {
  if (!hasHours(week)) return null;
  const rules: string[] = [];
  let index = 0;
  while (index < DAY_KEYS.length) {
    const first = DAY_KEYS[index];
    const hours = osmRanges(week[first]);
    let last = index;
    while (last + 1 < DAY_KEYS.length && osmRanges(week[DAY_KEYS[last + 1]]) === hours) last++;
    if (hours !== '') {
      const days = last === index ? OSM_DAY[first] : `${OSM_DAY[first]}-${OSM_DAY[DAY_KEYS[last]]}`;
      rules.push(`${days} ${hours}`);
    }
    index = last + 1;
  }
  rules.push('PH off');
  const dated = [...exceptions].sort((a, b) =>
    a.starts_on !== b.starts_on ? (a.starts_on < b.starts_on ? -1 : 1) : a.ends_on > b.ends_on ? -1 : a.ends_on < b.ends_on ? 1 : 0,
  );
  for (const exception of dated) rules.push(exceptionToOsm(exception));
  return rules.join('; ');
}

/** Minutes open in a regular week (overlapping ranges counted once). */
export function weeklyMinutes(week: Week): number {
  let total = 0;
  for (const day of DAY_KEYS) {
    for (const period of openPeriods(week[day])) total += period.closes - period.opens;
  }
  return total;
}
