import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type {
  ActivityStats,
  Agenda,
  AgendaBlock,
  AgendaChange,
  AppointmentPublic,
  AppointmentStats,
  BookingSettingsInput,
  ObservatoryAppointments,
  Permanence,
  SiteBooking,
  SlotList,
  Week,
} from '@fs-widgets/contract';
import { ProblemType } from '@fs-widgets/contract';
import { newCaseCode } from '@fs-widgets/contract/case-code';
import { addDays, zonedInstant } from '@fs-widgets/opening-hours';
import { createToken } from '../src/auth/tokens.js';
import { eraseExpired } from '../src/appointments/erasure.js';
import { Sealer, parseDataKey } from '../src/privacy/sealed.js';
import { expectProblem, json, startTestServer, TEST_ENGINE, type TestServer } from './test-server.js';

/*
 * The agents' side of appointments (issue 19) against the real server: the agenda with the
 * person's data for the site's agents only, booking for someone inside the notice (never over
 * the capacity), moving, cancelling and marking with an idempotency key (a change sent twice
 * applies once), done logging one act in the activity statistics, blocks, the statistics of a
 * site and of a scope, and erasure after the retention.
 */

const SITE = '2983'; // Mende (Lozère)
const OTHER_SITE = '1925';
const ZONE = 'Europe/Paris';
const DATA_KEY = Buffer.alloc(32, 11).toString('base64');
const range = (opens: string, closes: string) => ({ opens, closes });
const WEEK: Week = {
  mo: [range('09:00', '12:00'), range('14:00', '17:00')],
  tu: [range('09:00', '12:00'), range('14:00', '17:00')],
  we: [range('09:00', '12:00'), range('14:00', '17:00')],
  th: [range('09:00', '12:00'), range('14:00', '17:00')],
  fr: [range('09:00', '12:00'), range('14:00', '17:00')],
  sa: [],
  su: [],
};
/** Notice of 14 days: the next two weeks are the agents' only (public slots start after them). */
const SETTINGS: BookingSettingsInput = {
  enabled: true,
  duration_minutes: 30,
  capacity: 1,
  horizon_days: 28,
  min_notice_minutes: 20160,
  reasons: ['demarche:carte-vitale', 'other'],
};
const PERSON = { first_name: 'Anaëlle', phone: '06 11 22 33 44', email: 'anaelle.h5test@exemple.fr' };

