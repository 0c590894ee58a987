import type { TimeRange } from '@fs-widgets/contract';

const HHMM = /^(\d{2}):(\d{2})$/;

/**
 * Minutes since midnight of an `HH:MM` time of day (00:00 to 23:59, and 24:00 for an end
 * of day). Returns `undefined` when the text is not such a time.
 */
export function parseTimeOfDay(text: string): number | undefined {
  const match = HHMM.exec(text);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return undefined;
  return hours * 60 + minutes;
}

/** Minutes since midnight of a valid `HH:MM` time of day; throws a RangeError otherwise. */
export function toMinutes(time: string): number {
  const minutes = parseTimeOfDay(time);
  if (minutes === undefined) throw new RangeError(`Not an HH:MM time of day: ${JSON.stringify(time)}`);
  return minutes;
}

/** `HH:MM` for minutes since midnight (0 to 1440). */
export function formatTimeOfDay(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A time range as minutes since midnight: `opens` inclusive, `closes` exclusive. */
export type MinuteRange = { opens: number; closes: number };

/**
 * The ranges of one day as minute ranges, sorted, with overlapping or touching ranges merged
 * (`09:00-11:00` and `11:00-12:00` make one period `09:00-12:00`).
 */
export function openPeriods(ranges: readonly TimeRange[]): MinuteRange[] {
  const sorted = ranges
    .map((range) => ({ opens: toMinutes(range.opens), closes: toMinutes(range.closes) }))
    .filter((range) => range.closes > range.opens)
    .sort((a, b) => a.opens - b.opens);
  const merged: MinuteRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.opens <= last.closes) last.closes = Math.max(last.closes, range.closes);
    else merged.push({ ...range });
  }
  return merged;
}
