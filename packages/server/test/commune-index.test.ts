import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { CommuneList, type Commune } from '@fs-widgets/contract';
import type { Db } from '../src/db/database.js';
import type { CommuneTable } from '../src/db/schema.js';
import { communeFromRow, CommuneIndex } from '../src/communes/commune-index.js';
import { findCommune } from '../src/communes/commune-search.js';
import { searchName, searchNameVariants } from '@fs-widgets/contract/search-name';
import { importData } from '../src/import/import-data.js';
import { schemaSerializer } from './schema-serializer.js';
import { expectProblem, json, POSTCODES_FILE, startTestServer, type TestServer } from './test-server.js';

/**
 * The search the API made in SQL before the in-memory index, kept as the reference the index
 * must agree with: its exact names and names they start come first, in this order (names with
 * typos or followed by their département may come after them, when they leave room). Its last
 * order keys (the name for postcodes, the INSEE code for both) only settle ties the former query
 * left to the engine; SQLite happened to give the same order.
 */
async function sqlSearch(db: Db, q: string, limit: number): Promise<Commune[]> {
  const ARTICLES = ['le ', 'la ', 'les ', 'l '];
  const withPostcodes = async (rows: CommuneTable[]) => {
    if (rows.length === 0) return [];
    const codes = await db
      .selectFrom('commune_postcodes')
      .select(['insee', 'postcode'])
      .where(
        'insee',
        'in',
        rows.map((r) => r.insee),
      )
      .orderBy('postcode')
      .execute();
    const byInsee = new Map<string, string[]>();
    for (const { insee, postcode } of codes) byInsee.set(insee, [...(byInsee.get(insee) ?? []), postcode]);
    // Names another listed place has too: their label says their département.
    const namesakes = await db
      .selectFrom('communes')
      .select('search_name')
      .where('kind', 'in', ['commune', 'arrondissement'])
      .where(
        'search_name',
        'in',
        rows.map((r) => r.search_name),
      )
      .groupBy('search_name')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    const shared = new Set(namesakes.map((n) => n.search_name));
    return rows.map((r) => communeFromRow(r, byInsee.get(r.insee) ?? [], shared.has(r.search_name)));
  };
  const query = q.trim();
  if (/^\d+$/.test(query)) {
    const rows = await db
      .selectFrom('communes')
      .innerJoin('commune_postcodes', 'commune_postcodes.insee', 'communes.insee')
      .selectAll('communes')
      .select((eb) => eb.fn.min('commune_postcodes.postcode').as('first_postcode'))
      .where('commune_postcodes.postcode', 'like', `${query}%`)
      .where('communes.kind', 'in', ['commune', 'arrondissement'])
      .groupBy('communes.insee')
      .orderBy('first_postcode')
      .orderBy(sql`coalesce(communes.population, 0)`, 'desc')
      .orderBy('communes.name')
      .orderBy('communes.insee')
      .limit(limit)
      .execute();
    return withPostcodes(rows.map(({ first_postcode: _, ...row }) => row));
  }
  const variants = searchNameVariants(query);
  const patterns = variants.flatMap((v) => [`${v}%`, ...ARTICLES.map((a) => `${a}${v}%`)]);
  const rows = await db
    .selectFrom('communes')
    .selectAll()
    .where('kind', 'in', ['commune', 'arrondissement'])
    .where((eb) => eb.or(patterns.map((p) => eb('search_name', 'like', p))))
    .orderBy(sql`case when search_name in (${sql.join(variants)}) then 0 else 1 end`)
    .orderBy(sql`coalesce(population, 0)`, 'desc')
    .orderBy('name')
    .orderBy('insee')
    .limit(limit)
    .execute();
  return withPostcodes(rows);
}

