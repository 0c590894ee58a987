import type { Agenda, AgendaChange, BookingSettingsInput } from '@fs-widgets/contract';

/*
 * Appointments of today through a site's agents' routes, whatever the day the tests or the
 * fixtures' recording run: exceptional hours today from 00:00 to 23:59 open the site (an exception
 * also opens a weekend day or a public holiday), and an agent books for someone inside the minimum
 * notice, so a slot later today is there — but after 23:50. The server takes arrived, done and
 * no-show from the appointment's day on. Used by the component tests (a browser's fetch) and by
 * scripts/docs/observatory-fixtures.ts (`app.inject`).
 */

/** An agent's request under `/api/v1/`, its JSON answer; throws on an error status. */
export type AgentCall = <T>(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) => Promise<T>;

/** Opens `site` today from 00:00 to 23:59 and sets its booking settings. */
export async function openForBookingsToday(
  call: AgentCall,
  site: string,
  today: string,
  key: () => string,
  settings: BookingSettingsInput,
): Promise<void> {
  await call('POST', `sites/${site}/exceptions`, {
    key: key(),
    starts_on: today,
    ends_on: today,
    closed: false,
    hours: [{ opens: '00:00', closes: '23:59' }],
    reason: 'Permanence des tests',
  });
  await call('PUT', `sites/${site}/booking-settings`, settings);
}

/** Books one appointment for each reason, all in the first slot of the site's desks later today with a seat for each; their ids. */
export async function bookToday(
  call: AgentCall,
  site: string,
  today: string,
  key: () => string,
  reasons: readonly string[],
): Promise<string[]> {
  const agenda = await call<Agenda>('GET', `sites/${site}/agenda?from=${today}&days=1`);
  const slot = agenda.days[0]?.slots.find(
    (s) => s.resource === 'site' && !s.blocked && s.seats_left >= reasons.length && Date.parse(s.start) > Date.now() + 60_000,
  );
  if (!slot) throw new Error(`No slot with ${reasons.length} seats left later today at site ${site} (after 23:50?)`);
  const ids: string[] = [];
  for (const reason of reasons) {
    const created = await call<AgendaChange>('POST', `sites/${site}/agenda/appointments`, {
      key: key(),
      reason,
      start: slot.start,
      first_name: 'Camille',
      reminder: 'none',
    });
    ids.push(created.appointment.id);
  }
  return ids;
}

/**
 * Four appointments booked today by the site's agent (bookings by phone only, four desks): one
 * marked `honoured` (`arrived`, or `done`, which logs an act), one no-show, one cancelled, one
 * still booked. Exceptional hours today are set first (see above).
 */
export async function fourAppointmentsToday(
  call: AgentCall,
  site: string,
  today: string,
  key: () => string,
  honoured: 'arrived' | 'done',
): Promise<void> {
  const reasons = ['demarche:carte-vitale', 'other'];
  await openForBookingsToday(call, site, today, key, {
    enabled: false,
    duration_minutes: 10,
    capacity: 4,
    horizon_days: 28,
    min_notice_minutes: 1440,
    reasons,
  });
  const [first, second, third] = await bookToday(call, site, today, key, [reasons[0]!, reasons[0]!, reasons[0]!, reasons[1]!]);
  const on = (id: string, action: string) => `sites/${site}/agenda/appointments/${id}/${action}`;
  await call('POST', on(first!, 'status'), { key: key(), status: honoured });
  await call('POST', on(second!, 'status'), { key: key(), status: 'no-show' });
  await call('POST', on(third!, 'cancel'), { key: key() });
}
