import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { OutreachStop, OutreachStopCreate, OutreachStopInput, OutreachStopList, Site, SiteList } from '@fs-widgets/contract';
import { SOURCES } from '@fs-widgets/contract/sources';
import { createToken, revokeToken } from '../src/auth/tokens.js';
import { importData } from '../src/import/import-data.js';
import { siteCalendar } from '../src/outreach/stop-calendar.js';
import { stopOpeningHours } from '../src/sites/itinerant-stop.js';
import { SiteCatalogue } from '../src/sites/site-catalogue.js';
import { expectProblem, haversineKm, json, startTestServer, type TestServer } from './test-server.js';

/** Mende's France services: its agents hold outreach sessions in Florac and Langogne. */
const SITE = '2983';
const FLORAC = '48061';
const LANGOGNE = '48080';

let keys = 0;
const newKey = () => `outreach-key-${process.pid}-${Date.now().toString(36)}-${keys++}`;

/** Florac, every Friday morning: Christmas and New Year's Day 2026–2027 fall on Fridays. */
const florac = (fields: Partial<OutreachStopInput> = {}): OutreachStopInput => ({
  kind: 'bus-stop',
  name: 'Place de la mairie',
  address: { street: 'Place de la mairie', postcode: '48400', insee_commune: FLORAC },
  rules: [{ recurrence: { freq: 'weekly', days: ['fr'], interval: 1 }, opens: '09:00', closes: '12:00' }],
  offer: 'france-services',
  ...fields,
});

/** Langogne, Mondays and Fridays from October 2027: across the switch to winter time (2027-10-31) and All Saints' Day. */
const langogne = (fields: Partial<OutreachStopInput> = {}): OutreachStopInput => ({
  kind: 'bus-stop',
  name: 'Parking du marché couvert',
  address: { street: 'Boulevard des Capucins', postcode: '48300', insee_commune: LANGOGNE },
  location: { lat: 44.7271, lon: 3.8552 },
  rules: [{ recurrence: { freq: 'weekly', days: ['mo', 'fr'], interval: 1 }, opens: '09:00', closes: '12:00', starts_on: '2027-10-01' }],
  offer: 'france-services',
  note: 'Devant la halle',
  ...fields,
});

