import type { DayKey } from '@fs-widgets/contract';
import { departmentOf } from './department.js';

const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** IANA time zones of the overseas departments and collectivities; every other department is in Paris time. */
const TIME_ZONES: Readonly<Record<string, string>> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
  '986': 'Pacific/Wallis',
  '987': 'Pacific/Tahiti',
  '988': 'Pacific/Noumea',
};

/**
 * The IANA time zone of a department (`'974'` → `'Indian/Reunion'`), `'Europe/Paris'` for
 * metropolitan France. A commune code is accepted too (`'97801'` → `'America/Marigot'`).
 */
export function timeZoneForDepartment(department: string): string {
  return TIME_ZONES[departmentOf(department)] ?? DEFAULT_TIME_ZONE;
}

/** Day keys by `Date.prototype.getUTCDay()` index (0 = Sunday). */
const DAY_KEY_BY_INDEX: readonly DayKey[] = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a `YYYY-MM-DD` calendar date, as a Date; throws a RangeError for anything else. */
function utcMidnight(date: string): Date {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const value = new Date(Date.UTC(year, month - 1, day));
    // Rejects 2026-02-30 and the like, which Date.UTC would roll over.
    if (value.getUTCFullYear() === year && value.getUTCMonth() === month - 1 && value.getUTCDate() === day) {
      return value;
    }
  }
  throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

/** The calendar date `n` days after `date` (before it when `n` is negative), both `YYYY-MM-DD`. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  const value = utcMidnight(date);
  value.setUTCDate(value.getUTCDate() + n);
  return value.toISOString().slice(0, 10);
}

/** The day of the week of a `YYYY-MM-DD` calendar date. */
export function dayKeyOf(date: string): DayKey {
  return DAY_KEY_BY_INDEX[utcMidnight(date).getUTCDay()]!;
}

/** Local calendar date, day of the week and time of day of an instant in a time zone. */
export type ZonedParts = {
  /** `YYYY-MM-DD`, local calendar date. */
  date: string;
  day: DayKey;
  /** Whole minutes since local midnight (seconds are dropped). */
  minutes: number;
};

/** Formatters are costly to create: one per time zone, kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for an unknown time zone.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Local wall-clock fields of an instant in a time zone. */
function wallClock(instant: Date, timeZone: string) {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  const fields: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = part.value;
  return {
    year: Number(fields.year),
    month: Number(fields.month),
    day: Number(fields.day),
    // Some ICU versions print midnight as 24 even with h23.
    hour: Number(fields.hour) % 24,
    minute: Number(fields.minute),
  };
}

/** The local date, day of the week and minutes since local midnight of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const { year, month, day, hour, minute } = wallClock(instant, timeZone);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { date, day: dayKeyOf(date), minutes: hour * 60 + minute };
}

/** Offset of a time zone from UTC at an instant, in minutes (Paris in winter: 60). */
function offsetMinutes(instant: Date, timeZone: string): number {
  const { year, month, day, hour, minute } = wallClock(instant, timeZone);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const instantToMinute = Math.floor(instant.getTime() / 60_000) * 60_000;
  return Math.round((wallAsUtc - instantToMinute) / 60_000);
}

/**
 * The instant at which the wall clock of a time zone shows `minutes` after midnight of a
 * local `date`. For a wall time skipped by a daylight-saving change, an instant next to the
 * gap; for a repeated wall time, one of the two instants.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wallAsUtc = utcMidnight(date).getTime() + minutes * 60_000;
  // The offset at the wall time read as UTC is a first guess; one correction settles it.
  let instant = wallAsUtc - offsetMinutes(new Date(wallAsUtc), timeZone) * 60_000;
  instant = wallAsUtc - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant);
}
