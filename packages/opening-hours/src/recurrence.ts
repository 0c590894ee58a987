import type { DayKey, Recurrence } from '@fs-widgets/contract';
import { isPublicHoliday } from './holidays.js';
import { toMinutes } from './time-of-day.js';
import { isoWeek } from './osm-rules.js';
import { addDays, dayKeyOf, timeZoneForDepartment, zonedInstant, zonedParts } from './time-zone.js';

/**
 * Dates of recurring permanences ("Mission locale — 2e mardi du mois, 9 h–12 h"): the
 * structured `Recurrence` of the contract, bounded by `starts_on` / `ends_on`, with the public
 * holidays of the site's département always skipped (a permanence does not take place on a
 * public holiday; the next one is the next regular date).
 */
export type PermanenceRule = {
  recurrence: Recurrence;
  /** `HH:MM`, local; null when the hours are not fixed (by appointment). */
  opens: string | null;
  closes: string | null;
  /** First day it runs (`YYYY-MM-DD`); the week `weekly` intervals are counted from. */
  starts_on: string | null;
  /** Last day it runs. */
  ends_on: string | null;
};

export type PermanenceDate = { date: string; opens: string | null; closes: string | null };

export type PermanenceDatesOptions = {
  /** The instant to look from; now by default. */
  now?: Date;
  /** Département (or commune code) of the site: public holidays, and the time zone unless `timeZone` is given. */
  department: string;
  timeZone?: string;
  /** Most dates returned; 3 by default. */
  count?: number;
  /** Days looked at after today; 120 by default (a monthly permanence shows its next three). */
  horizonDays?: number;
};

/** A rule that cannot give dates: an `every N weeks` without the week to count from, hours the wrong way round… */
export class RecurrenceError extends Error {
  constructor(
    message: string,
    /** The field at fault, as the API names it. */
    readonly field: string,
  ) {
    super(message);
    this.name = 'RecurrenceError';
  }
}

const ISO_DAY: Readonly<Record<DayKey, number>> = { mo: 1, tu: 2, we: 3, th: 4, fr: 5, sa: 6, su: 7 };
const MS_PER_DAY = 86_400_000;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / MS_PER_DAY);
const mondayOf = (date: string) => addDays(date, 1 - ISO_DAY[dayKeyOf(date)]);
const daysInMonth = (date: string) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();

/** Checks what the schema cannot: throws a `RecurrenceError` naming the field. */
export function checkPermanenceRule(rule: PermanenceRule): void {
  const { recurrence, opens, closes, starts_on, ends_on } = rule;
  if ((opens === null) !== (closes === null)) {
    throw new RecurrenceError(
      'give both the opening and the closing time, or neither (by appointment)',
      opens === null ? 'opens' : 'closes',
    );
  }
  if (opens !== null && closes !== null && toMinutes(closes) <= toMinutes(opens)) {
    throw new RecurrenceError(`must be after opens (${opens})`, 'closes');
  }
  if (starts_on && ends_on && ends_on < starts_on) throw new RecurrenceError(`must be on or after starts_on (${starts_on})`, 'ends_on');
  if (starts_on) dayKeyOf(starts_on);
  if (ends_on) dayKeyOf(ends_on);
  if (recurrence.freq === 'weekly' && recurrence.interval > 1 && !starts_on) {
    throw new RecurrenceError(`every ${recurrence.interval} weeks needs starts_on, a date of a week it takes place`, 'starts_on');
  }
  if (recurrence.freq === 'dates') {
    if (recurrence.dates.length === 0) throw new RecurrenceError('give at least one date', 'recurrence.dates');
    for (const date of recurrence.dates) dayKeyOf(date);
  }
  if (recurrence.freq === 'appointment' && opens !== null) {
    throw new RecurrenceError('a permanence by appointment only has no fixed hours: leave opens and closes empty', 'opens');
  }
}