/** The events of an iCalendar text, unfolded, each as its properties. */
function parseCalendar(text: string): { lines: string[]; events: Array<Record<string, string>> } {
  assert.ok(text.endsWith('\r\n'));
  const raw = text.slice(0, -2).split('\r\n');
  for (const line of raw) {
    assert.ok(Buffer.byteLength(line) <= 75, `line longer than 75 octets: ${line}`);
    assert.ok(!line.includes('\n') && !line.includes('\r'), line);
  }
  const lines = raw.join('\r\n').replace(/\r\n /g, '').split('\r\n');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  assert.ok(lines.includes('VERSION:2.0'));
  assert.ok(lines.some((l) => l.startsWith('PRODID:')));
  const events: Array<Record<string, string>> = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      for (const required of ['UID', 'DTSTAMP', 'DTSTART', 'DTEND'])
        assert.ok(current![required], `${required} in ${JSON.stringify(current)}`);
      events.push(current!);
      current = null;
    } else if (current) {
      const colon = line.indexOf(':');
      current[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return { lines, events };
}

/** Local wall-clock time in Paris of an iCalendar UTC stamp, read independently of the server (Intl). */
function parisTime(stamp: string): string {
  const iso = stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z');
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

test('a stop’s OSM opening_hours from its rules: ranges of the same days together, one-off dates, every other week, cancelled and moved sessions', () => {
  const weekly = (days: Array<'mo' | 'tu' | 'fr'>, opens: string, closes: string, interval = 1, starts_on?: string) => ({
    recurrence: { freq: 'weekly' as const, days, interval },
    opens,
    closes,
    ...(starts_on ? { starts_on } : {}),
  });
  assert.equal(
    stopOpeningHours([weekly(['mo'], '13:30', '15:30'), weekly(['mo'], '09:30', '12:30'), weekly(['tu', 'fr'], '09:00', '12:00')], []),
    'Mo 09:30-12:30,13:30-15:30, Tu,Fr 09:00-12:00; PH off',
  );
  assert.equal(
    stopOpeningHours(
      [
        { recurrence: { freq: 'monthly', day: 'th', nth: [-1, 2] }, opens: '14:00', closes: '16:00' },
        { recurrence: { freq: 'dates', dates: ['2027-02-03', '2027-01-20'] }, opens: '09:00', closes: '11:00' },
      ],
      [{ date: '2027-01-20', status: 'cancelled' }],
    ),
    'Th[2,-1] 14:00-16:00, 2027 Jan 20 09:00-11:00, 2027 Feb 03 09:00-11:00; PH off; 2027 Jan 20 off',
  );
  // Every other week from a date: per ISO year (OSM's weeks start again at 1 after 2026's week 53).
  assert.equal(
    stopOpeningHours([weekly(['tu'], '09:00', '12:00', 2, '2026-12-01')], [{ date: '2026-12-15', status: 'cancelled' }], '2026-12-07'),
    '2026 Dec 01-2027 Jan 03 week 01-53/2 Tu 09:00-12:00, 2027 Jan 04-2028 Jan 02 week 02-52/2 Tu 09:00-12:00; PH off; 2026 Dec 15 off',
  );
  assert.equal(stopOpeningHours([], []), null);
});

describe('outreach stops: a site’s agents publish where its bus stops (issue 16)', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  type Who = 'anonymous' | 'agent' | 'otherAgent' | 'revoked' | 'admin';
  const send = (method: string, path: string, who: Who, body?: unknown) =>
    server.get(`/api/v1${path}`, {
      method,
      headers: {
        ...(who === 'anonymous' ? {} : { authorization: `Bearer ${tokens[who]}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const create = async (input: OutreachStopInput, who: Who = 'agent', key = newKey()) => {
    const res = await send('POST', `/sites/${SITE}/stops`, who, { key, ...input } satisfies OutreachStopCreate);
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as OutreachStop;
  };
  /** What a bad input must leave as it was: the stops and the history. */
  const snapshot = async () => ({
    stops: await server.db.selectFrom('outreach_stops').selectAll().orderBy('id').execute(),
    history: (await server.db.selectFrom('site_history').select('id').execute()).length,
  });
  let floracStop: OutreachStop;
  let langogneStop: OutreachStop;

  before(async () => {
    server = await startTestServer();
    const make = async (siteId: string | undefined, label: string) =>
      (await createToken(server.db, { role: siteId ? 'agent' : 'admin', siteId, label, expiresAt: new Date(Date.now() + 86_400_000) }))
        .token;
    tokens.agent = await make(SITE, 'bus de Mende');
    tokens.otherAgent = await make('271', 'accueil Marvejols');
    tokens.revoked = await make(SITE, 'ancienne tablette');
    tokens.admin = await make(undefined, 'national');
    await revokeToken(server.db, tokens.revoked.slice(4, 16));
  });

  after(async () => {
    await server?.close();
  });

  test('who may write: the site’s agents and admins; anonymous, revoked and another site’s agent are refused', async () => {
    const expected: Record<Who, number> = { anonymous: 401, revoked: 401, otherAgent: 403, agent: 201, admin: 201 };
    for (const [who, status] of Object.entries(expected) as [Who, number][]) {
      const res = await send('POST', `/sites/${SITE}/stops`, who, { key: newKey(), ...florac({ name: `Essai ${who}` }) });
      assert.equal(res.status, status, `${who}: ${await res.clone().text()}`);
      if (status >= 400) await expectProblem(res, status);
    }
    // The token is checked before the body: an anonymous request with a bad body is a 401.
    assert.equal((await send('POST', `/sites/${SITE}/stops`, 'anonymous', { nonsense: true })).status, 401);
    const { items } = await json<OutreachStopList>(await send('GET', `/sites/${SITE}/stops`, 'anonymous'));
    assert.deepEqual(items.map((s) => s.name).sort(), ['Essai admin', 'Essai agent']);
    for (const stop of items) {
      assert.equal((await send('PUT', `/sites/${SITE}/stops/${stop.id}`, 'otherAgent', florac())).status, 403);
      assert.equal((await send('DELETE', `/sites/${SITE}/stops/${stop.id}`, 'anonymous')).status, 401);
      assert.equal((await send('DELETE', `/sites/${SITE}/stops/${stop.id}`, 'agent')).status, 204);
      await expectProblem(await send('DELETE', `/sites/${SITE}/stops/${stop.id}`, 'agent'), 404);
    }
    await expectProblem(await send('GET', '/sites/99999999/stops', 'anonymous'), 404);
  });

  test('a stop without a point is placed at its commune’s centre, named from the commune index; the same key twice stores one stop', async () => {
    const key = newKey();
    floracStop = await create(florac(), 'agent', key);
    assert.equal(floracStop.address.commune, 'Florac Trois Rivières');
    assert.equal(floracStop.location_from, 'commune');
    const centre = (await SiteCatalogue.load(server.db)).communes.get(FLORAC)!;
    assert.deepEqual(floracStop.location, { lat: centre.lat, lon: centre.lon });
    assert.equal(floracStop.source, 'site');
    assert.deepEqual(floracStop.changes, []);
    const again = await send('POST', `/sites/${SITE}/stops`, 'agent', { key, ...florac() });
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), floracStop);
    await expectProblem(await send('POST', `/sites/${SITE}/stops`, 'agent', { key, ...langogne() }), 409, 'key');

    langogneStop = await create(langogne());
    assert.equal(langogneStop.location_from, 'agent');
    assert.equal(langogneStop.address.commune, 'Langogne');
    const { items } = await json<OutreachStopList>(await send('GET', `/sites/${SITE}/stops`, 'anonymous'));
    assert.deepEqual(
      items.map((s) => s.id),
      [floracStop.id, langogneStop.id],
    );
  });

  test('the site is found by ?commune= of each commune where it stops, at the stop, with its next sessions (public holidays skipped)', async () => {
    // Monday 21 December 2026: Christmas and New Year's Day are Fridays, no session those days.
    const at = '2026-12-21T10:00:00Z';
    const { communes } = await SiteCatalogue.load(server.db);
    for (const [insee, stop] of [
      [FLORAC, floracStop],
      [LANGOGNE, langogneStop],
    ] as const) {
      const list = await json<SiteList>(await server.get(`/api/v1/sites?commune=${insee}&limit=10&at=${at}`));
      const found = list.items.filter((s) => s.id === SITE);
      assert.equal(found.length, 1, `site ${SITE} listed once from ${insee}`);
      const [site] = found;
      assert.equal(site!.at_stop?.stop_id, stop.id);
      assert.equal(site!.at_stop?.insee_commune, insee);
      assert.deepEqual(site!.at_stop?.location, stop.location);
      const centre = communes.get(insee)!;
      assert.ok(Math.abs(site!.distance_km - haversineKm({ lat: centre.lat!, lon: centre.lon! }, stop.location)) < 0.02);
      assert.ok(site!.distance_km < haversineKm({ lat: centre.lat!, lon: centre.lon! }, site!.location));
      // Sorted by the distance to its stop.
      const distances = list.items.map((s) => s.distance_km);
      assert.deepEqual(
        distances,
        [...distances].sort((a, b) => a - b),
      );
    }
    const fromFlorac = await json<SiteList>(await server.get(`/api/v1/sites?commune=${FLORAC}&limit=10&at=${at}`));
    // Up to 3 within 28 days (to 18 January): 25 December and 1 January skipped.
    assert.deepEqual(fromFlorac.items.find((s) => s.id === SITE)!.at_stop!.next, [
      { date: '2027-01-08', opens: '09:00', closes: '12:00' },
      { date: '2027-01-15', opens: '09:00', closes: '12:00' },
    ]);
    // From Mende itself the site is nearest at home: no stop.
    const fromMende = await json<SiteList>(await server.get('/api/v1/sites?commune=48095&limit=3'));
    assert.equal(fromMende.items.find((s) => s.id === SITE)!.at_stop, null);
    // Within a radius that holds only the stop, the site is found (there).
    const near = await json<SiteList>(
      await server.get(`/api/v1/sites?near=${langogneStop.location.lat},${langogneStop.location.lon}&radius=5&limit=100`),
    );
    assert.equal(near.items.filter((s) => s.id === SITE).length, 1);
  });

  test('a cancelled session is gone, a moved one is at its new date and hours, in the search, the site and the OSM hours', async () => {
    const updated = await json<OutreachStop>(
      await send(
        'PUT',
        `/sites/${SITE}/stops/${floracStop.id}`,
        'agent',
        florac({
          changes: [
            { date: '2027-01-08', status: 'cancelled' },
            { date: '2027-01-15', status: 'moved', to: { date: '2027-01-16', opens: '10:00', closes: '12:30' } },
          ],
        }),
      ),
    );
    assert.equal(updated.changes.length, 2);
    const at = '2026-12-21T10:00:00Z';
    // Within 28 days of 21 December: 8 January cancelled, 15 January moved to Saturday the 16th.
    const expected = [{ date: '2027-01-16', opens: '10:00', closes: '12:30' }];
    const list = await json<SiteList>(await server.get(`/api/v1/sites?commune=${FLORAC}&limit=10&at=${at}`));
    assert.deepEqual(list.items.find((s) => s.id === SITE)!.at_stop!.next, expected);
    const catalogue = await SiteCatalogue.load(server.db);
    const site = catalogue.get(SITE, new Date(at))!;
    const stop = site.stops.find((s) => s.id === floracStop.id)!;
    assert.deepEqual(stop.next, expected);
    assert.equal(stop.opening_hours, 'Fr 09:00-12:00; PH off; 2027 Jan 08 off; 2027 Jan 15 off; 2027 Jan 16 10:00-12:30');
    // A moved session makes a Saturday stop.
    assert.ok(catalogue.nearest({ lat: 44.32, lon: 3.59, limit: 50, filter: { saturday: true } }).some((s) => s.id === SITE));
  });

  test('the switch to winter time: sessions keep their local hours, a session of today is listed until it closes', async () => {
    const nextAt = async (at: string) => {
      const list = await json<SiteList>(await server.get(`/api/v1/sites?commune=${LANGOGNE}&limit=10&at=${at}`));
      return list.items.find((s) => s.id === SITE)!.at_stop!.next.map((s) => `${s.date} ${s.opens}`);
    };
    // Friday 29 October 2027, 11:59 in Paris (summer time, UTC+2): today's session is still on.
    assert.deepEqual(await nextAt('2027-10-29T09:59:00Z'), ['2027-10-29 09:00', '2027-11-05 09:00', '2027-11-08 09:00']);
    // 12:00: it has closed. Monday 1 November is All Saints' Day.
    assert.deepEqual(await nextAt('2027-10-29T10:00:00Z'), ['2027-11-05 09:00', '2027-11-08 09:00', '2027-11-12 09:00']);
    // Friday 5 November, winter time (UTC+1): 11:59 in Paris is 10:59 UTC, noon is 11:00 UTC.
    assert.deepEqual((await nextAt('2027-11-05T10:59:00Z'))[0], '2027-11-05 09:00');
    assert.deepEqual((await nextAt('2027-11-05T11:00:00Z'))[0], '2027-11-08 09:00');

    // The site closed on Friday 12 November (its agents' exceptional closure): no session at its stops that day.
    const closure = await send('POST', `/sites/${SITE}/exceptions`, 'agent', {
      key: newKey(),
      starts_on: '2027-11-12',
      ends_on: '2027-11-12',
      closed: true,
      hours: [],
      reason: 'formation',
    });
    assert.equal(closure.status, 201, await closure.clone().text());
    assert.deepEqual(await nextAt('2027-10-29T10:00:00Z'), ['2027-11-05 09:00', '2027-11-08 09:00', '2027-11-15 09:00']);
  });

  test('the iCalendar file: one event per session in UTC from the local hours, across the switch to winter time; cancelled absent, moved at its new time', async () => {
    const res = await server.get(`/api/v1/sites/${SITE}/calendar.ics`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    // Kept as the site's other public data: 60 s, so that a cancelled session leaves phones' calendars soon.
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    assert.ok(res.headers.get('etag'));
    const { events } = parseCalendar(await res.text());
    assert.ok(events.length > 20, `${events.length} events`);
    for (const event of events) {
      // Every session starts at its local hour, whatever the UTC offset of its date.
      const local = parisTime(event.DTSTART!);
      assert.ok(/ (09:00|10:00)$/.test(local), `${event.UID}: ${local}`);
      assert.equal(
        event.SUMMARY,
        event.UID!.startsWith(floracStop.id) ? 'Bus France services — Florac Trois Rivières' : 'Bus France services — Langogne',
      );
    }
    assert.equal(new Set(events.map((e) => e.UID)).size, events.length);

    // With a fixed instant: the Langogne sessions around 31 October 2027, Florac's changes in January 2027.
    const catalogue = await SiteCatalogue.load(server.db);
    const site = catalogue.get(SITE)!;
    const october = parseCalendar(siteCalendar(site, catalogue.stopsOf(SITE)!, new Date('2027-10-25T00:00:00Z'))).events;
    const starts = (prefix: string) => october.filter((e) => e.UID!.startsWith(prefix)).map((e) => e.DTSTART);
    assert.deepEqual(starts(`${langogneStop.id}-`).slice(0, 4), [
      '20271025T070000Z',
      '20271029T070000Z',
      '20271105T080000Z',
      '20271108T080000Z',
    ]);
    const langogneEvent = october.find((e) => e.UID!.startsWith(langogneStop.id))!;
    assert.equal(langogneEvent.LOCATION, 'Parking du marché couvert\\, Boulevard des Capucins\\, 48300 Langogne');
    assert.equal(langogneEvent.GEO, '44.7271;3.8552');
    assert.equal(langogneEvent.DESCRIPTION, 'France services de Mende\\nDevant la halle'.replace('France services de Mende', site.name));

    const january = parseCalendar(siteCalendar(site, catalogue.stopsOf(SITE)!, new Date('2026-12-21T10:00:00Z'))).events;
    const florac = january.filter((e) => e.UID!.startsWith(`${floracStop.id}-`)).slice(0, 4);
    assert.deepEqual(
      florac.map((e) => [e.UID!.split('@')[0]!.slice(floracStop.id.length + 1), e.DTSTART, e.DTEND]),
      [
        // 25 December and 1 January: public holidays; 8 January: cancelled; 15 January moved to the 16th, 10:00–12:30.
        ['2027-01-15-moved', '20270116T090000Z', '20270116T113000Z'],
        ['2027-01-22-0900', '20270122T080000Z', '20270122T110000Z'],
        ['2027-01-29-0900', '20270129T080000Z', '20270129T110000Z'],
        ['2027-02-05-0900', '20270205T080000Z', '20270205T110000Z'],
      ],
    );

    // An unknown site: 404; a site without stops: an empty, valid calendar.
    await expectProblem(await server.get('/api/v1/sites/99999999/calendar.ics'), 404);
    const empty = parseCalendar(await (await server.get('/api/v1/sites/271/calendar.ics')).text());
    assert.deepEqual(empty.events, []);
  });

  test('bad input gets a clear problem naming the field, and changes nothing', async () => {
    const before = await snapshot();
    const put = (input: unknown) => send('PUT', `/sites/${SITE}/stops/${floracStop.id}`, 'agent', input);
    const post = (input: object) => send('POST', `/sites/${SITE}/stops`, 'agent', { key: newKey(), ...input });
    const rule = florac().rules[0]!;

    // A session ending before it starts.
    let problem = await expectProblem(
      await post(florac({ rules: [{ ...rule, opens: '14:00', closes: '09:00' }] })),
      422,
      'rules[0].closes',
    );
    assert.match(problem.invalid_params![0]!.reason, /end after it starts/);
    // A stop outside France: an unknown commune, or a point in the Atlantic far from its commune.
    problem = await expectProblem(
      await post(florac({ address: { street: '', postcode: '00000', insee_commune: '99999' } })),
      422,
      'address.insee_commune',
    );
    assert.match(problem.detail!, /99999/);
    problem = await expectProblem(await post(florac({ location: { lat: 45, lon: -20 } })), 422, 'location');
    assert.match(problem.detail!, /lies 1\d\d\d(\.\d)? km from the centre of Florac Trois Rivières \(48061\), farther than 30 km/);
    // A recurrence with no day: the schema refuses it, naming the field.
    problem = await expectProblem(await post(florac({ rules: [{ ...rule, recurrence: { freq: 'weekly', days: [], interval: 1 } }] })), 400);
    // Only the weekly branch of the recurrence is reported, not the monthly's or the one-off dates'.
    assert.deepEqual(problem.invalid_params, [{ name: 'rules.0.recurrence.days', reason: 'must NOT have fewer than 1 items' }]);
    // Every other week without the week to count from; a rule ending before it starts.
    await expectProblem(
      await post(florac({ rules: [{ ...rule, recurrence: { freq: 'weekly', days: ['fr'], interval: 2 } }] })),
      422,
      'rules[0].starts_on',
    );
    await expectProblem(
      await post(florac({ rules: [{ ...rule, starts_on: '2027-03-01', ends_on: '2027-02-01' }] })),
      422,
      'rules[0].ends_on',
    );
    await expectProblem(
      await post(florac({ rules: [{ ...rule, recurrence: { freq: 'appointment' } } as never] })),
      422,
      'rules[0].recurrence.freq',
    );
    // A change of a date the rules do not hold (a Thursday; Christmas), a moved session ending before it starts, the same date twice.
    problem = await expectProblem(await put(florac({ changes: [{ date: '2027-01-07', status: 'cancelled' }] })), 422, 'changes[0].date');
    assert.match(problem.detail!, /no session is held on 2027-01-07/);
    await expectProblem(
      await put(
        florac({
          changes: [
            { date: '2026-12-18', status: 'cancelled' },
            { date: '2026-12-25', status: 'cancelled' },
          ],
        }),
      ),
      422,
      'changes[1].date',
    );
    await expectProblem(
      await put(
        florac({ changes: [{ date: '2027-01-22', status: 'moved', to: { date: '2027-01-23', opens: '12:00', closes: '10:00' } }] }),
      ),
      422,
      'changes[0].to.closes',
    );
    await expectProblem(
      await put(
        florac({
          changes: [
            { date: '2027-01-22', status: 'cancelled' },
            { date: '2027-01-22', status: 'cancelled' },
          ],
        }),
      ),
      422,
      'changes[1].date',
    );
    // A partner's permanence names its partner; the other offers none; a local partner of this site only.
    await expectProblem(await post(florac({ offer: 'partner' })), 422, 'partner');
    await expectProblem(await post(florac({ offer: 'partner', partner: 'pole-emploi' })), 422, 'partner');
    await expectProblem(await post(florac({ offer: 'partner', partner: 'local:nope' })), 422, 'partner');
    await expectProblem(await post(florac({ offer: 'france-services', partner: 'caf' })), 422, 'partner');
    // 10,000 sessions in one request: past the body limit, and past the schema's most dates.
    const dates = Array.from({ length: 10_000 }, (_, i) => new Date(Date.UTC(2027, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));
    const huge = florac({ rules: [{ ...rule, recurrence: { freq: 'dates', dates } }] });
    await expectProblem(await post(huge), 413);
    await expectProblem(await post(florac({ rules: [{ ...rule, recurrence: { freq: 'dates', dates: dates.slice(0, 61) } }] })), 400);
    const changes = dates
      .filter((d) => new Date(d).getUTCDay() === 5)
      .slice(0, 201)
      .map((date) => ({ date, status: 'cancelled' as const }));
    await expectProblem(await put(florac({ changes })), 400);
    await expectProblem(await put({ ...florac(), unknown: true }), 400);
    await expectProblem(await send('PUT', `/sites/${SITE}/stops/nope`, 'agent', florac()), 404);

    assert.deepEqual(await snapshot(), before);
  });

  test('at most 100 stops per site', async () => {
    const site = '271';
    const other = (
      await createToken(server.db, { role: 'agent', siteId: site, label: 'Marvejols', expiresAt: new Date(Date.now() + 86_400_000) })
    ).token;
    const at = new Date().toISOString();
    await server.db
      .insertInto('outreach_stops')
      .values(
        Array.from({ length: 100 }, (_, i) => ({
          id: `limit-${i}`,
          site_id: site,
          kind: 'permanence',
          name: `Permanence ${i}`,
          street: '',
          postcode: '48100',
          commune: 'Marvejols',
          insee_commune: '48092',
          lat: 44.55,
          lon: 3.29,
          location_from: 'commune',
          rules: '[]',
          changes: '[]',
          offer: 'france-services',
          partner: null,
          note: null,
          source: 'site',
          created_key: `limit-key-${i}-${process.pid}-padding`,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
    const res = await server.get(`/api/v1/sites/${site}/stops`, {
      method: 'POST',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key: newKey(), ...florac() }),
    });
    const problem = await expectProblem(res, 422, 'site_id');
    assert.match(problem.detail!, /100 stops/);
    await server.db.deleteFrom('outreach_stops').where('site_id', '=', site).execute();
  });

  test('every write is in the site’s history: who, what, before and after', async () => {
    const rows = await server.db
      .selectFrom('site_history')
      .selectAll()
      .where('site_id', '=', SITE)
      .where('entity', '=', 'stop')
      .orderBy('id')
      .execute();
    const florac = rows.filter((r) => r.entity_id === floracStop.id);
    assert.deepEqual(
      florac.map((r) => [r.action, r.access_label, r.access_role]),
      [
        ['create', 'bus de Mende', 'agent'],
        ['update', 'bus de Mende', 'agent'],
      ],
    );
    assert.equal(florac[0]!.before, null);
    assert.deepEqual(JSON.parse(florac[0]!.after!), floracStop);
    assert.deepEqual(JSON.parse(florac[1]!.before!).changes, []);
    assert.equal(JSON.parse(florac[1]!.after!).changes.length, 2);
    // The two stops removed in the first test.
    assert.equal(rows.filter((r) => r.action === 'delete').length, 2);
    assert.ok(rows.filter((r) => r.action === 'delete').every((r) => r.after === null && r.before !== null));
  });

  test('the Ruffecois bus: its stops imported once as site 2023’s own; an edit survives a re-import, nothing is duplicated', async () => {
    const { items } = await json<OutreachStopList>(await server.get('/api/v1/sites/2023/stops'));
    assert.equal(items.length, 12);
    assert.deepEqual(
      items.map((s) => s.id),
      Array.from({ length: 12 }, (_, i) => `2023-${i + 1}`),
    );
    assert.ok(items.every((s) => s.source === SOURCES.itinerantStops.id));
    const tusson = items.find((s) => s.address.commune === 'Tusson')!;
    // `week 1-53/2 Tu 09:00-12:30,13:30-15:30`: every other Tuesday from an odd ISO week, one rule per range.
    assert.deepEqual(tusson.rules, [
      { recurrence: { freq: 'weekly', days: ['tu'], interval: 2 }, opens: '09:00', closes: '12:30', starts_on: '2023-10-09' },
      { recurrence: { freq: 'weekly', days: ['tu'], interval: 2 }, opens: '13:30', closes: '15:30', starts_on: '2023-10-09' },
    ]);
    assert.deepEqual(items.find((s) => s.address.commune === 'Saint-Fraigne')!.rules, [
      { recurrence: { freq: 'weekly', days: ['mo'], interval: 1 }, opens: '09:30', closes: '12:30' },
      { recurrence: { freq: 'weekly', days: ['mo'], interval: 1 }, opens: '13:30', closes: '15:30' },
    ]);
    assert.equal(items.find((s) => s.address.commune === 'Charmé')!.rules[0]!.starts_on, '2023-10-02');
    // The hours of Nanteuil-en-Vallée and Valence are unknown: no rules, no sessions.
    assert.deepEqual(
      items.filter((s) => s.rules.length === 0).map((s) => s.address.commune),
      ['Nanteuil-en-Vallée', 'Valence'],
    );
    const history = await server.db.selectFrom('site_history').selectAll().where('site_id', '=', '2023').execute();
    assert.equal(history.length, 12);
    assert.ok(history.every((h) => h.access_role === 'import' && h.action === 'create'));

    const agent = (
      await createToken(server.db, { role: 'agent', siteId: '2023', label: 'Emmabus', expiresAt: new Date(Date.now() + 86_400_000) })
    ).token;
    const edit = {
      kind: tusson.kind,
      name: 'Place de la poste (côté église)',
      address: { street: tusson.address.street, postcode: tusson.address.postcode, insee_commune: tusson.address.insee_commune },
      location: tusson.location,
      rules: tusson.rules,
      offer: tusson.offer,
      note: 'Le bus se gare derrière l’église en cas de marché',
    };
    const res = await server.get(`/api/v1/sites/2023/stops/${tusson.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/json' },
      body: JSON.stringify(edit),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const report = await importData(server.db);
    assert.equal(report.itinerantStops.imported, 0);
    assert.equal(report.itinerantStops.stored, 12);
    const after = await server.db.selectFrom('outreach_stops').selectAll().where('site_id', '=', '2023').execute();
    assert.equal(after.length, 12);
    const kept = after.find((s) => s.id === tusson.id)!;
    assert.equal(kept.name, edit.name);
    assert.equal(kept.note, edit.note);

    // Removed by its agents, a stop is not brought back by an import.
    await server.db.deleteFrom('outreach_stops').where('site_id', '=', '2023').execute();
    assert.equal((await importData(server.db)).itinerantStops.imported, 0);
    assert.equal((await server.db.selectFrom('outreach_stops').select('id').where('site_id', '=', '2023').execute()).length, 0);
    const reloaded = await SiteCatalogue.load(server.db);
    assert.deepEqual((reloaded.get('2023') as Site).stops, []);
  });
});
