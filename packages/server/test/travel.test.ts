import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, readConfig } from '../src/config.js';
import { readFileSync } from 'node:fs';
import {
  ESTIMATE_V2,
  drivingMinutes,
  estimateFromGreatCircleKm,
  estimateProvider,
  estimateTravel,
  estimateWalk,
} from '../src/travel/estimate.js';
import { RoadAccess, parseRoadAccess, type TravelPlace } from '../src/travel/road-access.js';
import { documentedDrive, documentedTrip, tripOf } from './documented-travel.js';
import { OSRM_TIMEOUT_MS, OsrmProvider, RoutingError } from '../src/travel/osrm.js';
import { travelTimes } from '../src/travel/travel-times.js';
import { startFakeOsrm, type FakeOsrm } from './fake-osrm.js';
import { haversineKm } from './test-server.js';

/** A search from Mende (Lozère: mountain terrain), and three destinations around it. */
const MENDE: TravelPlace = { lat: 44.518, lon: 3.5, insee: '48095', department: '48' };
const DESTINATIONS: TravelPlace[] = [
  { lat: 44.520171, lon: 3.496077, insee: '48095', department: '48' }, // France services de Mende, 0.4 km
  { lat: 44.6167, lon: 3.3833, insee: '48116', department: '48' }, // 14.3 km north-west
  { lat: 44.3262, lon: 3.5935, insee: '48061', department: '48' }, // Florac, 22.6 km south
];
const access = RoadAccess.withoutCommunes();