/** Whether the rule's recurrence (and bounds) fall on `date`, public holidays aside. */
function recursOn(rule: PermanenceRule, date: string): boolean {
  if (rule.starts_on && date < rule.starts_on) return false;
  if (rule.ends_on && date > rule.ends_on) return false;
  const { recurrence } = rule;
  const day = dayKeyOf(date);
  switch (recurrence.freq) {
    case 'weekly': {
      if (!recurrence.days.includes(day)) return false;
      if (recurrence.interval === 1) return true;
      const weeks = daysBetween(mondayOf(rule.starts_on!), mondayOf(date)) / 7;
      return ((weeks % recurrence.interval) + recurrence.interval) % recurrence.interval === 0;
    }
    case 'monthly': {
      if (day !== recurrence.day) return false;
      const dayOfMonth = Number(date.slice(8, 10));
      const ordinal = Math.ceil(dayOfMonth / 7);
      const last = dayOfMonth + 7 > daysInMonth(date);
      return recurrence.nth.some((n) => n === ordinal || (n === -1 && last));
    }
    case 'appointment':
      return false;
    case 'dates':
      return recurrence.dates.includes(date);
  }
}

/** Whether the permanence takes place on `date` (`YYYY-MM-DD`, local): its recurrence, its bounds, not a public holiday. */
export function permanenceOn(rule: PermanenceRule, date: string, department: string): boolean {
  return recursOn(rule, date) && isPublicHoliday(date, department) === undefined;
}

/**
 * The next dates of a permanence, from today in the site's time zone: today counts until its
 * closing time (all day without hours). Empty for `appointment` and for a permanence that has ended.
 */
export function permanenceDates(rule: PermanenceRule, options: PermanenceDatesOptions): PermanenceDate[] {
  const count = options.count ?? 3;
  const horizonDays = options.horizonDays ?? 120;
  if (rule.recurrence.freq === 'appointment') return [];
  const now = options.now ?? new Date();
  const timeZone = options.timeZone ?? timeZoneForDepartment(options.department);
  const today = zonedParts(now, timeZone).date;
  const dates: PermanenceDate[] = [];
  for (let inDays = 0; inDays <= horizonDays && dates.length < count; inDays++) {
    const date = addDays(today, inDays);
    if (rule.ends_on && date > rule.ends_on) break;
    if (!permanenceOn(rule, date, options.department)) continue;
    if (inDays === 0 && rule.closes !== null && zonedInstant(date, toMinutes(rule.closes), timeZone).getTime() <= now.getTime()) continue;
    dates.push({ date, opens: rule.opens, closes: rule.closes });
  }
  return dates;
}

const OSM_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** `2026-12-24` as OSM writes a date: `2026 Dec 24`. */
export const osmDate = (date: string) => `${date.slice(0, 4)} ${OSM_MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(8, 10)}`;

const OSM_DAY: Readonly<Record<DayKey, string>> = { mo: 'Mo', tu: 'Tu', we: 'We', th: 'Th', fr: 'Fr', sa: 'Sa', su: 'Su' };

export type PermanenceOsmOptions = {
  /**
   * The day the string is written for (`YYYY-MM-DD`), by default today in UTC: a rule OSM can
   * only say with dates (every N weeks, or bounded in time) is written for the ISO year of this
   * day and the next one ({@link osmYears}).
   */
  today?: string;
};

/** One rule of an OSM string, its selectors apart from its hours, so that rules on the same days can share one. */
export type OsmRulePart = { selector: string; hours: string };

/** Monday of ISO week 1 of `year` (the week holding 4 January). */
const isoYearStart = (year: number) => mondayOf(`${String(year).padStart(4, '0')}-01-04`);

/**
 * The ISO years an OSM string written on `today` covers when its rule needs dates: the ISO year
 * of `today` and the next, as their first and last days (`2026` runs from 2025-12-29 to
 * 2027-01-03, and has 53 weeks).
 */
export function osmYears(today: string): { year: number; from: string; to: string; weeks: number }[] {
  const { year } = isoWeek(today);
  return [year, year + 1].map((y) => {
    const from = isoYearStart(y);
    const next = isoYearStart(y + 1);
    return { year: y, from, to: addDays(next, -1), weeks: daysBetween(from, next) / 7 };
  });
}

/** `2026 Dec 01-2027 Mar 31`, or one date. */
const osmRange = (from: string, to: string) => (from === to ? osmDate(from) : `${osmDate(from)}-${osmDate(to)}`);
const week2 = (week: number) => String(week).padStart(2, '0');

