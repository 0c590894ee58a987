import type { DayKey, TimeRange } from '@fs-widgets/contract';
import { isPublicHoliday } from './holidays.js';
import { formatTimeOfDay, parseTimeOfDay, toMinutes } from './time-of-day.js';
import { addDays, dayKeyOf, timeZoneForDepartment, zonedInstant, zonedParts } from './time-zone.js';
import { DAY_KEYS } from './week.js';

/**
 * Reading the subset of the OpenStreetMap `opening_hours` syntax used by France services
 * buses and roaming permanences, and computing their next sessions:
 *
 * - rules separated by `;`;
 * - an optional date or date range with its year (exceptional closures and hours):
 *   `2026 Dec 24`, `2026 Dec 24-2026 Dec 26`, `2026 Dec 24-26`;
 * - an optional ISO 8601 week selector: `week 5`, `week 1-10`, `week 1-53/2`, `week 1,3,5`;
 * - an optional weekday selector: `Mo`, `Tu-Th`, `Mo,We,Fr`, `Mo-We,Fr` (`Sa-Mo` wraps);
 *   without one, the rule applies to every day;
 * - time ranges `09:00-12:30` or lists `09:00-12:30,13:30-15:30`, or the state `off` /
 *   `closed` (and an optional `open` after time ranges);
 * - the rule `PH off` (or `PH closed`): closed on public holidays.
 *
 * As in OSM, a later rule matching a date replaces what earlier rules said for that date
 * (`Mo-Fr 09:00-17:00; We off`: closed on Wednesdays); `PH off` is such a rule, matching
 * public holidays — it is written last in practice, so a holiday is closed.
 *
 * Anything else throws an `OsmOpeningHoursError` rather than being misread.
 */

/** Raised for `opening_hours` text outside the supported subset, or invalid. */
export class OsmOpeningHoursError extends Error {
  /** The offending rule, as written (trimmed); the whole text (trimmed) when it has no rule. */
  readonly rule: string;
  /** The whole `opening_hours` text. */
  readonly text: string;

  constructor(message: string, rule: string, text: string) {
    super(message);
    this.name = 'OsmOpeningHoursError';
    this.rule = rule;
    this.text = text;
  }
}

/** One rule of a schedule. */
export type OsmRule =
  | {
      readonly kind: 'hours';
      /** The rule as written (trimmed). */
      readonly text: string;
      /** The dates (`YYYY-MM-DD`, inclusive) the rule is limited to; null for every date. */
      readonly dates: { readonly from: string; readonly to: string } | null;
      /** ISO 8601 week numbers (1 to 53, sorted) the rule applies to; null for every week. */
      readonly weeks: readonly number[] | null;
      /** Days of the week the rule applies to, Monday first (all seven without a weekday selector). */
      readonly days: readonly DayKey[];
      /** Sorted, non-overlapping time ranges; empty for a rule saying `off` / `closed`. */
      readonly ranges: readonly TimeRange[];
    }
  | {
      /** `PH off`: closed on public holidays. */
      readonly kind: 'public-holidays-off';
      readonly text: string;
    };

/** A parsed `opening_hours` text. */
export type OsmSchedule = {
  /** The text as given. */
  readonly text: string;
  /** The rules, in the order written (later rules win). */
  readonly rules: readonly OsmRule[];
  /** True when the schedule has a `PH off` rule. */
  readonly closedOnPublicHolidays: boolean;
};

/**
 * One session (one time range on one date), in the local calendar and wall clock. A day
 * with two ranges (`09:30-12:30,13:30-15:30`) gives two sessions on the same date.
 */
export type Session = {
  /** `YYYY-MM-DD`, local. */
  date: string;
  /** `HH:MM`, local. */
  opens: string;
  /** `HH:MM`, local (`24:00` for the end of the day). */
  closes: string;
};

