/**
 * `/s/<id>`: the short public page of a site, what the poster prints and encodes in its QR code.
 * Its HTML (title, description, the card, the way there, the locator on the commune, the pinned
 * loader), its strict policy, and the French pages for an unknown site (404) and for what is no
 * site number (400). The widgets come from a fixture build, as in embed.test.ts: no build step.
 * And the poster's own embed page, whose QR code leads there: its logo's origin allowed.
 * The page in Chromium with the real widgets: site-page-in-browser.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TILE_ORIGINS } from '@fs-widgets/contract/embed';
import { readConfig } from '../src/config.js';
import { VERSION, startServer, type RunningServer } from '../src/server.js';
import { makeTempDir, removeTempDir } from './test-server.js';

const LOADER = '// fixture loader\n';

/** The card and the locator as `cem analyze` declares them, reduced to what the routes read. */
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
            { name: 'no-url-state', type: { text: 'boolean' }, default: 'false' },
            { name: 'tiles', type: { text: "'osm' | 'ign-plan'" }, default: "'osm'" },
            { name: 'tile-url', type: { text: 'string' }, default: "''" },
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
          attributes: [{ name: 'site-id', type: { text: 'string' }, default: "''" }],
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
          attributes: [
            { name: 'site-id', type: { text: 'string' }, default: "''" },
            { name: 'logo', type: { text: 'string' }, default: "''" },
            { name: 'logo-alt', type: { text: 'string' }, default: "''" },
          ],
        },
      ],
    },
  ],
};

