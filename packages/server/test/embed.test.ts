/**
 * The embedding routes: `/embed/<tag>` pages (escaping, 404, 400, their framable strict policy),
 * the versioned widgets (`/widgets/v<version>/`, immutable) and their integrity, the manifest,
 * the configurator's page.
 *
 * The widgets come from a fixture folder written here (a loader, the resize script, a chunk)
 * and a fixture manifest, not from `packages/embed/dist/`: these tests check the server's
 * handling of whatever build it is given, so they need no build step, run in a few seconds,
 * and cannot be broken by a build someone is running meanwhile. The real build is exercised by
 * the end-to-end test (packages/configurator/test/snippet-in-host-page.e2e.ts).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EMBED_WIDGETS } from '@fs-widgets/contract/embed';
import { readConfig } from '../src/config.js';
import { readReleaseVersion } from '../src/embed/release-version.js';
import { loadWordPressPlugin } from '../src/embed/wordpress-plugin.js';
import { unzip, zip } from '../src/http/zip.js';
import { VERSION, startServer, type RunningServer } from '../src/server.js';
import { makeTempDir, removeTempDir } from './test-server.js';

const LOADER = '// fixture loader\nimport("./chunks/site-card-AbC123.js");\n';
const RESIZE = '/* fixture resize */\n';

/** A manifest as `cem analyze` writes it, reduced to what the embed routes read. */
const MANIFEST = {
  schemaVersion: '1.0.0',
  modules: [
    {
      kind: 'javascript-module',
      path: 'packages/site-locator/src/site-locator/site-locator.component.ts',
      declarations: [
        {
          kind: 'class',
          name: 'FsSiteLocator',
          customElement: true,
          tagName: 'fs-site-locator',
          attributes: [
            { name: 'commune', type: { text: 'string' }, default: "''" },
            { name: 'limit', type: { text: 'number' }, default: '10' },
            { name: 'view', type: { text: "'list' | 'map' | 'split'" }, default: "'list'" },
            { name: 'no-url-state', type: { text: 'boolean' }, default: 'false' },
            { name: 'tiles', type: { text: "'osm' | 'ign-plan'" }, default: "'osm'" },
            { name: 'tile-url', type: { text: 'string' }, default: "''" },
            { name: 'geocoder', type: { text: 'string' }, default: "''" },
            { name: 'api', type: { text: 'string' }, default: "''" },
            { name: 'theme', type: { text: "'light' | 'auto'" }, default: "'light'" },
          ],
        },
      ],
    },
    {
      kind: 'javascript-module',
      path: 'packages/site-locator/src/site-card/site-card.component.ts',
      declarations: [
        {
          kind: 'class',
          name: 'FsSiteCard',
          customElement: true,
          tagName: 'fs-site-card',
          attributes: [
            { name: 'site-id', type: { text: 'string' }, default: "''" },
            { name: 'heading-level', type: { text: 'number' }, default: '2' },
            { name: 'api', type: { text: 'string' }, default: "''" },
          ],
        },
      ],
    },
    {
      kind: 'javascript-module',
      path: 'packages/kit/src/poster/poster.component.ts',
      declarations: [
        {
          kind: 'class',
          name: 'FsPoster',
          customElement: true,
          tagName: 'fs-poster',
          attributes: [{ name: 'site-id', type: { text: 'string' }, default: "''" }],
        },
      ],
    },
    {
      kind: 'javascript-module',
      path: 'packages/demarches/src/demarche-log/demarche-log.component.ts',
      declarations: [
        {
          kind: 'class',
          name: 'FsDemarcheLog',
          customElement: true,
          tagName: 'fs-demarche-log',
          attributes: [{ name: 'site-id', type: { text: 'string' } }],
        },
      ],
    },
  ],
};

const PLUGIN_FILES = [
  {
    name: 'france-services-widgets/france-services-widgets.php',
    data: '<?php\n/**\n * Plugin Name: France services — widgets\n * Version: 0.1.0\n */\n',
  },
  { name: 'france-services-widgets/readme.txt', data: '=== France services — widgets ===\n' },
];

const sha384 = (bytes: string | Buffer) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

