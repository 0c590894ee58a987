import { departmentOf } from './department.js';

/** Keys of the French public holidays known to this module. */
export type HolidayKey =
  | 'new-year'
  | 'good-friday'
  | 'easter-monday'
  | 'labour-day'
  | 'victory-1945'
  | 'ascension'
  | 'whit-monday'
  | 'bastille-day'
  | 'assumption'
  | 'all-saints'
  | 'armistice'
  | 'christmas'
  | 'st-stephen'
  | 'abolition-of-slavery';

/** A public holiday: its date (`YYYY-MM-DD`) and a key naming it. */
export type Holiday = { date: string; key: HolidayKey };

/** Departments where local law adds Good Friday and 26 December. */
const ALSACE_MOSELLE = new Set(['57', '67', '68']);

/** Month and day of the abolition of slavery day, by overseas department or collectivity. */
const ABOLITION_OF_SLAVERY: Readonly<Record<string, readonly [month: number, day: number]>> = {
  '971': [5, 27], // Guadeloupe
  '972': [5, 22], // Martinique
  '973': [6, 10], // Guyane
  '974': [12, 20], // La Réunion
  '976': [4, 27], // Mayotte
  '977': [10, 9], // Saint-Barthélemy
  '978': [5, 28], // Saint-Martin
};

function isoDate(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.toISOString().slice(0, 10);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Not a Gregorian year between 1583 and 9999: ${year}`);
  }
}

/** Easter Sunday (`YYYY-MM-DD`) of a Gregorian year, by the anonymous (Meeus/Jones/Butcher) algorithm. */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/**
 * The public holidays of a year in a department (a department code, or a commune code),
 * sorted by date. Two holidays may fall on the same date (Ascension on 1 May in 2008).
 */
export function publicHolidays(year: number, department: string): Holiday[] {
  assertYear(year);
  const dep = departmentOf(department);
  const easter = easterSunday(year);
  const [, easterMonth, easterDay] = easter.split('-').map(Number) as [number, number, number];
  const afterEaster = (days: number) => isoDate(year, easterMonth, easterDay + days);

  const holidays: Holiday[] = [
    { date: isoDate(year, 1, 1), key: 'new-year' },
    { date: afterEaster(1), key: 'easter-monday' },
    { date: isoDate(year, 5, 1), key: 'labour-day' },
    { date: isoDate(year, 5, 8), key: 'victory-1945' },
    { date: afterEaster(39), key: 'ascension' },
    { date: afterEaster(50), key: 'whit-monday' },
    { date: isoDate(year, 7, 14), key: 'bastille-day' },
    { date: isoDate(year, 8, 15), key: 'assumption' },
    { date: isoDate(year, 11, 1), key: 'all-saints' },
    { date: isoDate(year, 11, 11), key: 'armistice' },
    { date: isoDate(year, 12, 25), key: 'christmas' },
  ];
  if (ALSACE_MOSELLE.has(dep)) {
    holidays.push({ date: afterEaster(-2), key: 'good-friday' }, { date: isoDate(year, 12, 26), key: 'st-stephen' });
  }
  const abolition = ABOLITION_OF_SLAVERY[dep];
  if (abolition) holidays.push({ date: isoDate(year, abolition[0], abolition[1]), key: 'abolition-of-slavery' });

  // Array.prototype.sort is stable: holidays on the same date keep the order above.
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Holidays by date, per `year|department`; a holiday list never changes, so it is kept. */
const holidaysByDate = new Map<string, ReadonlyMap<string, Holiday>>();

const ISO_DATE = /^(\d{4})-\d{2}-\d{2}$/;

/**
 * The public holiday falling on a date (`YYYY-MM-DD`) in a department, or undefined. When two
 * holidays share the date, the first of `publicHolidays` order is returned.
 */
export function isPublicHoliday(date: string, department: string): Holiday | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const year = Number(match[1]);
  const dep = departmentOf(department);
  const cacheKey = `${year}|${dep}`;
  let byDate = holidaysByDate.get(cacheKey);
  if (!byDate) {
    const map = new Map<string, Holiday>();
    for (const holiday of publicHolidays(year, dep)) if (!map.has(holiday.date)) map.set(holiday.date, holiday);
    byDate = map;
    holidaysByDate.set(cacheKey, byDate);
  }
  const holiday = byDate.get(date);
  // A copy, so that a caller cannot alter the memoised value.
  return holiday ? { ...holiday } : undefined;
}
