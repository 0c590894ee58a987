import type { Agenda, AgendaAppointment, AgendaSlot } from '@fs-widgets/contract';
import { addDays, dayKeyOf, zonedParts } from '@fs-widgets/opening-hours';

/**
 * The agenda's calendar arithmetic, in the site's time zone (the agenda's `time_zone`): which
 * local days a day or week view shows, what "today" is there, and which slots are still free.
 */

export type AgendaView = 'day' | 'week';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` that is a real calendar date. */
export function isIsoDate(value: string): boolean {
  return (
    ISO_DATE.test(value) &&
    !Number.isNaN(Date.parse(`${value}T12:00:00Z`)) &&
    new Date(`${value}T12:00:00Z`).toISOString().startsWith(value)
  );
}

/** The Monday of the week of a local date (weeks run Monday to Sunday, as in France). */
export function mondayOf(date: string): string {
  const back = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].indexOf(dayKeyOf(date));
  return addDays(date, -back);
}

/** The first day and the number of days a view of `date` asks the server for. */
export function rangeOf(view: AgendaView, date: string): { from: string; days: number } {
  return view === 'week' ? { from: mondayOf(date), days: 7 } : { from: date, days: 1 };
}

/** The day shown after (`step` 1) or before (-1) the current one: a day, or a week. */
export function stepDate(view: AgendaView, date: string, step: 1 | -1): string {
  return addDays(date, view === 'week' ? 7 * step : step);
}

/** Today's local date at the site. */
export function siteToday(timeZone: string, now: Date): string {
  return zonedParts(now, timeZone).date;
}

/** `HH:MM` local time of an instant at the site. */
export function siteTime(instant: string, timeZone: string): string {
  const { minutes } = zonedParts(new Date(instant), timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** `HH:MM` as minutes since midnight (NaN when it is not a time). */
export function minutesOf(hhmm: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** A slot one more person can still take: a seat left, not blocked, not started. */
export function isFree(slot: AgendaSlot, now: Date): boolean {
  return slot.seats_left > 0 && !slot.blocked && Date.parse(slot.start) > now.getTime();
}

/** The free slots of one resource in the days of an agenda, day by day (days without any left out). */
export function freeSlots(agenda: Agenda, resource: string, now: Date, except?: string): Array<{ date: string; slots: AgendaSlot[] }> {
  return agenda.days
    .map((d) => ({ date: d.date, slots: d.slots.filter((s) => s.resource === resource && isFree(s, now) && s.start !== except) }))
    .filter((d) => d.slots.length > 0);
}

/** The appointments of one local day, cancelled ones last. */
export function appointmentsOn(agenda: Agenda, date: string): AgendaAppointment[] {
  const rank = (a: AgendaAppointment) => (a.status === 'cancelled' ? 1 : 0);
  return agenda.appointments.filter((a) => a.date === date).sort((a, b) => rank(a) - rank(b) || a.start.localeCompare(b.start));
}
