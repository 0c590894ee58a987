import type { DayKey, TimeRange, Week } from '@fs-widgets/contract';
import { formatTimeOfDay, openPeriods, parseTimeOfDay } from './time-of-day.js';
import { emptyWeek, sortedRanges } from './week.js';

/** Raised for an ANCT day value that cannot be read as opening hours. */
export class OpeningHoursError extends Error {
  /** The offending value, as found in the list. */
  readonly value: string;

  constructor(message: string, value: string) {
    super(message);
    this.name = 'OpeningHoursError';
    this.value = value;
  }
}

/** The day columns of a row of the ANCT list of France services (there is no Sunday column). */
export type AnctHoursRow = {
  h_lundi?: string | null;
  h_mardi?: string | null;
  h_mercredi?: string | null;
  h_jeudi?: string | null;
  h_vendredi?: string | null;
  h_samedi?: string | null;
};

/** Most ranges in one day, as in the contract's `Week` schema. */
const MAX_RANGES_PER_DAY = 6;

const ANCT_COLUMNS: ReadonlyArray<readonly [Exclude<DayKey, 'su'>, keyof AnctHoursRow]> = [
  ['mo', 'h_lundi'],
  ['tu', 'h_mardi'],
  ['we', 'h_mercredi'],
  ['th', 'h_jeudi'],
  ['fr', 'h_vendredi'],
  ['sa', 'h_samedi'],
];

const RANGE = /^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/;

/**
 * The time ranges of one day value of the ANCT list: `"09:00 - 12:00 / 13:30 - 17:00"`,
 * `"13:30 - 17:00"`; spaces around `-` and `/` are optional. An empty value (or undefined,
 * null, blanks) is a day without hours. The ranges come back sorted by opening time.
 *
 * @throws {OpeningHoursError} for a value that is not such a list of ranges, a range that
 *   does not close after it opens (including the `00:00 - 00:00` placeholder found in the
 *   list), overlapping ranges, or more than 6 ranges.
 */
export function parseAnctDay(value: string | undefined | null): TimeRange[] {
  const text = (value ?? '').trim();
  if (text === '') return [];
  const parts = text.split('/').map((part) => part.trim());
  if (parts.length > MAX_RANGES_PER_DAY) {
    throw new OpeningHoursError(`More than ${MAX_RANGES_PER_DAY} time ranges in one day`, text);
  }
  const ranges = parts.map((part) => {
    const match = RANGE.exec(part);
    const opensText = match?.[1];
    const closesText = match?.[2];
    if (opensText === undefined || closesText === undefined) {
      throw new OpeningHoursError(`Not a time range "HH:MM - HH:MM": ${JSON.stringify(part)}`, text);
    }
    const opens = parseTimeOfDay(opensText);
    const closes = parseTimeOfDay(closesText);
    if (opens === undefined || opens === 24 * 60 || closes === undefined) {
      throw new OpeningHoursError(`Not a valid time of day in ${JSON.stringify(part)}`, text);
    }
    if (closes <= opens) {
      throw new OpeningHoursError(`Time range does not close after it opens: ${JSON.stringify(part)}`, text);
    }
    return { opens: opensText, closes: closesText };
  });
  const sorted = sortedRanges(ranges);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1];
    const current = sorted[i];
    // Ranges are half-open: 09:00-11:00 and 11:00-12:00 touch but do not overlap.
    if (current.opens < previous.closes) {
      throw new OpeningHoursError(
        `Overlapping time ranges: ${previous.opens}-${previous.closes} and ${current.opens}-${current.closes}`,
        text,
      );
    }
  }
  return sorted;
}

/**
 * The week of a row of the ANCT list. Sunday is always empty (the list has no Sunday column).
 *
 * @throws {OpeningHoursError} as `parseAnctDay`, for the first malformed day (the message
 *   names the column).
 */
export function weekFromAnct(row: AnctHoursRow): Week {
  const week = emptyWeek();
  for (const [day, column] of ANCT_COLUMNS) {
    try {
      week[day] = parseAnctDay(row[column]);
    } catch (error) {
      if (error instanceof OpeningHoursError) throw new OpeningHoursError(`${column}: ${error.message}`, error.value);
      throw error;
    }
  }
  return week;
}

/** A week read leniently from the ANCT list, with what had to be corrected to read it. */
export type AnctWeekReading = { week: Week; corrections: string[] };

/**
 * The week of a row, repairing the two quirks found in the published list instead of failing:
 * a `00:00 - 00:00` placeholder (read as "no hours that day") and overlapping or duplicated
 * ranges (merged, e.g. `08:30 - 11:30 / 08:30 - 11:30` → 08:30-11:30). A day that still cannot
 * be read is left without hours. Each repair is described in `corrections`, naming the column,
 * so an import can report it; a site is never dropped because of its hours.
 */
export function readAnctWeek(row: AnctHoursRow): AnctWeekReading {
  const week = emptyWeek();
  const corrections: string[] = [];
  for (const [day, column] of ANCT_COLUMNS) {
    const value = row[column];
    try {
      week[day] = parseAnctDay(value);
      continue;
    } catch (error) {
      if (!(error instanceof OpeningHoursError)) throw error;
    }
    const parts = (value ?? '').split('/').map((part) => part.trim());
    const kept = parts.filter((part) => !/^00:00\s*-\s*00:00$/.test(part));
    try {
      const ranges = kept.flatMap((part) => parseAnctDay(part));
      week[day] = openPeriods(ranges).map((r) => ({ opens: formatTimeOfDay(r.opens), closes: formatTimeOfDay(r.closes) }));
      const what = kept.length < parts.length ? 'placeholder 00:00 - 00:00 ignored' : 'overlapping ranges merged';
      corrections.push(`${column} "${value}": ${what}`);
    } catch (error) {
      if (!(error instanceof OpeningHoursError)) throw error;
      corrections.push(`${column} "${value}": unreadable, day left without hours (${error.message})`);
    }
  }
  return { week, corrections };
}
