import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoverageCommunes, type CoverageSummary, type WhatIfResult } from '@fs-widgets/contract';
import { createToken } from '../src/auth/tokens.js';
import { computeCoverage } from '../src/coverage/coverage-cache.js';
import { NO_MINUTES, type CoverageModel, type Scenario } from '../src/coverage/coverage-model.js';
import { SiteCatalogue } from '../src/sites/site-catalogue.js';
import { routeCoverage } from '../src/coverage/routed-coverage.js';
import { ESTIMATE_V2, wholeMinutesUp } from '../src/travel/estimate.js';
import type { RoutingProvider } from '../src/travel/routing-provider.js';
import { estimateTrip } from '../src/travel/travel-times.js';
import { FAKE_DETOUR } from './fake-osrm.js';
import { schemaSerializer } from './schema-serializer.js';
import { expectProblem, haversineKm, json, startTestServer, type TestServer } from './test-server.js';

/*
 * The coverage of the communes (docs/coverage.md) on the real data: hand-checked communes, the
 * figures adding up, the engine's pruned search against a brute force, what-ifs against the
 * communes they must change, and the scopes. One server; the model is also built in the test
 * (same catalogue) to predict the answers independently of the routes.
 */

const BY_ROAD = { walks: false };

describe('coverage of the communes (observatory)', () => {
  let server: TestServer;
  let model: CoverageModel;
  let catalogue: SiteCatalogue;
  const tokens: Record<string, string> = {};
  const auth = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });
  const get = (path: string, token = 'network') => server.get(`/api/v1/observatory/coverage${path}`, { headers: auth(token) });
  const whatIf = (body: unknown, query = '', token = 'network') =>
    server.get(`/api/v1/observatory/coverage/what-if${query}`, {
      method: 'POST',
      headers: { ...auth(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const indexOf = (insee: string) => model.communes.findIndex((c) => c.insee === insee);

  /** The quickest minutes of commune `i` by timing every point of the scenario: what the pruned search must find. */
  function bruteForce(i: number, scenario: Scenario, skipSite?: string): number {
    const place = model.communes[i]!.place!;
    let best = NO_MINUTES;
    for (const point of model.points) {
      if ((scenario === 'fixed' && point.outreach) || (skipSite !== undefined && point.siteId === skipSite)) continue;
      const minutes = estimateTrip(catalogue.roadAccess, place, point.place, BY_ROAD).minutes;
      if (minutes !== null && minutes < best) best = minutes;
    }
    return best;
  }

  before(async () => {
    server = await startTestServer();
    for (const [name, role, extra] of [
      ['network', 'network', {}],
      ['lozere', 'departement', { department: '48' }],
      ['agent', 'agent', { siteId: '2983' }],
    ] as const) {
      tokens[name] = (await createToken(server.db, { role, label: name, ...extra })).token;
    }
    catalogue = await SiteCatalogue.load(server.db);
    model = computeCoverage(catalogue);
  });

  after(async () => {
    await server?.close();
  });

  test('the national figures add up to the population, in both scenarios, and outreach only adds', async () => {
    const summary = await json<CoverageSummary>(await get(''));
    assert.equal(summary.model, 'estimate-v2');
    assert.equal(summary.scope.kind, 'network');
    assert.ok(summary.points.sites > 2000 && summary.points.stops > 0 && summary.points.homes > 0, JSON.stringify(summary.points));
    for (const f of [summary.fixed, summary.with_outreach]) {
      assert.equal(
        f.bands.reduce((s, b) => s + b.population, 0),
        f.population,
      );
      assert.equal(
        f.bands.reduce((s, b) => s + b.communes, 0),
        f.communes,
      );
      assert.equal(
        f.within_30,
        f.bands.slice(0, 3).reduce((s, b) => s + b.population, 0),
      );
      assert.equal(f.white_zones.population, f.bands[3]!.population + f.bands[4]!.population);
      assert.equal(f.share_within_30, f.within_30 / f.population);
      assert.ok(f.within_10 <= f.within_20 && f.within_20 <= f.within_30 && f.within_30 <= f.within_45);
    }
    // 35,011 places: the communes, Paris, Lyon and Marseille by their 45 arrondissements.
    assert.equal(summary.fixed.communes, model.communes.length);
    assert.ok(summary.with_outreach.within_30 >= summary.fixed.within_30);
    assert.ok(summary.with_outreach.within_10 > summary.fixed.within_10);
    const [national, ...rest] = summary.rows;
    assert.deepEqual(national!.fixed, summary.fixed);
    const departments = rest.filter((r) => r.level === 'department');
    const regions = rest.filter((r) => r.level === 'region');
    assert.equal(departments.length, 101 + 8, 'the départements, and the overseas collectivities');
    assert.equal(
      departments.reduce((s, r) => s + r.with_outreach.population, 0),
      summary.with_outreach.population,
    );
    // The 18 regions hold every département but the overseas collectivities.
    assert.equal(regions.length, 18);
    for (const key of ['population', 'within_30'] as const) {
      assert.equal(
        regions.reduce((s, r) => s + r.with_outreach[key], 0),
        summary.with_outreach[key] - outsideRegions(departments, key),
      );
    }
    assert.ok(model.durationMs < 5000, `computed in ${model.durationMs} ms`);
  });

  /** A figure of the overseas collectivities, which belong to no region. */
  const outsideRegions = (departments: CoverageSummary['rows'], key: 'population' | 'within_30') =>
    departments
      .filter((r) => ['975', '977', '978', '984', '986', '987', '988', '989'].includes(r.code!))
      .reduce((s, r) => s + r.with_outreach[key], 0);

  test('hand-checked communes: Mende, Groix with its own site, Île-de-Sein without one, Paris by arrondissements', async () => {
    const answer = await json<CoverageCommunes>(await get('/communes?departement=48&outreach=false'));
    const mende = answer.items.find((c) => c.insee === '48095')!;
    // Mende's centroid is 1.587 km from France services de Mende (2983); Lozère is `mountain`: road 1.5 × 1.587 =
    // 2.380 km, 2 km at 25 km/h (4.80 min) + 0.380 km at 40 km/h (0.57 min) + 3 min of access = 8.37 → 9 min, by car.
    assert.deepEqual(
      [mende.minutes, mende.road_km, mende.mode, mende.reliability, mende.band, mende.nearest?.site_id],
      [9, 2.4, 'car', 'rough', 'under-10', '2983'],
    );
    const all = await json<CoverageCommunes>(await get('/communes?departement=56'));
    const groix = all.items.find((c) => c.insee === '56069')!;
    // Groix's site (328) is 0.726 km from its centroid: plain, road 0.944 km at 25 km/h = 2.27 min + 3 = 5.27 → 6 min.
    assert.deepEqual([groix.minutes, groix.reach, groix.nearest?.site_id], [6, 'road', '328']);
    const finistere = await json<CoverageCommunes>(await get('/communes?departement=29'));
    const sein = finistere.items.find((c) => c.insee === '29083')!;
    assert.deepEqual([sein.minutes, sein.band, sein.reach, sein.nearest], [null, 'no-road', 'boat', null]);
    const ouessant = finistere.items.find((c) => c.insee === '29155')!;
    assert.equal(ouessant.nearest?.site_id, '169', 'Ouessant has its own site');
    const paris = await json<CoverageCommunes>(await get('/communes?departement=75'));
    assert.deepEqual(
      paris.items.map((c) => c.insee),
      Array.from({ length: 20 }, (_, i) => `751${String(i + 1).padStart(2, '0')}`),
    );
    // The farthest, the 16th (its centroid in the Bois de Boulogne), 5.2 km of road from a site: 12 min.
    assert.equal(Math.max(...paris.items.map((c) => c.minutes!)), 12);
    const polynesia = await json<CoverageCommunes>(await get('/communes?departement=987'));
    assert.ok(polynesia.items.length > 0 && polynesia.items.every((c) => c.band === 'unknown' && c.location === null));
  });

  test('the pruned search finds the quickest point of every commune of a sample, as timing every point does', () => {
    const located = model.communes.flatMap((c, i) => (c.place !== null && model.minutesOf(i, 'fixed') !== NO_MINUTES ? [i] : []));
    // Every 200th commune with minutes (175 communes), and the white zones.
    const sample = located.filter((_, k) => k % 200 === 0);
    sample.push(...located.filter((i) => model.minutesOf(i, 'fixed') > 30));
    for (const i of sample) {
      for (const scenario of ['fixed', 'outreach'] as const) {
        assert.equal(model.minutesOf(i, scenario), bruteForce(i, scenario), `${model.communes[i]!.insee} ${scenario}`);
      }
    }
  });

  test('white zones: beyond 30 min, the most populous first; a what-if site there gains exactly the predicted communes', async () => {
    const zones = await json<CoverageCommunes>(await get('/white-zones?outreach=false'));
    const summary = await json<CoverageSummary>(await get(''));
    assert.equal(zones.communes, summary.fixed.white_zones.communes);
    assert.equal(zones.population, summary.fixed.white_zones.population);
    assert.ok(zones.items.every((c) => c.minutes! > 30));
    assert.ok(zones.items.every((c, k) => k === 0 || zones.items[k - 1]!.population >= c.population));

    // A site at the centroid of a white zone of the mainland.
    const target = zones.items.find((c) => c.department < '97' && c.department !== '2A' && c.department !== '2B')!;
    const point = { lat: target.location!.lat, lon: target.location!.lon };
    const result = await json<WhatIfResult>(await whatIf({ add: [{ ...point, kind: 'site', label: 'Nouveau site' }], outreach: false }));
    const added = { ...point, insee: target.insee, department: target.department };
    const predicted = model.communes
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => {
        if (c.place === null) return false;
        const minutes = estimateTrip(catalogue.roadAccess, c.place, added, BY_ROAD).minutes;
        const before = model.minutesOf(i, 'fixed');
        return minutes !== null && minutes < before && ((before > 20 && minutes <= 20) || (before > 30 && minutes <= 30));
      })
      .map(({ c }) => c.insee)
      .sort();
    assert.deepEqual(result.communes.map((c) => c.insee).sort(), predicted);
    const own = result.communes.find((c) => c.insee === target.insee)!;
    assert.deepEqual([own.minutes_before, own.minutes_after, own.within_30], [target.minutes, 3, 'gains']);
    assert.equal(own.nearest_after?.kind, 'added');
    assert.equal(own.nearest_after?.site_name, 'Nouveau site');
    assert.equal(result.lost_30, 0);
    assert.equal(
      result.gained_30,
      result.communes.filter((c) => c.within_30 === 'gains').reduce((s, c) => s + c.population, 0),
    );
    assert.equal(result.after.within_30 - result.before.within_30, result.gained_30);
    // A stop counts with outreach only.
    const stopOnly = await json<WhatIfResult>(await whatIf({ add: [{ ...point, kind: 'stop' }], outreach: false }));
    assert.equal(stopOnly.communes.length, 0);
  });

  test('removing a site: its communes fall back to their next quickest site; a département sees its own communes', async () => {
    const served = model.communes.flatMap((_, i) => (model.coverageOf(i, 'fixed').point?.siteId === '2983' ? [i] : []));
    assert.ok(served.includes(indexOf('48095')));
    const result = await json<WhatIfResult>(await whatIf({ remove: ['2983'], outreach: false }, '', 'lozere'));
    assert.deepEqual(result.scope.departments, ['48']);
    const predicted = served
      .filter((i) => {
        const before = model.minutesOf(i, 'fixed');
        const after = bruteForce(i, 'fixed', '2983');
        return (before <= 20 && after > 20) || (before <= 30 && after > 30);
      })
      .map((i) => model.communes[i]!.insee)
      .sort();
    assert.deepEqual(result.communes.map((c) => c.insee).sort(), predicted);
    assert.ok(result.communes.every((c) => c.department === '48'));
    assert.equal(result.gained_20 + result.gained_30, 0);
    assert.equal(result.communes_quicker, 0);
    assert.ok(result.communes_slower >= served.filter((i) => model.communes[i]!.department === '48').length - 1);
    // An island without another site: Groix loses its minutes.
    const groix = await json<WhatIfResult>(await whatIf({ remove: ['328'] }));
    const island = groix.communes.find((c) => c.insee === '56069')!;
    assert.deepEqual([island.minutes_after, island.within_30], [null, 'loses']);
  });

  test('scopes: a département sees its communes only; other scopes and site tokens are refused', async () => {
    const summary = await json<CoverageSummary>(await get('', 'lozere'));
    assert.deepEqual(
      summary.rows.map((r) => [r.level, r.code]),
      [['department', '48']],
    );
    assert.equal(summary.fixed.communes, 152);
    const communes = await json<CoverageCommunes>(await get('/communes', 'lozere'));
    assert.equal(communes.items.length, 152);
    assert.ok(communes.items.every((c) => c.department === '48'));
    await expectProblem(await get('/communes?departement=16', 'lozere'), 403);
    await expectProblem(await server.get('/api/v1/observatory/coverage'), 401);
    await expectProblem(await get('', 'agent'), 403);
    await expectProblem(await whatIf({ remove: ['2983'] }, '?departement=16', 'lozere'), 403);
  });

  test('what-if inputs are checked, each problem naming its field', async () => {
    await expectProblem(await whatIf({}), 422, 'add');
    await expectProblem(await whatIf({ add: [{ lat: 46.0, lon: -8.0, kind: 'site' }] }), 422, 'add.0');
    await expectProblem(await whatIf({ remove: ['2983', '999999'] }), 422, 'remove.1');
    await expectProblem(await whatIf({ add: [{ lat: 95, lon: 2, kind: 'site' }] }), 400, 'add.0.lat');
    const many = Array.from({ length: 21 }, () => ({ lat: 46.5, lon: 2.5, kind: 'site' }));
    await expectProblem(await whatIf({ add: many }), 400, 'add');
    await expectProblem(
      await whatIf({ add: many.slice(0, 11), remove: ['2983', '328', '169', '271', '272', '273', '274', '899', '900', '901'] }),
      422,
      'remove',
    );
    await expectProblem(await get('?format=geojson'), 400, 'format');
    await expectProblem(await get('/communes?departement=4'), 400, 'departement');
  });

  test('a routing engine times every commune in the background; the figures become its own, or stay the estimate’s when it fails', async () => {
    // An engine driving 1.4 × the great-circle distance at 60 km/h, as test/fake-osrm.ts does over HTTP.
    let asked = 0;
    const engine: RoutingProvider = {
      name: 'fake-engine',
      async travel(origin, destinations) {
        asked++;
        return destinations.map((d) => {
          const km = haversineKm(origin, d) * FAKE_DETOUR;
          return { minutes: wholeMinutesUp(km + ESTIMATE_V2.accessMinutes), road_km: Math.round(km * 10) / 10 };
        });
      },
    };
    const routed = computeCoverage(catalogue);
    await routeCoverage(routed, engine, catalogue.roadAccess);
    assert.equal(routed.method, 'routing');
    assert.equal(routed.routing?.state, 'done');
    assert.equal(routed.routing?.communesDone, routed.routing?.communes);
    assert.equal(asked, routed.routing?.communes);
    const mende = routed.coverageOf(indexOf('48095'), 'fixed');
    // 1.587 km × 1.4 = 2.22 km at 60 km/h: 2.2 min + 3 = 5.2 → 6 min, by car, timed by the engine.
    assert.deepEqual([mende.travel?.minutes, mende.travel?.method, mende.travel?.mode, mende.point?.siteId], [6, 'routing', 'car', '2983']);
    const sein = routed.coverageOf(indexOf('29083'), 'outreach');
    assert.deepEqual([sein.band, sein.reach], ['no-road', 'boat']);
    const totals = routed.totals('outreach', null);
    assert.equal(
      totals.population.reduce((a, b) => a + b, 0),
      model.totals('outreach', null).population.reduce((a, b) => a + b, 0),
    );
    // The engine is quicker than the estimate here (60 km/h from the first kilometre): more people within 10 min.
    assert.ok(totals.population[0]! > model.totals('outreach', null).population[0]!);

    const down: RoutingProvider = {
      name: 'down',
      async travel() {
        throw new Error('connection refused');
      },
    };
    const failed = computeCoverage(catalogue);
    let errors = 0;
    await routeCoverage(failed, down, catalogue.roadAccess, { onProviderError: () => errors++ });
    assert.equal(failed.routing?.state, 'failed');
    assert.equal(failed.method, 'estimate');
    assert.ok(errors >= 20 && errors < 30, `${errors} requests before giving up`);
  });

  test('the communes’ JSON, written once per coverage, is what the contract’s serializer writes', async () => {
    const serializer = await schemaSerializer(CoverageCommunes);
    try {
      for (const query of ['?departement=48', '?departement=48', '?departement=29&outreach=false']) {
        const body = await (await get(`/communes${query}`, 'network')).text();
        assert.equal(await serializer.serialize(JSON.parse(body)), body);
      }
    } finally {
      await serializer.app.close();
    }
  });

  test('tables as CSV and .xlsx, communes as GeoJSON points at their centroids', async () => {
    const csv = await get('/white-zones?format=csv&departement=48', 'lozere');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    assert.match(csv.headers.get('content-disposition')!, /filename="zones-blanches-48\.csv"/);
    const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    assert.ok(text.startsWith('\uFEFFCode INSEE,Commune,'), text.slice(0, 40));
    assert.equal(
      text.split('\r\n').length - 2,
      (await json<CoverageCommunes>(await get('/white-zones?departement=48', 'lozere'))).communes,
    );
    const xlsx = await get('?format=xlsx');
    assert.equal(xlsx.status, 200);
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    const file = join(server.dir, 'couverture.xlsx');
    writeFileSync(file, bytes);
    assert.match(execFileSync('unzip', ['-t', file]).toString(), /No errors detected/);
    const geo = await get('/communes?format=geojson&departement=48', 'lozere');
    assert.match(geo.headers.get('content-type')!, /^application\/geo\+json/);
    const collection = (await geo.json()) as {
      type: string;
      features: Array<{ id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }>;
    };
    assert.equal(collection.type, 'FeatureCollection');
    assert.equal(collection.features.length, 152);
    const mende = collection.features.find((f) => f.id === '48095')!;
    const centroid = model.communes[indexOf('48095')]!.place!;
    assert.deepEqual(mende.geometry, { type: 'Point', coordinates: [centroid.lon, centroid.lat] });
    assert.equal(mende.properties.minutes, 9);
    assert.equal(mende.properties.band, 'under-10');
  });
});
