import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Site, SiteList, type SiteList as SiteListType } from '@fs-widgets/contract';
import { departmentOfInsee } from '../src/import/far-from-commune.js';
import { MinuteAnswers } from '../src/sites/answer-cache.js';
import { SiteCatalogue } from '../src/sites/site-catalogue.js';
import { estimateProvider } from '../src/travel/estimate.js';
import { travelTimes } from '../src/travel/travel-times.js';
import { schemaSerializer } from './schema-serializer.js';
import { startTestServer, type TestServer } from './test-server.js';

/*
 * GET /sites and /sites/{id} send JSON written from each site's JSON, kept since the catalogue
 * was loaded, instead of serializing objects with the response schema per request. The bytes
 * must be exactly those the schema's serializer (Fastify's, fast-json-stringify) writes for the
 * objects the routes used to return: same fields, same order, nothing more.
 */

describe('the JSON of the sites routes is the schemas’ own', () => {
  let server: TestServer;
  let catalogue: SiteCatalogue;
  let site: Awaited<ReturnType<typeof schemaSerializer>>;
  let list: Awaited<ReturnType<typeof schemaSerializer>>;

  before(async () => {
    server = await startTestServer();
    catalogue = await SiteCatalogue.load(server.db);
    site = await schemaSerializer(Site);
    list = await schemaSerializer(SiteList);
  });

  after(async () => {
    await site?.app.close();
    await list?.app.close();
    await server?.close();
  });

  test('every site, with its stops’ sessions at several instants: the bytes the Site schema writes', async () => {
    assert.equal(catalogue.size, 2845);
    const ids = (await server.db.selectFrom('sites').select('id').orderBy('id').execute()).map((r) => r.id);
    const instants = [new Date('2026-11-30T08:00:00Z'), new Date('2026-12-24T16:59:30Z'), new Date()];
    for (const now of instants) {
      for (const id of now === instants[0] ? ids : ['2023', '2983', ids[0]!]) {
        const expected = await site.serialize(catalogue.get(id, now));
        assert.equal(catalogue.getJson(id, now), expected, `site ${id} at ${now.toISOString()}`);
        assert.deepEqual(catalogue.getJsonBytes(id, now), Buffer.from(expected));
      }
    }
    // The stops' sessions are those of the instant asked, kept for its minute only.
    const [monday, christmasEve] = [catalogue.getJson('2023', instants[0]), catalogue.getJson('2023', instants[1])];
    assert.notEqual(monday, christmasEve);
    assert.equal(catalogue.getJson('2023', instants[0]), monday);
    assert.equal(catalogue.getJson('unknown'), undefined);
  });

  test('GET /sites/{id} sends those bytes', async () => {
    for (const id of ['2983', '2845', '1']) {
      const res = await server.get(`/api/v1/sites/${id}`);
      if (res.status === 404) continue;
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(await res.text(), await site.serialize(catalogue.get(id)));
    }
    // The bus: its stops' sessions are counted from now (the minute may turn between the two reads).
    const bus = JSON.parse(await (await server.get('/api/v1/sites/2023')).text()) as SiteListType['items'][number];
    assert.equal(bus.stops.length, 12);
    const expected = catalogue.get('2023')!;
    assert.deepEqual(
      { ...bus, stops: bus.stops.map((s) => ({ ...s, next: [] })) },
      { ...expected, stops: expected.stops.map((s) => ({ ...s, next: [] })) },
    );
  });

  test('GET /sites: the bytes the SiteList schema writes, with the values the objects had', async () => {
    const at = '2026-11-30T09:00:00Z';
    const searches = [
      'near=44.5,3.5&limit=10',
      'near=44.5,3.5&limit=100',
      'near=45.65,0.16&limit=20', // Charente: the bus and its stops
      'near=-20.8823,55.4504&limit=5&open_now=true',
      'near=48.8414,2.3003&limit=10&kind=fixed,antenna&saturday=true',
      'commune=2A004&limit=10',
      'commune=48095&radius=20&limit=50&open_now=true',
      'near=44.5,3.5&radius=0.5', // nothing within: a suggestion
      'near=0,-30&radius=5', // the middle of the Atlantic: no suggestion either
    ];
    for (const search of searches) {
      const res = await server.get(`/api/v1/sites?${search}&at=${at}`);
      const text = await res.text();
      assert.equal(res.status, 200, text);
      // Asked again in the same minute (kept the second time, sent from there the third): the same bytes.
      for (const again of [':30Z', ':59Z']) {
        assert.equal(await (await server.get(`/api/v1/sites?${search}&at=${at.replace(':00Z', again)}`)).text(), text);
      }
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      const body = JSON.parse(text) as SiteListType;
      assert.equal(text, await list.serialize(body), search);
      // The values: what the catalogue's objects and the travel estimate give.
      const origin = body.origin.location;
      const query = new URLSearchParams(search);
      const filter = {
        ...(query.get('kind') ? { kinds: new Set(query.get('kind')!.split(',') as Array<'fixed'>) } : {}),
        ...(query.get('open_now') ? { openAt: new Date(at) } : {}),
        ...(query.get('saturday') ? { saturday: true } : {}),
      };
      const radius = query.get('radius') ? Number(query.get('radius')) : undefined;
      const nearestQuery = { ...origin, limit: Number(query.get('limit') ?? 10), radiusKm: radius, filter };
      const sites = catalogue.nearest(nearestQuery, new Date(at));
      // A site found at one of its stops (the Charente bus): the stop, its sessions, the travel to it.
      const stops = catalogue.nearby(nearestQuery, new Date(at)).map((found) => found.atStop);
      const commune = body.origin.commune ? catalogue.communes.get(body.origin.commune.insee) : undefined;
      const travel = await travelTimes(
        estimateProvider,
        catalogue.roadAccess,
        catalogue.roadAccess.placeOf(origin, commune && { insee: commune.insee, department: commune.department }),
        sites.map((s, i) => {
          const stop = stops[i];
          return stop
            ? { ...stop.location, insee: stop.insee_commune, department: departmentOfInsee(stop.insee_commune) }
            : { ...s.location, insee: s.address.insee_commune, department: s.address.department, siteId: s.id };
        }),
      );
      assert.deepEqual(
        body.items,
        sites.map((s, i) => ({ ...s, travel: travel[i], at_stop: stops[i] })),
        search,
      );
      if (search.startsWith('near=45.65,0.16')) assert.ok(body.items.find((s) => s.id === '2023')?.at_stop, 'the bus found at a stop');
      assert.equal(body.count, sites.length);
      assert.deepEqual(
        body.suggestion,
        sites.length === 0 && radius !== undefined ? catalogue.widerRadius(origin.lat, origin.lon, radius, filter) : null,
      );
    }
  });
});

