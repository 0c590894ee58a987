import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, readConfig } from '../src/config.js';
import { ESTIMATE_V1, drivingMinutes, estimateFromGreatCircleKm, estimateProvider, estimateTravel } from '../src/travel/estimate.js';
import { OSRM_TIMEOUT_MS, OsrmProvider, RoutingError } from '../src/travel/osrm.js';
import { travelTimes } from '../src/travel/travel-times.js';
import { startFakeOsrm, type FakeOsrm } from './fake-osrm.js';
import { haversineKm } from './test-server.js';

/** A search from Mende, and three destinations around it. */
const MENDE = { lat: 44.518, lon: 3.5 };
const DESTINATIONS = [
  { lat: 44.520171, lon: 3.496077 }, // France services de Mende, 0.4 km
  { lat: 44.6167, lon: 3.3833 }, // 14.3 km north-west
  { lat: 44.3262, lon: 3.5935 }, // Florac, 22.6 km south
];

describe('estimate-v1 travel model', () => {
  test('exact minutes for known distances: 3 min access, 25/50/70 km/h by band, 1.3 detour, rounded up', () => {
    // Great-circle km → road km, minutes, worked out by hand:
    // 0 km: 3 min of access only.
    assert.deepEqual(estimateFromGreatCircleKm(0), { minutes: 3, road_km: 0 });
    // 1 km → 1.3 road km at 25 km/h = 3.12 min, + 3 = 6.12 → 7.
    assert.deepEqual(estimateFromGreatCircleKm(1), { minutes: 7, road_km: 1.3 });
    // 5 km → 6.5 road km: 2 km at 25 (4.8 min) + 4.5 km at 50 (5.4 min) + 3 = 13.2 → 14.
    assert.deepEqual(estimateFromGreatCircleKm(5), { minutes: 14, road_km: 6.5 });
    // 10 km → 13 road km: 4.8 + 8 km at 50 (9.6) + 3 km at 70 (2.571…) + 3 = 19.97… → 20.
    assert.deepEqual(estimateFromGreatCircleKm(10), { minutes: 20, road_km: 13 });
    // 50 km → 65 road km: 4.8 + 9.6 + 55 km at 70 (47.142…) + 3 = 64.54… → 65.
    assert.deepEqual(estimateFromGreatCircleKm(50), { minutes: 65, road_km: 65 });
    assert.equal(drivingMinutes(2), 4.8);
    assert.equal(drivingMinutes(10), 4.8 + 9.6);
  });

  test('the 30-minute boundary: 19 km as the crow flies is 30 min exactly, a few metres more is 31', () => {
    // 19 km → 24.7 road km: 4.8 + 9.6 + 14.7 km at 70 (12.6) + 3 = 30 (in floating point a hair above).
    assert.deepEqual(estimateFromGreatCircleKm(19), { minutes: 30, road_km: 24.7 });
    assert.equal(estimateFromGreatCircleKm(19.01).minutes, 31);
    assert.equal(estimateFromGreatCircleKm(18.99).minutes, 30);
  });

  test('minutes and road km never decrease with distance', () => {
    let previous = estimateFromGreatCircleKm(0);
    for (let km = 0.01; km <= 250; km += 0.01) {
      const current = estimateFromGreatCircleKm(km);
      assert.ok(current.minutes >= previous.minutes, `${km} km: ${current.minutes} < ${previous.minutes}`);
      assert.ok(current.road_km >= previous.road_km, `${km} km: road ${current.road_km} < ${previous.road_km}`);
      assert.ok(Number.isInteger(current.minutes));
      previous = current;
    }
    assert.equal(previous.minutes, estimateFromGreatCircleKm(250).minutes);
  });

  test('the constants are the documented ones', () => {
    assert.equal(ESTIMATE_V1.name, 'estimate-v1');
    assert.equal(ESTIMATE_V1.detourFactor, 1.3);
    assert.equal(ESTIMATE_V1.accessMinutes, 3);
    assert.deepEqual(
      ESTIMATE_V1.bands.map((b) => [b.untilKm, b.kmh]),
      [
        [2, 25],
        [10, 50],
        [Infinity, 70],
      ],
    );
  });

  test('between two points the estimate uses their great-circle distance', async () => {
    for (const d of DESTINATIONS) assert.deepEqual(estimateTravel(MENDE, d), estimateFromGreatCircleKm(haversineKm(MENDE, d)));
    const travel = await travelTimes(estimateProvider, MENDE, DESTINATIONS);
    assert.equal(travel.length, 3);
    for (const [i, t] of travel.entries()) {
      assert.equal(t.method, 'estimate');
      assert.equal(t.provider, 'estimate-v1');
      assert.equal(t.within_30_min, t.minutes <= 30);
      assert.deepEqual({ minutes: t.minutes, road_km: t.road_km }, estimateTravel(MENDE, DESTINATIONS[i]!));
    }
    assert.deepEqual(
      travel.map((t) => t.within_30_min),
      [true, true, false],
    );
    assert.deepEqual(await travelTimes(estimateProvider, MENDE, []), []);
  });
});

