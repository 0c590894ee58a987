/**
 * What the server sends on the wire: Brotli or gzip by `Accept-Encoding`, always with `Vary`;
 * the built widgets' `.br`/`.gz` copies sent as they are; cacheable API answers compressed once
 * per ETag and kept; the caching of the widgets (immutable chunks, a short-lived loader with an
 * ETag). Requests go through `node:http`, which (unlike `fetch`) shows the bytes as sent.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { readConfig } from '../src/config.js';
import { CompressedCopies } from '../src/http/compression.js';
import { VERSION, startServer, type RunningServer } from '../src/server.js';
import { precompressed } from '../../../scripts/build/precompress.mjs';
import { createTestDatabase, makeTempDir, removeTempDir, type TestDatabase } from './test-server.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the client reads it, decoded. */
function decoded(res: Raw): string {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(res.body).toString('utf8');
  assert.equal(encoding, undefined);
  return res.body.toString('utf8');
}

const varyOf = (res: Raw) =>
  String(res.headers.vary ?? '')
    .toLowerCase()
    .split(',')
    .map((v) => v.trim());

/** A loader and a chunk as the build writes them: minified-looking code, with their `.br` and `.gz`. */
const LOADER = `// fixture loader\n${'const widgets={"fs-site-card":()=>import("./chunks/site-card-AbC123_x.js")};'.repeat(40)}\n`;
const CHUNK = `export const strings=${JSON.stringify(Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`k${i}`, `Trouver une France services n°${i}`])))};\n`;

