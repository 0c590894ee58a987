import type { AppointmentPublic, Site } from '@fs-widgets/contract';
import { escapeText, foldLine, utcStamp } from '../outreach/stop-calendar.js';

/**
 * One appointment as an iCalendar file (RFC 5545), written with the outreach calendar's writer
 * (`escapeText`, `foldLine`, `utcStamp`): one VEVENT whose UID stays the same when the
 * appointment moves or is cancelled, so that a calendar importing it again updates the event.
 * Nothing personal in it: the place, the reason, what to bring and the code.
 */
export function appointmentCalendar(appointment: AppointmentPublic, site: Pick<Site, 'id' | 'name' | 'address' | 'location'>): string {
  const address = [site.address.street, site.address.complement, `${site.address.postcode} ${site.address.commune}`]
    .filter((part): part is string => Boolean(part && part.trim()))
    .join(', ');
  const documents = appointment.reason.documents.length ? ['À apporter :', ...appointment.reason.documents.map((d) => `- ${d}`)] : [];
  const description = [`Code du rendez-vous : ${appointment.code}`, 'Pour l’annuler ou le déplacer, gardez ce code.', ...documents].join(
    '\n',
  );
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//fs-widgets//France services widgets//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${appointment.code.replace(/-/g, '')}@appointments.fs-widgets`,
    // DTSTAMP and SEQUENCE follow the last change: a calendar importing the file again takes the newer one.
    `DTSTAMP:${utcStamp(new Date(appointment.updated_at))}`,
    `SEQUENCE:${Math.max(0, Math.floor((Date.parse(appointment.updated_at) - Date.parse(appointment.created_at)) / 1000))}`,
    `DTSTART:${utcStamp(new Date(appointment.start))}`,
    `DTEND:${utcStamp(new Date(appointment.end))}`,
    `SUMMARY:${escapeText(`Rendez-vous France services — ${appointment.reason.label}`)}`,
    `LOCATION:${escapeText(`${site.name}, ${address}`)}`,
    `GEO:${site.location.lat};${site.location.lon}`,
    `DESCRIPTION:${escapeText(description)}`,
    `STATUS:${appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