describe('estimate-v2 travel model', () => {
  test('plain terrain: exact minutes for known distances, 3 min access, 25/50/70 km/h by band, 1.3 detour, rounded up', () => {
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

  test('mountain and cirque terrain: longer roads, slower speeds', () => {
    // 10 km → 15 road km: 4.8 + 8 km at 40 (12) + 5 km at 55 (5.45…) + 3 = 25.25… → 26.
    assert.deepEqual(estimateFromGreatCircleKm(10, 'mountain'), { minutes: 26, road_km: 15 });
    // Saint-Denis (La Réunion) to Salazie, 18.8 km: 47 road km, 4.8 + 12 + 37 km at 55 (40.36…) + 3 = 60.16… → 61, « about an hour ».
    assert.deepEqual(estimateFromGreatCircleKm(18.8, 'cirque'), { minutes: 61, road_km: 47 });
    for (const [km, terrain] of [
      [3, 'plain'],
      [12, 'mountain'],
      [40, 'overseas'],
      [18.8, 'cirque'],
    ] as const) {
      assert.deepEqual(estimateFromGreatCircleKm(km, terrain), documentedDrive(km, terrain), `${km} km ${terrain}`);
    }
  });

  test('walking: under 2 km as the crow flies, 1.3 detour, at 4.5 km/h, without access time', () => {
    // 700 m as the crow flies: 0.91 km of streets at 4.5 km/h = 12.1… → 13 min.
    assert.deepEqual(estimateWalk(0.7), { minutes: 13, road_km: 0.9 });
    // 1.73 km: 2.2 km of streets, 30 min on foot; just under 2 km, 35 min.
    assert.deepEqual(estimateWalk(1.73), { minutes: 30, road_km: 2.2 });
    assert.deepEqual(estimateWalk(1.99), { minutes: 35, road_km: 2.6 });
    assert.deepEqual(ESTIMATE_V2.walk, { underGreatCircleKm: 2, detourFactor: 1.3, kmh: 4.5 });
  });

  test('the 30-minute boundary on plain terrain: 19 km as the crow flies is 30 min exactly, a few metres more is 31', () => {
    // 19 km → 24.7 road km: 4.8 + 9.6 + 14.7 km at 70 (12.6) + 3 = 30 (in floating point a hair above).
    assert.deepEqual(estimateFromGreatCircleKm(19), { minutes: 30, road_km: 24.7 });
    assert.equal(estimateFromGreatCircleKm(19.01).minutes, 31);
    assert.equal(estimateFromGreatCircleKm(18.99).minutes, 30);
  });

  test('minutes and road km never decrease with distance, on every terrain', () => {
    for (const terrain of ['plain', 'mountain', 'overseas', 'cirque'] as const) {
      let previous = estimateFromGreatCircleKm(0, terrain);
      for (let km = 0.01; km <= 250; km += 0.05) {
        const current = estimateFromGreatCircleKm(km, terrain);
        assert.ok(current.minutes >= previous.minutes, `${terrain} ${km} km: ${current.minutes} < ${previous.minutes}`);
        assert.ok(current.road_km >= previous.road_km, `${terrain} ${km} km: road ${current.road_km} < ${previous.road_km}`);
        assert.ok(Number.isInteger(current.minutes));
        previous = current;
      }
    }
  });

  test('the constants are the documented ones', () => {
    assert.equal(ESTIMATE_V2.name, 'estimate-v2');
    assert.equal(ESTIMATE_V2.accessMinutes, 3);
    assert.deepEqual(
      Object.entries(ESTIMATE_V2.terrains).map(([t, { detourFactor, bands, reliability }]) => [
        t,
        detourFactor,
        bands.map((b) => b.kmh),
        reliability,
      ]),
      [
        ['plain', 1.3, [25, 50, 70], 'good'],
        ['mountain', 1.5, [25, 40, 55], 'rough'],
        ['overseas', 1.5, [25, 40, 55], 'rough'],
        ['cirque', 2.5, [25, 40, 55], 'rough'],
      ],
    );
    assert.deepEqual(ESTIMATE_V2.rough, { promiseUpToMinutes: 20, refuseBeyondMinutes: 45 });
  });

  test('between two places the trip takes the harder terrain of its ends; the badge only where the minutes can promise it', async () => {
    for (const d of DESTINATIONS)
      assert.deepEqual(estimateTravel(MENDE, d, 'mountain'), documentedDrive(haversineKm(MENDE, d), 'mountain'));
    const travel = await travelTimes(estimateProvider, access, MENDE, DESTINATIONS);
    assert.equal(travel.length, 3);
    for (const [i, t] of travel.entries()) {
      assert.equal(t.method, 'estimate');
      assert.equal(t.provider, 'estimate-v2');
      assert.deepEqual(
        tripOf(t),
        documentedTrip(haversineKm(MENDE, DESTINATIONS[i]!), estimateTravel(MENDE, DESTINATIONS[i]!, 'mountain'), 'mountain'),
      );
    }
    // 0.4 km: on foot. 14.3 km: 33 min by mountain road, too rough to promise or refuse. Florac, 22.6 km: 46 min, refused.
    assert.deepEqual(
      travel.map((t) => [t.mode, t.minutes, t.within_30_min, t.reliability]),
      [
        ['walk', 7, true, 'good'],
        ['car', 33, null, 'rough'],
        ['car', 46, false, 'rough'],
      ],
    );
    assert.deepEqual(await travelTimes(estimateProvider, access, MENDE, []), []);
    // On plain terrain (Angoulême), the badge is the minutes' own answer.
    const angouleme: TravelPlace = { lat: 45.6484, lon: 0.1562, insee: '16015', department: '16' };
    const ruffec: TravelPlace = { lat: 46.0287, lon: 0.1983, insee: '16292', department: '16' };
    const [far] = await travelTimes(estimateProvider, access, angouleme, [ruffec]);
    assert.deepEqual(
      tripOf(far!),
      documentedTrip(haversineKm(angouleme, ruffec), documentedDrive(haversineKm(angouleme, ruffec), 'plain'), 'plain'),
    );
    assert.equal(far!.within_30_min, false);
    assert.equal(far!.reliability, 'good');
  });
});

describe('on foot or by car', () => {
  test('under 2 km as the crow flies, on foot while the walk takes 30 min at most; by car beyond, never « 35 min à pied » beside the badge', async () => {
    const angouleme: TravelPlace = { lat: 45.6484, lon: 0.1562, insee: '16015', department: '16' };
    const north = (km: number): TravelPlace => ({ ...angouleme, lat: angouleme.lat + km / 111.195 });
    const [near, edge, over] = await travelTimes(estimateProvider, access, angouleme, [north(0.7), north(1.72), north(1.9)]);
    assert.deepEqual([near!.mode, near!.minutes, near!.within_30_min], ['walk', 13, true]);
    assert.deepEqual([edge!.mode, edge!.minutes], ['walk', 30]);
    assert.deepEqual([over!.mode, over!.minutes, over!.within_30_min], ['car', 9, true]);
  });
});

describe('places no road joins', () => {
  const SAINT_DENIS_974: TravelPlace = { lat: -20.8789, lon: 55.4481, insee: '97411', department: '974' };
  const mafate: TravelPlace = { lat: -21.0764841192369, lon: 55.4240359407762, insee: '97408', department: '974', siteId: '2554' };
  const salazie: TravelPlace = { lat: -21.027718, lon: 55.539144, insee: '97421', department: '974', siteId: '3016' };
  const brest: TravelPlace = { lat: 48.4, lon: -4.49, insee: '29019', department: '29' };
  const ouessant: TravelPlace = { lat: 48.45944, lon: -5.0957, insee: '29155', department: '29', siteId: '169' };
  const cayenne: TravelPlace = { lat: 4.9333, lon: -52.33, insee: '97302', department: '973' };
  const camopi: TravelPlace = { lat: 3.16648, lon: -52.334036, insee: '97356', department: '973', siteId: '2861' };

  test('Mafate: no minutes, no badge, reached on foot', async () => {
    const [t] = await travelTimes(estimateProvider, access, SAINT_DENIS_974, [mafate]);
    assert.deepEqual(tripOf(t!), {
      mode: null,
      minutes: null,
      road_km: null,
      within_30_min: null,
      reliability: 'none',
      terrain: null,
      reach: 'foot',
    });
  });

  test('Salazie from Saint-Denis: by the cirque road, about an hour, never « à moins de 30 min »', async () => {
    const [t] = await travelTimes(estimateProvider, access, SAINT_DENIS_974, [salazie]);
    assert.equal(t!.terrain, 'cirque');
    assert.ok(t!.minutes! >= 55 && t!.minutes! <= 65, `${t!.minutes} min`);
    assert.equal(t!.within_30_min, false);
    // Within Salazie, the cirque's one road is not travelled: La Réunion's overseas terrain.
    const [inside] = await travelTimes(estimateProvider, access, { ...salazie, lat: -21.05, siteId: undefined }, [salazie]);
    assert.equal(inside!.terrain, 'overseas');
  });

  test('an island without a bridge: the boat from the mainland, the road on the island', async () => {
    const [fromBrest] = await travelTimes(estimateProvider, access, brest, [ouessant]);
    assert.deepEqual([fromBrest!.minutes, fromBrest!.reach, fromBrest!.within_30_min], [null, 'boat', null]);
    const [onIsland] = await travelTimes(estimateProvider, access, { lat: 48.46, lon: -5.06, insee: '29155', department: '29' }, [
      ouessant,
    ]);
    assert.equal(onIsland!.reach, 'road');
    assert.equal(onIsland!.mode, 'car');
    // And the other way: from Ouessant to Brest's sites.
    const [toBrest] = await travelTimes(estimateProvider, access, ouessant, [brest]);
    assert.equal(toBrest!.reach, 'boat');
  });

  test("Guyane's interior: by air or river; Corsica from the mainland: by sea; unknown ground: no minutes", async () => {
    const [t] = await travelTimes(estimateProvider, access, cayenne, [camopi]);
    assert.equal(t!.reach, 'air-or-river');
    const nice: TravelPlace = { lat: 43.7, lon: 7.27, insee: '06088', department: '06' };
    const bastia: TravelPlace = { lat: 42.7, lon: 9.45, insee: '2B033', department: '2B' };
    assert.equal((await travelTimes(estimateProvider, access, nice, [bastia]))[0]!.reach, 'boat');
    const atSea: TravelPlace = { lat: 45, lon: -5, insee: null, department: null };
    assert.equal((await travelTimes(estimateProvider, access, atSea, [brest]))[0]!.reach, 'unknown');
  });

  test('a routing engine is not asked for trips no road makes', async () => {
    const asked: number[] = [];
    const engine = {
      name: 'osrm',
      travel: async (_o: unknown, d: unknown[]) => {
        asked.push(d.length);
        return d.map(() => ({ minutes: 50, road_km: 40 }));
      },
    };
    const travel = await travelTimes(engine, access, brest, [ouessant, { lat: 48.39, lon: -4.2, insee: '29103', department: '29' }]);
    assert.deepEqual(asked, [1]);
    assert.deepEqual(
      travel.map((t) => [t.method, t.reach, t.minutes, t.within_30_min]),
      [
        ['estimate', 'boat', null, null],
        ['routing', 'road', 50, false],
      ],
    );
  });
});

describe('road-access.json', () => {
  const shipped = readFileSync(new URL('../data/travel/road-access.json', import.meta.url), 'utf8');

  test('every entry has a source and a current commune code; a bad file stops the server at start', () => {
    const data = parseRoadAccess(shipped);
    const communes = new Map(
      (
        JSON.parse(
          readFileSync(new URL('../../../node_modules/@etalab/decoupage-administratif/data/communes.json', import.meta.url), 'utf8'),
        ) as Array<{
          code: string;
          type: string;
          departement: string;
        }>
      )
        .filter((c) => c.type === 'commune-actuelle')
        .map((c) => [c.code, c]),
    );
    for (const n of [...data.road_networks.islands, ...data.road_networks.inland]) {
      for (const c of n.communes) assert.ok(communes.has(c), `${n.network}: ${c} is not a current commune`);
    }
    for (const c of data.terrain.communes) assert.ok(communes.has(c.commune), c.commune);
    const broken = JSON.parse(shipped) as { road_networks: { islands: Array<{ communes: string[]; source?: string }> } };
    broken.road_networks.islands[0]!.communes = ['2915'];
    assert.throws(() => parseRoadAccess(JSON.stringify(broken)), /2915 is not an INSEE code/);
    delete broken.road_networks.islands[0]!.source;
    assert.throws(() => parseRoadAccess(JSON.stringify(broken)), /has no source/);
  });

  test('the nearest commune of a point, none at sea', () => {
    const a = new RoadAccess([
      { insee: '48095', department: '48', lat: 44.5181, lon: 3.5006 },
      { insee: '29155', department: '29', lat: 48.46, lon: -5.09 },
    ]);
    assert.equal(a.communeNear({ lat: 44.52, lon: 3.49 })?.insee, '48095');
    assert.equal(a.communeNear({ lat: 45, lon: -8 }), null);
    assert.deepEqual(a.placeOf({ lat: 48.45, lon: -5.1 }), { lat: 48.45, lon: -5.1, insee: '29155', department: '29' });
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
    const travel = await travelTimes(provider(), access, MENDE, DESTINATIONS, { onProviderError: (e) => errors.push(e) });
    assert.deepEqual(errors, []);
    assert.deepEqual(osrm.requests, [
      '/table/v1/driving/3.500000,44.518000;3.496077,44.520171;3.383300,44.616700;3.593500,44.326200?sources=0&annotations=duration,distance',
    ]);
    for (const [i, t] of travel.entries()) {
      assert.equal(t.method, 'routing');
      assert.equal(t.provider, 'osrm');
      // A routed drive is reliable on any terrain: the badge is its minutes' answer; under 2 road km, on foot.
      assert.deepEqual(
        tripOf(t),
        documentedTrip(haversineKm(MENDE, DESTINATIONS[i]!), osrm.expected(MENDE, DESTINATIONS[i]!), 'mountain', 'routing'),
      );
    }
    // The fake road is 1.4 × the straight line at 60 km/h: Florac, 22.6 km away, is 31.6 road km, 35 min.
    assert.deepEqual({ minutes: travel[2]!.minutes, road_km: travel[2]!.road_km }, { minutes: 35, road_km: 31.6 });
    assert.equal(travel[2]!.within_30_min, false);
  });

  test('a base URL with a path and a trailing slash', async () => {
    osrm.behaviour = { kind: 'answer' };
    osrm.requests.length = 0;
    const [t] = await travelTimes(new OsrmProvider(`${osrm.url}/osrm/`), access, MENDE, DESTINATIONS.slice(0, 1));
    assert.equal(t!.method, 'routing');
    assert.match(osrm.requests[0]!, /^\/osrm\/table\/v1\/driving\//);
  });

  test('a null cell: that destination alone is estimated', async () => {
    osrm.behaviour = { kind: 'null-cell', destination: 1 };
    assert.deepEqual(
      (await provider().travel(MENDE, DESTINATIONS)).map((t) => t !== null),
      [true, false, true],
    );
    const travel = await travelTimes(provider(), access, MENDE, DESTINATIONS);
    assert.deepEqual(
      travel.map((t) => t.method),
      ['routing', 'estimate', 'routing'],
    );
    assert.deepEqual(
      travel.map((t) => t.provider),
      ['osrm', 'estimate-v2', 'osrm'],
    );
    assert.deepEqual({ minutes: travel[1]!.minutes, road_km: travel[1]!.road_km }, estimateTravel(MENDE, DESTINATIONS[1]!, 'mountain'));
  });

  test('an HTTP 500: every destination is estimated and the failure is reported', async () => {
    osrm.behaviour = { kind: 'status', status: 500 };
    await assert.rejects(
      provider().travel(MENDE, DESTINATIONS),
      (err: Error) => err instanceof RoutingError && /HTTP 500/.test(err.message),
    );
    const errors: unknown[] = [];
    const travel = await travelTimes(provider(), access, MENDE, DESTINATIONS, { onProviderError: (e) => errors.push(e) });
    assert.equal(errors.length, 1);
    assert.match(String((errors[0] as Error).message), /HTTP 500/);
    for (const [i, t] of travel.entries()) {
      assert.equal(t.method, 'estimate');
      assert.equal(t.provider, 'estimate-v2');
      assert.deepEqual(
        tripOf(t),
        documentedTrip(haversineKm(MENDE, DESTINATIONS[i]!), estimateTravel(MENDE, DESTINATIONS[i]!, 'mountain'), 'mountain'),
      );
    }
  });

  test('a server that never answers: the estimate answers after the timeout', async () => {
    osrm.behaviour = { kind: 'hang' };
    const started = Date.now();
    const errors: unknown[] = [];
    const travel = await travelTimes(provider(300), access, MENDE, DESTINATIONS, { onProviderError: (e) => errors.push(e) });
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
    const travel = await travelTimes(new OsrmProvider(url), access, MENDE, DESTINATIONS);
    assert.deepEqual(
      travel.map((t) => t.method),
      ['estimate', 'estimate', 'estimate'],
    );
    // An engine snapping both ends to the same road far away answers 0 km: not believed.
    const snapped = { name: 'osrm', travel: async (_o: unknown, d: unknown[]) => d.map(() => ({ minutes: 3, road_km: 0 })) };
    assert.deepEqual(
      (await travelTimes(snapped, access, MENDE, DESTINATIONS)).map((t) => t.method),
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
