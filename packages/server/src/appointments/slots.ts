import type { Site, Slot, SlotDay } from '@fs-widgets/contract';
import {
  addDays,
  exceptionOn,
  openPeriods,
  permanenceOn,
  weekWithDates,
  zonedInstant,
  zonedParts,
  type MinuteRange,
  type PermanenceRule,
} from '@fs-widgets/opening-hours';

/**
 * The slots engine: the times one can book at a site, for one resource (the site's own desks,
 * or a partner's permanence held there), from what the site already publishes. Nothing about
 * hours is computed here: the site's days come from `@fs-widgets/opening-hours` (weekly hours,
 * exceptional closures and hours, public holidays of the département), a permanence's days from
 * its rule (`permanenceOn`, holidays skipped) and the site's exceptional closures.
 *
 * Slots of `duration_minutes` follow each other from the start of each opening range (or
 * session) of a local day, as long as they end within it. Their instants come from the local
 * wall clock in the site's time zone (`zonedInstant`), so a 09:00 slot is at 09:00 on either side
 * of a change to or from summer time. A slot is offered when it starts at least
 * `min_notice_minutes` after now, falls on a local day within `horizon_days` of today, overlaps
 * no agent's block, and has a seat left (`capacity` minus the appointments overlapping it).
 */

export interface SlotSettings {
  duration_minutes: number;
  capacity: number;
  horizon_days: number;
  min_notice_minutes: number;
}

/** A time taken or blocked: UTC ISO instants, `[starts_at, ends_at)`. */
export interface Interval {
  starts_at: string;
  ends_at: string;
}

export interface SlotContext {
  site: Pick<Site, 'hours' | 'exceptions' | 'time_zone' | 'address'>;
  settings: SlotSettings;
  /** The permanence's rule when the resource is a permanence; absent: the site's own hours. */
  permanence?: PermanenceRule;
  /** Appointments holding a seat of this resource (booked, arrived, done, no-show: not cancelled). */
  taken: readonly Interval[];
  /** Blocks of this resource or of every resource (`*`). */
  blocks: readonly Interval[];
  now: Date;
}

/** A slot of the grid, before the rules about now, notice, horizon, blocks and seats. */
export interface GridSlot {
  date: string;
  /** Minutes after local midnight. */
  minutes: number;
  start: Date;
  end: Date;
}

/** Why a time is not bookable. */
export type SlotRefusal = 'not-a-slot' | 'past' | 'notice' | 'horizon' | 'blocked' | 'full';

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The opening ranges of the resource on each local day from `from`, `count` days: the site's
 * (the exception covering the day, else nothing on a public holiday, else the week's), or the
 * permanence's session (none on a public holiday, outside its dates, or on a day the site is
 * closed by an exceptional closure).
 */
export function openRanges(context: Pick<SlotContext, 'site' | 'permanence'>, from: string, count: number): Map<string, MinuteRange[]> {
  const { site, permanence } = context;
  const department = site.address.department;
  const days = new Map<string, MinuteRange[]>();
  if (permanence) {
    for (let i = 0; i < count; i++) {
      const date = addDays(from, i);
      const closed = exceptionOn(date, site.exceptions)?.closed === true;
      const held = !closed && permanence.opens !== null && permanence.closes !== null && permanenceOn(permanence, date, department);
      days.set(date, held ? [{ opens: toMinutes(permanence.opens!), closes: toMinutes(permanence.closes!) }] : []);
    }
    return days;
  }
  // weekWithDates gives 7 days from the local date of `now`: asked at noon of each week's first day.
  for (let start = 0; start < count; start += 7) {
    const first = addDays(from, start);
    const week = weekWithDates(site.hours, {
      now: zonedInstant(first, 12 * 60, site.time_zone),
      department,
      timeZone: site.time_zone,
      exceptions: site.exceptions,
    });
    for (const day of week.slice(0, Math.min(7, count - start))) {
      days.set(day.date, day.holiday ? [] : openPeriods(day.ranges));
    }
  }
  return days;
}

/** The grid of slots of one day's ranges: from each range's start, every `duration`, ending within the range. */
export function gridOf(date: string, ranges: readonly MinuteRange[], duration: number, timeZone: string): GridSlot[] {
  const slots: GridSlot[] = [];
  for (const range of ranges) {
    for (let minutes = range.opens; minutes + duration <= range.closes; minutes += duration) {
      slots.push({ date, minutes, start: zonedInstant(date, minutes, timeZone), end: zonedInstant(date, minutes + duration, timeZone) });
    }
  }
  return slots;
}

const overlaps = (slot: GridSlot, interval: Interval) =>
  Date.parse(interval.starts_at) < slot.end.getTime() && slot.start.getTime() < Date.parse(interval.ends_at);

/** Seats left in a slot: capacity minus the appointments overlapping it (never below 0). */
export function seatsLeft(context: Pick<SlotContext, 'settings' | 'taken'>, slot: GridSlot): number {
  return Math.max(0, context.settings.capacity - context.taken.filter((t) => overlaps(slot, t)).length);
}

/** The local day after which nothing can be booked: today + horizon. */
export function lastBookableDay(context: Pick<SlotContext, 'site' | 'settings' | 'now'>): string {
  return addDays(zonedParts(context.now, context.site.time_zone).date, context.settings.horizon_days);
}

/** Why a grid slot cannot be booked now, or null when it can. */
export function refusalOf(context: SlotContext, slot: GridSlot): SlotRefusal | null {
  const now = context.now.getTime();
  if (slot.start.getTime() <= now) return 'past';
  if (slot.start.getTime() < now + context.settings.min_notice_minutes * 60_000) return 'notice';
  if (slot.date > lastBookableDay(context)) return 'horizon';
  if (context.blocks.some((block) => overlaps(slot, block))) return 'blocked';
  if (seatsLeft(context, slot) === 0) return 'full';
  return null;
}

/** The free slots of `count` local days from `from`, day by day (days without a free slot left out). */
export function freeSlots(context: SlotContext, from: string, count: number): SlotDay[] {
  const last = lastBookableDay(context);
  const days: SlotDay[] = [];
  for (const [date, ranges] of openRanges(context, from, count)) {
    if (date > last) break;
    const slots: Slot[] = [];
    for (const slot of gridOf(date, ranges, context.settings.duration_minutes, context.site.time_zone)) {
      if (refusalOf(context, slot) !== null) continue;
      slots.push({
        start: slot.start.toISOString(),
        end: slot.end.toISOString(),
        time: hhmm(slot.minutes),
        seats_left: seatsLeft(context, slot),
      });
    }
    if (slots.length > 0) days.push({ date, slots });
  }
  return days;
}

/**
 * The grid slot starting at `start` (a UTC instant), and why it cannot be booked (null: it can).
 * Not on the grid of its local day (closed then, or between two slots): `not-a-slot`.
 */
export function slotAt(context: SlotContext, start: Date): { slot: GridSlot | null; refusal: SlotRefusal | null } {
  const date = zonedParts(start, context.site.time_zone).date;
  const ranges = openRanges(context, date, 1).get(date) ?? [];
  const slot = gridOf(date, ranges, context.settings.duration_minutes, context.site.time_zone).find(
    (candidate) => candidate.start.getTime() === start.getTime(),
  );
  if (!slot) return { slot: null, refusal: start.getTime() <= context.now.getTime() ? 'past' : 'not-a-slot' };
  return { slot, refusal: refusalOf(context, slot) };
}