let keys = 0;
const newKey = () => `agenda-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;
const parisDate = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(instant);

describe(`appointments: the agents' agenda, statistics, erasure (${TEST_ENGINE})`, () => {
  let server: TestServer;
  let agent: string;
  let otherAgent: string;
  let observer: string;
  let admin: string;
  let permanenceId: string;
  const sealer = new Sealer(() => parseDataKey(DATA_KEY));

  const send = (method: string, path: string, body?: unknown, token?: string) =>
    server.get(`/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const agenda = async (from: string, days = 7, token = agent) =>
    json<Agenda>(await send('GET', `/sites/${SITE}/agenda?from=${from}&days=${days}`, undefined, token));
  /** The first free slot of the site's desks after now in the agenda of the next 14 days (inside the notice). */
  const freeSlots = async () => {
    const view = await agenda(parisDate(new Date()), 14);
    return view.days
      .flatMap((d) => d.slots)
      .filter((s) => s.resource === 'site' && s.seats_left > 0 && Date.parse(s.start) > Date.now() + 3_600_000);
  };
  const counts = async () => ({
    appointments: JSON.stringify(await server.db.selectFrom('appointments').selectAll().orderBy('id').execute()),
    seats: JSON.stringify(await server.db.selectFrom('appointment_seats').selectAll().orderBy('appointment_id').execute()),
    blocks: JSON.stringify(await server.db.selectFrom('appointment_blocks').selectAll().orderBy('id').execute()),
    acts: Number(
      (
        await server.db
          .selectFrom('acts')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  /** An appointment written as the booking writes it (sealed data, a seat), at any time, for the statistics and marking. */
  async function insertAppointment(fields: {
    start: Date;
    status?: string;
    reason?: string;
    partner?: string | null;
    theme?: string | null;
    createdAt?: Date;
    bookedBy?: string;
  }) {
    const id = randomBytes(12).toString('base64url');
    const start = fields.start.toISOString();
    await server.db
      .insertInto('appointments')
      .values({
        id,
        site_id: SITE,
        code: newCaseCode(),
        resource: 'site',
        reason: fields.reason ?? 'demarche:carte-vitale',
        partner: fields.partner === undefined ? 'assurance-maladie' : fields.partner,
        theme: fields.theme === undefined ? 'carte-vitale' : fields.theme,
        starts_at: start,
        ends_at: new Date(fields.start.getTime() + 30 * 60_000).toISOString(),
        status: fields.status ?? 'booked',
        booked_by: fields.bookedBy ?? 'public',
        idempotency_key: newKey(),
        first_name: sealer.seal('Barnabé'),
        phone: sealer.seal('06 55 44 33 22'),
        email: null,
        reminder: 'none',
        reminder_claimed_at: null,
        reminder_claimed_by: null,
        reminder_sent_at: null,
        cancelled_at: null,
        erased_at: null,
        act_id: null,
        created_at: (fields.createdAt ?? new Date(fields.start.getTime() - 5 * 86_400_000)).toISOString(),
        updated_at: new Date().toISOString(),
        language: 'fr',
        reminder_attempts: 0,
        reminder_failed_at: null,
      })
      .execute();
    if (fields.status !== 'cancelled') {
      await server.db
        .insertInto('appointment_seats')
        .values({ site_id: SITE, resource: 'site', starts_at: start, seat: 1, appointment_id: id })
        .execute();
    }
    return id;
  }

  before(async () => {
    server = await startTestServer({
      FS_DATA_KEY: DATA_KEY,
      FS_BOOKINGS_PER_SITE_HOUR: '1000',
      FS_APPOINTMENT_LOOKUPS_PER_CLIENT_HOUR: '1000',
    });
    const expiresAt = new Date(Date.now() + 86_400_000);
    agent = (await createToken(server.db, { role: 'agent', siteId: SITE, label: 'accueil', expiresAt })).token;
    otherAgent = (await createToken(server.db, { role: 'agent', siteId: OTHER_SITE, label: 'ailleurs', expiresAt })).token;
    observer = (await createToken(server.db, { role: 'departement', department: '48', label: 'Préfecture de la Lozère', expiresAt })).token;
    admin = (await createToken(server.db, { role: 'admin', label: 'admin', expiresAt })).token;
    await json(await send('PUT', `/sites/${SITE}/hours`, { hours: WEEK }, agent));
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
    await json(
      await send(
        'PUT',
        `/sites/${SITE}/booking-settings`,
        { ...SETTINGS, reasons: [...SETTINGS.reasons, `permanence:${permanenceId}`] },
        agent,
      ),
    );
  });

  after(async () => {
    await server?.close();
  });

  test('the agenda is the site’s agents’ only; it lists the desks and the permanence with their slots and seats', async () => {
    const today = parisDate(new Date());
    await expectProblem(await send('GET', `/sites/${SITE}/agenda?from=${today}`), 401);
    await expectProblem(await send('GET', `/sites/${SITE}/agenda?from=${today}`, undefined, otherAgent), 403);
    await expectProblem(await send('GET', `/sites/${SITE}/agenda?from=${today}`, undefined, observer), 403);
    await expectProblem(await send('GET', `/sites/${SITE}/agenda?from=${today}&days=32`, undefined, agent), 400, 'days');
    const week = await agenda(today, 7, admin);
    assert.equal(week.from, today);
    assert.equal(week.to, addDays(today, 6));
    assert.equal(week.days.length, 7);
    assert.deepEqual(
      week.resources.map((r) => r.resource),
      ['site', `permanence:${permanenceId}`],
    );
    // A weekday of the site, not a public holiday: 12 slots of 30 minutes (09:00-12:00, 14:00-17:00).
    const weekdays = week.days.filter((d) => d.slots.some((s) => s.resource === 'site'));
    assert.ok(weekdays.length >= 3, JSON.stringify(week.days.map((d) => [d.date, d.slots.length])));
    for (const day of weekdays) {
      const site = day.slots.filter((s) => s.resource === 'site');
      assert.equal(site.length, 12);
      assert.equal(site[0]!.time, '09:00');
      assert.equal(site.at(-1)!.time, '16:30');
      assert.equal(site[0]!.start, zonedInstant(day.date, 9 * 60, ZONE).toISOString());
    }
    // The permanence's Tuesday: 4 slots from 14:00.
    const tuesday = week.days.find((d) => d.slots.some((s) => s.resource === `permanence:${permanenceId}`));
    if (tuesday)
      assert.deepEqual(
        tuesday.slots.filter((s) => s.resource !== 'site').map((s) => s.time),
        ['14:00', '14:30', '15:00', '15:30'],
      );
  });

  test('booking for someone: inside the notice for an agent (the public gets slot-unavailable), never over the capacity; the agenda shows who', async () => {
    const [slot, other] = await freeSlots();
    assert.ok(slot && other);
    const body = { key: newKey(), reason: 'demarche:carte-vitale', start: slot.start, ...PERSON, reminder: 'sms' };
    await expectProblem(await send('POST', `/sites/${SITE}/appointments`, body), 422, 'start');
    await expectProblem(await send('POST', `/sites/${SITE}/agenda/appointments`, body, otherAgent), 403);
    const created = await send('POST', `/sites/${SITE}/agenda/appointments`, body, agent);
    assert.equal(created.status, 201, await created.clone().text());
    const booked = (await created.json()) as AgendaChange;
    assert.equal(booked.duplicate, false);
    assert.equal(booked.appointment.booked_by, 'agent');
    assert.equal(booked.appointment.first_name, 'Anaëlle');
    assert.equal(booked.appointment.phone, '06 11 22 33 44');
    assert.equal(booked.appointment.reason_label, 'Obtenir ou remplacer sa carte Vitale');
    // The same request again: the same appointment, nothing more.
    const again = await json<AgendaChange>(await send('POST', `/sites/${SITE}/agenda/appointments`, body, agent));
    assert.equal(again.duplicate, true);
    assert.equal(again.appointment.id, booked.appointment.id);
    // Capacity 1: the slot is full, for the agents too.
    const before = await counts();
    const full = await expectProblem(
      await send('POST', `/sites/${SITE}/agenda/appointments`, { ...body, key: newKey() }, agent),
      409,
      'start',
    );
    assert.equal(full.type, ProblemType.slotTaken);
    assert.deepEqual(await counts(), before);

    const view = await agenda(booked.appointment.date, 1);
    const listed = view.appointments.find((a) => a.id === booked.appointment.id);
    assert.equal(listed?.first_name, 'Anaëlle');
    assert.equal(listed?.email, 'anaelle.h5test@exemple.fr');
    assert.equal(view.days[0]!.slots.find((s) => s.start === slot.start && s.resource === 'site')?.seats_left, 0);
    // The permanence has its own seats: booked on its resource, the desks' slot at that time stays free.
    const fortnight = await agenda(parisDate(new Date()), 14);
    const session = fortnight.days
      .flatMap((d) => d.slots)
      .find((s) => s.resource === `permanence:${permanenceId}` && Date.parse(s.start) > Date.now() + 3_600_000);
    assert.ok(session, 'a Tuesday session of the permanence within 14 days');
    const desk = fortnight.days.flatMap((d) => d.slots).find((s) => s.resource === 'site' && s.start === session.start);
    const withPartner = await send(
      'POST',
      `/sites/${SITE}/agenda/appointments`,
      { key: newKey(), reason: `permanence:${permanenceId}`, start: session.start, first_name: 'Gaspard', reminder: 'none' },
      agent,
    );
    assert.equal(withPartner.status, 201, await withPartner.clone().text());
    const held = (await withPartner.json()) as AgendaChange;
    assert.equal(held.appointment.resource, `permanence:${permanenceId}`);
    assert.equal(held.appointment.partner, 'caf');
    const after = (await agenda(held.appointment.date, 1)).days[0]!.slots;
    assert.equal(after.find((s) => s.resource === `permanence:${permanenceId}` && s.start === session.start)?.seats_left, 0);
    if (desk) assert.equal(after.find((s) => s.resource === 'site' && s.start === session.start)?.seats_left, desk.seats_left);

    // The database holds none of it in clear.
    const row = await server.db.selectFrom('appointments').selectAll().where('id', '=', booked.appointment.id).executeTakeFirstOrThrow();
    assert.ok(!JSON.stringify(row).includes('Anaëlle') && !JSON.stringify(row).includes('exemple.fr'));
    void other;
  });

  test('moving and cancelling with a key: the same change twice applies once, a replay never undoes a later change', async () => {
    const slots = await freeSlots();
    const [a, b, c] = slots;
    assert.ok(a && b && c);
    const created = (await (
      await send(
        'POST',
        `/sites/${SITE}/agenda/appointments`,
        { key: newKey(), reason: 'other', start: a.start, first_name: 'Côme', reminder: 'none' },
        agent,
      )
    ).json()) as AgendaChange;
    const id = created.appointment.id;
    // Its reminder was sent: moved, it is reminded again for its new time.
    await server.db
      .updateTable('appointments')
      .set({ reminder_sent_at: new Date().toISOString(), reminder_attempts: 1 })
      .where('id', '=', id)
      .execute();
    const moveToB = { key: newKey(), start: b.start };
    const moved = await json<AgendaChange>(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/move`, moveToB, agent));
    assert.equal(moved.appointment.start, b.start);
    assert.equal(moved.duplicate, false);
    assert.equal(moved.appointment.reminder_sent_at, null);
    assert.equal(
      (await server.db.selectFrom('appointments').select('reminder_attempts').where('id', '=', id).executeTakeFirstOrThrow())
        .reminder_attempts,
      0,
    );
    const movedAgain = await json<AgendaChange>(
      await send('POST', `/sites/${SITE}/agenda/appointments/${id}/move`, { key: newKey(), start: c.start }, agent),
    );
    assert.equal(movedAgain.appointment.start, c.start);
    // The first move's answer was lost; the outbox sends it again: nothing moves back.
    const replay = await json<AgendaChange>(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/move`, moveToB, agent));
    assert.equal(replay.duplicate, true);
    assert.equal(replay.appointment.start, c.start);
    const seats = await server.db.selectFrom('appointment_seats').selectAll().where('appointment_id', '=', id).execute();
    assert.deepEqual(
      seats.map((s) => s.starts_at),
      [c.start],
    );
    // The same key for another change: 409.
    await expectProblem(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/cancel`, { key: moveToB.key }, agent), 409);
    await expectProblem(await send('POST', `/sites/${SITE}/agenda/appointments/nosuchappointment/cancel`, { key: newKey() }, agent), 404);

    const cancel = { key: newKey() };
    const cancelled = await json<AgendaChange>(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/cancel`, cancel, agent));
    assert.equal(cancelled.appointment.status, 'cancelled');
    assert.equal((await server.db.selectFrom('appointment_seats').selectAll().where('appointment_id', '=', id).execute()).length, 0);
    assert.equal(
      (await json<AgendaChange>(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/cancel`, cancel, agent))).duplicate,
      true,
    );
    // A cancelled appointment cannot be marked.
    const closed = await expectProblem(
      await send('POST', `/sites/${SITE}/agenda/appointments/${id}/status`, { key: newKey(), status: 'arrived' }, agent),
      409,
    );
    assert.equal(closed.type, ProblemType.appointmentClosed);
    // Another site's agent cannot touch it.
    await expectProblem(
      await send('POST', `/sites/${SITE}/agenda/appointments/${id}/move`, { key: newKey(), start: a.start }, otherAgent),
      403,
    );
  });

  test('done logs one act with the appointment’s partner and theme, in the site’s activity figures; done twice, or back and again, logs one', async () => {
    const today = parisDate(new Date());
    const id = await insertAppointment({ start: zonedInstant(today, 0, ZONE) });
    // Off the grid (08:10): never a slot an earlier test booked.
    const future = await insertAppointment({ start: zonedInstant(addDays(today, 2), 8 * 60 + 10, ZONE) });
    await expectProblem(
      await send('POST', `/sites/${SITE}/agenda/appointments/${future}/status`, { key: newKey(), status: 'done' }, agent),
      400,
      'status',
    );
    const activity = async () =>
      json<ActivityStats>(await send('GET', `/stats/activity?site=${SITE}&from=${today}&to=${today}&group_by=theme`, undefined, agent));
    const beforeActs = (await activity()).acts;

    const arrived = await json<AgendaChange>(
      await send('POST', `/sites/${SITE}/agenda/appointments/${id}/status`, { key: newKey(), status: 'arrived' }, agent),
    );
    assert.equal(arrived.appointment.status, 'arrived');
    const done = { key: newKey(), status: 'done' as const };
    const marked = await json<AgendaChange>(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/status`, done, agent));
    assert.equal(marked.appointment.status, 'done');
    assert.ok(marked.appointment.act_id);
    await json(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/status`, done, agent));
    await json(await send('POST', `/sites/${SITE}/agenda/appointments/${id}/status`, { key: newKey(), status: 'booked' }, agent));
    const redone = await json<AgendaChange>(
      await send('POST', `/sites/${SITE}/agenda/appointments/${id}/status`, { key: newKey(), status: 'done' }, agent),
    );
    assert.equal(redone.appointment.act_id, marked.appointment.act_id);

    const stats = await activity();
    assert.equal(stats.acts, beforeActs + 1);
    const group = stats.groups.find((g) => g.key === 'assurance-maladie/carte-vitale');
    assert.equal(group?.acts, 1);
    assert.equal(group?.solved, 1);
    const act = await server.db.selectFrom('acts').selectAll().where('id', '=', marked.appointment.act_id!).executeTakeFirstOrThrow();
    assert.equal(act.site_id, SITE);
    assert.equal(act.channel, 'counter');

    // « Autre »: the agent says which partner.
    const other = await insertAppointment({ start: zonedInstant(today, 60, ZONE), reason: 'other', partner: null, theme: null });
    const before = await counts();
    await expectProblem(
      await send('POST', `/sites/${SITE}/agenda/appointments/${other}/status`, { key: newKey(), status: 'done' }, agent),
      400,
      'partner',
    );
    await expectProblem(
      await send(
        'POST',
        `/sites/${SITE}/agenda/appointments/${other}/status`,
        { key: newKey(), status: 'done', partner: 'caf', theme: 'no-such-theme' },
        agent,
      ),
      400,
      'theme',
    );
    assert.deepEqual(await counts(), before);
    const caf = await json<AgendaChange>(
      await send(
        'POST',
        `/sites/${SITE}/agenda/appointments/${other}/status`,
        { key: newKey(), status: 'done', partner: 'caf', theme: 'logement', outcome: 'follow-up' },
        agent,
      ),
    );
    assert.ok(caf.appointment.act_id);
    const after = await activity();
    assert.equal(after.groups.find((g) => g.key === 'caf/logement')?.follow_up, 1);
  });

  test('blocks: refused over booked appointments with their list, else no slot offered in them; removed, the slots come back', async () => {
    const publicSlots = async () =>
      json<SlotList>(await send('GET', `/sites/${SITE}/slots?reason=other&from=${addDays(parisDate(new Date()), 15)}&days=7`));
    const day = (await publicSlots()).days[0]!;
    const first = day.slots[0]!;
    const booked = (await (
      await send('POST', `/sites/${SITE}/appointments`, {
        key: newKey(),
        reason: 'other',
        start: first.start,
        first_name: 'Ulysse',
        reminder: 'none',
      })
    ).json()) as { code: string };
    const dayStart = zonedInstant(day.date, 8 * 60, ZONE).toISOString();
    const dayEnd = zonedInstant(day.date, 18 * 60, ZONE).toISOString();
    const before = await counts();
    const refused = await expectProblem(
      await send(
        'POST',
        `/sites/${SITE}/agenda/blocks`,
        { key: newKey(), resource: 'site', start: dayStart, end: dayEnd, label: 'Formation' },
        agent,
      ),
      409,
      'start',
    );
    assert.equal(refused.type, ProblemType.blockOverlaps);
    assert.ok(refused.invalid_params![0]!.reason.includes(booked.code), refused.invalid_params![0]!.reason);
    await expectProblem(
      await send(
        'POST',
        `/sites/${SITE}/agenda/blocks`,
        { key: newKey(), resource: 'site', start: dayEnd, end: dayStart, label: 'x' },
        agent,
      ),
      400,
      'end',
    );
    await expectProblem(
      await send(
        'POST',
        `/sites/${SITE}/agenda/blocks`,
        { key: newKey(), resource: 'permanence:nope', start: dayStart, end: dayEnd, label: 'x' },
        agent,
      ),
      400,
      'resource',
    );
    await expectProblem(
      await send(
        'POST',
        `/sites/${SITE}/agenda/blocks`,
        { key: newKey(), resource: 'site', start: dayStart, end: dayEnd, label: 'x' },
        otherAgent,
      ),
      403,
    );
    assert.deepEqual(await counts(), before);

    // The afternoon only: free, blocked.
    const afternoon = {
      key: newKey(),
      resource: '*',
      start: zonedInstant(day.date, 14 * 60, ZONE).toISOString(),
      end: dayEnd,
      label: 'Réunion d’équipe',
    };
    const created = await send('POST', `/sites/${SITE}/agenda/blocks`, afternoon, agent);
    assert.equal(created.status, 201, await created.clone().text());
    const block = ((await created.json()) as { block: AgendaBlock }).block;
    assert.equal(
      (await json<{ duplicate: boolean; block: AgendaBlock }>(await send('POST', `/sites/${SITE}/agenda/blocks`, afternoon, agent))).block
        .id,
      block.id,
    );
    const times = async () => ((await publicSlots()).days.find((d) => d.date === day.date)?.slots ?? []).map((s) => s.time);
    assert.deepEqual(await times(), ['09:30', '10:00', '10:30', '11:00', '11:30']);
    const view = await agenda(day.date, 1);
    assert.deepEqual(
      view.blocks.map((b) => b.label),
      ['Réunion d’équipe'],
    );
    assert.ok(view.days[0]!.slots.filter((s) => s.time >= '14:00').every((s) => s.blocked && s.seats_left === 0));

    const removed = await send('DELETE', `/sites/${SITE}/agenda/blocks/${block.id}`, undefined, agent);
    assert.equal(removed.status, 204);
    await expectProblem(await send('DELETE', `/sites/${SITE}/agenda/blocks/${block.id}`, undefined, agent), 404);
    assert.equal((await times()).length, 11);
  });

  test('a block and a booking of the same time at the same moment: exactly one of them passes', async () => {
    const days = (
      await json<SlotList>(await send('GET', `/sites/${SITE}/slots?reason=other&from=${addDays(parisDate(new Date()), 16)}&days=7`))
    ).days.slice(0, 4);
    assert.equal(days.length, 4);
    const outcomes = await Promise.all(
      days.map(async (day) => {
        const slot = day.slots[0]!;
        const [block, booking] = await Promise.all([
          send(
            'POST',
            `/sites/${SITE}/agenda/blocks`,
            {
              key: newKey(),
              resource: '*',
              start: zonedInstant(day.date, 0, ZONE).toISOString(),
              end: zonedInstant(day.date, 23 * 60, ZONE).toISOString(),
              label: 'Fermeture',
            },
            agent,
          ),
          send('POST', `/sites/${SITE}/appointments`, {
            key: newKey(),
            reason: 'other',
            start: slot.start,
            first_name: 'Zoé',
            reminder: 'none',
          }),
        ]);
        return [block.status, booking.status];
      }),
    );
    for (const [block, booking] of outcomes) {
      assert.ok((block === 201 && booking === 422) || (block === 409 && booking === 201), JSON.stringify(outcomes));
    }
  });

  test('statistics of the site and of its département: counts, shares and median above the minimum count, by reason and partner; CSV', async () => {
    // 40 appointments last month, booked 3 or 9 days ahead: 20 done, 10 no-shows, 6 cancelled, 4 arrived.
    const month = addDays(parisDate(new Date()), -40).slice(0, 7);
    const from = `${month}-01`;
    const day = `${month}-10`;
    const statuses = [...Array(20).fill('done'), ...Array(10).fill('no-show'), ...Array(6).fill('cancelled'), ...Array(4).fill('arrived')];
    for (const [i, status] of statuses.entries()) {
      const start = zonedInstant(day, 9 * 60 + 10 * i, ZONE);
      await insertAppointment({
        start,
        status,
        createdAt: new Date(start.getTime() - (i % 2 === 0 ? 3 : 9) * 86_400_000),
        ...(i >= 30 ? { reason: 'other', partner: null, theme: null, bookedBy: 'agent' } : {}),
      });
    }
    const to = addDays(from, 27);
    await expectProblem(await send('GET', `/stats/appointments?site=${SITE}&from=${from}&to=${to}`), 401);
    await expectProblem(await send('GET', `/stats/appointments?site=${SITE}&from=${from}&to=${to}`, undefined, otherAgent), 403);
    const stats = await json<AppointmentStats>(
      await send('GET', `/stats/appointments?site=${SITE}&from=${from}&to=${to}`, undefined, observer),
    );
    assert.deepEqual(stats.period, { from, to });
    assert.equal(stats.totals.bookings, 40);
    assert.equal(stats.totals.honoured, 24);
    assert.equal(stats.totals.no_shows, 10);
    assert.equal(stats.totals.cancelled, 6);
    assert.equal(stats.totals.booked_by_agents, 10);
    assert.equal(stats.totals.honoured_share, 24 / 34);
    assert.equal(stats.totals.cancelled_share, 6 / 40);
    assert.equal(stats.totals.median_lead_days, 6);
    const byReason = Object.fromEntries(stats.by_reason.map((r) => [r.key, r]));
    assert.equal(byReason['demarche:carte-vitale']?.bookings, 30);
    assert.equal(byReason['demarche:carte-vitale']?.label, 'Obtenir ou remplacer sa carte Vitale');
    assert.equal(byReason['demarche:carte-vitale']?.honoured_share, 20 / 30);
    // 10 bookings: below the minimum count, no share, no median.
    assert.equal(byReason.other?.bookings, 10);
    assert.equal(byReason.other?.cancelled_share, null);
    assert.equal(byReason.other?.median_lead_days, null);
    assert.deepEqual(
      stats.by_partner.map((p) => [p.key, p.bookings]),
      [
        ['assurance-maladie', 30],
        ['none', 10],
      ],
    );

    const csv = await send('GET', `/stats/appointments?site=${SITE}&from=${from}&to=${to}&format=csv&group_by=partner`, undefined, agent);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const text = await csv.text();
    assert.match(text, /Partenaire/);
    assert.match(text, /Assurance Maladie|assurance-maladie/i);

    const scope = await json<ObservatoryAppointments>(
      await send('GET', `/observatory/appointments?from=${from}&to=${to}&group_by=partner`, undefined, observer),
    );
    assert.equal(scope.scope.department, '48');
    assert.equal(scope.totals.bookings, 40);
    assert.equal(scope.items.find((i) => i.key === 'assurance-maladie')?.no_shows, 10);
    await expectProblem(await send('GET', `/observatory/appointments?departement=59`, undefined, observer), 403);
    await expectProblem(await send('GET', `/observatory/appointments`, undefined, agent), 403);
    const sites = await json<ObservatoryAppointments>(
      await send('GET', `/observatory/appointments?departement=48&from=${from}&to=${to}`, undefined, admin),
    );
    assert.deepEqual(
      sites.items.map((i) => [i.key, i.bookings]),
      [[SITE, 40]],
    );
  });

  test('erasure: past the retention the first name, phone and e-mail are gone; the row still counts', async () => {
    const start = new Date(Date.now() - 45 * 86_400_000);
    const id = await insertAppointment({ start, status: 'done' });
    const recent = await insertAppointment({ start: new Date(Date.now() - 10 * 86_400_000), status: 'no-show' });
    const erased = await eraseExpired(server.db, 30);
    assert.ok(erased >= 1);
    const row = await server.db.selectFrom('appointments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.first_name, null);
    assert.equal(row.phone, null);
    assert.equal(row.email, null);
    assert.ok(row.erased_at);
    assert.equal(row.status, 'done');
    const kept = await server.db.selectFrom('appointments').selectAll().where('id', '=', recent).executeTakeFirstOrThrow();
    assert.equal(sealer.open(kept.first_name), 'Barnabé');
    assert.equal(await eraseExpired(server.db, 30), 0);
    const day = parisDate(start);
    const stats = await json<AppointmentStats>(
      await send('GET', `/stats/appointments?site=${SITE}&from=${day}&to=${day}`, undefined, agent),
    );
    assert.ok(stats.totals.honoured >= 1);
    const view = await agenda(day, 1);
    const listed = view.appointments.find((a) => a.id === id);
    assert.equal(listed?.first_name, null);
    assert.ok(listed?.erased_at);
  });

  test('online booking off (a site taking appointments by phone only): the public is refused, the agents still see their slots, book and move', async () => {
    const reasons = [...SETTINGS.reasons, `permanence:${permanenceId}`];
    await json(await send('PUT', `/sites/${SITE}/booking-settings`, { ...SETTINGS, enabled: false, reasons }, agent));
    try {
      // The public: nothing offered, nothing booked.
      const offer = await json<SiteBooking>(await send('GET', `/sites/${SITE}/booking`));
      assert.deepEqual([offer.enabled, offer.reasons], [false, []]);
      const disabled = async (answer: Response) => {
        const problem = await expectProblem(answer, 409, 'site');
        assert.equal(problem.type, ProblemType.bookingDisabled);
        assert.match(problem.detail!, /does not take online bookings/);
      };
      await disabled(await send('GET', `/sites/${SITE}/slots?reason=other`));

      // The agents: the same agenda, its slots and seats computed, and what they can book.
      const view = await agenda(parisDate(new Date()), 14);
      assert.equal(view.online, false);
      assert.deepEqual(
        view.reasons.map((r) => r.key),
        reasons,
      );
      assert.deepEqual(
        view.resources.map((r) => r.resource),
        ['site', `permanence:${permanenceId}`],
      );
      const free = await freeSlots();
      assert.ok(free.length >= 2, `${free.length} free slots in 14 days`);
      const [slot, later] = [free.at(-2)!, free.at(-1)!];
      const before = await counts();
      await disabled(
        await send('POST', `/sites/${SITE}/appointments`, {
          key: newKey(),
          reason: 'other',
          start: slot.start,
          ...PERSON,
          reminder: 'none',
        }),
      );
      assert.deepEqual(await counts(), before);
      const created = await send(
        'POST',
        `/sites/${SITE}/agenda/appointments`,
        { key: newKey(), reason: 'other', start: slot.start, ...PERSON, reminder: 'sms' },
        agent,
      );
      assert.equal(created.status, 201, await created.clone().text());
      const booked = ((await created.json()) as AgendaChange).appointment;
      assert.deepEqual([booked.status, booked.booked_by, booked.start], ['booked', 'agent', slot.start]);
      assert.equal(
        (await agenda(booked.date, 1)).days[0]!.slots.find((s) => s.resource === 'site' && s.start === slot.start)?.seats_left,
        0,
      );

      // With the code the person may cancel, not move (the agents do); the agents move it.
      const unchanged = await counts();
      await disabled(await send('POST', `/appointments/${booked.code}/move`, { start: later.start }));
      assert.deepEqual(await counts(), unchanged);
      const moved = await json<AgendaChange>(
        await send('POST', `/sites/${SITE}/agenda/appointments/${booked.id}/move`, { key: newKey(), start: later.start }, agent),
      );
      assert.equal(moved.appointment.start, later.start);
      const cancelled = await json<AppointmentPublic>(await send('POST', `/appointments/${booked.code}/cancel`));
      assert.equal(cancelled.status, 'cancelled');
    } finally {
      await json(await send('PUT', `/sites/${SITE}/booking-settings`, { ...SETTINGS, reasons }, agent));
    }
  });
});
