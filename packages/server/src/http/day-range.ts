import { invalidParam } from './problem.js';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a YYYY-MM-DD string is a real calendar date (not 2026-02-30). */
function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
}

/**
 * The `from` and `to` query parameters of a range of days, both included. The schema checks
 * their form; this also refuses impossible dates and a range that ends before it starts.
 */
export function dayRange(from: string | undefined, to: string | undefined): { from: string | null; to: string | null } {
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isCalendarDay(value)) throw invalidParam(name, 'must be a date YYYY-MM-DD, e.g. 2026-03-01');
  }
  if (from !== undefined && to !== undefined && from > to) throw invalidParam('from', `must not be after to (${from} > ${to})`);
  return { from: from ?? null, to: to ?? null };
}