export type NextSessionsOptions = {
  /** The instant to look from; defaults to the current time. */
  now?: Date;
  /** Department code (or commune code) of the stop: public holidays, and time zone unless `timeZone` is given. */
  department: string;
  /** IANA time zone of the stop; defaults to the department's. */
  timeZone?: string;
  /** Most sessions returned; 3 by default. */
  count?: number;
  /** Days looked at after today (today, then up to `horizonDays` days later); 28 by default. */
  horizonDays?: number;
};

const OSM_DAYS: Readonly<Record<string, DayKey>> = {
  Mo: 'mo',
  Tu: 'tu',
  We: 'we',
  Th: 'th',
  Fr: 'fr',
  Sa: 'sa',
  Su: 'su',
};

/** What is not supported, by how the rest of a rule starts. */
const UNSUPPORTED: ReadonlyArray<readonly [RegExp, string]> = [
  [/^24\/7/, '"24/7" (always open) is not supported'],
  [/^\(?\s*(sunrise|sunset|dawn|dusk)\b/i, 'variable times (sunrise, sunset, dawn, dusk) are not supported'],
  [/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/i, 'month and date selectors without a year (Jan, Feb…) are not supported'],
  [/^\d{4}(?![\d:])/, 'year selectors are only supported in a date ("2026 Dec 24") or a date range'],
  [/^easter\b/i, 'easter dates are not supported'],
  [/^PH\b/, 'public holidays (PH) are only supported as the rule "PH off"'],
  [/^SH\b/, 'school holidays (SH) are not supported'],
  [/^\+/, 'open-ended times ("+") are not supported'],
  [/^\[/, 'nth weekday selectors ("[…]") are not supported'],
  [/^\//, 'repeated time intervals ("/") are not supported'],
  [/^unknown\b/i, 'the state "unknown" is not supported'],
  [/^:/, 'a ":" after the weekdays is not supported'],
  [/^week\b/, 'the week selector must come first in a rule, before the weekdays'],
];

/** The reason why the rest of a rule cannot be read. */
function describeUnexpected(rest: string): string {
  for (const [pattern, reason] of UNSUPPORTED) if (pattern.test(rest)) return reason;
  const token = /^\S+/.exec(rest)?.[0] ?? rest;
  return `unexpected ${JSON.stringify(token)}`;
}

/** A position in the text of one rule, with sticky-regex matching that skips blanks first. */
class RuleReader {
  private position = 0;

  constructor(private readonly source: string) {}

  /** Matches `pattern` (a sticky regex) at the current position, after blanks, and moves past it. */
  take(pattern: RegExp): RegExpExecArray | null {
    this.skipBlanks();
    pattern.lastIndex = this.position;
    const match = pattern.exec(this.source);
    if (match) this.position = pattern.lastIndex;
    return match;
  }

  /** True when `pattern` (a sticky regex) matches at the current position, after blanks. */
  peek(pattern: RegExp): boolean {
    this.skipBlanks();
    pattern.lastIndex = this.position;
    return pattern.test(this.source);
  }

  rest(): string {
    this.skipBlanks();
    return this.source.slice(this.position);
  }

  private skipBlanks(): void {
    while (this.position < this.source.length && /\s/.test(this.source[this.position]!)) this.position++;
  }
}

const DATE = /(\d{4}) +(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +(\d{1,2})(?![\d:])/y;
const DAY_NUMBER = /(\d{1,2})(?![\d:])/y;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEK_KEYWORD = /week(?![A-Za-z])/y;
const WEEK_NUMBER = /\d+/y;
const WEEKDAY = /(Mo|Tu|We|Th|Fr|Sa|Su)(?![A-Za-z])/y;
const TIME = /\d+:\d+/y;
const DASH = /-/y;
const COMMA = /,/y;
const SLASH = /\//y;
const STATE = /(off|closed|open)(?![A-Za-z])/y;
const PUBLIC_HOLIDAYS_OFF = /^PH\s+(off|closed)$/;

const LAST_ISO_WEEK = 53;

/** Reads one rule; `fail` throws an `OsmOpeningHoursError` for this rule. */
function parseRule(rule: string, fail: (reason: string) => never): OsmRule {
  if (PUBLIC_HOLIDAYS_OFF.test(rule)) return { kind: 'public-holidays-off', text: rule };
  const reader = new RuleReader(rule);
  const unexpected = (): never => fail(describeUnexpected(reader.rest()));

  // Date or date range, with the year.
  let dates: { from: string; to: string } | null = null;
  const first = reader.take(DATE);
  if (first) {
    const from = calendarDate(first[1]!, first[2]!, first[3]!, fail);
    let to = from;
    if (reader.take(DASH)) {
      const last = reader.take(DATE);
      const day = last ? null : reader.take(DAY_NUMBER);
      if (last) to = calendarDate(last[1]!, last[2]!, last[3]!, fail);
      else if (day) to = calendarDate(first[1]!, first[2]!, day[1]!, fail);
      else fail(`expected a date or a day after "-", found ${describeFound(reader.rest())}`);
      if (to < from) fail(`the date range ${from} to ${to} ends before it starts`);
    }
    dates = { from, to };
  }

  // Week selector.
  let weeks: number[] | null = null;
  if (reader.take(WEEK_KEYWORD)) {
    const selected = new Set<number>();
    const weekNumber = (): number => {
      const match = reader.take(WEEK_NUMBER);
      if (!match) return fail(`expected an ISO week number after "week", found ${describeFound(reader.rest())}`);
      const week = Number(match[0]);
      if (week < 1 || week > LAST_ISO_WEEK) fail(`week ${match[0]} is not an ISO week number (1 to ${LAST_ISO_WEEK})`);
      return week;
    };
    do {
      const first = weekNumber();
      let last = first;
      let step = 1;
      if (reader.take(DASH)) {
        last = weekNumber();
        if (last < first) fail(`week range ${first}-${last} wrapping over the new year is not supported`);
        if (reader.take(SLASH)) {
          const match = reader.take(WEEK_NUMBER);
          step = match ? Number(match[0]) : 0;
          if (!match || step < 1) fail(`expected a whole number of weeks (1 or more) after "/"`);
        }
      }
      for (let week = first; week <= last; week += step) selected.add(week);
    } while (reader.take(COMMA));
    weeks = [...selected].sort((a, b) => a - b);
  }

  // Weekday selector.
  let days: DayKey[] = [...DAY_KEYS];
  if (reader.peek(WEEKDAY)) {
    const selected = new Set<DayKey>();
    do {
      const firstMatch = reader.take(WEEKDAY);
      if (!firstMatch) return unexpected();
      const first = OSM_DAYS[firstMatch[1]!]!;
      let last = first;
      if (reader.take(DASH)) {
        const lastMatch = reader.take(WEEKDAY);
        if (!lastMatch) return unexpected();
        last = OSM_DAYS[lastMatch[1]!]!;
      }
      // A range such as Sa-Mo wraps over the end of the week.
      for (let index = DAY_KEYS.indexOf(first); ; index = (index + 1) % DAY_KEYS.length) {
        selected.add(DAY_KEYS[index]!);
        if (DAY_KEYS[index] === last) break;
      }
    } while (reader.take(COMMA));
    days = DAY_KEYS.filter((day) => selected.has(day));
  }

  // Time ranges.
  const minuteRanges: Array<{ opens: number; closes: number }> = [];
  if (reader.peek(TIME)) {
    do {
      if (!reader.peek(TIME)) {
        fail(
          `expected a time range after ",", found ${describeFound(reader.rest())}` +
            ' (rules must be separated by ";"; "," between rules is not supported)',
        );
      }
      const opens = timeOfDay(reader.take(TIME)![0], fail);
      if (!reader.take(DASH)) {
        if (reader.peek(/\+/y)) return unexpected();
        fail(`expected "-" and a closing time after ${formatTimeOfDay(opens)}`);
      }
      if (!reader.peek(TIME)) return unexpected();
      const closes = timeOfDay(reader.take(TIME)![0], fail);
      if (opens === 24 * 60) fail('a time range cannot open at 24:00');
      if (closes <= opens) {
        fail(
          `time range ${formatTimeOfDay(opens)}-${formatTimeOfDay(closes)} does not close after it opens` +
            ' (ranges past midnight are not supported)',
        );
      }
      minuteRanges.push({ opens, closes });
      // An open end ("+") or an interval ("/") right after a range is not supported.
      if (reader.peek(/[+/]/y)) return unexpected();
    } while (reader.take(COMMA));
  }

  // State.
  const state = reader.take(STATE)?.[1];
  if (reader.rest() !== '') return unexpected();

  if (state === 'off' || state === 'closed') {
    if (minuteRanges.length > 0) fail(`time ranges followed by "${state}" (closed part of a day) are not supported`);
  } else if (minuteRanges.length === 0) {
    fail('a rule without time ranges (open all day) is not supported; give time ranges or "off"');
  }

  minuteRanges.sort((a, b) => a.opens - b.opens);
  for (let index = 1; index < minuteRanges.length; index++) {
    const previous = minuteRanges[index - 1]!;
    const current = minuteRanges[index]!;
    if (current.opens < previous.closes) {
      fail(
        `overlapping time ranges ${formatTimeOfDay(previous.opens)}-${formatTimeOfDay(previous.closes)}` +
          ` and ${formatTimeOfDay(current.opens)}-${formatTimeOfDay(current.closes)} are not supported`,
      );
    }
  }
  const ranges = minuteRanges.map((range) => ({
    opens: formatTimeOfDay(range.opens),
    closes: formatTimeOfDay(range.closes),
  }));
  return { kind: 'hours', text: rule, dates, weeks, days, ranges };
}

/** `YYYY-MM-DD` of an OSM date (`2026`, `Dec`, `24`); fails for a day the month does not have. */
function calendarDate(year: string, month: string, day: string, fail: (reason: string) => never): string {
  const monthNumber = MONTHS.indexOf(month) + 1;
  const value = new Date(Date.UTC(Number(year), monthNumber - 1, Number(day)));
  if (value.getUTCMonth() !== monthNumber - 1 || value.getUTCDate() !== Number(day)) {
    fail(`${year} ${month} ${day} is not a date`);
  }
  return value.toISOString().slice(0, 10);
}

function describeFound(rest: string): string {
  return rest === '' ? 'the end of the rule' : JSON.stringify(/^\S+/.exec(rest)?.[0] ?? rest);
}

function timeOfDay(text: string, fail: (reason: string) => never): number {
  const minutes = parseTimeOfDay(text);
  if (minutes === undefined) fail(`${JSON.stringify(text)} is not a time of day "HH:MM" (00:00 to 24:00)`);
  return minutes!;
}

/**
 * Reads an OpenStreetMap `opening_hours` text in the subset used by France services buses:
 * `"week 1-53/2 Tu 09:00-12:30,13:30-15:30; PH off"`.
 *
 * @throws {OsmOpeningHoursError} for an empty text, anything outside the subset (month or
 *   date selectors, `sunrise`, `24/7`, `||` fallbacks, comments, `SH`, `PH` other than
 *   `PH off`, open ends `+`, `,` between rules, time ranges with `off`…), or invalid values
 *   (`25:00`, `12:00-09:00`, `week 0`, `week 54`, overlapping ranges).
 */
export function parseOsmOpeningHours(text: string): OsmSchedule {
  if (typeof text !== 'string') throw new TypeError('opening_hours must be a string');
  const rules: OsmRule[] = [];
  for (const part of text.split(';')) {
    const rule = part.trim();
    // Empty rules (a trailing ";", or ";;") are skipped.
    if (rule === '') continue;
    const fail = (reason: string): never => {
      throw new OsmOpeningHoursError(`Unsupported opening_hours rule ${JSON.stringify(rule)}: ${reason}`, rule, text);
    };
    if (rule.includes('||')) fail('fallback rules ("||") are not supported');
    if (rule.includes('"')) fail('comments ("…") are not supported');
    rules.push(parseRule(rule, fail));
  }
  if (rules.length === 0) {
    throw new OsmOpeningHoursError('Empty opening_hours: no rule to read', text.trim(), text);
  }
  return { text, rules, closedOnPublicHolidays: rules.some((rule) => rule.kind === 'public-holidays-off') };
}

/** ISO day number: Monday 1 … Sunday 7. */
const ISO_DAY_NUMBER: Readonly<Record<DayKey, number>> = { mo: 1, tu: 2, we: 3, th: 4, fr: 5, sa: 6, su: 7 };

const MS_PER_DAY = 86_400_000;

/**
 * The ISO 8601 week of a `YYYY-MM-DD` date: weeks run Monday to Sunday, and week 1 is the
 * one holding the year's first Thursday, so `year` may differ from the calendar year
 * (`2027-01-01` → week 53 of 2026, `2024-12-30` → week 1 of 2025).
 *
 * @throws {RangeError} for anything but a valid `YYYY-MM-DD` date.
 */
export function isoWeek(date: string): { year: number; week: number } {
  // The Thursday of the same week decides the year; dayKeyOf validates the date.
  const thursday = addDays(date, 4 - ISO_DAY_NUMBER[dayKeyOf(date)]);
  const yearText = thursday.slice(0, 4);
  const dayOfYear = (Date.parse(thursday) - Date.parse(`${yearText}-01-01`)) / MS_PER_DAY;
  return { year: Number(yearText), week: Math.floor(dayOfYear / 7) + 1 };
}

/**
 * The sessions of one local calendar day (`YYYY-MM-DD`), sorted: one per time range of the
 * last rule matching the date (its dates, its ISO week, its weekday, and for `PH off` a public holiday
 * of the department). Empty when closed, including on a public holiday with `PH off`.
 *
 * @throws {RangeError} for a date that is not a valid `YYYY-MM-DD` date.
 */
export function sessionsOn(schedule: OsmSchedule, date: string, department: string): Session[] {
  const day = dayKeyOf(date);
  const { week } = isoWeek(date);
  const holiday = schedule.closedOnPublicHolidays && isPublicHoliday(date, department) !== undefined;
  let ranges: readonly TimeRange[] = [];
  for (const rule of schedule.rules) {
    if (rule.kind === 'public-holidays-off') {
      if (holiday) ranges = [];
    } else if (
      rule.days.includes(day) &&
      (rule.weeks === null || rule.weeks.includes(week)) &&
      (rule.dates === null || (rule.dates.from <= date && date <= rule.dates.to))
    ) {
      ranges = rule.ranges;
    }
  }
  return ranges.map((range) => ({ date, opens: range.opens, closes: range.closes }));
}

function assertWholeNumber(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number, 0 or more: ${value}`);
}

/**
 * The next sessions at an instant (now by default), in the local calendar and wall clock of
 * the department (or `timeZone`): the sessions not yet finished (a session under way counts;
 * one closing exactly at `now` is finished), sorted, at most `count` (3), from today up to
 * `horizonDays` (28) days later, public holidays skipped when the schedule says `PH off`.
 */
export function nextSessions(schedule: OsmSchedule, options: NextSessionsOptions): Session[] {
  const count = options.count ?? 3;
  const horizonDays = options.horizonDays ?? 28;
  assertWholeNumber('count', count);
  assertWholeNumber('horizonDays', horizonDays);
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? timeZoneForDepartment(options.department);
  const today = zonedParts(now, timeZone).date;

  const sessions: Session[] = [];
  for (let inDays = 0; inDays <= horizonDays && sessions.length < count; inDays++) {
    const date = addDays(today, inDays);
    for (const session of sessionsOn(schedule, date, options.department)) {
      if (inDays === 0 && zonedInstant(date, toMinutes(session.closes), timeZone).getTime() <= now.getTime()) continue;
      sessions.push(session);
      if (sessions.length === count) break;
    }
  }
  return sessions;
}
