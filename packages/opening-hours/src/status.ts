import type { DayKey, TimeRange, Week } from '@fs-widgets/contract';
import { exceptionOn, exceptionRanges, lastExceptionDay, type OpeningException } from './exceptions.js';
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
  /** The exception giving that day's hours, when it opens at exceptional hours. */
  exception?: OpeningException;
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
      /** The exception giving today's hours, when the site is open at exceptional hours today. */
      exception?: OpeningException;
    }
  | {
      state: 'closed';
      /**
       * `'exception'`: closed all day by an exceptional closure (`exception` says why and until
       * when); `'holiday'`: a public holiday; `'outside-hours'`: outside today's hours (the
       * exceptional ones when `exception` is set).
       */
      reason: 'holiday' | 'outside-hours' | 'exception';
      /** The holiday closing the site today, when `reason` is `'holiday'`. */
      holiday?: HolidayKey;
      /** The exception covering today: the closure when `reason` is `'exception'`, or today's exceptional hours. */
      exception?: OpeningException;
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
  /**
   * Exceptional closures and hours (`Site.exceptions`): on a day one of them covers, it replaces
   * the weekly hours and the public holiday (closed, or open at its hours).
   */
  exceptions?: readonly OpeningException[];
};

/** One day of `weekWithDates`. */
export type DayWithDate = {
  /** `YYYY-MM-DD`, local. */
  date: string;
  day: DayKey;
  /**
   * The regular hours of that day of the week, sorted (the site is closed on a `holiday`); on a
   * day covered by an `exception`, that exception's hours (empty when it closes the site).
   */
  ranges: TimeRange[];
  /** The public holiday falling on that date, when there is one and no exception covers the day: closed all day. */
  holiday?: HolidayKey;
  /** The exception covering that date (closed, or open at `ranges`), which overrides the week and holidays. */
  exception?: OpeningException;
  today: boolean;
};

/** How many days after today the next opening is looked for. */
const LOOK_AHEAD_DAYS = 14;

function localToday(options: OpeningStatusOptions): { today: ZonedParts; timeZone: string } {
  const timeZone = options.timeZone ?? timeZoneForDepartment(options.department);
  return { today: zonedParts(options.now ?? new Date(), timeZone), timeZone };
}

/** Exceptions are at most a year long: the look-ahead never goes further than this past today. */
const MAX_LOOK_AHEAD_DAYS = 366 + LOOK_AHEAD_DAYS;

const MS_PER_DAY = 86_400_000;

/** What one local date has: an exception's hours, a public holiday (closed), or the week's hours. */
function hoursOn(
  week: Week,
  date: string,
  department: string,
  exceptions: readonly OpeningException[] | undefined,
): { ranges: TimeRange[]; holiday?: HolidayKey; exception?: OpeningException } {
  const exception = exceptionOn(date, exceptions);
  if (exception) return { ranges: exceptionRanges(exception), exception };
  const holiday = isPublicHoliday(date, department);
  if (holiday) return { ranges: [], holiday: holiday.key };
  return { ranges: sortedRanges(week[dayKeyOf(date)]) };
}

/** Days looked at after today: 14, or 14 past the last day of an exception still to come. */
function lookAheadDays(today: string, exceptions: readonly OpeningException[] | undefined): number {
  const last = lastExceptionDay(exceptions);
  if (!last || last < today) return LOOK_AHEAD_DAYS;
  const days = Math.round((Date.parse(last) - Date.parse(today)) / MS_PER_DAY);
  return Math.min(MAX_LOOK_AHEAD_DAYS, Math.max(LOOK_AHEAD_DAYS, days + LOOK_AHEAD_DAYS));
}

function nextOpening(
  week: Week,
  department: string,
  today: ZonedParts,
  exceptions: readonly OpeningException[] | undefined,
): NextOpening | null {
  const horizon = lookAheadDays(today.date, exceptions);
  for (let inDays = 0; inDays <= horizon; inDays++) {
    const date = addDays(today.date, inDays);
    const { ranges, exception } = hoursOn(week, date, department, exceptions);
    const period = openPeriods(ranges).find((candidate) => inDays > 0 || candidate.opens > today.minutes);
    if (period) return { date, day: dayKeyOf(date), time: formatTimeOfDay(period.opens), inDays, ...(exception ? { exception } : {}) };
  }
  return null;
}

/**
 * Whether a site is open at an instant (now by default), in the site's local time: open until
 * when, or closed (for an exceptional closure, a public holiday or outside its hours) until
 * when. A public holiday closes the whole day, and the next opening skips holidays. A day
 * covered by one of `options.exceptions` follows that exception instead of the week and the
 * holiday: closed all day, or open at its hours. Ranges that touch (`09:00-11:00`,
 * `11:00-12:00`) make one opening period. `unknown` when the week has no hours and no exception
 * covers today.
 */
export function openingStatus(week: Week, options: OpeningStatusOptions): OpeningStatus {
  const now = options.now ?? new Date();
  const { today, timeZone } = localToday({ ...options, now });
  const { exceptions } = options;
  const { ranges, holiday, exception } = hoursOn(week, today.date, options.department, exceptions);
  if (!exception && !hasHours(week)) return { state: 'unknown' };
  const closedByException = exception?.closed === true;

  if (!holiday && !closedByException) {
    const periods = openPeriods(ranges);
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
        ...(exception ? { exception } : {}),
      };
    }
  }

  return {
    state: 'closed',
    reason: closedByException ? 'exception' : holiday ? 'holiday' : 'outside-hours',
    ...(holiday ? { holiday } : {}),
    ...(exception ? { exception } : {}),
    next: nextOpening(week, options.department, today, exceptions),
  };
}

/**
 * The 7 days starting from today (in the site's local calendar) with their regular hours and
 * public holidays, or the exception covering the day, for a "this week" table.
 */
export function weekWithDates(week: Week, options: OpeningStatusOptions): DayWithDate[] {
  const { today } = localToday(options);
  return Array.from({ length: 7 }, (_, offset) => {
    const date = addDays(today.date, offset);
    const day = dayKeyOf(date);
    const exception = exceptionOn(date, options.exceptions);
    const holiday = exception ? undefined : isPublicHoliday(date, options.department);
    return {
      date,
      day,
      ranges: exception ? exceptionRanges(exception) : sortedRanges(week[day]),
      ...(holiday ? { holiday: holiday.key } : {}),
      ...(exception ? { exception } : {}),
      today: offset === 0,
    };
  });
}