describe('OSRM provider against a fake OSRM server', () => {
  let osrm: FakeOsrm;

  before(async () => {
    osrm = await startFakeOsrm();
  });

  after(async () => {
    await osrm?.close();
  });

  const provider = (timeoutMs?: number) => new OsrmProvider(osrm.url, { timeoutMs });

  test('one table request, origin first; durations and distances read as door-to-door minutes and km', async () => {
    osrm.behaviour = { kind: 'answer' };
    osrm.requests.length = 0;
    const errors: unknown[] = [];
    const travel = await travelTimes(provider(), MENDE, DESTINATIONS, { onProviderError: (e) => errors.push(e) });
    assert.deepEqual(errors, []);
    assert.deepEqual(osrm.requests, [
      '/table/v1/driving/3.500000,44.518000;3.496077,44.520171;3.383300,44.616700;3.593500,44.326200?sources=0&annotations=duration,distance',
    ]);
    for (const [i, t] of travel.entries()) {
      assert.equal(t.method, 'routing');
      assert.equal(t.provider, 'osrm');
      assert.deepEqual({ minutes: t.minutes, road_km: t.road_km }, osrm.expected(MENDE, DESTINATIONS[i]!));
      assert.equal(t.within_30_min, t.minutes <= 30);
    }
    // The fake road is 1.4 × the straight line at 60 km/h: Florac, 22.6 km away, is 31.6 road km, 35 min.
    assert.deepEqual({ minutes: travel[2]!.minutes, road_km: travel[2]!.road_km }, { minutes: 35, road_km: 31.6 });
    assert.equal(travel[2]!.within_30_min, false);
  });

  test('a base URL with a path and a trailing slash', async () => {
    osrm.behaviour = { kind: 'answer' };
    osrm.requests.length = 0;
    const [t] = await travelTimes(new OsrmProvider(`${osrm.url}/osrm/`), MENDE, DESTINATIONS.slice(0, 1));
    assert.equal(t!.method, 'routing');
    assert.match(osrm.requests[0]!, /^\/osrm\/table\/v1\/driving\//);
  });

  test('a null cell: that destination alone is estimated', async () => {
    osrm.behaviour = { kind: 'null-cell', destination: 1 };
    assert.deepEqual(
      (await provider().travel(MENDE, DESTINATIONS)).map((t) => t !== null),
      [true, false, true],
    );
    const travel = await travelTimes(provider(), MENDE, DESTINATIONS);
    assert.deepEqual(
      travel.map((t) => t.method),
      ['routing', 'estimate', 'routing'],
    );
    assert.deepEqual(
      travel.map((t) => t.provider),
      ['osrm', 'estimate-v1', 'osrm'],
    );
    assert.deepEqual({ minutes: travel[1]!.minutes, road_km: travel[1]!.road_km }, estimateTravel(MENDE, DESTINATIONS[1]!));
  });

  test('an HTTP 500: every destination is estimated and the failure is reported', async () => {
    osrm.behaviour = { kind: 'status', status: 500 };
    await assert.rejects(
      provider().travel(MENDE, DESTINATIONS),
      (err: Error) => err instanceof RoutingError && /HTTP 500/.test(err.message),
    );
    const errors: unknown[] = [];
    const travel = await travelTimes(provider(), MENDE, DESTINATIONS, { onProviderError: (e) => errors.push(e) });
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as Error).message), /HTTP 500/);
    for (const [i, t] of travel.entries()) {
      assert.equal(t.method, 'estimate');
      assert.equal(t.provider, 'estimate-v1');
      assert.deepEqual({ minutes: t.minutes, road_km: t.road_km }, estimateTravel(MENDE, DESTINATIONS[i]!));
    }
  });

  test('a server that never answers: the estimate answers after the timeout', async () => {
    osrm.behaviour = { kind: 'hang' };
    const started = Date.now();
    const errors: unknown[] = [];
    const travel = await travelTimes(provider(300), MENDE, DESTINATIONS, { onProviderError: (e) => errors.push(e) });
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 250 && elapsed < 2000, `${elapsed} ms`);
    assert.deepEqual(
      travel.map((t) => t.method),
      ['estimate', 'estimate', 'estimate'],
    );
    assert.match(String((errors[0] as Error).message), /no answer within 300 ms/);
    // The default timeout is 2 s.
    assert.equal(OSRM_TIMEOUT_MS, 2000);
  });

  test('an engine that cannot be reached at all, and a road shorter than the straight line', async () => {
    const closed = await startFakeOsrm();
    const url = closed.url;
    await closed.close();
    const travel = await travelTimes(new OsrmProvider(url), MENDE, DESTINATIONS);
    assert.deepEqual(
      travel.map((t) => t.method),
      ['estimate', 'estimate', 'estimate'],
    );
    // An engine snapping both ends to the same road far away answers 0 km: not believed.
    const snapped = { name: 'osrm', travel: async (_o: unknown, d: unknown[]) => d.map(() => ({ minutes: 3, road_km: 0 })) };
    assert.deepEqual(
      (await travelTimes(snapped, MENDE, DESTINATIONS)).map((t) => t.method),
      ['routing', 'estimate', 'estimate'],
    );
  });
});

describe('FS_OSRM_URL', () => {
  test('is read by readConfig, absent by default', () => {
    assert.equal(readConfig({}).osrmUrl, null);
    assert.equal(readConfig({ FS_OSRM_URL: '' }).osrmUrl, null);
    assert.equal(readConfig({ FS_OSRM_URL: 'http://127.0.0.1:5000' }).osrmUrl, 'http://127.0.0.1:5000');
    assert.equal(readConfig({ FS_OSRM_URL: 'https://osrm.example.org/fr/' }).osrmUrl, 'https://osrm.example.org/fr/');
  });

  test('anything but an http(s) URL is a configuration error naming the variable', () => {
    for (const value of ['127.0.0.1:5000', 'osrm', 'ftp://osrm.example.org', 'http://']) {
      assert.throws(
        () => readConfig({ FS_OSRM_URL: value }),
        (err: Error) => err instanceof ConfigError && /FS_OSRM_URL/.test(err.message),
        value,
      );
    }
  });
});
