import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Agenda, AgendaChange, Problem, SlotList, Week } from '@fs-widgets/contract';
import { ProblemType } from '@fs-widgets/contract';
import { addDays } from '@fs-widgets/opening-hours';
import { createToken } from '../src/auth/tokens.js';
import type { Db } from '../src/db/database.js';
import { startApiNodes, type ApiNode, type ApiNodes } from './api-nodes.js';
import { TEST_ENGINE } from './test-server.js';

/*
 * Never more bookings than seats, whatever the nodes: two API processes on one database (one
 * PostgreSQL, or one SQLite file), many people asking for the same slot at the same moment,
 * half of them through each node. Exactly `capacity` get it; the others get 409 `slot-taken`
 * and leave no row behind. Also when the agents changed the length of a slot: the new slots
 * count the appointments of the old length that overlap them, and the public's bookings, the
 * agents' and the moves of both, all at once, never put more people in a time than its seats.
 */
const SITE = '2983';
const CONTENDERS = 12;
const ZONE = 'Europe/Paris';
const range = (opens: string, closes: string) => ({ opens, closes });
const DAY = [range('09:00', '12:00'), range('14:00', '17:00')];
const WEEK: Week = { mo: DAY, tu: DAY, we: DAY, th: DAY, fr: DAY, sa: [], su: [] };
const parisDate = (instant: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(instant);

describe(`two API nodes booking the same slot (${TEST_ENGINE})`, () => {
  let cluster: ApiNodes;
  let nodes: ApiNode[];
  let db: Db;
  let agent: string;
  let keys = 0;
  const newKey = () => `race-${process.pid}-${Date.now().toString(36)}-${keys++}`;

  const call = (node: ApiNode, method: string, path: string, body?: unknown, token?: string) =>
    fetch(`${node.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  before(async () => {
    // One node imports the data first; the second starts on the loaded database.
    cluster = await startApiNodes({
      env: {
        // Both nodes seal with the same key, as a deployment must (docs/security.md).
        FS_DATA_KEY: Buffer.alloc(32, 19).toString('base64'),
        FS_BOOKINGS_PER_CLIENT_HOUR: '1000',
        FS_BOOKINGS_PER_SITE_HOUR: '1000',
        FS_APPOINTMENT_LOOKUPS_PER_CLIENT_HOUR: '1000',
        // The site's hours changed through one node reach the other's catalogue within a second.
        FS_CATALOGUE_REFRESH_SECONDS: '1',
      },
    });
    ({ nodes, db } = cluster);
    agent = (await createToken(db, { role: 'agent', siteId: SITE, label: 'accueil' })).token;
  });

  after(async () => {
    await cluster?.close();
  });

  async function race(capacity: number, slotIndex: number) {
    const settings = { enabled: true, duration_minutes: 30, capacity, horizon_days: 28, min_notice_minutes: 1440, reasons: ['other'] };
    assert.equal((await call(nodes[0]!, 'PUT', `/sites/${SITE}/booking-settings`, settings, agent)).status, 200);
    const list = (await (await call(nodes[1]!, 'GET', `/sites/${SITE}/slots?reason=other&days=14`)).json()) as SlotList;
    const slot = list.days.flatMap((d) => d.slots)[slotIndex]!;
    assert.equal(slot.seats_left, capacity);
    const answers = await Promise.all(
      Array.from({ length: CONTENDERS }, (_, i) =>
        call(nodes[i % 2]!, 'POST', `/sites/${SITE}/appointments`, {
          key: newKey(),
          reason: 'other',
          start: slot.start,
          first_name: `Personne ${String.fromCharCode(65 + i)}`,
          reminder: 'none',
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 201).length, capacity, statuses.join(' '));
    assert.equal(statuses.filter((s) => s === 409).length, CONTENDERS - capacity, statuses.join(' '));
    for (const refused of answers.filter((a) => a.status === 409))
      assert.equal(((await refused.json()) as Problem).type, ProblemType.slotTaken);
    // Both nodes booked some (the winners are not all from one node's queue)… and the database holds exactly `capacity`.
    const rows = await db
      .selectFrom('appointments')
      .select(['id', 'status'])
      .where('site_id', '=', SITE)
      .where('starts_at', '=', slot.start)
      .execute();
    assert.equal(rows.length, capacity);
    const seats = await db
      .selectFrom('appointment_seats')
      .select('seat')
      .where('site_id', '=', SITE)
      .where('starts_at', '=', slot.start)
      .orderBy('seat')
      .execute();
    assert.deepEqual(
      seats.map((s) => s.seat),
      Array.from({ length: capacity }, (_, i) => i + 1),
    );
  }

  test(`capacity 1: ${CONTENDERS} simultaneous bookings through two nodes, exactly one succeeds`, async () => {
    await race(1, 0);
  });

  test(`capacity 2: ${CONTENDERS} simultaneous bookings through two nodes, exactly two succeed`, async () => {
    await race(2, 1);
  });

  test('the slot length changed (30 → 45 → 60 min) over booked appointments: the new slots count the old ones that overlap, and bookings and moves by the public and the agents, all at once through two nodes, never over-book', async () => {
    const [one, two] = nodes as [ApiNode, ApiNode];
    assert.equal((await call(one, 'PUT', `/sites/${SITE}/hours`, { hours: WEEK }, agent)).status, 200);
    // Each node serves the site's hours from its catalogue: the other one reloads it within a second.
    for (const node of nodes) {
      let hours: unknown;
      for (let i = 0; i < 50; i++) {
        hours = ((await (await call(node, 'GET', `/sites/${SITE}`)).json()) as { hours: unknown }).hours;
        if (JSON.stringify(hours) === JSON.stringify(WEEK)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.deepEqual(hours, WEEK);
    }
    const save = async (duration_minutes: number) => {
      const settings = { enabled: true, duration_minutes, capacity: 2, horizon_days: 28, min_notice_minutes: 1440, reasons: ['other'] };
      assert.equal((await call(two, 'PUT', `/sites/${SITE}/booking-settings`, settings, agent)).status, 200);
    };
    const slotsOf = async (node: ApiNode, date: string) =>
      ((await (await call(node, 'GET', `/sites/${SITE}/slots?reason=other&from=${date}&days=1`)).json()) as SlotList).days.flatMap(
        (d) => d.slots,
      );
    /** The seats left of each slot of the day, as the public's slots and the agents' agenda give them. */
    const seatsOn = async (node: ApiNode, date: string) => {
      const offered = Object.fromEntries((await slotsOf(node, date)).map((slot) => [slot.time, slot.seats_left]));
      const agenda = (await (await call(node, 'GET', `/sites/${SITE}/agenda?from=${date}&days=1`, undefined, agent)).json()) as Agenda;
      const desks = agenda.days[0]!.slots.filter((slot) => slot.resource === 'site');
      assert.deepEqual(
        offered,
        Object.fromEntries(desks.filter((slot) => slot.seats_left > 0).map((slot) => [slot.time, slot.seats_left])),
      );
      return Object.fromEntries(desks.map((slot) => [slot.time, slot.seats_left]));
    };
    const startOf = async (date: string, time: string) => {
      const agenda = (await (await call(one, 'GET', `/sites/${SITE}/agenda?from=${date}&days=1`, undefined, agent)).json()) as Agenda;
      return agenda.days[0]!.slots.find((slot) => slot.resource === 'site' && slot.time === time)!.start;
    };
    let people = 0;
    const person = () => ({ first_name: `Personne ${String.fromCharCode(65 + (people++ % 26))}`, reminder: 'none' });
    const publicBook = (node: ApiNode, start: string) =>
      call(node, 'POST', `/sites/${SITE}/appointments`, { key: newKey(), reason: 'other', start, ...person() });
    const agentBook = (node: ApiNode, start: string) =>
      call(node, 'POST', `/sites/${SITE}/agenda/appointments`, { key: newKey(), reason: 'other', start, ...person() }, agent);
    type Mover = AgendaChange['appointment'];
    const publicMove = (node: ApiNode, mover: Mover, start: string) => call(node, 'POST', `/appointments/${mover.code}/move`, { start });
    const agentMove = (node: ApiNode, mover: Mover, start: string) =>
      call(node, 'POST', `/sites/${SITE}/agenda/appointments/${mover.id}/move`, { key: newKey(), start }, agent);

    // Two weekdays with every 30-minute slot free, at least two days ahead (the notice is a day).
    await save(30);
    const MORNING = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30'];
    const AFTERNOON = ['14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];
    const today = parisDate(new Date());
    const list = (await (await call(one, 'GET', `/sites/${SITE}/slots?reason=other&from=${addDays(today, 2)}&days=21`)).json()) as SlotList;
    const [day, moversDay] = list.days
      .filter((d) => [...MORNING, ...AFTERNOON].every((time) => d.slots.some((slot) => slot.time === time && slot.seats_left === 2)))
      .map((d) => d.date);
    assert.ok(day && moversDay, list.days.map((d) => d.date).join(' '));

    // At 30 minutes: one appointment at 10:00 (booked by the public), one at 10:30 (by an agent);
    // twelve more on another day, to be moved later.
    assert.equal((await publicBook(one, await startOf(day, '10:00'))).status, 201);
    assert.equal((await agentBook(two, await startOf(day, '10:30'))).status, 201);
    const movers: Mover[] = [];
    for (const time of AFTERNOON) {
      const start = await startOf(moversDay, time);
      for (const node of nodes) {
        const answer = await agentBook(node, start);
        assert.equal(answer.status, 201, await answer.clone().text());
        movers.push(((await answer.json()) as AgendaChange).appointment);
      }
    }
    const oldTen = await startOf(day, '10:00');

    /** Everyone at once, through both nodes: public and agents' bookings, public and agents' moves, for each start. */
    async function contend(contested: Array<{ start: string; movers: Mover[]; first: string }>) {
      const requests = contested.flatMap(({ start, movers: moving, first }) => {
        const all = [
          ...[0, 1, 2].map((i) => ({ start, kind: 'public booking', answer: publicBook(nodes[i % 2]!, start) })),
          ...[0, 1, 2].map((i) => ({ start, kind: 'agent booking', answer: agentBook(nodes[(i + 1) % 2]!, start) })),
          ...moving.map((mover, i) => ({
            start,
            kind: i % 2 ? 'agent move' : 'public move',
            answer: i % 2 ? agentMove(nodes[i % 2]!, mover, start) : publicMove(nodes[(i + 1) % 2]!, mover, start),
          })),
        ];
        // Sent in this order: `first` leads (each path gets its turn to win).
        return [...all.filter((r) => r.kind === first), ...all.filter((r) => r.kind !== first)];
      });
      const answers = await Promise.all(requests.map(async (r) => ({ ...r, response: await r.answer })));
      const won = new Map<string, string[]>(contested.map(({ start }) => [start, []]));
      for (const { start, kind, response } of answers) {
        if (response.status === 200 || response.status === 201) won.get(start)!.push(kind);
        else {
          const problem = (await response.json()) as Problem;
          assert.equal(response.status, 409, JSON.stringify(problem));
          assert.equal(problem.type, ProblemType.slotTaken);
        }
      }
      return contested.map(({ start }) => ({ start, contenders: answers.filter((a) => a.start === start).length, won: won.get(start)! }));
    }

    /** No instant of the day has more appointments than seats; each appointment holds one seat, at its own start. */
    async function neverOverBooked() {
      const rows = await db
        .selectFrom('appointments')
        .select(['id', 'starts_at', 'ends_at'])
        .where('site_id', '=', SITE)
        .where('resource', '=', 'site')
        .where('status', '!=', 'cancelled')
        .execute();
      for (const row of rows) {
        const together = rows.filter((other) => other.starts_at <= row.starts_at && row.starts_at < other.ends_at);
        assert.ok(together.length <= 2, `${together.length} appointments at ${row.starts_at}`);
      }
      const seats = await db.selectFrom('appointment_seats').select(['appointment_id', 'starts_at']).where('site_id', '=', SITE).execute();
      assert.equal(seats.length, rows.length);
      for (const row of rows)
        assert.deepEqual(
          seats.filter((seat) => seat.appointment_id === row.id).map((seat) => seat.starts_at),
          [row.starts_at],
        );
      return rows;
    }
    const figures: string[] = [];
    const report = (length: number, results: Array<{ start: string; contenders: number; won: string[] }>) =>
      figures.push(
        ...results.map(
          (r) =>
            `${length} min ${new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(new Date(r.start))}: ` +
            `${r.won.length} of ${r.contenders} (${r.won.join(', ') || 'none'})`,
        ),
      );

    // 45 minutes: 09:45–10:30 overlaps the 10:00 appointment, 10:30–11:15 the 10:30 one: a seat left in each.
    await save(45);
    for (const node of nodes) {
      assert.deepEqual(await seatsOn(node, day), {
        '09:00': 2,
        '09:45': 1,
        '10:30': 1,
        '11:15': 2,
        '14:00': 2,
        '14:45': 2,
        '15:30': 2,
        '16:15': 2,
      });
    }
    // 10:00 is no longer the start of a slot, for anyone.
    assert.equal(((await (await publicBook(one, oldTen)).json()) as Problem).type, ProblemType.slotUnavailable);
    assert.equal(((await (await agentBook(two, oldTen)).json()) as Problem).type, ProblemType.slotUnavailable);
    const race45 = await contend([
      { start: await startOf(day, '09:45'), movers: movers.slice(0, 4), first: 'agent booking' },
      { start: await startOf(day, '10:30'), movers: movers.slice(4, 8), first: 'public move' },
    ]);
    report(45, race45);
    for (const { won } of race45) assert.equal(won.length, 1, won.join(', '));
    await neverOverBooked();

    // 60 minutes: 10:00–11:00 overlaps four appointments (none offered, the seats' key alone would
    // still let one in at 10:00), 09:00–10:00 and 11:00–12:00 one each.
    await save(60);
    for (const node of nodes) {
      assert.deepEqual(await seatsOn(node, day), { '09:00': 1, '10:00': 0, '11:00': 1, '14:00': 2, '15:00': 2, '16:00': 2 });
    }
    const race60 = await contend([
      { start: await startOf(day, '10:00'), movers: movers.slice(8, 10), first: 'agent move' },
      { start: await startOf(day, '11:00'), movers: movers.slice(10, 12), first: 'agent move' },
    ]);
    report(60, race60);
    assert.deepEqual(
      race60.map((r) => r.won.length),
      [0, 1],
    );
    const rows = await neverOverBooked();
    // The movers who lost are where they were.
    const moved = race45.concat(race60).flatMap((r) => r.won.filter((kind) => kind.endsWith('move'))).length;
    const stayed = rows.filter((row) => movers.some((m) => m.id === row.id && row.starts_at === m.start));
    assert.equal(stayed.length, movers.length - moved);
    console.log(
      `Slot length changed over booked appointments (${TEST_ENGINE}, capacity 2), winners of each contested slot: ${figures.join('; ')}`,
    );
  });
});