/** Queries as people type them, from the communes themselves: a few hundred, every kind of name. */
async function typedQueries(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('communes')
    .select(['insee', 'name'])
    .where('kind', 'in', ['commune', 'arrondissement'])
    .orderBy('insee')
    .execute();
  const queries = new Set<string>([
    'st den',
    'st-den',
    'saint denis',
    "l'isle",
    "L'Isle-Ad",
    'isle',
    'paris 15',
    'paris 1',
    'Paris 12e',
    'marseille 1',
    'lyon 3',
    'Èze',
    'eze',
    'ÉPINAL',
    'saint-flour',
    'St-Flour',
    '  saint   flour ',
    'st',
    'ste',
    'ste ma',
    'sainte-',
    'le',
    'la',
    'les',
    'l',
    'le nouvion',
    'nouvion',
    '2A',
    '2B',
    '2a004',
    '20',
    '201',
    '202',
    '20000',
    '20090',
    '20200',
    '97',
    '974',
    '9',
    '0',
    '00',
    '01',
    '99999',
    '480001',
    'œ',
    'oe',
    'Œuilly',
    'zzzz',
    'aix-en',
    'aix en p',
    'château-',
    'chateau thierry',
    "saint-martin-d'",
    'ham',
    'y',
    'a',
    'mende',
    'mend',
    'ajaccio',
    'bastia',
    'Porto-Vecchio',
  ]);
  // Every 250th commune: its name as typed (prefixes, capitals, "St" for "Saint", no article).
  for (let i = 0; i < rows.length; i += 250) {
    const { name } = rows[i]!;
    for (const length of [1, 2, 4, 7]) queries.add(name.slice(0, length));
    queries.add(name);
    queries.add(name.toUpperCase());
    queries.add(name.replace(/^Saint-/, 'St ').replace(/^Sainte-/, 'Ste-'));
    queries.add(name.replace(/^(Le |La |Les |L')/, ''));
    queries.add(name.replace(/-/g, ' ').slice(0, 12));
  }
  // Every 300th postcode, and its prefixes.
  const postcodes = await db.selectFrom('commune_postcodes').select('postcode').distinct().orderBy('postcode').execute();
  for (let i = 0; i < postcodes.length; i += 300) {
    const { postcode } = postcodes[i]!;
    for (const length of [1, 2, 3, 4, 5]) queries.add(postcode.slice(0, length));
  }
  return [...queries].filter((q) => q.length <= 80 && searchName(q) !== '');
}

describe('commune search from the in-memory index', () => {
  let server: TestServer;
  let queries: string[];
  let list: Awaited<ReturnType<typeof schemaSerializer>>;

  before(async () => {
    server = await startTestServer();
    queries = await typedQueries(server.db);
    list = await schemaSerializer(CommuneList);
  });

  after(async () => {
    await list?.app.close();
    await server?.close();
  });

  test('the API answers first what the SQL search answered, for a few hundred queries, in the bytes of the schema', async () => {
    assert.ok(queries.length > 300, `${queries.length} queries`);
    const differences: string[] = [];
    let answers = 0;
    let extras = 0;
    for (const q of queries) {
      for (const limit of [10, 50]) {
        const params = new URLSearchParams({ q, limit: String(limit) });
        const res = await server.get(`/api/v1/communes?${params}`);
        assert.equal(res.status, 200);
        assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
        const text = await res.text();
        const expected = await sqlSearch(server.db, q, limit);
        answers += expected.length;
        const body = JSON.parse(text) as CommuneList;
        // The bytes the CommuneList schema's serializer writes, and the SQL search's answer first.
        if (text !== (await list.serialize(body)) || JSON.stringify(body.items.slice(0, expected.length)) !== JSON.stringify(expected)) {
          differences.push(
            `"${q}" limit ${limit}: ${body.items.map((c) => c.insee).join(' ')} ≠ ${expected.map((c) => c.insee).join(' ')}`,
          );
        }
        // What comes after is found otherwise (typos, a département): never a name the SQL search left out.
        if (expected.length < limit && body.items.length > expected.length) {
          extras += body.items.length - expected.length;
          const more = await sqlSearch(server.db, q, limit + body.items.length);
          const found = new Set(more.map((c) => c.insee));
          for (const c of body.items.slice(expected.length)) if (found.has(c.insee)) differences.push(`"${q}": ${c.insee} out of order`);
        }
      }
    }
    assert.deepEqual(differences, []);
    assert.ok(answers > 10_000, `${answers} communes compared`);
    assert.ok(extras > 100, `${extras} communes found with typos or a département after the others`);
  });

  test('the index alone agrees with SQL at every limit for the tricky queries', async () => {
    const index = await CommuneIndex.load(server.db);
    for (const q of ['st', 's', 'saint', 'paris', '75', '13', 'l', 'la', 'mont', 'ste']) {
      for (const limit of [1, 2, 3, 7, 25, 50]) {
        const expected = await sqlSearch(server.db, q, limit);
        const found = index.search(q, limit);
        assert.deepEqual(found.slice(0, expected.length), expected, `"${q}" limit ${limit}`);
        assert.equal(index.searchJson(q, limit), await list.serialize({ items: found, count: found.length }));
      }
    }
  });

  test('a commune code resolves as it did in SQL: current, arrondissement, former and Corsican ones', async () => {
    const index = await CommuneIndex.load(server.db);
    const codes = await server.db
      .selectFrom('communes')
      .select(['insee', 'kind'])
      .where(sql<boolean>`(cast(substr(insee, 4, 2) as integer) % 37) = 0`)
      .execute();
    assert.ok(
      codes.some((c) => c.kind === 'former'),
      'former communes sampled',
    );
    for (const insee of [...codes.map((c) => c.insee), '2A004', '2B033', '75112', '13201', '48095', '00000', '2C004']) {
      assert.deepEqual(index.get(insee), await findCommune(server.db, insee), insee);
    }
  });

  test('a former commune is still a search origin (sites?commune=)', async () => {
    const former = await server.db
      .selectFrom('communes')
      .select(['insee', 'name'])
      .where('kind', '=', 'former')
      .where('lat', 'is not', null)
      .orderBy('insee')
      .executeTakeFirstOrThrow();
    const body = await json<{ origin: { commune: { insee: string; name: string } } }>(
      await server.get(`/api/v1/sites?commune=${former.insee}&limit=1`),
    );
    assert.deepEqual(body.origin.commune, { insee: former.insee, name: former.name });
  });
});

describe('the commune index on made-up communes: long runs, many namesakes', () => {
  /** The order the search promises, by brute force: exact names, then by population, name, INSEE code. */
  function bruteForce(rows: CommuneTable[], q: string, limit: number): string[] {
    const variants = searchNameVariants(q);
    const articles = ['', 'le ', 'la ', 'les ', 'l '];
    return rows
      .filter((r) => variants.some((v) => articles.some((a) => r.search_name.startsWith(a + v))))
      .sort(
        (a, b) =>
          Number(!variants.includes(a.search_name)) - Number(!variants.includes(b.search_name)) ||
          (b.population ?? 0) - (a.population ?? 0) ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
          (a.insee < b.insee ? -1 : 1),
      )
      .slice(0, limit)
      .map((r) => r.insee);
  }

  test('the listed best places of long runs give the answers of reading every key', () => {
    const rows: CommuneTable[] = [];
    const add = (name: string, population: number | null) =>
      rows.push({
        insee: String(10000 + rows.length),
        name,
        search_name: searchName(name),
        kind: rows.length % 11 === 0 ? 'arrondissement' : 'commune',
        parent_insee: null,
        department: '01',
        region: null,
        population,
        lat: null,
        lon: null,
      });
    // 150 namesakes "Saint", the most populated: they fill the listed best places of "s", "sa"… "saint".
    for (let i = 0; i < 150; i++) add('Saint', 100_000 + i);
    for (let i = 0; i < 400; i++) add(`Saint-${String.fromCharCode(97 + (i % 26))}${i}`, (i * 7919) % 5000);
    for (let i = 0; i < 300; i++)
      add(`${i % 3 === 0 ? 'Le ' : i % 3 === 1 ? "L'" : ''}Sa${i % 7}-${i}`, i % 4 === 0 ? null : (i * 31) % 900);
    for (let i = 0; i < 200; i++) add(`St-Ex${i}`, i);
    add('Former', 1);
    rows.at(-1)!.kind = 'former';
    const searchable = rows.filter((r) => r.kind !== 'former');
    // The lists as built for real, tiny lists (the runs read after them), and no list at all.
    for (const options of [{}, { listedRun: 4, listedPlaces: 3 }, { listedRun: 20, listedPlaces: 12 }, { listedRun: 1e9 }]) {
      const index = new CommuneIndex(rows, [], options);
      for (const q of [
        's',
        'sa',
        'sai',
        'saint',
        'saint ',
        'saint a',
        'st',
        'st e',
        'sa1',
        'sa1 1',
        'le s',
        "l'sa",
        'l',
        'le',
        'ex',
        'zz',
      ]) {
        for (const limit of [1, 5, 10, 49, 50]) {
          // The names it starts, then (room left) names with typos: never one of the first.
          const expected = bruteForce(searchable, q, limit);
          const found = index.search(q, limit).map((c) => c.insee);
          assert.deepEqual(found.slice(0, expected.length), expected, `"${q}" limit ${limit} ${JSON.stringify(options)}`);
          const starting = new Set(bruteForce(searchable, q, Infinity));
          for (const insee of found.slice(expected.length)) assert.ok(!starting.has(insee), `"${q}": ${insee} twice`);
        }
      }
    }
  });
});

describe('the commune index after a re-import', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ FS_CATALOGUE_REFRESH_SECONDS: '1' });
  });

  after(async () => {
    await server?.close();
  });

  test('is rebuilt with the catalogue: a commune that lost its centroid is answered so within seconds', async () => {
    const mende = async () => (await json<CommuneList>(await server.get('/api/v1/communes?q=mende&limit=1'))).items[0]!;
    assert.equal((await mende()).insee, '48095');
    assert.ok((await mende()).location);
    assert.equal((await server.get('/api/v1/sites?commune=48095&limit=1')).status, 200);
    // The La Poste base without Mende's lines: Mende keeps its name and postcode, not its centroid.
    const lines = readFileSync(POSTCODES_FILE, 'utf8').split('\n');
    const withoutMende = lines.filter((line) => !line.startsWith('48095;'));
    assert.ok(withoutMende.length < lines.length);
    const postcodesFile = join(server.dir, 'postcodes-without-mende.csv');
    writeFileSync(postcodesFile, withoutMende.join('\n'));
    await importData(server.db, { postcodesFile });
    const deadline = Date.now() + 10_000;
    while ((await mende()).location !== null) {
      assert.ok(Date.now() < deadline, 'the index was not rebuilt within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual((await mende()).postcodes, ['48000']);
    await expectProblem(await server.get('/api/v1/sites?commune=48095&limit=1'), 422);
  });
});
