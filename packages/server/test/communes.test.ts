import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Commune, CommuneList } from '@fs-widgets/contract';
import { damerauLevenshtein } from '@fs-widgets/contract/typos';
import { searchName } from '@fs-widgets/contract/search-name';
import { expectProblem, json, startTestServer, type TestServer } from './test-server.js';

/** A name's search forms, with and without its leading article. */
const nameKeys = (name: string) => {
  const key = searchName(name);
  return [key, key.replace(/^(le|la|les|l) /, '')];
};

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
      // The names starting with "Saint-Flour" come first; names one typo away may follow them.
      const starting = items.findIndex((c) => !c.name.startsWith('Saint-Flour'));
      assert.ok(starting === -1 || starting >= 2, `"${q}" → ${items.map((c) => c.name).join(', ')}`);
      for (const c of items.slice(starting === -1 ? items.length : starting))
        assert.doesNotMatch(c.name, /^Saint-Flour/, `"${q}" → ${c.name}`);
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

  describe('typos', () => {
    test('"Mnde" finds Mende, "Nanteuil en valée" finds Nanteuil-en-Vallée (one typo: a letter missing)', async () => {
      assert.equal((await search('Mnde'))[0]?.insee, '48095');
      assert.equal((await search('mende'))[0]?.insee, '48095');
      const nanteuil = await search('Nanteuil en valée');
      assert.equal(nanteuil[0]?.insee, '16242');
      assert.equal(nanteuil[0]?.name, 'Nanteuil-en-Vallée');
    });

    test('a letter too many, a wrong letter, two letters swapped, a missing space: each is one typo', async () => {
      for (const [q, insee] of [
        ['Mennde', '48095'], // a letter too many
        ['Mende', '48095'],
        ['Bordeaus', '33063'], // a wrong letter
        ['Marseile', '13055'], // a letter missing, in a name being typed ("Marseille" and its arrondissements)
        ['Clermont-Ferradn', '63113'], // two letters swapped
        ['saintflour', '15187'], // a space missing
        ['Toulosue', '31555'],
      ] as const) {
        assert.equal((await search(q))[0]?.insee, insee, `"${q}" → ${(await search(q)).map((c) => c.name).join(', ')}`);
      }
    });

    test('while a name is being typed, its start may hold a typo too: "nantueil en v"', async () => {
      assert.equal((await search('nantueil en v'))[0]?.insee, '16242');
    });

    test('two typos from 8 letters ("clermon ferand"), only when nothing closer is found', async () => {
      assert.equal((await search('clermon ferand'))[0]?.insee, '63113');
      // "Mende" has names one typo away (Le Mené, Tende…): none two typos away comes with them.
      const mende = await search('Mende', 50);
      assert.ok(mende.length > 1);
      for (const c of mende.slice(1)) {
        const typos = Math.min(...nameKeys(c.name).map((key) => damerauLevenshtein('mende', key)));
        assert.equal(typos, 1, `"Mende" → ${c.name}`);
      }
    });

    test('exact names first, then the names they start, then the typos, by typos then population', async () => {
      // An exact name is first even when a far bigger commune is one typo away.
      const mende = await search('Mende');
      assert.equal(mende[0]?.insee, '48095');
      assert.ok(mende.length > 1, 'names one typo away follow');
      // The four Saint-Denis, then the names starting with "Saint-Denis", all before any typo.
      const denis = await search('Saint-Denis', 50);
      assert.deepEqual(
        denis.slice(0, 4).map((c) => c.insee),
        ['97411', '93066', '11339', '30247'],
      );
      const firstOther = denis.findIndex((c) => !c.name.startsWith('Saint-Denis'));
      assert.ok(firstOther === -1 || firstOther > 20, denis.map((c) => c.name).join(', '));
      // One typo, by population: La Rochelle (Charente-Maritime, 75,000 people) before La Rochelle (Haute-Saône).
      const rochelle = await search('la rochele');
      const seventeen = rochelle.findIndex((c) => c.insee === '17300');
      const seventy = rochelle.findIndex((c) => c.insee === '70450');
      assert.ok(seventeen === 0 && seventy > seventeen, rochelle.map((c) => c.label).join(', '));
      // Names too short for a typo: exact or by their start only.
      assert.deepEqual(await search('zzz'), []);
      assert.deepEqual(await search('qsdfgh'), []);
    });
  });

  describe('same-name communes', () => {
    test('are told apart by their département or territory, in a label', async () => {
      const denis = await search('Saint-Denis');
      assert.deepEqual(
        denis.slice(0, 4).map((c) => c.label),
        ['Saint-Denis (La Réunion)', 'Saint-Denis (Seine-Saint-Denis)', 'Saint-Denis (Aude)', 'Saint-Denis (Gard)'],
      );
      assert.deepEqual(
        denis.slice(0, 4).map((c) => [c.department, c.department_name]),
        [
          ['974', 'La Réunion'],
          ['93', 'Seine-Saint-Denis'],
          ['11', 'Aude'],
          ['30', 'Gard'],
        ],
      );
      // A name no other commune has is its label.
      const [mende] = await search('Mende');
      assert.equal(mende?.label, 'Mende');
      assert.equal(mende?.department_name, 'Lozère');
      assert.equal((await search('Nanteuil-en-Vallée'))[0]?.label, 'Nanteuil-en-Vallée');
      assert.equal((await search('paris 15'))[0]?.label, 'Paris 15e arrondissement');
    });

    test('"Saint Denis Réunion", "saint denis 974" and the label itself find Saint-Denis of La Réunion first', async () => {
      for (const q of [
        'Saint Denis Réunion',
        'saint denis reunion',
        'saint denis la réunion',
        'saint denis 974',
        'Saint-Denis (La Réunion)',
        'st denis reu',
        'saint denis 97400',
      ]) {
        const items = await search(q);
        assert.equal(items[0]?.insee, '97411', `"${q}" → ${items.map((c) => c.label).join(', ')}`);
      }
      for (const q of ['saint denis 93', 'Saint-Denis (Seine-Saint-Denis)', 'saint denis seine saint denis']) {
        assert.equal((await search(q))[0]?.insee, '93066', q);
      }
      // With its département and a typo.
      assert.equal((await search('Mnde Lozère'))[0]?.insee, '48095');
    });

    test('a commune whose name ends like a département keeps its place: "Villeneuve-sur-Lot" is in Lot-et-Garonne', async () => {
      const items = await search('villeneuve sur lot');
      assert.equal(items[0]?.insee, '47323');
      // "Marseille 13": the 13th arrondissement (a name it starts) before Marseille in département 13.
      assert.deepEqual(
        (await search('marseille 13')).slice(0, 2).map((c) => c.insee),
        ['13213', '13055'],
      );
    });
  });

  describe('one commune by its code', () => {
    const one = async (insee: string) => {
      const res = await server.get(`/api/v1/communes/${insee}`);
      assert.equal(res.status, 200, insee);
      return json<Commune>(res);
    };

    test('GET /communes/{insee} answers the commune as the search does, with its label', async () => {
      const mende = await one('48095');
      assert.deepEqual(mende, (await search('Mende'))[0]);
      assert.equal((await one('97411')).label, 'Saint-Denis (La Réunion)');
      assert.equal((await one('93066')).label, 'Saint-Denis (Seine-Saint-Denis)');
      assert.equal((await one('75115')).label, 'Paris 15e arrondissement');
      // Corsican codes, in either case.
      assert.equal((await one('2A004')).name, 'Ajaccio');
      assert.equal((await one('2a004')).insee, '2A004');
    });

    test('a former commune answers too (it is still a search origin)', async () => {
      const former = await server.db
        .selectFrom('communes')
        .selectAll()
        .where('kind', '=', 'former')
        .orderBy('insee')
        .executeTakeFirstOrThrow();
      const answer = await one(former.insee);
      assert.equal(answer.insee, former.insee);
      assert.equal(answer.name, former.name);
      assert.ok(answer.label.startsWith(former.name));
    });

    test('an unknown code is a 404 problem, a malformed one a 400', async () => {
      const unknown = await expectProblem(await server.get('/api/v1/communes/00000'), 404);
      assert.equal(unknown.type, 'https://fs-widgets.dev/problems/unknown-commune');
      await expectProblem(await server.get('/api/v1/communes/4809'), 400);
      await expectProblem(await server.get('/api/v1/communes/mende'), 400);
    });
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
