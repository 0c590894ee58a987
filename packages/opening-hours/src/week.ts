import type { DayKey, TimeRange, Week } from '@fs-widgets/contract';

/**
 * Day keys in week order, Monday first. Re-declared here (rather than imported from the
 * contract) so that this module has no runtime dependency.
 */
export const DAY_KEYS: readonly DayKey[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

/** A week with no hours on any day. */
export function emptyWeek(): Week {
  return { mo: [], tu: [], we: [], th: [], fr: [], sa: [], su: [] };
}

/** True when at least one day of the week has a time range. */
export function hasHours(week: Week): boolean {
  return DAY_KEYS.some((day) => week[day].length > 0);
}

/** The ranges of one day, sorted by opening time (the input is not modified). */
export function sortedRanges(ranges: readonly TimeRange[]): TimeRange[] {
  return [...ranges].sort((a, b) => (a.opens < b.opens ? -1 : a.opens > b.opens ? 1 : 0));
}