interface Fixture {
  dir: string;
  dist: string;
  archive: string;
  manifest: string;
  server: RunningServer;
  get(path: string, init?: RequestInit): Promise<Response>;
}

async function startWithFixtures(prepare?: (f: Omit<Fixture, 'server' | 'get'>) => void): Promise<Fixture> {
  const dir = makeTempDir();
  const dist = join(dir, 'dist');
  const archive = join(dir, 'archive');
  const manifest = join(dir, 'custom-elements.json');
  mkdirSync(join(dist, 'chunks'), { recursive: true });
  writeFileSync(join(dist, 'fs-widgets.js'), LOADER);
  writeFileSync(join(dist, 'fs-iframe-resize.js'), RESIZE);
  writeFileSync(join(dist, 'embed-frame.js'), '/* fixture frame */\n');
  writeFileSync(join(dist, 'chunks', 'site-card-AbC123.js'), 'export {};\n');
  writeFileSync(join(dist, 'chunks', 'core-XyZ789.js'), 'export {};\n');
  // What the build writes beside the loader: each widget's chunks (one entry is not a chunk path: ignored).
  writeFileSync(
    join(dist, 'widget-chunks.json'),
    JSON.stringify({
      'fs-site-card': ['chunks/site-card-AbC123.js', 'chunks/core-XyZ789.js'],
      'fs-site-locator': ['../../etc/passwd'],
    }),
  );
  writeFileSync(manifest, JSON.stringify(MANIFEST));
  // The WordPress plugin's zip as `npm run build:wordpress` writes it (its shape: the folder, the main file's header).
  writeFileSync(join(dir, 'france-services-widgets.zip'), zip(PLUGIN_FILES));
  prepare?.({ dir, dist, archive, manifest });
  const config = readConfig({ PORT: '0', FS_SQLITE_PATH: join(dir, 'fs.db'), LOG_LEVEL: 'silent' });
  const server = await startServer(config, {
    logger: false,
    widgets: { distDir: dist, manifestPath: manifest, archiveDir: archive, wordpressZip: join(dir, 'france-services-widgets.zip') },
  });
  return { dir, dist, archive, manifest, server, get: (path, init) => fetch(`${server.url}${path}`, { redirect: 'manual', ...init }) };
}

async function stop(f: Fixture | undefined): Promise<void> {
  try {
    await f?.server.close();
  } finally {
    removeTempDir(f?.dir);
  }
}

/** Every `<script` of a page, as written. */
const scriptsOf = (html: string) => html.match(/<script\b[^>]*>/gi) ?? [];

