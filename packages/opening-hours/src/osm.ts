import type { DayKey, TimeRange, Week } from '@fs-widgets/contract';
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

/**
 * The week in OpenStreetMap `opening_hours` syntax, consecutive days with the same ranges
 * grouped, ending with `PH off` (France services are closed on public holidays):
 * `"Mo 13:30-17:00; Tu-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00,13:30-16:00; PH off"`.
 * Days without hours are left out (closed). Null when the week has no hours at all.
 */
export function toOsmOpeningHours(week: Week): string | null {
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
