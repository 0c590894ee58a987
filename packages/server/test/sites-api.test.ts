import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CommuneList, Site, SiteList } from '@fs-widgets/contract';
import { SITES_IN_LIST, expectProblem, haversineKm, json, startTestServer, type TestServer } from './test-server.js';

interface Point {
  lat: number;
  lon: number;
}

describe('sites API', () => {
  let server: TestServer;
  /** Every stored site, read from the database (not through the API). */
  let all: Array<{ id: string; lat: number; lon: number; department: string }>;

  before(async () => {
    server = await startTestServer();
    all = await server.db.selectFrom('sites').select(['id', 'lat', 'lon', 'department']).execute();
  });

  after(async () => {
    await server?.close();
  });

  const nearest = async (query: string) => json<SiteList>(await server.get(`/api/v1/sites?${query}`));

  /** The k nearest sites, computed here over every site. */
  const trueNearest = (origin: Point, k: number) =>
    all
      .map((s) => ({ id: s.id, department: s.department, km: haversineKm(origin, s) }))
      .sort((a, b) => a.km - b.km || Number(a.id) - Number(b.id))
      .slice(0, k + 1);

  /**
   * Checks the answer is the true k nearest, in order. Sites at exactly the same distance may
   * come in either order: they are compared as a set.
   */
  const assertTrueNearest = (body: SiteList, origin: Point, k: number) => {
    assert.equal(body.items.length, k);
    assert.equal(body.count, k);
    const expected = trueNearest(origin, k);
    const got = body.items.map((s) => ({ id: s.id, km: haversineKm(origin, s.location) }));
    for (let i = 0; i < k; i++) {
      assert.ok(
        Math.abs(got[i]!.km - expected[i]!.km) < 1e-6,
        `rank ${i}: ${got[i]!.id} at ${got[i]!.km} km, expected ${expected[i]!.id} at ${expected[i]!.km} km`,
      );
      // The distance shown is the great-circle distance, rounded to 10 m.
      assert.ok(Math.abs(body.items[i]!.distance_km - got[i]!.km) <= 0.006, `distance_km of ${got[i]!.id}`);
    }
    const tie = (a: number, b: number) => Math.abs(a - b) < 1e-9;
    const hasTies = expected.some((e, i) => i > 0 && tie(e.km, expected[i - 1]!.km));
    if (!hasTies) {
      assert.deepEqual(
        got.map((g) => g.id),
        expected.slice(0, k).map((e) => e.id),
      );
    } else {
      // Ranks holding ties: same ids by distance group; the boundary group may be cut anywhere.
      const boundary = expected[k - 1]!.km;
      const sure = expected
        .slice(0, k)
        .filter((e) => !tie(e.km, boundary))
        .map((e) => e.id)
        .sort();
      const gotSure = got
        .filter((g) => !tie(g.km, boundary))
        .map((g) => g.id)
        .sort();
      assert.deepEqual(gotSure, sure);
    }
    for (let i = 1; i < k; i++) assert.ok(body.items[i]!.distance_km >= body.items[i - 1]!.distance_km, `distance_km not sorted at ${i}`);
    assert.equal(new Set(body.items.map((s) => s.id)).size, k, 'no site twice');
    return expected.slice(0, k);
  };

  test('the database holds every site', () => {
    assert.equal(all.length, SITES_IN_LIST);
  });

  test('near Mende (44.5180,3.5000): the true 5 nearest, in Lozère, with "France services de Mende"', async () => {
    const origin = { lat: 44.518, lon: 3.5 };
    const body = await nearest('near=44.5180,3.5000&limit=5');
    assertTrueNearest(body, origin, 5);
    assert.deepEqual(body.origin, { location: origin, commune: null });
    assert.equal(body.radius_km, null);
    // Two sites of Mende within 400 m: the MSA roaming service (3255, 10 Rue des Carmes) and the
    // prefecture's France services (2983).
    assert.deepEqual(
      body.items.slice(0, 2).map((s) => s.id),
      ['3255', '2983'],
    );
    const mende = body.items.find((s) => s.id === '2983')!;
    assert.equal(mende.name, 'France services de Mende');
    assert.ok(mende.distance_km > 0.3 && mende.distance_km < 0.5, `${mende.distance_km} km`);
    for (const s of body.items.slice(0, 3)) assert.equal(s.address.department, '48', s.name);
    // A wider look: still the true nearest.
    assertTrueNearest(await nearest('near=44.5180,3.5000&limit=40'), origin, 40);
  });

  for (const [place, origin, department] of [
    ['Paris', { lat: 48.8566, lon: 2.3522 }, '75'],
    ['Ajaccio', { lat: 41.9192, lon: 8.7386 }, '2A'],
    ['Saint-Denis de La Réunion', { lat: -20.8823, lon: 55.4504 }, '974'],
  ] as const) {
    test(`near ${place}: the true nearest sites, in ${department}`, async () => {
      const body = await nearest(`near=${origin.lat},${origin.lon}&limit=5`);
      const expected = assertTrueNearest(body, origin, 5);
      assert.equal(body.items[0]!.address.department, department);
      assert.equal(expected[0]!.department, department);
      if (department === '974') for (const s of body.items) assert.equal(s.time_zone, 'Indian/Reunion', s.name);
      assertTrueNearest(await nearest(`near=${origin.lat},${origin.lon}&limit=25`), origin, 25);
    });
  }

  test('limit defaults to 10 and accepts 100', async () => {
    assert.equal((await nearest('near=44.518,3.5')).items.length, 10);
    assertTrueNearest(await nearest('near=44.518,3.5&limit=100'), { lat: 44.518, lon: 3.5 }, 100);
  });

  test('commune=48095 searches from the centroid of Mende', async () => {
    const communes = await json<CommuneList>(await server.get('/api/v1/communes?q=mende&limit=1'));
    const centroid = communes.items[0]!.location!;
    const byCommune = await nearest('commune=48095&limit=5');
    assert.deepEqual(byCommune.origin, { location: centroid, commune: { insee: '48095', name: 'Mende' } });
    assert.equal(byCommune.origin.commune?.name, 'Mende');
    const byPoint = await nearest(`near=${centroid.lat},${centroid.lon}&limit=5`);
    assert.equal(byCommune.items[0]!.id, byPoint.items[0]!.id);
    assert.equal(byCommune.items[0]!.id, '2983');
    assert.deepEqual(
      byCommune.items.map((s) => s.id),
      byPoint.items.map((s) => s.id),
    );
    assertTrueNearest(byCommune, centroid, 5);
    // Corsican codes are accepted, in any case.
    const ajaccio = await nearest('commune=2a004&limit=3');
    assert.deepEqual(ajaccio.origin.commune, { insee: '2A004', name: 'Ajaccio' });
    assert.equal(ajaccio.items[0]!.address.department, '2A');
  });

  test('radius=5 only returns sites within 5 km, all of them', async () => {
    const origin = { lat: 44.518, lon: 3.5 };
    const body = await nearest('near=44.518,3.5&radius=5&limit=100');
    assert.equal(body.radius_km, 5);
    const within = all
      .filter((s) => haversineKm(origin, s) <= 5)
      .map((s) => s.id)
      .sort();
    assert.ok(within.length >= 1);
    assert.deepEqual(body.items.map((s) => s.id).sort(), within);
    for (const s of body.items) {
      assert.ok(s.distance_km <= 5, `${s.name} at ${s.distance_km} km`);
      assert.ok(haversineKm(origin, s.location) <= 5);
    }
    // In Paris, many sites are within 5 km: the limit still caps the answer.
    const paris = await nearest('near=48.8566,2.3522&radius=5&limit=3');
    assert.equal(paris.items.length, 3);
    // Far from everything: an empty list, not an error.
    const ocean = await nearest('near=45,-30&radius=100');
    assert.deepEqual(ocean.items, []);
    assert.equal(ocean.count, 0);
  });

  test('GET /api/v1/sites/2983 returns France services de Mende', async () => {
    const site = await json<Site>(await server.get('/api/v1/sites/2983'));
    assert.equal(site.id, '2983');
    assert.equal(site.name, 'France services de Mende');
    assert.equal(site.kind, 'fixed');
    assert.equal(site.itinerant, false);
    assert.equal(site.address.department, '48');
    assert.equal(site.address.commune, 'Mende');
    assert.equal(site.address.postcode, '48000');
    assert.equal(site.address.insee_commune, '48095');
    assert.equal(site.time_zone, 'Europe/Paris');
    assert.deepEqual(Object.keys(site.hours), ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']);
    assert.ok(site.hours.mo.length > 0);
    assert.deepEqual(site.hours.su, []);
    assert.match(site.opening_hours ?? '', /; PH off$/);
    assert.ok(site.weekly_hours > 0);
    assert.equal(site.carrier_inferred, true);
    assert.equal(site.location.lat, 44.520171);
    assert.equal(site.labelled_on, '2022-11-15'); // "Espace labellisé 15/11/2022"
    assert.deepEqual(site.hours.mo, [
      { opens: '08:30', closes: '12:00' },
      { opens: '13:30', closes: '17:00' },
    ]);
    // The same record as in the nearest list, without the distance and the travel.
    const listed = (await nearest('near=44.518,3.5&limit=5')).items.find((s) => s.id === '2983')!;
    const { distance_km: _d, travel: _t, at_stop: _s, ...withoutDistance } = listed;
    assert.deepEqual(withoutDistance, site);
    // An overseas site has its time zone.
    const reunion = await json<Site>(await server.get('/api/v1/sites/561'));
    assert.equal(reunion.time_zone, 'Indian/Reunion');
    assert.equal(reunion.address.department, '974');
  });

  test('invalid inputs are 400 problem+json naming the parameter', async () => {
    const cases: Array<[string, string | string[]]> = [
      ['near=abc', 'near'],
      ['near=44.5', 'near'],
      ['near=91,0', 'near'],
      ['near=-91,0', 'near'],
      ['near=0,181', 'near'],
      ['near=0,-181', 'near'],
      ['near=44.5,3.5&limit=0', 'limit'],
      ['near=44.5,3.5&limit=101', 'limit'],
      ['near=44.5,3.5&limit=100000', 'limit'],
      ['near=44.5,3.5&limit=abc', 'limit'],
      ['near=44.5,3.5&limit=2.5', 'limit'],
      ['near=44.5,3.5&radius=0', 'radius'],
      ['near=44.5,3.5&radius=-3', 'radius'],
      ['near=44.5,3.5&radius=5000', 'radius'],
      ['near=44.5,3.5&radius=abc', 'radius'],
      ['commune=abc', 'commune'],
      ['commune=4809', 'commune'],
      ['', 'near'],
      ['limit=5', 'near'],
      ['near=44.5,3.5&commune=48095', ['near', 'commune']],
    ];
    for (const [query, param] of cases) {
      const res = await server.get(`/api/v1/sites${query ? `?${query}` : ''}`);
      const problem = await expectProblem(res, 400);
      assert.equal(problem.type, 'https://fs-widgets.dev/problems/validation', query);
      const name = problem.invalid_params?.[0]?.name;
      if (Array.isArray(param)) assert.ok(param.includes(name!), `${query}: ${name}`);
      else assert.equal(name, param, `${query}: ${JSON.stringify(problem)}`);
      assert.match(problem.detail ?? '', new RegExp(name!), query);
      assert.equal(res.headers.get('cache-control'), 'no-store', query);
    }
    // The latitude out of range is named in the reason.
    const lat = await expectProblem(await server.get('/api/v1/sites?near=91,0'), 400, 'near');
    assert.match(lat.invalid_params![0]!.reason, /latitude/);
    const lon = await expectProblem(await server.get('/api/v1/sites?near=0,181'), 400, 'near');
    assert.match(lon.invalid_params![0]!.reason, /longitude/);
  });

  test('unknown commune, site and route are 404 problem+json', async () => {
    const commune = await expectProblem(await server.get('/api/v1/sites?commune=99999'), 404);
    assert.equal(commune.type, 'https://fs-widgets.dev/problems/unknown-commune');
    assert.match(commune.detail ?? '', /99999/);
    const site = await expectProblem(await server.get('/api/v1/sites/99999999'), 404);
    assert.equal(site.type, 'https://fs-widgets.dev/problems/not-found');
    assert.match(site.detail ?? '', /99999999/);
    await expectProblem(await server.get('/api/v1/sites/abc'), 400, 'id');
    await expectProblem(await server.get('/api/v1/sites/1234567890'), 400, 'id');
    const route = await expectProblem(await server.get('/api/v1/nothing-here'), 404);
    assert.equal(route.type, 'https://fs-widgets.dev/problems/not-found');
    assert.equal(route.instance, '/api/v1/nothing-here');
    await expectProblem(await server.get('/nothing-here'), 404);
    await expectProblem(await server.get('/api/v1/sites', { method: 'POST' }), 404);
  });

  test('a commune without a known centroid is 422 problem+json', async () => {
    // Papeete: the La Poste base only has placeholder coordinates in French Polynesia.
    const problem = await expectProblem(await server.get('/api/v1/sites?commune=98735'), 422);
    assert.equal(problem.type, 'https://fs-widgets.dev/problems/unknown-commune');
    assert.match(problem.detail ?? '', /Papeete/);
  });

  test('a successful GET carries CORS and cache headers', async () => {
    const res = await server.get('/api/v1/sites?near=44.518,3.5&limit=1', { headers: { Origin: 'https://www.example.org' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('cache-control') ?? '', /(^|[ ,])max-age=\d+/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await res.json()).items[0].id, '3255');
    const one = await server.get('/api/v1/sites/2983', { headers: { Origin: 'https://widgets.example.fr' } });
    assert.equal(one.status, 200);
    assert.equal(one.headers.get('access-control-allow-origin'), '*');
    assert.match(one.headers.get('cache-control') ?? '', /max-age=\d+/);
    await one.arrayBuffer();
    // The browser's preflight is allowed.
    const preflight = await server.get('/api/v1/sites?near=44.518,3.5', {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.example.org', 'Access-Control-Request-Method': 'GET' },
    });
    assert.ok(preflight.status === 204 || preflight.status === 200, `preflight ${preflight.status}`);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /GET/);
    await preflight.arrayBuffer();
  });

  test('the server survives all of this and still answers', async () => {
    const body = await nearest('near=44.518,3.5&limit=2');
    assert.deepEqual(
      body.items.map((s) => s.id),
      ['3255', '2983'],
    );
    const site = await server.get('/api/v1/sites/2983');
    assert.equal(site.status, 200);
    await site.arrayBuffer();
  });
});
