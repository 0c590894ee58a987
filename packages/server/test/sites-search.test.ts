import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { RADIUS_STEPS_KM, type Site, type SiteKind, type SiteList, type Week } from '@fs-widgets/contract';
import { expectProblem, haversineKm, json, startTestServer, type TestServer } from './test-server.js';
import { startFakeOsrm, type FakeOsrm } from './fake-osrm.js';
import { documentedDrive, documentedTrip, tripOf } from './documented-travel.js';

interface Point {
  lat: number;
  lon: number;
}

interface StoredSite extends Point {
  id: string;
  kind: SiteKind;
  hours: Week;
}

const MENDE = { lat: 44.518, lon: 3.5 };
/** Monday 30 November 2026, 10:00 in Paris (not a public holiday). */
const MONDAY_10H = '2026-11-30T09:00:00Z';
/** Sunday 29 November 2026, 10:00 in Paris. */
const SUNDAY_10H = '2026-11-29T09:00:00Z';
/** Monday 30 November 2026, 12:15 in Paris: lunch break at the Mende prefecture's counter. */
const MONDAY_12H15 = '2026-11-30T11:15:00Z';
/** Saturday 28 November 2026, 10:00 in Paris. */
const SATURDAY_10H = '2026-11-28T09:00:00Z';

/**
 * Open at a wall-clock time on a day, read directly from the stored week (no holiday on these
 * dates); a bus or roaming site only with its published stops (the Ruffecois bus, 2023).
 */
const openAt = (site: StoredSite, day: keyof Week, time: string) =>
  (!['bus', 'roaming'].includes(site.kind) || site.id === '2023') && site.hours[day].some((r) => r.opens <= time && time < r.closes);

