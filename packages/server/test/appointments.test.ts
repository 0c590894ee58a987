import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AppointmentCreated,
  AppointmentPublic,
  BookingSettings,
  BookingSettingsInput,
  Permanence,
  Site,
  SiteBooking,
  SiteHistory,
  SlotList,
  Week,
} from '@fs-widgets/contract';
import { ProblemType } from '@fs-widgets/contract';
import { caseCodeFrom, parseCaseCode } from '@fs-widgets/contract/case-code';
import { addDays, dayKeyOf, zonedInstant } from '@fs-widgets/opening-hours';
import { createToken } from '../src/auth/tokens.js';
import { expectProblem, json, startTestServer, TEST_ENGINE, type TestServer } from './test-server.js';

/** Mende's France services, with the hours below published by its agents. */
const SITE = '2983';
const OTHER_SITE = '1925';
const range = (opens: string, closes: string) => ({ opens, closes });
const WEEK: Week = {
  mo: [range('09:00', '12:00'), range('14:00', '17:00')],
  tu: [range('09:00', '12:00'), range('14:00', '17:00')],
  we: [range('09:00', '12:00')],
  th: [range('09:00', '12:00'), range('14:00', '17:00')],
  fr: [range('09:00', '12:00')],
  sa: [],
  su: [],
};
/** What the person gives: distinctive, so the database files can be searched for them. */
const PERSON = { first_name: 'Zéphirine', phone: '06 98 76 54 32', email: 'zephirine.h4test@exemple.fr' };
/** Per-client limit of this file's server: the requests below fit, the rate-limit test reaches it. */
const PER_CLIENT = 40;
/** The bulk booking: requests from one address, sent this many at a time. */
const BULK = 1000;
const BULK_BATCH = 50;
/**
 * The server trusts `X-Forwarded-For` from 127.0.0.1 (as behind a reverse proxy): the bulk test
 * books from an address of its own (documentation ranges), counted from zero whatever came before.
 */
const BULK_ADDRESS = '198.51.100.19';
const OTHER_ADDRESS = '203.0.113.7';

