#!/usr/bin/env node
/**
 * Smoke test of the built Storybook: serves `storybook-static/` on a local port, opens every
 * story of <fs-site-card> in headless Chromium and checks that the card shows the texts of its
 * state; also checks the docs page's table (from custom-elements.json) and saves a screenshot
 * of the Default story.
 *
 *   npm run build-storybook && node scripts/check-stories.mjs [screenshot.png]
 *
 * Chromium: $CHROME_PATH, else /usr/bin/chromium (Debian's; never a downloaded one).
 * Exits non-zero with the reason when something is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)), 'storybook-static');
const SCREENSHOT = process.argv[2] ?? '/tmp/story-default.png';
const PREFIX = 'site-locator-site-card--';

/** Texts each story's card must show (in its shadow root). Stories not listed must render without errors. */
const EXPECTED = {
  default: ['France services de Mende', 'Ouvert', 'ferme à'],
  'closed-with-next-opening': ['France services de Mende', 'Fermé', 'ouvre lundi à'],
  'public-holiday': ['Fermé', 'Noël'],
  bus: ['Bus France services Thiérache Sambre et Oise', 'Itinérante'],
  roaming: ['France services MSA itinérante de Lozère', 'France services itinérante'],
  overseas: ['France services Saint-Louis - Makes', 'Ouvert'],
  'with-comment': ['France services Le Moule', 'À savoir', 'msap@mairie-lemoule.fr'],
  english: ['France services de Mende', 'Open', 'Address'],
  'given-site-object': ['France services de Valserhône'],
  empty: ['Aucune France services choisie'],
  loading: ['Chargement…'],
  'not-found': ['France services introuvable', '999999'],
  'server-error': ['Affichage impossible pour le moment', 'Réessayer'],
  offline: ['Vous êtes hors ligne', 'pas encore enregistrées', 'Réessayer'],
  'offline-with-saved-copy': ['France services de Valserhône', 'Vous êtes hors ligne : informations enregistrées le'],
  'dark-theme': ['France services de Mende'],
  themed: ['France services de Mende'],
};
const REQUIRED = ['default', 'loading', 'not-found', 'server-error', 'offline'];

function fail(message) {
  console.error(`check-stories: FAILED: ${message}`);
  process.exitCode = 1;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.map': 'application/json',
};

/** A static file server for storybook-static on a free port of 127.0.0.1. */
function serve(root) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('Not found');
    }
  });
  return new Promise((ok, ko) => server.once('error', ko).listen(0, '127.0.0.1', () => ok(server)));
}

async function main() {
  if (!existsSync(join(ROOT, 'index.html')) || !existsSync(join(ROOT, 'iframe.html'))) {
    return fail(`${ROOT}/index.html not found: run \`npm run build-storybook\` first.`);
  }
  const chrome = [process.env.CHROME_PATH, '/usr/bin/chromium'].find((p) => p && existsSync(p));
  if (!chrome) return fail('no Chromium: install it (apt-get install -y chromium) or set CHROME_PATH.');

  const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8'));
  const stories = Object.values(index.entries).filter((e) => e.type === 'story' && e.id.startsWith(PREFIX));
  const ids = stories.map((e) => e.id.slice(PREFIX.length));
  for (const name of REQUIRED) if (!ids.includes(name)) fail(`story ${PREFIX}${name} is missing from index.json`);

  const server = await serve(ROOT);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: chrome,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run', '--disable-quic'],
  });
  try {
    for (const name of ids) {
      const page = await browser.newPage();
      await page.setViewport({ width: 900, height: 900 });
      const errors = [];
      page.on('pageerror', (err) => errors.push(err.message));
      const started = Date.now();
      await page.goto(`${base}/iframe.html?id=${PREFIX}${name}&viewMode=story`, { waitUntil: 'load' });
      const expected = EXPECTED[name] ?? [];
      let text = '';
      try {
        // Loading must be caught before the client's 10 s timeout turns it into an error.
        await page.waitForFunction(
          (texts) => {
            const card = document.querySelector('#storybook-root fs-site-card');
            const content = card?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
            return content.trim() !== '' && texts.every((t) => content.includes(t));
          },
          { timeout: name === 'loading' ? 8000 : 15000, polling: 100 },
          expected,
        );
      } catch {
        /* reported below with what the card shows */
      }
      text = await page.evaluate(
        () => document.querySelector('#storybook-root fs-site-card')?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '(no <fs-site-card> shadow root)',
      );
      const missing = expected.filter((t) => !text.includes(t));
      if (name === 'loading' && !(await page.$eval('#storybook-root fs-site-card', (c) => !!c.shadowRoot?.querySelector('[aria-busy="true"]')).catch(() => false))) {
        missing.push('[aria-busy="true"] skeleton');
      }
      const ms = Date.now() - started;
      if (missing.length > 0 || text === '' || errors.length > 0) {
        fail(`${name}: missing ${JSON.stringify(missing)}${errors.length ? `, page errors ${JSON.stringify(errors)}` : ''}; card shows: "${text.slice(0, 300)}"`);
      } else {
        console.log(`ok  ${name.padEnd(26)} ${String(ms).padStart(5)} ms  "${text.slice(0, 90)}…"`);
      }
      if (name === 'default') {
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
        console.log(`    screenshot: ${SCREENSHOT}`);
      }
      await page.close();
    }

    // The docs page: its table must come from the manifest (attributes, properties, CSS API).
    const page = await browser.newPage();
    await page.goto(`${base}/iframe.html?id=${PREFIX}docs&viewMode=docs`, { waitUntil: 'load' });
    const rows = ['site-id', 'heading-level', 'api', 'theme', 'lang', 'site', 'now', '--fs-color-primary', 'retry'];
    try {
      await page.waitForFunction((r) => { const t = document.querySelector('.docblock-argstable')?.textContent ?? ''; return r.every((x) => t.includes(x)); }, { timeout: 15000 }, rows);
      // Private and protected members must not be documented.
      const names = await page.$$eval('.docblock-argstable tbody tr td:first-child', (tds) => tds.map((td) => td.textContent?.trim() ?? ''));
      if (!names.includes('site-id')) fail('docs: cannot read the names of the props table');
      const leaked = names.filter((n) => ['#site', '#timer', '#client', 'clock', 'client', 'i18n'].includes(n));
      if (leaked.length) fail(`docs: private members in the table: ${leaked.join(', ')}`);
      else console.log(`ok  docs page: table has ${rows.join(', ')}`);
    } catch {
      fail(`docs: the props table lacks some of ${rows.join(', ')} (is custom-elements.json generated with the tag name?)`);
    }
    await page.close();
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
  if (!process.exitCode) console.log(`check-stories: all ${ids.length} stories OK`);
}

main().catch((err) => fail(err?.stack ?? String(err)));