const sha384 = (bytes: string) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** The policy the page must carry: the embed pages' strict one, the locator's tiles, framed by this server only. */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src 'self' ${TILE_ORIGINS.osm}`,
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

let dir: string;
let server: RunningServer;
const get = (path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

before(async () => {
  dir = makeTempDir();
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'chunks'), { recursive: true });
  writeFileSync(join(dist, 'fs-widgets.js'), LOADER);
  writeFileSync(join(dist, 'embed-frame.js'), '/* fixture frame */\n');
  for (const chunk of ['site-card-AbC123.js', 'core-XyZ789.js', 'site-locator-Def456.js', 'booking-Ghi012.js'])
    writeFileSync(join(dist, 'chunks', chunk), '');
  writeFileSync(
    join(dist, 'widget-chunks.json'),
    JSON.stringify({
      'fs-site-card': ['chunks/site-card-AbC123.js', 'chunks/core-XyZ789.js'],
      'fs-site-locator': ['chunks/site-locator-Def456.js', 'chunks/core-XyZ789.js'],
      'fs-booking': ['chunks/booking-Ghi012.js', 'chunks/core-XyZ789.js'],
    }),
  );
  const manifest = join(dir, 'custom-elements.json');
  writeFileSync(manifest, JSON.stringify(MANIFEST));
  const config = readConfig({ PORT: '0', FS_SQLITE_PATH: join(dir, 'fs.db'), LOG_LEVEL: 'silent' });
  server = await startServer(config, {
    logger: false,
    widgets: { distDir: dist, manifestPath: manifest, archiveDir: join(dir, 'archive') },
  });
});

after(async () => {
  await server?.close();
  removeTempDir(dir);
});

/** The text of an HTML fragment, tags dropped and spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('/s/<id>, a site’s public page', () => {
  test('200: French, titled and described with the site’s name and address, the card, the way there and the locator on its commune', async () => {
    const res = await get('/s/2983');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    const html = await res.text();
    assert.match(html, /^<!doctype html>\n<html lang="fr">/);
    assert.match(html, /<title>France services de Mende — horaires, adresse et itinéraire<\/title>/);
    const description = /<meta name="description" content="([^"]+)" \/>/.exec(html)?.[1];
    assert.equal(
      description,
      'France services de Mende, Rue du Faubourg Montbel, préfecture, 48000 Mende : horaires d’ouverture, téléphone, itinéraire, et les autres France services autour de Mende.',
    );
    // A public page: search engines may list it (the embed pages are noindex).
    assert.match(html, /<meta name="robots" content="index, follow" \/>/);
    assert.match(html, /<h1 class="visually-hidden">France services de Mende<\/h1>/);
    assert.match(html, /<fs-site-card site-id="2983">[\s\S]*Chargement…[\s\S]*<\/fs-site-card>/);
    // The locator on the site's commune, its address left alone (the page's address is the one printed).
    assert.match(html, /<div class="site-page-around">\s*<fs-site-locator commune="48095" no-url-state>[\s\S]*<\/fs-site-locator>/);
    // Directions to the site's point on OpenStreetMap, the start left to the visitor.
    const way = /<section class="site-page-way"[\s\S]*?<\/section>/.exec(html)![0];
    assert.equal(
      text(way),
      'Comment y aller Rue du Faubourg Montbel, préfecture, 48000 Mende Voir l’itinéraire sur la carte OpenStreetMap',
    );
    assert.match(
      way,
      /<a class="site-page-directions" href="https:\/\/www\.openstreetmap\.org\/directions\?route=%3B44\.\d{6}%2C3\.\d{6}">/,
    );
    // The pinned loader of the release, the card's and the locator's chunks preloaded once each, both style sheets; nothing inline.
    assert.deepEqual(html.match(/<script\b[^>]*>/g), [
      `<script type="module" src="/widgets/v${VERSION}/fs-widgets.js" integrity="${sha384(LOADER)}" crossorigin="anonymous">`,
    ]);
    assert.deepEqual(
      html.match(/<link rel="modulepreload" href="[^"]+"/g)?.map((l) => l.replace(/.*\/chunks\//, '').replace('"', '')),
      ['site-card-AbC123.js', 'core-XyZ789.js', 'site-locator-Def456.js'],
    );
    assert.match(html, /<link rel="stylesheet" href="\/embed-page.css" \/>\s*<link rel="stylesheet" href="\/site-page.css" \/>/);
    assert.doesNotMatch(html, /\sstyle=|<style|<script>/);
    const css = await get('/site-page.css');
    assert.equal(css.status, 200);
    assert.match(await css.text(), /\.site-page-directions/);
  });

  test('served under the strict policy of the embed pages, with the locator’s tiles, framed by this server only', async () => {
    const res = await get('/s/2983');
    assert.equal(res.headers.get('content-security-policy'), POLICY);
    assert.equal(res.headers.get('referrer-policy'), 'strict-origin-when-cross-origin');
    assert.equal(res.headers.get('x-frame-options'), null);
    // The same on the error pages.
    assert.equal((await get('/s/999999')).headers.get('content-security-policy'), POLICY);
    assert.equal((await get('/s/abc')).headers.get('content-security-policy'), POLICY);
  });

  test('query parameters (a QR reader’s, a shortener’s) change nothing', async () => {
    const plain = await (await get('/s/2983')).text();
    const res = await get('/s/2983?utm_source=affiche&site-id=1');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), plain);
  });

  test('an itinerant site: no directions to its carrier’s address, where to find it instead', async () => {
    const html = await (await get('/s/3255')).text();
    assert.match(html, /<title>France services MSA itinérante de Lozère — horaires, adresse et itinéraire<\/title>/);
    assert.match(html, /<meta name="description" content="France services MSA itinérante de Lozère \(France services itinérante\)/);
    const way = /<section class="site-page-way"[\s\S]*?<\/section>/.exec(html)![0];
    assert.match(text(way), /^Où la trouver Cette France services se déplace : ses lieux et jours de passage sont sur sa fiche/);
    assert.doesNotMatch(way, /openstreetmap/);
  });

  test('404 with a French page for an unknown site, and the locator to find one anyway', async () => {
    const res = await get('/s/999999');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const html = await res.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<title>France services introuvable<\/title>/);
    assert.match(html, /<meta name="robots" content="noindex" \/>/);
    assert.match(
      text(html),
      /France services introuvable Aucune France services ne porte le numéro 999999\. L’adresse a peut-être été mal recopiée, ou cette France services a fermé ou changé de numéro\. Trouver une France services Chargement…/,
    );
    assert.match(html, /<fs-site-locator no-url-state>/);
  });

  test('400 for what is no site number, its text escaped and shortened', async () => {
    for (const id of ['abc', '12345678901', '29 83', '-1', '2983.5']) {
      const res = await get(`/s/${encodeURIComponent(id)}`);
      assert.equal(res.status, 400, id);
      const html = await res.text();
      assert.match(html, /<title>Adresse incorrecte<\/title>/, id);
      assert.match(
        text(html),
        /n’est pas un numéro de France services\. L’adresse d’une France services se termine par son numéro, par exemple \/s\/2983/,
      );
    }
    const hostile = await get(`/s/${encodeURIComponent('<script>alert(1)</script>'.repeat(5))}`);
    assert.equal(hostile.status, 400);
    const html = await hostile.text();
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /« &lt;script&gt;alert\(1\)&lt;\/script&gt;&lt;script&gt;alert\(1… »/);
  });
});

describe('/s/<id>/rdv and /rdv/<code>, the booking pages', () => {
  test('/s/<id>/rdv: French, titled with the site, <fs-booking site-id> with its own chunks, the strict policy', async () => {
    const res = await get('/s/2983/rdv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-security-policy'), POLICY);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60');
    const html = await res.text();
    assert.match(html, /^<!doctype html>\n<html lang="fr">/);
    assert.match(html, /<title>Prendre rendez-vous — France services de Mende<\/title>/);
    assert.match(html, /<fs-booking site-id="2983">[\s\S]*Chargement…[\s\S]*<\/fs-booking>/);
    assert.deepEqual(
      html.match(/<link rel="modulepreload" href="[^"]+"/g)?.map((l) => l.replace(/.*\/chunks\//, '').replace('"', '')),
      ['booking-Ghi012.js', 'core-XyZ789.js'],
    );
    assert.doesNotMatch(html, /\sstyle=|<style|<script>|fs-site-locator/);
    assert.equal((await get('/s/999999/rdv')).status, 404);
    assert.equal((await get('/s/abc/rdv')).status, 400);
  });

  test('/rdv/<code>: <fs-booking code>, the code escaped and cut, never cached, no referrer', async () => {
    const res = await get('/rdv/7K3M-9P2Q-RT5');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('content-security-policy'), POLICY);
    const html = await res.text();
    assert.match(html, /<title>Mon rendez-vous France services<\/title>/);
    assert.match(html, /<fs-booking code="7K3M-9P2Q-RT5">/);
    const hostile = await (await get(`/rdv/${encodeURIComponent('"><script>x</script>')}${'A'.repeat(60)}`)).text();
    assert.match(hostile, /<fs-booking code="&quot;&gt;&lt;script&gt;x&lt;\/script&gt;A{20}">/);
  });
});

describe('/embed/fs-poster, the page that prints the poster', () => {
  test('a logo of the town hall’s own site is allowed as an image by the page’s policy, nothing more', async () => {
    const res = await get(
      `/embed/fs-poster?site-id=2983&logo=${encodeURIComponent('https://www.mende.fr/images/logo.png')}&logo-alt=Mende`,
    );
    assert.equal(res.status, 200);
    const policy = res.headers.get('content-security-policy') ?? '';
    assert.match(policy, /(^|; )img-src 'self' https:\/\/www\.mende\.fr(;|$)/);
    assert.match(policy, /(^|; )connect-src 'self'(;|$)/);
    assert.match(await res.text(), /<fs-poster site-id="2983" logo="https:\/\/www\.mende\.fr\/images\/logo\.png" logo-alt="Mende">/);
    // Without a logo, or with one on this server: images from this server only.
    for (const query of ['site-id=2983', 'site-id=2983&logo=%2Flogo.png']) {
      const plain = await get(`/embed/fs-poster?${query}`);
      assert.match(plain.headers.get('content-security-policy') ?? '', /(^|; )img-src 'self'(;|$)/, query);
    }
  });
});