describe('compression and caching', () => {
  let dir: string;
  let db: TestDatabase;
  let server: RunningServer;
  let base: string;
  before(async () => {
    dir = makeTempDir();
    const dist = join(dir, 'dist');
    mkdirSync(join(dist, 'chunks'), { recursive: true });
    for (const [name, text] of [
      ['fs-widgets.js', LOADER],
      ['chunks/site-card-AbC123_x.js', CHUNK],
    ] as const) {
      const bytes = Buffer.from(text);
      writeFileSync(join(dist, name), bytes);
      for (const [ext, copy] of precompressed(bytes)) writeFileSync(join(dist, name + ext), copy);
    }
    db = await createTestDatabase(dir);
    const config = readConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...db.env });
    server = await startServer(config, {
      logger: false,
      widgets: { distDir: dist, manifestPath: join(dir, 'none.json'), archiveDir: join(dir, 'archive') },
    });
    base = server.url;
  });
  after(async () => {
    try {
      await server?.close();
      await db?.drop();
    } finally {
      removeTempDir(dir);
    }
  });

  test('an API answer is sent in Brotli, else gzip, else as is, always with Vary and one content ETag per representation', async () => {
    const path = '/api/v1/sites?near=44.518,3.5&limit=10';
    const br = await raw(base, path, { 'accept-encoding': 'gzip, deflate, br' });
    const gz = await raw(base, path, { 'accept-encoding': 'gzip' });
    const plain = await raw(base, path);
    const star = await raw(base, path, { 'accept-encoding': '*' });
    assert.equal(br.status, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(star.headers['content-encoding'], 'br');
    for (const res of [br, gz, plain]) {
      assert.ok(varyOf(res).includes('accept-encoding'), `Vary: ${res.headers.vary}`);
      assert.equal(decoded(res), plain.body.toString('utf8'));
      assert.equal(Number(res.headers['content-length']), res.body.length);
    }
    assert.equal(JSON.parse(decoded(br)).items.length, 10);
    assert.ok(br.body.length < plain.body.length / 4, `${br.body.length} bytes in Brotli for ${plain.body.length}`);
    // One content, three representations: three tags, each revalidated by any of them.
    const tags = [br, gz, plain].map((r) => String(r.headers.etag));
    assert.equal(new Set(tags).size, 3);
    assert.match(tags[0]!, /-br"$/);
    assert.match(tags[1]!, /-gzip"$/);
    for (const tag of tags) {
      const again = await raw(base, path, { 'accept-encoding': 'br', 'if-none-match': tag });
      assert.equal(again.status, 304);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, tags[0]);
      assert.ok(varyOf(again).includes('accept-encoding'));
    }
  });

  test('q=0 refuses an encoding; an unknown one gets the bytes as they are', async () => {
    const path = '/api/v1/sites/2983';
    assert.equal((await raw(base, path, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding'], 'gzip');
    assert.equal((await raw(base, path, { 'accept-encoding': 'zstd' })).headers['content-encoding'], undefined);
    assert.equal((await raw(base, path, { 'accept-encoding': 'identity' })).headers['content-encoding'], undefined);
  });

  test('a small answer (under 1 KB) and an error are sent as they are', async () => {
    const problem = await raw(base, '/api/v1/sites/99999999', { 'accept-encoding': 'br, gzip' });
    assert.equal(problem.status, 404);
    assert.equal(problem.headers['content-encoding'], undefined);
    assert.equal(problem.headers['cache-control'], 'no-store');
    const small = await raw(base, '/api/v1/communes?q=zzzz', { 'accept-encoding': 'br, gzip' });
    assert.equal(small.status, 200);
    assert.ok(small.body.length < 1024);
    assert.equal(small.headers['content-encoding'], undefined);
  });

  test('the same answer is compressed once and kept, keyed by its content', () => {
    const copies = new CompressedCopies(1024 * 1024);
    const body = JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: String(i), name: 'France services de Mende' })) });
    const first = copies.get('"tag"', 'br', body);
    assert.equal(copies.get('"tag"', 'br', body), first, 'the kept copy, not a new compression');
    assert.notEqual(copies.get('"tag"', 'gzip', body), first);
    assert.equal(copies.size, 2);
    assert.equal(brotliDecompressSync(first).toString(), body);
    // Bounded: the least recently used copies go first.
    const small = new CompressedCopies(8 * first.length);
    for (let i = 0; i < 20; i++) small.get(`"t${i}"`, 'br', body.replace('Mende', `Mende ${i}`));
    assert.ok(small.size <= 8);
  });

  test('the widgets are sent as their build compressed them, chunks immutable, the loader short-lived with an ETag', async () => {
    const loader = await raw(base, '/widgets/fs-widgets.js', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(loader.status, 200);
    assert.equal(loader.headers['content-encoding'], 'br');
    assert.deepEqual(loader.body, precompressed(Buffer.from(LOADER)).find(([ext]) => ext === '.br')![1]);
    assert.match(String(loader.headers['content-type']), /javascript/);
    assert.equal(loader.headers['cache-control'], 'public, max-age=300');
    assert.ok(varyOf(loader).includes('accept-encoding'));
    assert.ok(loader.headers.etag);
    assert.equal(
      (await raw(base, '/widgets/fs-widgets.js', { 'accept-encoding': 'br', 'if-none-match': String(loader.headers.etag) })).status,
      304,
    );

    const gz = await raw(base, '/widgets/fs-widgets.js', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.body).toString(), LOADER);

    const chunk = await raw(base, '/widgets/chunks/site-card-AbC123_x.js', { 'accept-encoding': 'br' });
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(chunk.body).toString(), CHUNK);
    assert.equal(chunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    // The release kept at its version's URL is sent compressed too.
    const pinned = await raw(base, `/widgets/v${VERSION}/chunks/site-card-AbC123_x.js`, { 'accept-encoding': 'br' });
    assert.equal(pinned.status, 200);
    assert.equal(pinned.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(pinned.body).toString(), CHUNK);
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable');
    const plainChunk = await raw(base, '/widgets/chunks/site-card-AbC123_x.js');
    assert.equal(plainChunk.body.toString(), CHUNK);
    assert.equal(plainChunk.headers['cache-control'], 'public, max-age=31536000, immutable');
    // Never revalidated, so no validators on the wire.
    for (const res of [chunk, pinned, plainChunk]) {
      assert.equal(res.headers.etag, undefined);
      assert.equal(res.headers['last-modified'], undefined);
    }
  });

  test('pages are compressed per response (Brotli at a cheap quality)', async () => {
    const page = await raw(base, '/', { 'accept-encoding': 'br' });
    assert.equal(page.status, 200);
    assert.equal(page.headers['content-encoding'], 'br');
    assert.match(decoded(page), /<html lang="fr"/);
  });

  test('/favicon.ico answers 204 (no icon, no 404 in a page’s console)', async () => {
    const res = await raw(base, '/favicon.ico');
    assert.equal(res.status, 204);
    assert.equal(res.body.length, 0);
    assert.equal(res.headers['cache-control'], 'public, max-age=86400');
  });
});