describe('MinuteAnswers', () => {
  const catalogue = {};
  const monday = new Date('2026-11-30T09:00:10Z');
  const kept = (answers: MinuteAnswers, scope: object, instant: Date, key: string) => answers.get(scope, instant, key)?.toString();
  /** A search answered twice: the second answer is kept. */
  const answerTwice = (answers: MinuteAnswers, scope: object, instant: Date, key: string, answer: string) => {
    answers.set(scope, instant, key, Buffer.from(answer));
    answers.set(scope, instant, key, Buffer.from(answer));
  };

  test('an answer is kept the second time its search is made, for its minute and its catalogue only', () => {
    const answers = new MinuteAnswers(100);
    answers.set(catalogue, monday, 'near=1,2', Buffer.from('A'));
    assert.equal(kept(answers, catalogue, monday, 'near=1,2'), undefined);
    answers.set(catalogue, new Date('2026-11-30T09:00:50Z'), 'near=1,2', Buffer.from('A'));
    assert.equal(kept(answers, catalogue, new Date('2026-11-30T09:00:59.999Z'), 'near=1,2'), 'A');
    assert.equal(kept(answers, catalogue, new Date('2026-11-30T09:01:00Z'), 'near=1,2'), undefined);
    assert.equal(kept(answers, catalogue, new Date('2026-11-30T08:59:59.999Z'), 'near=1,2'), undefined);
    assert.equal(kept(answers, catalogue, monday, 'near=1,3'), undefined);
    // Made once in each of two minutes: not kept.
    answers.set(catalogue, monday, 'near=5,5', Buffer.from('C'));
    answers.set(catalogue, new Date('2026-11-30T09:01:00Z'), 'near=5,5', Buffer.from('C'));
    assert.equal(kept(answers, catalogue, new Date('2026-11-30T09:01:00Z'), 'near=5,5'), undefined);
    // A re-import: another catalogue, the former answers dropped.
    const reloaded = {};
    assert.equal(kept(answers, reloaded, monday, 'near=1,2'), undefined);
    answerTwice(answers, reloaded, monday, 'near=1,3', 'B');
    assert.equal(answers.size, 1);
    assert.equal(kept(answers, reloaded, monday, 'near=1,3'), 'B');
    assert.equal(kept(answers, catalogue, monday, 'near=1,3'), undefined);
  });

  test('at most maxBytes bytes, the least recently used dropped first', () => {
    const answers = new MinuteAnswers(40);
    for (const n of [1, 2, 3]) answerTwice(answers, catalogue, monday, `k${n}`, String(n).repeat(10));
    assert.equal(kept(answers, catalogue, monday, 'k1'), '1111111111');
    answerTwice(answers, catalogue, monday, 'k4', '4'.repeat(10));
    assert.equal(answers.size, 4);
    answerTwice(answers, catalogue, monday, 'k5', '5'.repeat(10));
    assert.equal(answers.size, 4);
    assert.equal(kept(answers, catalogue, monday, 'k2'), undefined);
    assert.deepEqual(
      ['k1', 'k3', 'k4', 'k5'].map((k) => kept(answers, catalogue, monday, k)?.[0]),
      ['1', '3', '4', '5'],
    );
    // An answer over a quarter of the room is not kept.
    answerTwice(answers, catalogue, monday, 'big', 'x'.repeat(11));
    assert.equal(kept(answers, catalogue, monday, 'big'), undefined);
  });

  test('the searches made once are remembered by key, maxSeen at most', () => {
    const answers = new MinuteAnswers(1000, 2);
    for (const key of ['a', 'b', 'c']) answers.set(catalogue, monday, key, Buffer.from(key));
    // 'a' was forgotten: its second time counts as a first.
    answers.set(catalogue, monday, 'a', Buffer.from('a'));
    assert.equal(kept(answers, catalogue, monday, 'a'), undefined);
    answers.set(catalogue, monday, 'c', Buffer.from('c'));
    assert.equal(kept(answers, catalogue, monday, 'c'), 'c');
  });
});
