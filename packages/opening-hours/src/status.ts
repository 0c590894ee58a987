import type { DayKey, TimeRange, Week } from '@fs-widgets/contract';
import { type HolidayKey, isPublicHoliday } from './holidays.js';
import { formatTimeOfDay, openPeriods } from './time-of-day.js';
import { addDays, dayKeyOf, timeZoneForDepartment, type ZonedParts, zonedInstant, zonedParts } from './time-zone.js';
import { hasHours, sortedRanges } from './week.js';

/** The next time a site opens, in its local calendar and wall clock. */
export type NextOpening = {
  /** `YYYY-MM-DD`, local. */
  date: string;
  day: DayKey;
  /** `HH:MM`, local. */
  time: string;
  /** 0 = today, 1 = tomorrow…, in the site's local calendar. */
  inDays: number;
};

export type OpeningStatus =
  | {
      state: 'open';
      /** `HH:MM`, local: end of the current opening period. */
      closesAt: string;
      /** Whole minutes until `closesAt`, rounded up (real elapsed time, across a daylight-saving change too). */
      closesInMinutes: number;
      /** `HH:MM`, local: when it opens again later the same day, after a midday break. */
      reopensAt?: string;
    }
  | {
      state: 'closed';
      reason: 'holiday' | 'outside-hours';
      /** The holiday closing the site today, when `reason` is `'holiday'`. */
      holiday?: HolidayKey;
      /** Null when the site does not open within the next 14 days. */
      next: NextOpening | null;
    }
  /** The week has no hours at all. */
  | { state: 'unknown' };

export type OpeningStatusOptions = {
  /** The instant to evaluate; defaults to the current time. */
  now?: Date;
  /** Department code of the site (public holidays, and time zone unless `timeZone` is given). */
  department: string;
  /** IANA time zone of the site; defaults to the department's. */
  timeZone?: string;
};

/** One day of `weekWithDates`. */
export type DayWithDate = {
  /** `YYYY-MM-DD`, local. */
  date: string;
  day: DayKey;
  /** The regular hours of that day of the week, sorted (the site is closed on a `holiday`). */
  ranges: TimeRange[];
  /** The public holiday falling on that date, when there is one: the site is closed all day. */
  holiday?: HolidayKey;
  today: boolean;
};

/** How many days after today the next opening is looked for. */
const LOOK_AHEAD_DAYS = 14;

function localToday(options: OpeningStatusOptions): { today: ZonedParts; timeZone: string } {
  const timeZone = options.timeZone ?? timeZoneForDepartment(options.department);
  return { today: zonedParts(options.now ?? new Date(), timeZone), timeZone };
}

function nextOpening(week: Week, department: string, today: ZonedParts): NextOpening | null {
  for (let inDays = 0; inDays <= LOOK_AHEAD_DAYS; inDays++) {
    const date = addDays(today.date, inDays);
    if (isPublicHoliday(date, department)) continue;
    const day = dayKeyOf(date);
    const period = openPeriods(week[day]).find((candidate) => inDays > 0 || candidate.opens > today.minutes);
    if (period) return { date, day, time: formatTimeOfDay(period.opens), inDays };
  }
  return null;
}

/**
 * Whether a site is open at an instant (now by default), in the site's local time: open until
 * when, or closed (for a public holiday or outside its hours) until when. A public holiday
 * closes the whole day, and the next opening skips holidays. Ranges that touch
 * (`09:00-11:00`, `11:00-12:00`) make one opening period.
 */
export function openingStatus(week: Week, options: OpeningStatusOptions): OpeningStatus {
  if (!hasHours(week)) return { state: 'unknown' };
  const now = options.now ?? new Date();
  const { today, timeZone } = localToday({ ...options, now });
  const holiday = isPublicHoliday(today.date, options.department);

  if (!holiday) {
    const periods = openPeriods(week[today.day]);
    const index = periods.findIndex((period) => period.opens <= today.minutes && today.minutes < period.closes);
    const current = periods[index];
    if (current) {
      const closing = zonedInstant(today.date, current.closes, timeZone);
      const later = periods[index + 1];
      return {
        state: 'open',
        closesAt: formatTimeOfDay(current.closes),
        closesInMinutes: Math.ceil((closing.getTime() - now.getTime()) / 60_000),
        ...(later ? { reopensAt: formatTimeOfDay(later.opens) } : {}),
      };
    }
  }

  return {
    state: 'closed',
    reason: holiday ? 'holiday' : 'outside-hours',
    ...(holiday ? { holiday: holiday.key } : {}),
    next: nextOpening(week, options.department, today),
  };
}

/**
 * The 7 days starting from today (in the site's local calendar) with their regular hours and
 * public holidays, for a "this week" table.
 */
export function weekWithDates(week: Week, options: OpeningStatusOptions): DayWithDate[] {
  const { today } = localToday(options);
  return Array.from({ length: 7 }, (_, offset) => {
    const date = addDays(today.date, offset);
    const day = dayKeyOf(date);
    const holiday = isPublicHoliday(date, options.department);
    return {
      date,
      day,
      ranges: sortedRanges(week[day]),
      ...(holiday ? { holiday: holiday.key } : {}),
      today: offset === 0,
    };
  });
}
