import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Meta } from '@fs-widgets/contract';
import { SITES_IN_LIST, json, startTestServer, type TestServer } from './test-server.js';

describe('meta and OpenAPI', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });

  after(async () => {
    await server?.close();
  });

  test('GET /api/v1/meta gives the counts, the four sources and their attribution', async () => {
    const res = await server.get('/api/v1/meta', { headers: { Origin: 'https://www.example.org' } });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/);
    const meta = await json<Meta>(res);
    assert.equal(meta.name, 'France services widgets');
    assert.equal(meta.api_version, 'v1');
    assert.match(meta.version, /^\d+\.\d+\.\d+/);
    assert.equal(meta.counts.sites, SITES_IN_LIST);
    assert.ok(meta.counts.communes > 34_000 && meta.counts.communes < 36_000, `${meta.counts.communes} communes`);
    // imported_at is the time of this server's first start.
    const importedAt = Date.parse(meta.imported_at);
    assert.ok(Number.isFinite(importedAt));
    assert.ok(Date.now() - importedAt < 10 * 60_000, meta.imported_at);

    assert.equal(meta.sources.length, 4);
    for (const source of meta.sources) {
      assert.ok(source.attribution.trim().length > 0, `attribution of ${source.id}`);
      assert.ok(source.licence.trim().length > 0, `licence of ${source.id}`);
      assert.match(source.licence_url, /^https:\/\//);
      assert.match(source.date, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(source.records > 0, `records of ${source.id}`);
      assert.equal('file' in source, false, 'no internal file name');
    }
    const [anct, laPoste, cog, stops] = meta.sources;
    assert.equal(anct!.id, 'anct-france-services');
    assert.equal(anct!.attribution, 'ANCT — Liste des structures France services, 01/08/2024');
    assert.equal(anct!.licence, 'Licence Ouverte / Etalab 2.0');
    assert.equal(anct!.date, '2024-08-01');
    assert.equal(anct!.records, SITES_IN_LIST);
    assert.equal(laPoste!.id, 'laposte-codes-postaux');
    assert.equal(laPoste!.licence, 'ODbL 1.0');
    assert.match(laPoste!.attribution, /La Poste/);
    const postcodes = await server.db
      .selectFrom('commune_postcodes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(laPoste!.records, Number(postcodes.n));
    assert.equal(cog!.id, 'etalab-decoupage-administratif');
    assert.equal(cog!.records, meta.counts.communes);
    assert.equal(stops!.id, 'inclusion-numerique-bus-france-services-charente');
    assert.equal(
      stops!.attribution,
      "Cartographie nationale des lieux d'inclusion numérique — Bus France services en Charente, 03/10/2023",
    );
    assert.equal(stops!.licence, 'Licence Ouverte / Etalab 2.0');
    assert.equal(stops!.date, '2023-10-03');
    assert.equal(stops!.records, 12);
  });

  test('GET /api/openapi.json documents the API in OpenAPI 3.1', async () => {
    const doc = await json<{
      openapi: string;
      info: { title: string; version: string };
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown> }>>;
    }>(await server.get('/api/openapi.json'));
    assert.match(doc.openapi, /^3\.1/);
    assert.equal(doc.info.title, 'France services widgets API');
    for (const path of ['/api/v1/sites', '/api/v1/sites/{id}', '/api/v1/communes', '/api/v1/meta']) {
      assert.ok(doc.paths[path]?.get, `GET ${path} is documented`);
      assert.ok(doc.paths[path].get.responses['200'], `200 of ${path}`);
    }
    const siteParams = doc.paths['/api/v1/sites']!.get!.parameters!.map((p) => `${p.in}:${p.name}`).sort();
    assert.deepEqual(siteParams, [
      'query:at',
      'query:commune',
      'query:kind',
      'query:limit',
      'query:near',
      'query:offer',
      'query:open_now',
      'query:radius',
      'query:saturday',
    ]);
    assert.deepEqual(
      doc.paths['/api/v1/sites/{id}']!.get!.parameters!.map((p) => `${p.in}:${p.name}`),
      ['path:id'],
    );
    assert.ok(doc.paths['/api/v1/sites']!.get!.responses['400']);
    assert.ok(doc.paths['/api/v1/communes']!.get!.parameters!.some((p) => p.name === 'q' && p.in === 'query'));
    // The hidden route of the document itself is not listed.
    assert.equal(doc.paths['/api/openapi.json'], undefined);
  });

  test('GET /api/docs answers the documentation page', async () => {
    const res = await server.get('/api/docs', { redirect: 'manual' });
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location') ?? '';
      assert.match(location, /docs|static\/index\.html/);
      await res.arrayBuffer();
      const page = await fetch(new URL(location, `${server.url}/api/docs`));
      assert.equal(page.status, 200);
      assert.match(await page.text(), /swagger/i);
    } else {
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await res.text(), /swagger/i);
    }
  });
});