describe('embed pages and versioned widgets', () => {
  let f: Fixture;
  before(async () => {
    f = await startWithFixtures();
  });
  after(() => stop(f));

  test('/embed/<tag> renders the widget alone with the query’s attributes, a title naming the widget and the place, and the pinned loader', async () => {
    const res = await f.get('/embed/fs-site-locator?commune=48095&view=map&no-url-state');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<title>Trouver une France services — Mende<\/title>/);
    assert.match(html, /<main>[\s\S]*<fs-site-locator commune="48095" view="map" no-url-state>[\s\S]*<\/fs-site-locator>\s*<\/main>/);
    assert.match(html, /<h1 class="visually-hidden">Trouver une France services — Mende<\/h1>/);
    assert.deepEqual(scriptsOf(html), [
      `<script type="module" src="/widgets/v${VERSION}/fs-widgets.js" integrity="${sha384(LOADER)}" crossorigin="anonymous">`,
      `<script src="/widgets/v${VERSION}/embed-frame.js" defer>`,
    ]);
    assert.match(html, /<link rel="stylesheet" href="\/embed-page.css" \/>/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=300');
    // widget-chunks.json names a path outside the chunks for this widget: nothing preloaded.
    assert.doesNotMatch(html, /modulepreload/);
  });

  test('an embed page preloads its widget’s chunks with the loader, from the same release', async () => {
    const html = await (await f.get('/embed/fs-site-card?site-id=2983')).text();
    const preloads = html.match(/<link rel="modulepreload"[^>]*>/g) ?? [];
    assert.deepEqual(preloads, [
      `<link rel="modulepreload" href="/widgets/v${VERSION}/chunks/site-card-AbC123.js" />`,
      `<link rel="modulepreload" href="/widgets/v${VERSION}/chunks/core-XyZ789.js" />`,
    ]);
    // In the head, after the loader: fetched together, in the page's first round trip.
    const head = html.slice(0, html.indexOf('</head>'));
    assert.ok(head.indexOf('fs-widgets.js') < head.indexOf('modulepreload'));
    for (const link of preloads) {
      const href = /href="([^"]+)"/.exec(link)![1]!;
      assert.equal((await f.get(href)).status, 200, href);
    }
  });

  test('until its code arrives the page shows, inside the element, the widget’s name, the place and « Chargement… », styled by a file', async () => {
    const html = await (await f.get('/embed/fs-site-locator?commune=48095')).text();
    const inside = /<fs-site-locator commune="48095">([\s\S]*)<\/fs-site-locator>/.exec(html)?.[1] ?? '';
    const text = (fragment: string) =>
      fragment
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    assert.equal(text(inside), 'Trouver une France services Mende Chargement…');
    // The name repeats the page's <h1> for the eyes only: read once, by the heading.
    assert.match(
      inside,
      /<p class="embed-placeholder-title" aria-hidden="true">Trouver une France services\s*<span class="embed-placeholder-place">Mende<\/span><\/p>/,
    );
    assert.match(inside, /<p class="embed-placeholder-status">Chargement…<\/p>/);
    assert.doesNotMatch(inside, /aria-hidden="true">[^<]*Chargement/, 'the status is read');
    // A strict policy allows no inline style: the look comes from the page's style sheet.
    assert.doesNotMatch(html, /\sstyle=|<style/);
    const css = await (await f.get('/embed-page.css')).text();
    for (const rule of ['.embed-placeholder', '.embed-placeholder-title', ':not(:defined)']) assert.ok(css.includes(rule), rule);

    // In English with lang=en; without a known place, the name alone; the text is escaped like the title.
    const en = await (await f.get('/embed/fs-site-card?site-id=2983&lang=en')).text();
    assert.match(
      en,
      /aria-hidden="true">Your France services\s*<span class="embed-placeholder-place">France services de Mende<\/span><\/p>/,
    );
    assert.match(en, /<p class="embed-placeholder-status">Loading…<\/p>/);
    const unknown = await (await f.get('/embed/fs-site-card?site-id=999999')).text();
    assert.match(unknown, /aria-hidden="true">Votre France services<\/p>/);
    const poster = await (await f.get('/embed/fs-poster?site-id=2983')).text();
    assert.match(
      poster,
      /aria-hidden="true">Affiche France services à imprimer\s*<span class="embed-placeholder-place">France services de Mende<\/span>/,
    );
  });

  test('embed pages are framable by any site, under the strict policy otherwise', async () => {
    const res = await f.get('/embed/fs-site-card?site-id=2983');
    assert.equal(res.status, 200);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    assert.deepEqual(directives.get('frame-ancestors'), ['*']);
    assert.deepEqual(directives.get('script-src'), ["'self'"]);
    assert.deepEqual(directives.get('style-src'), ["'self'"]);
    assert.deepEqual(directives.get('default-src'), ["'self'"]);
    assert.deepEqual(directives.get('object-src'), ["'none'"]);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), csp);
    assert.equal(res.headers.get('x-frame-options'), null);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await res.text(), /<title>Votre France services — France services de Mende<\/title>/);
  });

  test('a widget that can show a map allows its tiles; a geocoder is allowed to be reached', async () => {
    const osm = (await f.get('/embed/fs-site-locator?commune=48095')).headers.get('content-security-policy') ?? '';
    assert.match(osm, /img-src 'self' https:\/\/tile\.openstreetmap\.org;/);
    assert.match(osm, /connect-src 'self';/);
    const ign =
      (await f.get('/embed/fs-site-locator?tiles=ign-plan&geocoder=https%3A%2F%2Fapi-adresse.data.gouv.fr')).headers.get(
        'content-security-policy',
      ) ?? '';
    assert.match(ign, /img-src 'self' https:\/\/data\.geopf\.fr;/);
    assert.match(ign, /connect-src 'self' https:\/\/api-adresse\.data\.gouv\.fr;/);
    const card = (await f.get('/embed/fs-site-card?site-id=2983')).headers.get('content-security-policy') ?? '';
    assert.match(card, /img-src 'self';/);
  });

  test('attribute injection stays inert: values are escaped, names must be declared', async () => {
    const evil = '"><script>alert(1)</script><x a="';
    const res = await f.get(`/embed/fs-site-card?site-id=${encodeURIComponent(evil)}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.ok(html.includes('<fs-site-card site-id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;x a=&quot;">'), html);
    assert.equal(scriptsOf(html).length, 2, 'only the loader and the height script');
    assert.ok(!html.includes('<script>alert'));
    // The title holds no query text: it comes from the server's data only.
    assert.match(html, /<title>Votre France services<\/title>/);

    const single = await f.get(`/embed/fs-site-card?site-id=${encodeURIComponent("' onmouseover='alert(1)")}`);
    assert.ok((await single.text()).includes('site-id="&#39; onmouseover=&#39;alert(1)"'));

    const name = await f.get(`/embed/fs-site-card?${encodeURIComponent('"><script>alert(1)</script>')}=1`);
    assert.equal(name.status, 400);
    const page = await name.text();
    assert.ok(page.includes('<code>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>'), page);
    assert.ok(!page.includes('<script>alert'));

    const tag = await f.get(`/embed/${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    assert.equal(tag.status, 404);
    const notFound = await tag.text();
    assert.ok(!notFound.includes('<img'), notFound);
    assert.ok(notFound.includes('&lt;img src=x onerror=alert(1)&gt;'));
  });

  test('an unknown widget, or an agents’ tool, is a 404 page listing the public widgets', async () => {
    for (const path of ['/embed/fs-nothing', '/embed/fs-demarche-log?site-id=2983', '/embed/script']) {
      const res = await f.get(path);
      assert.equal(res.status, 404, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const html = await res.text();
      assert.match(html, /<h1>Widget introuvable<\/h1>/);
      assert.match(html, /<li><code>fs-site-locator<\/code>/);
      assert.ok(!html.includes('<li><code>fs-demarche-log</code>'), 'the agents’ tools are not offered');
    }
  });

  test('an unknown or bad attribute is a 400 page listing the accepted ones (never api)', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/embed/fs-site-locator?colour=red', /<code>colour<\/code> : réglage inconnu/],
      ['/embed/fs-site-locator?api=https%3A%2F%2Fevil.example%2Fapi%2Fv1', /<code>api<\/code> : réglage inconnu/],
      [
        '/embed/fs-site-locator?view=globe',
        /<code>view<\/code> : valeur refusée \(<span lang="en">must be one of list, map, split<\/span>\)/,
      ],
      ['/embed/fs-site-locator?limit=ten', /<code>limit<\/code> : valeur refusée/],
      ['/embed/fs-site-locator?no-url-state=maybe', /<code>no-url-state<\/code> : valeur refusée/],
      ['/embed/fs-site-locator?commune=48095&commune=75056', /<code>commune<\/code> : valeur refusée \(<span lang="en">given twice/],
      [`/embed/fs-site-locator?commune=${'9'.repeat(201)}`, /longer than 200 characters/],
      ['/embed/fs-site-locator?lang=de', /<code>lang<\/code> : valeur refusée/],
    ];
    for (const [path, expected] of cases) {
      const res = await f.get(path);
      assert.equal(res.status, 400, path);
      assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
      const html = await res.text();
      assert.match(html, expected, path);
      const accepted = [...html.matchAll(/<th scope="row"><code>([^<]+)<\/code><\/th>/g)].map((m) => m[1]);
      assert.deepEqual(accepted, ['commune', 'limit', 'view', 'no-url-state', 'tiles', 'tile-url', 'geocoder', 'theme', 'lang'], path);
    }
  });

  test('booleans follow the query: present, or left out when false; lang sets the page’s language', async () => {
    assert.match(
      await (await f.get('/embed/fs-site-locator?no-url-state=false')).text(),
      /<fs-site-locator>\s*<div class="embed-placeholder">/,
    );
    const en = await (await f.get('/embed/fs-site-card?site-id=2983&lang=en')).text();
    assert.match(en, /<html lang="en">/);
    assert.match(en, /<title>Your France services — France services de Mende<\/title>/);
    assert.match(en, /<fs-site-card site-id="2983">\s*<div class="embed-placeholder">/);
  });

  test('the poster’s page prints on one A4 sheet', async () => {
    const html = await (await f.get('/embed/fs-poster?site-id=2983')).text();
    assert.match(html, /<link rel="stylesheet" href="\/embed-print-a4.css" \/>/);
    assert.match(html, /<title>Affiche France services à imprimer — France services de Mende<\/title>/);
    const css = await f.get('/embed-print-a4.css');
    assert.equal(css.status, 200);
    assert.match(await css.text(), /@page\s*\{\s*size:\s*A4;/);
    assert.doesNotMatch(await (await f.get('/embed/fs-site-card?site-id=2983')).text(), /print-a4/);
  });

  test('versioned widgets are immutable and open to any origin; integrity.json is the sha384 of what is served', async () => {
    const integrity = await f.get('/widgets/integrity.json');
    assert.equal(integrity.status, 200);
    const body = (await integrity.json()) as {
      version: string;
      files: Record<string, { url: string; integrity: string }>;
      releases: string[];
    };
    assert.equal(body.version, VERSION);
    assert.deepEqual(Object.keys(body.files), ['fs-widgets.js', 'fs-iframe-resize.js']);
    for (const [file, { url, integrity: expected }] of Object.entries(body.files)) {
      assert.equal(url, `/widgets/v${VERSION}/${file}`);
      const res = await f.get(url, { headers: { origin: 'https://mairie.example' } });
      assert.equal(res.status, 200, url);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('content-type') ?? '', /javascript/);
      assert.equal(sha384(Buffer.from(await res.arrayBuffer())), expected, file);
    }
    assert.equal(body.files['fs-widgets.js']!.integrity, sha384(LOADER));
    const chunk = await f.get(`/widgets/v${VERSION}/chunks/site-card-AbC123.js`);
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    // The latest, unversioned, is revalidated rather than kept.
    const latest = await f.get('/widgets/fs-widgets.js');
    assert.equal(latest.status, 200);
    assert.doesNotMatch(latest.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await f.get('/widgets/v9.9.9/fs-widgets.js')).status, 404);
  });

  test('a versioned URL keeps its bytes when the widgets are rebuilt while the server runs', async () => {
    writeFileSync(join(f.dist, 'fs-widgets.js'), '// rebuilt without a version bump\n');
    const pinned = await f.get(`/widgets/v${VERSION}/fs-widgets.js`);
    assert.equal(await pinned.text(), LOADER);
    writeFileSync(join(f.dist, 'fs-widgets.js'), LOADER);
  });

  test('the manifest is served (gzipped when accepted) with an ETag', async () => {
    const res = await f.get('/widgets/custom-elements.json', { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(await res.json(), MANIFEST);
    const etag = res.headers.get('etag') ?? '';
    assert.match(etag, /^"/);
    assert.equal((await f.get('/widgets/custom-elements.json', { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  test('the WordPress plugin downloads set for this server: its address is the plugin’s default server', async () => {
    const res = await f.get('/wordpress/france-services-widgets.zip');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/zip');
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="france-services-widgets.zip"');
    assert.equal(res.headers.get('x-plugin-version'), '0.1.0');
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    assert.deepEqual(
      files.map((file) => file.name),
      [...PLUGIN_FILES.map((file) => file.name), 'france-services-widgets/generated/default-server.txt'],
    );
    assert.equal(files[0]!.data.toString('utf8'), PLUGIN_FILES[0]!.data);
    assert.equal(files.at(-1)!.data.toString('utf8'), `${f.server.url}\n`);
    // Reached by another name (behind a proxy, a public host name): that name is the default.
    // (fetch() may not set Host: a plain HTTP request does.)
    const named = await new Promise<{ etag: string | undefined; body: Buffer }>((resolve, reject) => {
      const request = httpGet(
        `${f.server.url}/wordpress/france-services-widgets.zip`,
        { headers: { host: 'widgets.mairie.example:8443' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ etag: response.headers.etag, body: Buffer.concat(chunks) }));
        },
      );
      request.on('error', reject);
    });
    assert.equal(unzip(named.body).at(-1)!.data.toString('utf8'), 'http://widgets.mairie.example:8443\n');
    assert.notEqual(named.etag, res.headers.get('etag'));
  });

  test('/configurateur is the configurator’s page, under the strict policy with the map tiles', async () => {
    const res = await f.get('/configurateur?widget=fs-site-card&site-id=2983');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<fs-configurator[\s>]/);
    assert.match(html, /<main id="contenu">/);
    // A WordPress site gets the plugin instead of a snippet: the page links to this server's copy.
    assert.match(html, /<a href="\/wordpress\/france-services-widgets\.zip" download>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /frame-ancestors 'self'/);
    assert.match(csp, /script-src 'self';/);
    assert.match(csp, /img-src 'self' data: https:\/\/tile\.openstreetmap\.org https:\/\/data\.geopf\.fr;/);
    assert.ok(!/unsafe-inline|unsafe-eval/.test(csp));
    const slash = await f.get('/configurateur/');
    assert.equal(slash.status, 301);
    assert.equal(slash.headers.get('location'), '/configurateur');
  });
});

describe('widget releases across upgrades', () => {
  let f: Fixture | undefined;
  after(() => stop(f));

  test('former versions kept in the archive stay served; the current one is copied there', async () => {
    const former = '// v0.0.9 loader\n';
    f = await startWithFixtures(({ archive }) => {
      mkdirSync(join(archive, 'v0.0.9'), { recursive: true });
      writeFileSync(join(archive, 'v0.0.9', 'fs-widgets.js'), former);
    });
    const old = await f.get('/widgets/v0.0.9/fs-widgets.js');
    assert.equal(old.status, 200);
    assert.equal(await old.text(), former);
    assert.equal(old.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(readFileSync(join(f.archive, `v${VERSION}`, 'fs-widgets.js'), 'utf8'), LOADER);
    assert.deepEqual(
      ((await (await f.get('/widgets/integrity.json')).json()) as { releases: string[] }).releases.sort(),
      ['0.0.9', VERSION].sort(),
    );
  });
});

describe('the WordPress plugin, not built', () => {
  let f: Fixture | undefined;
  after(() => stop(f));

  test('is a 404 problem saying how to build it; a zip that is not the plugin stops the server at start', async () => {
    f = await startWithFixtures(({ dir }) => rmSync(join(dir, 'france-services-widgets.zip')));
    const res = await f.get('/wordpress/france-services-widgets.zip');
    assert.equal(res.status, 404);
    assert.match(((await res.json()) as { detail: string }).detail, /npm run build:wordpress/);
    const other = join(f.dir, 'other.zip');
    writeFileSync(other, zip([{ name: 'something/else.php', data: '<?php\n' }]));
    assert.throws(() => loadWordPressPlugin(other), /not the WordPress plugin/);
  });
});

test('every public widget has a French title and a starting height for its frame', () => {
  for (const [tag, frame] of Object.entries(EMBED_WIDGETS)) {
    assert.ok(frame.title.length > 5 && frame.titleEn.length > 5, tag);
    assert.ok(frame.height >= 80 && frame.height <= 1400, tag);
  }
});

test('the release version is the version of @fs-widgets/embed, which changesets bumps with every package', () => {
  const embed = JSON.parse(readFileSync(new URL('../../embed/package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(VERSION, embed.version);
  const dir = makeTempDir();
  try {
    const packageJson = join(dir, 'package.json');
    writeFileSync(packageJson, JSON.stringify({ name: '@fs-widgets/embed', version: '1.4.0-rc.2' }));
    assert.equal(readReleaseVersion(packageJson), '1.4.0-rc.2');
    writeFileSync(packageJson, JSON.stringify({ name: '@fs-widgets/embed', version: '1.4' }));
    assert.throws(() => readReleaseVersion(packageJson), /"version" must be a semver version/);
  } finally {
    removeTempDir(dir);
  }
});
