import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Commune, CommuneList } from '@fs-widgets/contract';
import { expectProblem, json, startTestServer, type TestServer } from './test-server.js';

describe('communes', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server?.close();
  });

  const search = async (q: string, limit?: number): Promise<Commune[]> => {
    const params = new URLSearchParams({ q });
    if (limit !== undefined) params.set('limit', String(limit));
    const body = await json<CommuneList>(await server.get(`/api/v1/communes?${params}`));
    assert.equal(body.count, body.items.length);
    return body.items;
  };

  test('Paris (75056) has a centroid inside Paris, the average of its 20 arrondissements', async () => {
    const paris = await server.db.selectFrom('communes').selectAll().where('insee', '=', '75056').executeTakeFirstOrThrow();
    assert.equal(paris.name, 'Paris');
    assert.equal(paris.kind, 'commune');
    const arrondissements = await server.db
      .selectFrom('communes')
      .selectAll()
      .where('parent_insee', '=', '75056')
      .where('kind', '=', 'arrondissement')
      .orderBy('insee')
      .execute();
    assert.deepEqual(
      arrondissements.map((a) => a.insee),
      Array.from({ length: 20 }, (_, i) => String(75101 + i)),
    );
    const lat = arrondissements.reduce((s, a) => s + a.lat!, 0) / 20;
    const lon = arrondissements.reduce((s, a) => s + a.lon!, 0) / 20;
    assert.ok(Math.abs(paris.lat! - lat) < 1e-9, `${paris.lat} vs ${lat}`);
    assert.ok(Math.abs(paris.lon! - lon) < 1e-9, `${paris.lon} vs ${lon}`);
    // Inside the city limits (the boulevard périphérique is within 48.815–48.902 N, 2.25–2.42 E).
    assert.ok(paris.lat! > 48.815 && paris.lat! < 48.902, `lat ${paris.lat}`);
    assert.ok(paris.lon! > 2.25 && paris.lon! < 2.42, `lon ${paris.lon}`);
    // The API answers the same centroid, with every Paris postcode.
    const [first] = await search('paris', 1);
    assert.equal(first!.insee, '75056');
    assert.deepEqual(first!.location, { lat: paris.lat, lon: paris.lon });
    assert.ok(first!.postcodes.includes('75001') && first!.postcodes.includes('75020'));
  });

  test('"mende" finds Mende 48095 first, with its postcode and centroid', async () => {
    const items = await search('mende');
    const mende = items[0]!;
    assert.equal(mende.insee, '48095');
    assert.equal(mende.name, 'Mende');
    assert.deepEqual(mende.postcodes, ['48000']);
    assert.equal(mende.department, '48');
    assert.ok(mende.population! > 10_000);
    assert.ok(mende.location);
    assert.ok(Math.abs(mende.location.lat - 44.52) < 0.05 && Math.abs(mende.location.lon - 3.48) < 0.05);
  });

  test('"st flour", "Saint-Flour", "SAINT FLOUR" and "saint-flour" all put Saint-Flour (15187) first', async () => {
    for (const q of ['st flour', 'Saint-Flour', 'SAINT FLOUR', 'saint-flour', 'St-Flour', '  saint   flour ']) {
      const items = await search(q);
      assert.equal(items[0]?.insee, '15187', `"${q}" → ${items[0]?.name}`);
      assert.equal(items[0]?.name, 'Saint-Flour');
      assert.deepEqual(items[0]?.postcodes, ['15100']);
      // The other answers start with "Saint-Flour" too.
      for (const c of items) assert.match(c.name, /^Saint-Flour/, `"${q}" → ${c.name}`);
    }
  });

  test('"st" finds both Saint… and St… names (Strasbourg) while a word is being typed', async () => {
    const items = await search('st', 20);
    const names = items.map((c) => c.name);
    assert.ok(names.includes('Strasbourg'), names.join(', '));
    assert.ok(
      names.some((n) => n.startsWith('Saint-')),
      names.join(', '),
    );
    for (const n of names) assert.match(n, /^(Saint|St)/i);
  });

  test('accents are ignored', async () => {
    const plain = await search('eze');
    const accented = await search('Èze');
    assert.equal(plain[0]?.insee, '06059');
    assert.equal(plain[0]?.name, 'Èze');
    assert.deepEqual(accented, plain);
    const epinal = await search('epinal');
    assert.equal(epinal[0]?.insee, '88160');
    assert.equal(epinal[0]?.name, 'Épinal');
    assert.deepEqual(epinal[0]?.postcodes, ['88000']);
  });

  test('the leading article is optional', async () => {
    const items = await search('nouvion');
    const names = items.map((c) => c.name);
    assert.ok(names.includes('Le Nouvion-en-Thiérache'), names.join(', '));
    assert.equal(items.find((c) => c.name === 'Le Nouvion-en-Thiérache')?.insee, '02558');
    // The exact name comes first.
    assert.equal(items[0]?.name, 'Nouvion');
    // The full name with its article finds it too.
    assert.equal((await search('le nouvion'))[0]?.insee, '02558');
  });

  test('a postcode finds its communes: "48000" → Mende first', async () => {
    const items = await search('48000', 50);
    assert.equal(items[0]?.insee, '48095');
    assert.ok(items.length > 1);
    for (const c of items) assert.ok(c.postcodes.includes('48000'), `${c.name}: ${c.postcodes}`);
  });

  test('a postcode prefix "480" finds communes whose postcodes start with 480', async () => {
    const items = await search('480', 50);
    for (const c of items) {
      assert.ok(
        c.postcodes.some((p) => p.startsWith('480')),
        `${c.name}: ${c.postcodes}`,
      );
      assert.equal(c.department, '48');
    }
    assert.equal(items[0]?.insee, '48095');
    // Exactly the current communes having such a postcode.
    const expected = await server.db
      .selectFrom('commune_postcodes')
      .innerJoin('communes', 'communes.insee', 'commune_postcodes.insee')
      .select('communes.insee')
      .distinct()
      .where('commune_postcodes.postcode', 'like', '480%')
      .where('communes.kind', 'in', ['commune', 'arrondissement'])
      .execute();
    assert.ok(expected.length > 5 && expected.length < 50, `${expected.length} communes`);
    assert.deepEqual(items.map((c) => c.insee).sort(), expected.map((r) => r.insee).sort());
    // A shorter prefix finds more, up to the limit.
    const wider = await search('48', 50);
    assert.equal(wider.length, 50);
    for (const c of wider)
      assert.ok(
        c.postcodes.some((p) => p.startsWith('48')),
        `${c.name}: ${c.postcodes}`,
      );
  });

  test('"paris 12" finds the 12th arrondissement', async () => {
    const items = await search('paris 12');
    assert.equal(items[0]?.insee, '75112');
    // Written as in a sentence, not as the COG capitalises it.
    assert.equal(items[0]?.name, 'Paris 12e arrondissement');
    assert.deepEqual(items[0]?.postcodes, ['75012']);
    assert.ok(items[0]?.location && items[0].location.lat > 48.8 && items[0].location.lat < 48.9);
  });

  test('limit is respected (default 10)', async () => {
    assert.equal((await search('saint', 3)).length, 3);
    assert.equal((await search('saint', 1)).length, 1);
    assert.equal((await search('saint', 50)).length, 50);
    assert.equal((await search('saint')).length, 10);
  });

  test('invalid queries are 400 problem+json naming q or limit', async () => {
    const cases: Array<[string, string]> = [
      ['q=', 'q'],
      ['', 'q'],
      ['q=---', 'q'],
      ['q=%20%20', 'q'],
      [`q=${'a'.repeat(81)}`, 'q'],
      ['q=mende&limit=0', 'limit'],
      ['q=mende&limit=51', 'limit'],
      ['q=mende&limit=abc', 'limit'],
    ];
    for (const [query, param] of cases) {
      const path = query === '' ? '/api/v1/communes' : `/api/v1/communes?${query}`;
      const problem = await expectProblem(await server.get(path), 400, param);
      assert.equal(problem.type, 'https://fs-widgets.dev/problems/validation', query);
      assert.equal(problem.instance, path);
    }
    // Still answering.
    assert.equal((await search('mende'))[0]?.insee, '48095');
  });
});