/**
 * The rule in OpenStreetMap `opening_hours` rules, selectors apart from hours (see
 * {@link permanenceToOsm}); `[]` when it holds no more session; null when OSM cannot say it: no
 * fixed hours, by appointment.
 *
 * OSM numbers weeks from each ISO year's start (`week 01-53/2` starts again at week 1 after a
 * 53-week year such as 2026), and we count every N weeks from `starts_on`: such a rule is written
 * per ISO year, each with its own date range and weeks, for the ISO year of `today` and the next
 * (`2025 Dec 29-2027 Jan 03 week 01-53/2 Tu; 2027 Jan 04-2028 Jan 02 week 02-52/2 Tu`). A rule
 * bounded in time is written with its dates (`2027 Jan 05-2027 Jun 29 Tu`), up to the end of that
 * window when it has no last day; a first day before that window is left out.
 */
export function permanenceOsmRules(rule: PermanenceRule, options: PermanenceOsmOptions = {}): OsmRulePart[] | null {
  const { recurrence, opens, closes } = rule;
  if (opens === null || closes === null || recurrence.freq === 'appointment') return null;
  const hours = `${opens}-${closes}`;
  const from = rule.starts_on;
  const to = rule.ends_on;
  if (recurrence.freq === 'dates') {
    return [...recurrence.dates]
      .filter((date) => (!from || date >= from) && (!to || date <= to))
      .sort()
      .map((date) => ({ selector: osmDate(date), hours }));
  }
  const years = osmYears(options.today ?? new Date().toISOString().slice(0, 10));
  const windowFrom = years[0]!.from;
  const windowTo = years[1]!.to;
  const days =
    recurrence.freq === 'weekly'
      ? [...recurrence.days]
          .sort((a, b) => ISO_DAY[a] - ISO_DAY[b])
          .map((d) => OSM_DAY[d])
          .join(',')
      : `${OSM_DAY[recurrence.day]}[${[...recurrence.nth].sort((a, b) => (a === -1 ? 6 : a) - (b === -1 ? 6 : b)).join(',')}]`;
  if (recurrence.freq === 'monthly' || recurrence.interval === 1) {
    const first = from && from > windowFrom ? from : null;
    if (first === null && to === null) return [{ selector: days, hours }];
    const range = [first ?? windowFrom, to ?? windowTo] as const;
    return range[1] < range[0] ? [] : [{ selector: `${osmRange(...range)} ${days}`, hours }];
  }
  // Every N weeks, counted from the week of `starts_on` (checkPermanenceRule requires it).
  const { interval } = recurrence;
  const anchor = mondayOf(from!);
  const parts: OsmRulePart[] = [];
  for (const year of years) {
    const rangeFrom = from! > year.from ? from! : year.from;
    const rangeTo = to && to < year.to ? to : year.to;
    if (rangeTo < rangeFrom) continue;
    const sinceAnchor = daysBetween(anchor, year.from) / 7;
    const first = 1 + (((-sinceAnchor % interval) + interval) % interval);
    const last = first + Math.floor((year.weeks - first) / interval) * interval;
    const weeks = first === last ? week2(first) : `${week2(first)}-${week2(last)}/${interval}`;
    parts.push({ selector: `${osmRange(rangeFrom, rangeTo)} week ${weeks} ${days}`, hours });
  }
  return parts;
}

/**
 * The rule in OpenStreetMap `opening_hours` syntax (`Tu[2] 09:00-12:00; PH off`), for exports
 * such as data·inclusion; null when OSM cannot say it: no fixed hours, by appointment, or no
 * session left. Every N weeks and rules bounded in time are written with dates for the ISO year
 * of `today` and the next ({@link permanenceOsmRules}); one-off dates as dated rules
 * (`2026 Dec 03 09:00-12:00, 2026 Dec 17 09:00-12:00`: closed on every other day).
 */
export function permanenceToOsm(rule: PermanenceRule, options: PermanenceOsmOptions = {}): string | null {
  const parts = permanenceOsmRules(rule, options);
  if (parts === null || parts.length === 0) return null;
  const text = parts.map(({ selector, hours }) => `${selector} ${hours}`).join(', ');
  return rule.recurrence.freq === 'dates' ? text : `${text}; PH off`;
}
