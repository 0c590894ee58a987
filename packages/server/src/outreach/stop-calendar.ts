import { addDays, zonedParts } from '@fs-widgets/opening-hours';
import type { Site } from '@fs-widgets/contract';
import { sessionInstants, sessionsOnDate, type LoadedStop } from '../sites/itinerant-stop.js';

/**
 * A site's outreach sessions as an iCalendar file (RFC 5545), for people who want the bus in
 * their phone's calendar: one VEVENT per session over the next six months, its start and end in
 * UTC computed from the stop's local hours (so a session at 09:00 stays at 09:00 on either side of
 * a change to or from summer time), cancelled sessions absent, moved ones at their new time.
 * Each event's UID is stable (the stop, its regular date and time), so that a calendar that
 * subscribed updates a moved session instead of adding one.
 */

/** Days of sessions in the file: about six months. */
export const CALENDAR_DAYS = 183;

/** RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values. */
export const escapeText = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF and one space), never inside a
 * UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // The first line holds 75 octets; each continuation line starts with a space, so 74 more.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `20261208T080000Z`: an instant in UTC, RFC 5545's form. */
export const utcStamp = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

const summaryOf = (stop: LoadedStop['stop']) =>
  `${stop.kind === 'bus-stop' ? 'Bus France services' : 'Permanence France services'} — ${stop.address.commune}`;

const locationOf = (stop: LoadedStop['stop']) =>
  [stop.name, stop.address.street, `${stop.address.postcode} ${stop.address.commune}`].filter((part) => part.trim() !== '').join(', ');

/** The calendar of a site's stops from `now` (the stops' local today) over {@link CALENDAR_DAYS} days. */
export function siteCalendar(site: Pick<Site, 'id' | 'name'>, stops: readonly LoadedStop[], now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//fs-widgets//France services widgets//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(site.name)}`,
  ];
  for (const loaded of stops) {
    const { stop } = loaded;
    // DTSTAMP: when the stop was last written, so that the file only changes with its data (and its ETag with it).
    const stamp = utcStamp(new Date(loaded.updatedAt));
    const today = zonedParts(now, loaded.timeZone).date;
    const regular = { ...loaded, movedTo: new Map() };
    for (let inDays = 0; inDays < CALENDAR_DAYS; inDays++) {
      const date = addDays(today, inDays);
      const sessions = sessionsOnDate(regular, date).map((session) => ({
        session,
        uid: `${stop.id}-${date}-${session.opens.replace(':', '')}`,
      }));
      // Moved sessions keep the UID of their regular date: a subscribed calendar moves the event.
      for (const change of loaded.changed.values()) {
        if (change.status !== 'moved' || change.to.date !== date || loaded.closed.some((c) => c.from <= date && date <= c.to)) continue;
        sessions.push({ session: change.to, uid: `${stop.id}-${change.date}-moved` });
      }
      for (const { session, uid } of sessions) {
        const { start, end } = sessionInstants(loaded, { date, opens: session.opens, closes: session.closes });
        if (end.getTime() <= now.getTime()) continue;
        lines.push(
          'BEGIN:VEVENT',
          `UID:${uid}@${site.id}.stops.fs-widgets`,
          `DTSTAMP:${stamp}`,
          `DTSTART:${utcStamp(start)}`,
          `DTEND:${utcStamp(end)}`,
          `SUMMARY:${escapeText(summaryOf(stop))}`,
          `LOCATION:${escapeText(locationOf(stop))}`,
          `GEO:${stop.location.lat};${stop.location.lon}`,
          `DESCRIPTION:${escapeText([site.name, stop.note].filter(Boolean).join('\n'))}`,
          'STATUS:CONFIRMED',
          'TRANSP:TRANSPARENT',
          'END:VEVENT',
        );
      }
    }
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