describe('site search: filters, travel, suggestion, stops, caching', () => {
  let server: TestServer;
  let all: StoredSite[];

  before(async () => {
    server = await startTestServer();
    const rows = await server.db.selectFrom('sites').select(['id', 'lat', 'lon', 'kind', 'hours']).execute();
    all = rows.map((r) => ({ ...r, kind: r.kind as SiteKind, hours: JSON.parse(r.hours) as Week }));
  });

  after(async () => {
    await server?.close();
  });

  const search = async (query: string) => json<SiteList>(await server.get(`/api/v1/sites?${query}`));

  /** Ids of the stored sites matching `keep`, by increasing distance from `origin`, within `radiusKm`. */
  const bruteForce = (origin: Point, keep: (s: StoredSite) => boolean, radiusKm = Infinity) =>
    all
      .filter((s) => keep(s) && haversineKm(origin, s) <= radiusKm)
      .sort((a, b) => haversineKm(origin, a) - haversineKm(origin, b))
      .map((s) => s.id);

  const assertSorted = (body: SiteList) => {
    for (let i = 1; i < body.items.length; i++) assert.ok(body.items[i]!.distance_km >= body.items[i - 1]!.distance_km, `order at ${i}`);
  };

  test('open_now at Monday 10:00: exactly the sites within 50 km of Mende open then', async () => {
    const body = await search(`near=44.518,3.5&radius=50&open_now=true&at=${MONDAY_10H}&limit=100`);
    const within = bruteForce(MENDE, () => true, 50);
    const expected = bruteForce(MENDE, (s) => openAt(s, 'mo', '10:00'), 50);
    assert.ok(expected.length > 5 && expected.length < within.length, `${expected.length} open of ${within.length}`);
    assert.deepEqual(body.items.map((s) => s.id).sort(), [...expected].sort());
    assert.equal(body.count, expected.length);
    assertSorted(body);
    assert.equal(body.suggestion, null);
    assert.ok(
      body.items.some((s) => s.id === '2983'),
      'Mende prefecture is open on Monday at 10:00',
    );
    // At 12:15 the prefecture's counter is at lunch (08:30-12:00, 13:30-17:00).
    const lunch = await search(`near=44.518,3.5&radius=50&open_now=true&at=${MONDAY_12H15}&limit=100`);
    assert.ok(!lunch.items.some((s) => s.id === '2983'));
    assert.deepEqual(lunch.items.map((s) => s.id).sort(), bruteForce(MENDE, (s) => openAt(s, 'mo', '12:15'), 50).sort());
  });

  test("open_now is evaluated in each site's time zone: 10:00 in La Réunion is 06:00 UTC", async () => {
    const saintDenis = { lat: -20.8823, lon: 55.4504 };
    const body = await search('near=-20.8823,55.4504&radius=50&open_now=true&at=2026-11-30T06:00:00Z&limit=100');
    const expected = bruteForce(saintDenis, (s) => openAt(s, 'mo', '10:00'), 50);
    assert.ok(expected.length > 3, `${expected.length} sites`);
    assert.deepEqual(body.items.map((s) => s.id).sort(), [...expected].sort());
    for (const s of body.items) assert.equal(s.time_zone, 'Indian/Reunion');
    // Read in Paris time (07:00) the same instant would give another answer.
    assert.notDeepEqual(bruteForce(saintDenis, (s) => openAt(s, 'mo', '07:00'), 50).sort(), [...expected].sort());
  });

  test('open_now on Sunday: no site open within 50 km of Mende, and no wider radius to suggest', async () => {
    const body = await search(`near=44.518,3.5&radius=50&open_now=true&at=${SUNDAY_10H}`);
    assert.deepEqual(body.items, []);
    assert.equal(body.count, 0);
    // The ANCT list has no Sunday hours at all: no radius finds an open site.
    assert.ok(all.every((s) => s.hours.su.length === 0));
    assert.equal(body.suggestion, null);
    // Without open_now the same search finds sites.
    assert.ok((await search(`near=44.518,3.5&radius=50&at=${SUNDAY_10H}`)).count > 0);
  });

  test('saturday=true: the nearest sites with Saturday hours, checked against the database', async () => {
    const body = await search('near=44.518,3.5&saturday=true&limit=100');
    const saturday = bruteForce(MENDE, (s) => s.hours.sa.length > 0);
    assert.ok(saturday.length > 100 && saturday.length < all.length, `${saturday.length} Saturday sites`);
    assert.deepEqual(
      body.items.map((s) => s.id),
      saturday.slice(0, 100),
    );
    for (const s of body.items) assert.ok(s.hours.sa.length > 0, s.name);
    assertSorted(body);
  });

  test('kind filter: a comma list, applied before the limit', async () => {
    const body = await search('near=44.518,3.5&kind=bus,roaming&limit=20');
    assert.deepEqual(
      body.items.map((s) => s.id),
      bruteForce(MENDE, (s) => s.kind === 'bus' || s.kind === 'roaming').slice(0, 20),
    );
    for (const s of body.items) assert.ok(s.kind === 'bus' || s.kind === 'roaming', s.kind);
    // The nearest site of Mende is a roaming one; the nearest bus is farther, yet limit=1 finds it.
    const bus = await search('near=44.518,3.5&kind=bus&limit=1');
    assert.equal(bus.items.length, 1);
    assert.equal(bus.items[0]!.kind, 'bus');
    assert.equal(bus.items[0]!.id, bruteForce(MENDE, (s) => s.kind === 'bus')[0]);
    assert.ok(bus.items[0]!.distance_km > 20);
  });

  test('filters combine: fixed sites open on Saturday at 10:00 within 100 km', async () => {
    const body = await search(`near=44.518,3.5&radius=100&kind=fixed&saturday=true&open_now=true&at=${SATURDAY_10H}&limit=100`);
    const expected = bruteForce(MENDE, (s) => s.kind === 'fixed' && openAt(s, 'sa', '10:00'), 100);
    assert.ok(expected.length > 0);
    assert.deepEqual(
      body.items.map((s) => s.id),
      expected,
    );
  });

  test('every item has its travel, estimated by default and consistent', async () => {
    // Mende is in Lozère: mountain terrain, whatever the terrain at the other end (none harder around).
    const body = await search('near=44.518,3.5&limit=100');
    assert.equal(body.items.length, 100);
    for (const s of body.items) {
      assert.equal(s.travel.method, 'estimate', s.name);
      assert.equal(s.travel.provider, 'estimate-v2');
      assert.deepEqual(
        tripOf(s.travel),
        documentedTrip(haversineKm(MENDE, s.location), documentedDrive(haversineKm(MENDE, s.location), 'mountain'), 'mountain'),
        s.name,
      );
    }
    // On foot, promised, too rough to tell, and refused: all occur around Mende.
    assert.ok(body.items.some((s) => s.travel.mode === 'walk'));
    assert.deepEqual(new Set(body.items.map((s) => s.travel.within_30_min)), new Set([true, null, false]));
    // Minutes grow with the distance, driving ones after walking ones.
    const driving = body.items.filter((s) => s.travel.mode === 'car');
    for (let i = 1; i < driving.length; i++) assert.ok(driving[i]!.travel.minutes! >= driving[i - 1]!.travel.minutes!);
  });

  test('plain terrain from a commune: the badge is the minutes answer; Angoulême', async () => {
    const body = await search('commune=16015&limit=30');
    const angouleme = body.origin.location;
    for (const s of body.items) {
      assert.equal(s.travel.reliability, 'good', s.name);
      // To the place the site was found at: the bus's nearest stop (issue 16), or the site.
      const place = s.at_stop?.location ?? s.location;
      assert.deepEqual(
        tripOf(s.travel),
        documentedTrip(haversineKm(angouleme, place), documentedDrive(haversineKm(angouleme, place), 'plain'), 'plain'),
        s.name,
      );
    }
    assert.ok(
      body.items.some((s) => s.id === '2023' && s.at_stop !== null),
      'the Ruffecois bus, at one of its stops',
    );
    assert.ok(body.items.some((s) => s.travel.within_30_min === true) && body.items.some((s) => s.travel.within_30_min === false));
  });

  test('from Saint-Denis (La Réunion): Mafate on foot, Salazie about an hour, no badge on either', async () => {
    const body = await search('commune=97411&limit=20');
    const mafate = body.items.find((s) => s.id === '2554')!;
    assert.deepEqual([mafate.travel.minutes, mafate.travel.reach, mafate.travel.within_30_min], [null, 'foot', null]);
    assert.equal(mafate.road_access.reach, 'foot');
    assert.match(mafate.road_access.source!, /Mafate/);
    const salazie = body.items.find((s) => s.id === '3016')!;
    assert.equal(salazie.travel.terrain, 'cirque');
    // From the commune's centroid (inland of the town): 48 min, beyond 45, so « not within 30 » can be said.
    assert.ok(salazie.travel.minutes! > 45, `${salazie.travel.minutes} min`);
    assert.equal(salazie.travel.within_30_min, false);
    // No item of La Réunion wears a badge beyond 20 min.
    for (const s of body.items) if (s.travel.within_30_min === true) assert.ok(s.travel.minutes! <= 20, s.name);
  });

  test('from Brest, Ouessant is across the sea: no minutes; the site says how it is reached', async () => {
    const body = await search('commune=29019&limit=50');
    const ouessant = body.items.find((s) => s.id === '169')!;
    assert.deepEqual([ouessant.travel.minutes, ouessant.travel.reach, ouessant.travel.within_30_min], [null, 'boat', null]);
    assert.deepEqual(
      { ...ouessant.road_access, source: typeof ouessant.road_access.source },
      { reach: 'boat', network: 'ouessant', source: 'string' },
    );
    const site = await json<Site>(await server.get('/api/v1/sites/169'));
    assert.equal(site.road_access.reach, 'boat');
    const mainland = await json<Site>(await server.get('/api/v1/sites/2023'));
    assert.deepEqual(mainland.road_access, { reach: 'road', network: 'metropole', source: null });
  });

  test('nothing within the radius: the smallest wider step that finds sites, and how many', async () => {
    const suggestionFor = (origin: Point, radius: number, keep: (s: StoredSite) => boolean) => {
      for (const step of RADIUS_STEPS_KM) {
        if (step <= radius) continue;
        const count = bruteForce(origin, keep, step).length;
        if (count > 0) return { radius_km: step, count };
      }
      return null;
    };
    const tiny = await search('near=44.518,3.5&radius=0.1');
    assert.deepEqual(tiny.items, []);
    assert.deepEqual(
      tiny.suggestion,
      suggestionFor(MENDE, 0.1, () => true),
    );
    assert.deepEqual(tiny.suggestion, { radius_km: 5, count: 2 });
    assert.equal((await search('near=44.518,3.5&radius=5&limit=100')).count, 2);
    // With a filter, the suggestion keeps it.
    const bus = await search('near=44.518,3.5&radius=5&kind=bus');
    assert.deepEqual(bus.items, []);
    const expected = suggestionFor(MENDE, 5, (s) => s.kind === 'bus');
    assert.ok(expected && expected.radius_km > 20, JSON.stringify(expected));
    assert.deepEqual(bus.suggestion, expected);
    const widened = await search(`near=44.518,3.5&radius=${expected.radius_km}&kind=bus&limit=100`);
    assert.equal(widened.count, expected.count);
    assert.equal(widened.suggestion, null);
    // Nothing even at 200 km (mid-Atlantic), no radius, or a search that found sites: no suggestion.
    assert.equal((await search('near=45,-30&radius=100')).suggestion, null);
    assert.equal((await search('near=45,-30')).suggestion, null);
    assert.equal((await search('near=44.518,3.5&radius=5')).suggestion, null);
  });

  test('radius above 200 km, a bad at, a bad kind or open_now are 400 naming the parameter', async () => {
    const radius = await expectProblem(await server.get('/api/v1/sites?near=44.518,3.5&radius=201'), 400, 'radius');
    assert.equal(radius.invalid_params![0]!.reason, 'must be <= 200');
    assert.equal((await search('near=44.518,3.5&radius=200&limit=1')).radius_km, 200);
    for (const at of ['yesterday', '2026-11-30', '2026-11-30T10:00:00', '2026-13-01T10:00:00Z']) {
      await expectProblem(await server.get(`/api/v1/sites?near=44.518,3.5&at=${at}`), 400, 'at');
    }
    assert.equal((await search('near=44.518,3.5&limit=1&at=2026-11-30T10:00:00%2B01:00')).count, 1);
    await expectProblem(await server.get('/api/v1/sites?near=44.518,3.5&kind=car'), 400, 'kind');
    await expectProblem(await server.get('/api/v1/sites?near=44.518,3.5&kind=fixed,'), 400, 'kind');
    await expectProblem(await server.get('/api/v1/sites?near=44.518,3.5&open_now=maybe'), 400, 'open_now');
    await expectProblem(await server.get('/api/v1/sites?near=44.518,3.5&saturday=maybe'), 400, 'saturday');
  });

  test('site 2023, the Charente bus, lists its 12 stops, 10 with hours', async () => {
    const bus = await json<Site>(await server.get('/api/v1/sites/2023'));
    assert.equal(bus.name, 'Bus France services du Ruffecois');
    assert.equal(bus.kind, 'bus');
    assert.equal(bus.itinerant, true);
    assert.deepEqual(
      bus.stops.map((s) => s.id),
      ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'].map((n) => `2023-${n}`),
    );
    // Imported once as the site's outreach stops (issue 16): 10 with rules, each with its OSM string (every other week per ISO year).
    assert.equal(bus.stops.filter((s) => s.next.length > 0).length, 10);
    assert.equal(bus.stops.filter((s) => s.opening_hours !== null).length, 10);
    const tusson = bus.stops[1]!;
    assert.deepEqual(tusson.address, { street: 'Le Bourg', postcode: '16140', commune: 'Tusson', insee_commune: '16390' });
    assert.deepEqual(tusson.location, { lat: 45.932439, lon: 0.068913 });
    // Next sessions from now: sorted, from today (Paris) on, within 28 days, at most 3.
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
    const last = new Date(Date.parse(`${today}T00:00:00Z`) + 28 * 86_400_000).toISOString().slice(0, 10);
    for (const stop of bus.stops) {
      if (stop.id === '2023-3' || stop.id === '2023-4') assert.deepEqual(stop.next, [], stop.id);
      else assert.ok(stop.next.length >= 1 && stop.next.length <= 3, `stop ${stop.id}: ${stop.next.length}`);
      for (const [i, session] of stop.next.entries()) {
        assert.ok(session.date >= today && session.date <= last, `${stop.id}: ${session.date}`);
        if (i > 0) assert.ok(`${session.date} ${session.opens}` > `${stop.next[i - 1]!.date} ${stop.next[i - 1]!.opens}`);
      }
    }
    // A site without published stops has none.
    assert.deepEqual((await json<Site>(await server.get('/api/v1/sites/2983'))).stops, []);
  });

  test('next sessions at a fixed instant honour the odd and even weeks and public holidays', async () => {
    // Monday 30 November 2026 is in ISO week 49 (odd). From there, 28 days run to 28 December.
    const body = await search(`near=46.026336,0.214317&limit=1&at=${MONDAY_10H}`);
    const bus = body.items[0]!;
    assert.equal(bus.id, '2023');
    const next = (id: string) => bus.stops.find((s) => s.id === `2023-${id}`)!.next;
    // Saint-Fraigne, every Monday 09:30-12:30 and 13:30-15:30: the morning session is under way at 10:00.
    assert.deepEqual(next('1'), [
      { date: '2026-11-30', opens: '09:30', closes: '12:30' },
      { date: '2026-11-30', opens: '13:30', closes: '15:30' },
      { date: '2026-12-07', opens: '09:30', closes: '12:30' },
    ]);
    // Tusson, Tuesdays of odd weeks: weeks 49 and 51.
    assert.deepEqual(next('2'), [
      { date: '2026-12-01', opens: '09:00', closes: '12:30' },
      { date: '2026-12-01', opens: '13:30', closes: '15:30' },
      { date: '2026-12-15', opens: '09:00', closes: '12:30' },
    ]);
    // La Forêt-de-Tessé, Tuesdays of even weeks: weeks 50 and 52.
    assert.deepEqual(next('7'), [
      { date: '2026-12-08', opens: '09:30', closes: '12:00' },
      { date: '2026-12-22', opens: '09:30', closes: '12:00' },
    ]);
    // Verteuil-sur-Charente, Fridays of even weeks: 11 December, and not Christmas (Friday of week 52).
    assert.deepEqual(next('12'), [{ date: '2026-12-11', opens: '09:00', closes: '12:30' }]);
    // Val-de-Bonnieure, every Friday: the three next ones.
    assert.deepEqual(
      next('5').map((s) => s.date),
      ['2026-12-04', '2026-12-11', '2026-12-18'],
    );
    assert.deepEqual(next('3'), []);
  });

  test('ETag and If-None-Match: 304 without a body for an unchanged answer', async () => {
    const first = await server.get('/api/v1/sites/2983');
    const body = await first.text();
    const etag = first.headers.get('etag');
    assert.match(etag ?? '', /^"[A-Za-z0-9_-]{16,}"$/, 'a strong ETag');
    assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
    // The same body, the same tag.
    const again = await server.get('/api/v1/sites/2983');
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(await again.text(), body);
    for (const ifNoneMatch of [etag!, `W/${etag}`, `"something-else", ${etag}`, '*']) {
      const res = await server.get('/api/v1/sites/2983', { headers: { 'If-None-Match': ifNoneMatch } });
      assert.equal(res.status, 304, ifNoneMatch);
      assert.equal(await res.text(), '');
      assert.equal(res.headers.get('etag'), etag);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
      assert.equal(res.headers.get('content-length'), null);
    }
    const stale = await server.get('/api/v1/sites/2983', { headers: { 'If-None-Match': '"an-older-version"' } });
    assert.equal(stale.status, 200);
    assert.equal(await stale.text(), body);
    // A list answer and the metadata have their tags too; another answer, another tag.
    const list = await server.get(`/api/v1/sites?near=44.518,3.5&at=${MONDAY_10H}`);
    const listTag = list.headers.get('etag');
    await list.arrayBuffer();
    assert.ok(listTag && listTag !== etag);
    const revalidated = await server.get(`/api/v1/sites?near=44.518,3.5&at=${MONDAY_10H}`, { headers: { 'If-None-Match': listTag } });
    assert.equal(revalidated.status, 304);
    await revalidated.arrayBuffer();
    const meta = await server.get('/api/v1/meta');
    assert.match(meta.headers.get('etag') ?? '', /^"/);
    await meta.arrayBuffer();
    // HEAD carries the same tag.
    const head = await server.get('/api/v1/sites/2983', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('etag'), etag);
    // Errors are neither tagged nor cached.
    const problem = await server.get('/api/v1/sites/99999999', { headers: { 'If-None-Match': '*' } });
    assert.equal(problem.status, 404);
    assert.equal(problem.headers.get('etag'), null);
    assert.equal(problem.headers.get('cache-control'), 'no-store');
    await problem.arrayBuffer();
  });

  describe('with a routing engine (FS_OSRM_URL)', () => {
    let osrm: FakeOsrm;
    let routed: TestServer;

    before(async () => {
      osrm = await startFakeOsrm();
      // A second server on the database the first one loaded: no second import.
      routed = await startTestServer({ FS_OSRM_URL: osrm.url, FS_SQLITE_PATH: join(server.dir, 'fs-widgets.db') });
    });

    after(async () => {
      await routed?.close();
      await osrm?.close();
    });

    test('travel comes from the engine, in one request for the returned sites', async () => {
      osrm.behaviour = { kind: 'answer' };
      osrm.requests.length = 0;
      const body = await json<SiteList>(await routed.get('/api/v1/sites?near=44.518,3.5&limit=5'));
      assert.equal(body.items.length, 5);
      assert.equal(osrm.requests.length, 1);
      assert.equal(osrm.requests[0]!.split('?')[0]!.split('/').pop()!.split(';').length, 6);
      for (const s of body.items) {
        assert.equal(s.travel.method, 'routing', s.name);
        assert.equal(s.travel.provider, 'osrm');
        assert.deepEqual(
          tripOf(s.travel),
          documentedTrip(haversineKm(MENDE, s.location), osrm.expected(MENDE, s.location), 'mountain', 'routing'),
          s.name,
        );
      }
      // An empty answer asks the engine nothing.
      await json<SiteList>(await routed.get('/api/v1/sites?near=44.518,3.5&radius=0.1'));
      assert.equal(osrm.requests.length, 1);
    });

    test('when the engine fails, the same search answers with the estimate', async () => {
      osrm.behaviour = { kind: 'status', status: 500 };
      const body = await json<SiteList>(await routed.get('/api/v1/sites?near=44.518,3.5&limit=5'));
      assert.equal(body.items.length, 5);
      for (const s of body.items) {
        assert.equal(s.travel.method, 'estimate');
        assert.equal(s.travel.provider, 'estimate-v2');
        assert.deepEqual(
          tripOf(s.travel),
          documentedTrip(haversineKm(MENDE, s.location), documentedDrive(haversineKm(MENDE, s.location), 'mountain'), 'mountain'),
        );
      }
      osrm.behaviour = { kind: 'null-cell', destination: 0 };
      const partial = await json<SiteList>(await routed.get('/api/v1/sites?near=44.518,3.5&limit=3'));
      assert.deepEqual(
        partial.items.map((s) => s.travel.method),
        ['estimate', 'routing', 'routing'],
      );
    });
  });
});