let keys = 0;
const newKey = () => `booking-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

const parisDate = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(instant);
const parisTime = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** The rate limits count in fixed hours: a test that reaches one waits, when the hour is about to turn, for the next. */
async function awayFromHourBoundary(margin = 30_000) {
  const left = 3_600_000 - (Date.now() % 3_600_000);
  if (left < margin) await new Promise((r) => setTimeout(r, left + 100));
}

describe(`appointments (${TEST_ENGINE})`, () => {
  let server: TestServer;
  let agent: string;
  let otherAgent: string;
  let permanenceId: string;
  /** A weekday, at least 3 days ahead, that the site closes (an exceptional closure). */
  let closedDay: string;

  const send = (method: string, path: string, body?: unknown, token?: string, from?: string) =>
    server.get(`/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(from ? { 'x-forwarded-for': from } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const book = (fields: Record<string, unknown>, from?: string) =>
    send(
      'POST',
      `/sites/${SITE}/appointments`,
      { key: newKey(), reason: 'demarche:carte-vitale', ...PERSON, reminder: 'email', ...fields },
      undefined,
      from,
    );
  const counts = async () => ({
    appointments: Number(
      (
        await server.db
          .selectFrom('appointments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    seats: Number(
      (
        await server.db
          .selectFrom('appointment_seats')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    rows: JSON.stringify(await server.db.selectFrom('appointments').selectAll().orderBy('id').execute()),
  });
  const slots = async (reason: string, from?: string, days = 14) =>
    json<SlotList>(await send('GET', `/sites/${SITE}/slots?reason=${reason}&days=${days}${from ? `&from=${from}` : ''}`));

  const settings: BookingSettingsInput = {
    enabled: true,
    duration_minutes: 30,
    capacity: 2,
    horizon_days: 28,
    min_notice_minutes: 1440,
    reasons: ['demarche:carte-vitale', 'other'],
  };

  before(async () => {
    server = await startTestServer({
      FS_BOOKINGS_PER_CLIENT_HOUR: String(PER_CLIENT),
      FS_BOOKINGS_PER_SITE_HOUR: '1000',
      FS_APPOINTMENT_LOOKUPS_PER_CLIENT_HOUR: '1000',
      FS_TRUST_PROXY: '127.0.0.1',
      ...(TEST_ENGINE === 'postgres' ? { FS_DATA_KEY: Buffer.alloc(32, 7).toString('base64') } : {}),
    });
    const expiresAt = new Date(Date.now() + 86_400_000);
    agent = (await createToken(server.db, { role: 'agent', siteId: SITE, label: 'accueil', expiresAt })).token;
    otherAgent = (await createToken(server.db, { role: 'agent', siteId: OTHER_SITE, label: 'ailleurs', expiresAt })).token;
    await json(await send('PUT', `/sites/${SITE}/hours`, { hours: WEEK }, agent));
    closedDay = addDays(parisDate(new Date()), 3);
    while (['sa', 'su'].includes(dayKeyOf(closedDay))) closedDay = addDays(closedDay, 1);
    const closure = await send(
      'POST',
      `/sites/${SITE}/exceptions`,
      { key: newKey(), starts_on: closedDay, ends_on: closedDay, closed: true, hours: [], reason: 'formation' },
      agent,
    );
    assert.equal(closure.status, 201, await closure.clone().text());
    const permanence = await send(
      'POST',
      `/sites/${SITE}/permanences`,
      {
        key: newKey(),
        partner: 'caf',
        recurrence: { freq: 'weekly', days: ['tu'], interval: 1 },
        opens: '14:00',
        closes: '16:00',
        by_appointment: true,
      },
      agent,
    );
    assert.equal(permanence.status, 201, await permanence.clone().text());
    permanenceId = ((await permanence.json()) as Permanence).id;
  });

  after(async () => {
    await server?.close();
  });

  test('booking settings: the defaults until saved, agents only, checked reasons, kept in the history; the site then offers bookings', async () => {
    await expectProblem(await send('GET', `/sites/${SITE}/booking-settings`), 401);
    await expectProblem(await send('PUT', `/sites/${SITE}/booking-settings`, settings, otherAgent), 403);
    const defaults = await json<BookingSettings>(await send('GET', `/sites/${SITE}/booking-settings`, undefined, agent));
    assert.deepEqual(defaults, {
      site_id: SITE,
      enabled: false,
      duration_minutes: 30,
      capacity: 1,
      horizon_days: 28,
      min_notice_minutes: 1440,
      reasons: [],
      updated_at: null,
    });
    assert.equal((await json<Site>(await send('GET', `/sites/${SITE}`))).booking, false);

    const before = await counts();
    await expectProblem(await send('PUT', `/sites/${SITE}/booking-settings`, { ...settings, capacity: 21 }, agent), 400, 'capacity');
    await expectProblem(
      await send('PUT', `/sites/${SITE}/booking-settings`, { ...settings, reasons: ['other', 'demarche:no-such-thing'] }, agent),
      422,
      'reasons.1',
    );
    await expectProblem(
      await send('PUT', `/sites/${SITE}/booking-settings`, { ...settings, reasons: ['permanence:nope'] }, agent),
      422,
      'reasons.0',
    );
    assert.equal((await json<BookingSettings>(await send('GET', `/sites/${SITE}/booking-settings`, undefined, agent))).updated_at, null);
    assert.deepEqual(await counts(), before);

    const saved = await json<BookingSettings>(
      await send(
        'PUT',
        `/sites/${SITE}/booking-settings`,
        { ...settings, reasons: [...settings.reasons, `permanence:${permanenceId}`] },
        agent,
      ),
    );
    assert.equal(saved.capacity, 2);
    assert.deepEqual(saved.reasons, ['demarche:carte-vitale', 'other', `permanence:${permanenceId}`]);
    assert.equal((await json<Site>(await send('GET', `/sites/${SITE}`))).booking, true);

    const manager = (await createToken(server.db, { role: 'manager', siteId: SITE, label: 'responsable' })).token;
    const history = await json<SiteHistory>(await send('GET', `/sites/${SITE}/history`, undefined, manager));
    const entry = history.items.find((item) => item.entity === 'booking')!;
    assert.equal(entry.action, 'create');
    assert.deepEqual([entry.by.label, entry.by.role], ['accueil', 'agent']);
    assert.equal((entry.after as BookingSettings).capacity, 2);

    const bookingAnswer = await send('GET', `/sites/${SITE}/booking`);
    assert.equal(bookingAnswer.headers.get('cache-control'), 'public, max-age=60');
    const booking = await json<SiteBooking>(bookingAnswer);
    assert.equal(booking.enabled, true);
    assert.equal(booking.time_zone, 'Europe/Paris');
    // What the form tells the person: their data is erased 30 days after (FS_APPOINTMENT_RETENTION_DAYS).
    assert.equal(booking.retention_days, 30);
    assert.deepEqual(
      booking.reasons.map((r) => [r.key, r.kind, r.partner, r.theme, r.resource]),
      [
        ['demarche:carte-vitale', 'demarche', 'assurance-maladie', 'carte-vitale', 'site'],
        ['other', 'other', null, null, 'site'],
        [`permanence:${permanenceId}`, 'permanence', 'caf', 'autre', `permanence:${permanenceId}`],
      ],
    );
    assert.match(booking.reasons[0]!.label, /carte Vitale/i);
    assert.ok(booking.reasons[0]!.documents.length > 0);
    assert.match(booking.reasons[2]!.label, /^Permanence : .*CAF/);
    // Another site takes no bookings: nothing to book there.
    const none = await json<SiteBooking>(await send('GET', `/sites/${OTHER_SITE}/booking`));
    assert.equal(none.enabled, false);
    assert.deepEqual(none.reasons, []);
    await expectProblem(await send('GET', `/sites/${OTHER_SITE}/slots?reason=other`), 409);
  });

  test('slots: the published hours on a 30-minute grid, none inside the notice, on the closure or at the weekend; a permanence’s own sessions', async () => {
    const now = Date.now();
    assert.equal((await send('GET', `/sites/${SITE}/slots?reason=other`)).headers.get('cache-control'), 'no-store');
    const list = await slots('demarche:carte-vitale');
    assert.equal(list.from, parisDate(new Date()));
    assert.ok(list.days.length > 0);
    for (const day of list.days) {
      assert.ok(!['sa', 'su'].includes(dayKeyOf(day.date)), day.date);
      assert.notEqual(day.date, closedDay);
      const hours = WEEK[dayKeyOf(day.date)];
      for (const slot of day.slots) {
        assert.ok(Date.parse(slot.start) >= now + 1440 * 60_000, `${slot.start} is inside the notice`);
        assert.equal(parisTime(slot.start), slot.time);
        assert.equal(Date.parse(slot.end) - Date.parse(slot.start), 30 * 60_000);
        assert.ok(
          hours.some((r) => r.opens <= slot.time && parisTime(slot.end) <= r.closes),
          `${day.date} ${slot.time}`,
        );
        assert.equal(slot.seats_left, 2);
      }
    }
    // A whole weekday far enough ahead: every slot of its hours.
    const full = list.days.find((d) => d.date > addDays(list.from, 1) && dayKeyOf(d.date) === 'mo');
    if (full) assert.equal(full.slots.length, 12);
    assert.equal(list.next_from, addDays(list.from, 14));
    // Beyond the horizon: nothing, and no next page.
    const far = await slots('other', addDays(list.from, 27), 7);
    assert.ok(far.days.every((d) => d.date <= addDays(list.from, 28)));
    assert.equal(far.next_from, null);

    const permanence = await slots(`permanence:${permanenceId}`, undefined, 28);
    assert.ok(permanence.days.length >= 2);
    const session = ['14:00', '14:30', '15:00', '15:30'];
    for (const day of permanence.days) {
      assert.equal(dayKeyOf(day.date), 'tu');
      const times = day.slots.map((s) => s.time);
      // The day after today may lose its first slots to the 24-hour notice; later days have them all.
      if (day.date > addDays(permanence.from, 1)) assert.deepEqual(times, session);
      else assert.deepEqual(times, session.slice(session.length - times.length), day.date);
      for (const slot of day.slots) assert.ok(Date.parse(slot.start) >= now + 1440 * 60_000, `${slot.start} is inside the notice`);
    }
    await expectProblem(await send('GET', `/sites/${SITE}/slots?reason=demarche:rsa`), 409);
    await expectProblem(await send('GET', `/sites/${SITE}/slots?reason=nonsense`), 400, 'reason');
    await expectProblem(await send('GET', `/sites/${SITE}/slots?reason=other&days=32`), 400, 'days');
  });

  let booked: AppointmentCreated;

  test('booking: 201 with a checked code and nothing personal; the same key again books once; capacity 2 means a third is refused', async () => {
    const slot = (await slots('demarche:carte-vitale')).days[0]!.slots[0]!;
    const key = newKey();
    const first = await send('POST', `/sites/${SITE}/appointments`, {
      key,
      reason: 'demarche:carte-vitale',
      start: slot.start,
      ...PERSON,
      reminder: 'email',
    });
    const text = await first.text();
    assert.equal(first.status, 201, text);
    booked = JSON.parse(text) as AppointmentCreated;
    assert.equal(parseCaseCode(booked.code).ok, true);
    assert.equal(booked.duplicate, false);
    assert.equal(booked.appointment.status, 'booked');
    assert.equal(booked.appointment.start, slot.start);
    assert.equal(booked.appointment.time, slot.time);
    assert.equal(booked.appointment.changeable, true);
    assert.equal(booked.appointment.reason.key, 'demarche:carte-vitale');
    for (const value of Object.values(PERSON)) assert.ok(!text.includes(value), `${value} in the answer`);

    const again = await send('POST', `/sites/${SITE}/appointments`, {
      key,
      reason: 'demarche:carte-vitale',
      start: slot.start,
      ...PERSON,
      reminder: 'email',
    });
    const duplicate = (await json<AppointmentCreated>(again)) as AppointmentCreated;
    assert.equal(duplicate.duplicate, true);
    assert.equal(duplicate.code, booked.code);
    await expectProblem(
      await send('POST', `/sites/${SITE}/appointments`, { key, reason: 'other', start: slot.start, first_name: 'Autre', reminder: 'none' }),
      409,
      'key',
    );

    const second = await book({ start: slot.start, reminder: 'sms', email: null });
    assert.equal(second.status, 201, await second.clone().text());
    const before = await counts();
    assert.equal(before.seats, 2);
    const third = await expectProblem(await book({ start: slot.start }), 409, 'start');
    assert.equal(third.type, ProblemType.slotTaken);
    assert.deepEqual(await counts(), before);
    // The full slot is no longer offered; the next one still has its two seats.
    const after = (await slots('demarche:carte-vitale')).days[0]!;
    assert.notEqual(after.slots[0]!.start, slot.start);
  });

  test('bad input gets a clear problem naming the field and changes nothing', async () => {
    const list = await slots('demarche:carte-vitale');
    const start = list.days.at(-1)!.slots.at(-1)!.start;
    const before = await counts();
    const expectations: Array<[Record<string, unknown>, number, string, string?]> = [
      [{ start: new Date(Date.now() - 86_400_000).toISOString() }, 422, 'start', ProblemType.slotUnavailable],
      [
        { start: new Date(Date.now() + 3_600_000).toISOString().replace(/:\d\d\.\d{3}Z$/, ':00.000Z') },
        422,
        'start',
        ProblemType.slotUnavailable,
      ],
      [{ start: new Date(`${closedDay}T09:00:00+01:00`).toISOString() }, 422, 'start', ProblemType.slotUnavailable],
      [{ start: new Date(Date.parse(start) + 10 * 60_000).toISOString() }, 422, 'start', ProblemType.slotUnavailable],
      [{ start: new Date(Date.now() + 40 * 86_400_000).toISOString() }, 422, 'start', ProblemType.slotUnavailable],
      [{ start, reason: 'demarche:rsa' }, 409, 'reason', ProblemType.bookingDisabled],
      [{ start, first_name: '' }, 400, 'first_name'],
      [{ start, first_name: '   ' }, 400, 'first_name'],
      [{ start, first_name: 'x'.repeat(61) }, 400, 'first_name'],
      [{ start, first_name: 'Jean 06 12 34 56 78' }, 400, 'first_name'],
      [{ start, phone: '12345' }, 400, 'phone'],
      [{ start, email: 'pas-une-adresse' }, 400, 'email'],
      [{ start, email: null, reminder: 'email' }, 400, 'email'],
      [{ start, phone: null, reminder: 'sms' }, 400, 'phone'],
      [{ start, reminder: 'pigeon' }, 400, 'reminder'],
      [{ start, extra: 'field' }, 400, 'extra'],
      [{ start: 'demain' }, 400, 'start'],
    ];
    for (const [fields, status, param, type] of expectations) {
      const problem = await expectProblem(await book(fields), status, param);
      if (type) assert.equal(problem.type, type, JSON.stringify(fields));
    }
    await expectProblem(
      await send('POST', `/sites/9999999/appointments`, { key: newKey(), reason: 'other', start, first_name: 'A', reminder: 'none' }),
      404,
    );
    assert.deepEqual(await counts(), before);
    // An overseas number is a phone number too.
    const overseas = await book({ start, phone: '+262 692 12 34 56', email: null, reminder: 'sms' });
    assert.equal(overseas.status, 201, await overseas.clone().text());
  });

  test('with the code: read it, mistyped or unknown codes refused, move it (the seat moves; a full or vanished slot changes nothing), cancel it', async () => {
    const read = await json<AppointmentPublic>(await send('GET', `/appointments/${booked.code.toLowerCase().replace(/-/g, ' ')}`));
    assert.equal(read.code, booked.code);
    assert.equal(read.site_name.length > 0, true);
    const swapped = booked.code.slice(0, 1) === booked.code.slice(1, 2) ? null : booked.code[1]! + booked.code[0]! + booked.code.slice(2);
    if (swapped)
      assert.equal((await expectProblem(await send('GET', `/appointments/${swapped}`), 400, 'code')).type, ProblemType.mistypedCode);
    await expectProblem(await send('GET', `/appointments/${caseCodeFrom('0000000000')}`), 404);
    await expectProblem(await send('GET', `/appointments/not-a-code`), 400, 'code');

    // The first slot is full (two bookings): moving there changes nothing.
    const list = await slots('demarche:carte-vitale');
    const target = list.days.at(-1)!.slots[0]!;
    const before = await counts();
    const other = await book({ start: target.start });
    assert.equal(other.status, 201);
    assert.equal((await book({ start: target.start })).status, 201);
    const beforeMove = await counts();
    assert.equal(beforeMove.appointments, before.appointments + 2);
    const stillHere = (await json<AppointmentPublic>(await send('GET', `/appointments/${booked.code}`))).start;
    assert.equal(
      (await expectProblem(await send('POST', `/appointments/${booked.code}/move`, { start: target.start }), 409, 'start')).type,
      ProblemType.slotTaken,
    );
    await expectProblem(
      await send('POST', `/appointments/${booked.code}/move`, { start: new Date(`${closedDay}T09:30:00+01:00`).toISOString() }),
      422,
      'start',
    );
    await expectProblem(
      await send('POST', `/appointments/${booked.code}/move`, { start: new Date(Date.now() - 3_600_000).toISOString() }),
      422,
      'start',
    );
    assert.deepEqual(await counts(), beforeMove);

    const free = list.days.at(-1)!.slots.at(-1)!;
    const moved = await json<AppointmentPublic>(await send('POST', `/appointments/${booked.code}/move`, { start: free.start }));
    assert.equal(moved.start, free.start);
    assert.notEqual(moved.start, stillHere);
    const seat = await server.db
      .selectFrom('appointment_seats')
      .innerJoin('appointments', 'appointments.id', 'appointment_seats.appointment_id')
      .select(['appointment_seats.starts_at as at'])
      .where('appointments.code', '=', booked.code.replace(/-/g, ''))
      .executeTakeFirstOrThrow();
    assert.equal(seat.at, free.start);
    assert.equal((await counts()).seats, beforeMove.seats);

    const ics = await send('GET', `/appointments/${booked.code}/event.ics`);
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get('content-type')!, /^text\/calendar/);
    const calendar = (await ics.text()).replace(/\r\n /g, '');
    assert.ok(calendar.includes(`DTSTART:${free.start.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`));
    assert.ok(calendar.includes('STATUS:CONFIRMED'));
    assert.ok(calendar.includes(booked.code));
    for (const value of Object.values(PERSON)) assert.ok(!calendar.includes(value));

    const cancelled = await json<AppointmentPublic>(await send('POST', `/appointments/${booked.code}/cancel`));
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.changeable, false);
    assert.equal((await counts()).seats, beforeMove.seats - 1);
    assert.equal((await json<AppointmentPublic>(await send('POST', `/appointments/${booked.code}/cancel`))).status, 'cancelled');
    assert.equal(
      (await expectProblem(await send('POST', `/appointments/${booked.code}/move`, { start: free.start }), 409)).type,
      ProblemType.appointmentClosed,
    );
    assert.ok((await (await send('GET', `/appointments/${booked.code}/event.ics`)).text()).includes('STATUS:CANCELLED'));
  });

  test('a slot that no longer exists, a mistyped code, a time in the past: a clear problem each, and nothing changes', async () => {
    const free = (await slots('demarche:carte-vitale')).days.flatMap((d) => d.slots).filter((s) => s.seats_left === 2);
    const [wanted, mine] = [free.at(-2)!, free.at(-1)!];
    const made = await book({ start: mine.start, reminder: 'none', email: null });
    assert.equal(made.status, 201, await made.clone().text());
    const { code } = (await made.json()) as AppointmentCreated;
    // The person saw `wanted` offered; meanwhile the agents block it (a meeting): it no longer exists.
    const blocked = await send(
      'POST',
      `/sites/${SITE}/agenda/blocks`,
      { key: newKey(), resource: 'site', start: wanted.start, end: wanted.end, label: 'Réunion' },
      agent,
    );
    assert.equal(blocked.status, 201, await blocked.clone().text());
    const offered = async () => (await slots('demarche:carte-vitale')).days.flatMap((d) => d.slots).map((s) => s.start);
    assert.ok(!(await offered()).includes(wanted.start));
    // One symbol mistyped: the check symbol catches every single substitution.
    const mistyped = (code[0] === '0' ? '1' : '0') + code.slice(1);
    // On the grid of a past weekday's morning (every weekday opens at 09:00).
    let pastDay = addDays(parisDate(new Date()), -7);
    while (['sa', 'su'].includes(dayKeyOf(pastDay))) pastDay = addDays(pastDay, -1);
    const past = zonedInstant(pastDay, 9 * 60, 'Europe/Paris').toISOString();

    const before = await counts();
    const gone = await expectProblem(await book({ start: wanted.start }), 422, 'start');
    assert.equal(gone.type, ProblemType.slotUnavailable);
    assert.match(gone.detail!, /no longer available/);
    const goneMove = await expectProblem(await send('POST', `/appointments/${code}/move`, { start: wanted.start }), 422, 'start');
    assert.match(goneMove.detail!, /no longer available/);
    for (const [method, path, body] of [
      ['GET', `/appointments/${mistyped}`],
      ['GET', `/appointments/${mistyped}/event.ics`],
      ['POST', `/appointments/${mistyped}/cancel`],
      ['POST', `/appointments/${mistyped}/move`, { start: free[0]!.start }],
    ] as const) {
      const problem = await expectProblem(await send(method, path, body), 400, 'code');
      assert.equal(problem.type, ProblemType.mistypedCode, path);
      assert.match(problem.detail!, /check symbol/);
    }
    for (const answer of [await book({ start: past }), await send('POST', `/appointments/${code}/move`, { start: past })]) {
      const problem = await expectProblem(answer, 422, 'start');
      assert.equal(problem.type, ProblemType.slotUnavailable);
      assert.match(problem.detail!, /in the past/);
    }
    assert.deepEqual(await counts(), before);
    const kept = await json<AppointmentPublic>(await send('GET', `/appointments/${code}`));
    assert.deepEqual([kept.status, kept.start], ['booked', mine.start]);

    // The block removed, the slot is offered again.
    const blockId = ((await blocked.json()) as { block: { id: string } }).block.id;
    assert.equal((await send('DELETE', `/sites/${SITE}/agenda/blocks/${blockId}`, undefined, agent)).status, 204);
    assert.ok((await offered()).includes(wanted.start));
  });

  test('CORS: the public books, cancels and moves from any origin (JSON only, Retry-After readable); reads are open', async () => {
    for (const path of [`/sites/${SITE}/appointments`, `/appointments/${booked.code}/cancel`, `/appointments/${booked.code}/move`]) {
      const preflight = await server.get(`/api/v1${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://mairie.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      assert.equal(preflight.status, 204, path);
      assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
      assert.match(preflight.headers.get('access-control-allow-methods')!, /POST/);
      assert.match(preflight.headers.get('access-control-allow-headers')!, /content-type/);
    }
    const read = await server.get(`/api/v1/sites/${SITE}/booking`, { headers: { origin: 'https://mairie.example' } });
    assert.equal(read.headers.get('access-control-allow-origin'), '*');
    // A form posted as text/plain (no preflight) is refused, not read.
    const plain = await server.get(`/api/v1/sites/${SITE}/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    assert.equal(plain.status, 415);
  });

  test('personal data is sealed at rest: neither the database files nor its rows hold the first name, phone or e-mail in clear', async () => {
    const rows = await server.db.selectFrom('appointments').select(['first_name', 'phone', 'email']).execute();
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.match(row.first_name!, /^v1\.[\w-]{8}\.[\w-]+\.[\w-]+$/);
      for (const value of Object.values(row)) if (value !== null) assert.ok(!Object.values(PERSON).some((p) => value.includes(p)));
    }
    if (TEST_ENGINE === 'sqlite') {
      for (const file of readdirSync(server.dir).filter((f) => f.endsWith('.db') || f.endsWith('.db-wal'))) {
        const bytes = readFileSync(join(server.dir, file));
        for (const value of [...Object.values(PERSON), '0698765432'])
          assert.equal(bytes.indexOf(Buffer.from(value)), -1, `${value} in ${file}`);
      }
      // The key file next to the SQLite file, readable by its owner only.
      const { statSync } = await import('node:fs');
      assert.equal(statSync(join(server.dir, 'fs-widgets-data.key')).mode & 0o777, 0o600);
    }
  });

  test(`${BULK.toLocaleString('en')} bookings from one address, ${BULK_BATCH} at a time: exactly ${PER_CLIENT} booked, every other answer a 429 in French with Retry-After, nothing else changed`, async () => {
    // The limit counts in fixed hours: the whole burst falls in one.
    await awayFromHourBoundary(120_000);
    const free = (await slots('other', undefined, 28)).days.flatMap((d) => d.slots.filter((s) => s.seats_left > 0));
    // Each request of a batch asks for a slot of its own: whichever pass the limit find a seat.
    assert.ok(free.length > BULK_BATCH, `${free.length} free slots`);
    const before = await counts();
    const sent: string[] = [];
    const answers: Response[] = [];
    const started = performance.now();
    for (let batch = 0; batch < BULK / BULK_BATCH; batch++) {
      const requests = Array.from({ length: BULK_BATCH }, (_, i) => {
        const key = newKey();
        sent.push(key);
        return book({ key, reason: 'other', start: free[i]!.start, reminder: 'none', email: null, phone: null }, BULK_ADDRESS);
      });
      answers.push(...(await Promise.all(requests)));
    }
    const elapsed = Math.round(performance.now() - started);
    const booked = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 429);
    console.log(
      `${BULK.toLocaleString('en')} bookings from one address, ${BULK_BATCH} at a time (${TEST_ENGINE}, limit ${PER_CLIENT} an hour): ` +
        `${booked.length} booked, ${refused.length} refused with 429, ${BULK - booked.length - refused.length} other answers, in ${elapsed} ms`,
    );
    assert.equal(booked.length, PER_CLIENT);
    assert.equal(refused.length, BULK - PER_CLIENT);
    for (const answer of refused) {
      const retryAfter = Number(answer.headers.get('retry-after'));
      assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 3600, `Retry-After: ${retryAfter}`);
      const problem = await expectProblem(answer, 429);
      assert.equal(problem.type, ProblemType.tooManyRequests);
      const minutes = Math.max(1, Math.ceil(retryAfter / 60));
      assert.match(
        problem.detail!,
        new RegExp(
          `^Trop de rendez-vous demandés depuis cette adresse en une heure : réessayez dans (${minutes}|${minutes + 1}) min, ou appelez la France services\\.`,
        ),
      );
    }
    const codes = await Promise.all(booked.map(async (a) => ((await a.json()) as AppointmentCreated).code.replace(/-/g, '')));

    // The database: the booked ones, each with its seat, and nothing else; what was there before is as it was.
    const after = await counts();
    assert.equal(after.appointments, before.appointments + PER_CLIENT);
    assert.equal(after.seats, before.seats + PER_CLIENT);
    const stored = await server.db.selectFrom('appointments').select(['id', 'code']).where('idempotency_key', 'in', sent).execute();
    assert.deepEqual(stored.map((r) => r.code).sort(), codes.sort());
    const seated = await server.db
      .selectFrom('appointment_seats')
      .select('appointment_id')
      .where(
        'appointment_id',
        'in',
        stored.map((r) => r.id),
      )
      .execute();
    assert.equal(seated.length, PER_CLIENT);
    const earlier = JSON.parse(before.rows) as Array<{ id: string }>;
    assert.deepEqual(
      (JSON.parse(after.rows) as Array<{ id: string }>).filter((row) => earlier.some((e) => e.id === row.id)),
      earlier,
    );

    // The limit is the address's: it stays refused, another address still books.
    await expectProblem(await book({ reason: 'other', start: free.at(-1)!.start }, BULK_ADDRESS), 429);
    const other = await book({ reason: 'other', start: free.at(-1)!.start }, OTHER_ADDRESS);
    assert.equal(other.status, 201, await other.clone().text());
  });
});
