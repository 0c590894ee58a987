#!/usr/bin/env node
/**
 * The screenshots of docs/guide-secretaires.md, taken from the real configurator: starts the
 * real server (from source, on a fresh database with the real data, on a free port), drives
 * /configurateur in Debian's Chromium as a secretary would (mouse and keyboard), pastes the
 * snippet into a plain town-hall page, and writes cropped PNGs to docs/guide/img/.
 *
 *   npm run guide:screenshots      (builds the widgets and the manifest first)
 *
 * Chromium: $CHROME_PATH, else /usr/bin/chromium (see scripts/test/chromium.mjs). Requests to
 * other origins (map tiles) are refused, so the pictures never depend on the network.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium, freePort } from '../test/chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'docs/guide/img');
const WIDTH = 1280;

if (!existsSync(join(ROOT, 'packages/embed/dist/fs-widgets.js')) || !existsSync(join(ROOT, 'custom-elements.json'))) {
  console.error('Build the widgets and the manifest first: npm run build:js && npm run analyze (npm run guide:screenshots does both).');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'fs-guide-'));
const port = await freePort();
// Readable names in the pictures (the browser maps them to the local servers; `.example` is reserved).
const WIDGETS_HOST = 'widgets.france-services.example';
const TOWN_HOST = 'www.mairie-de-mende.example';
const origin = `http://${WIDGETS_HOST}`;
const server = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', 'packages/server/src/main.ts'], {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    FS_SQLITE_PATH: join(dir, 'fs.db'),
    FS_WIDGETS_ARCHIVE: join(dir, 'widgets'),
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});

/** A plain town-hall page, on its own origin, where the copied code is pasted. */
let pasted = '';
const townHall = createServer((req, res) => {
  if (req.url === '/favicon.ico') return res.writeHead(204).end();
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'self'; style-src 'unsafe-inline'; script-src ${origin}; connect-src ${origin}; img-src 'self' https://tile.openstreetmap.org`,
  });
  res.end(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie de Mende — France services</title>
<style>body{margin:0;font-family:Georgia,serif;background:#fbfaf7;color:#222}header{background:#5a2d4f;color:#fff;padding:1rem 2rem}
header p{margin:0;font-size:1.4rem;font-weight:bold}main{max-width:60rem;margin:0 auto;padding:1.5rem 2rem}h1{margin:0 0 1rem}</style></head>
<body><header><p>Mairie de Mende</p></header><main><h1>France services : vos démarches près de chez vous</h1>
<p>Besoin d’aide pour une démarche administrative ? Voici la France services la plus proche.</p>
${pasted}</main></body></html>`);
});
await new Promise((resolve) => townHall.listen(0, '127.0.0.1', resolve));
const townOrigin = `http://${TOWN_HOST}`;

let browser;
try {
  await waitForServer();
  browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=MAP ${WIDGETS_HOST} 127.0.0.1:${port}, MAP ${TOWN_HOST} 127.0.0.1:${townHall.address().port}`,
      '--disable-features=HttpsUpgrades',
    ],
  });
  const page = await browser.newPage();
  await page.setViewport({ width: WIDTH, height: 900, deviceScaleFactor: 1 });
  await onlyOurOrigins(page);
  mkdirSync(OUT, { recursive: true });

  await page.goto(`${origin}/configurateur`, { waitUntil: 'load' });
  await deep(page, 'fs-configurator >>> input[name="widget"]');
  await settle(page);
  await capture(page, '01-choisir-le-widget', ['h1', 'fs-configurator >>> fieldset.step']);

  await (await deep(page, 'fs-configurator >>> input[name="widget"][value="fs-site-card"]')).click();
  await (await deep(page, 'fs-configurator >>> fs-commune-search >>> input')).click();
  await page.keyboard.type('Mende', { delay: 40 });
  await deep(page, 'fs-configurator >>> fs-commune-search >>> [role="option"]');
  await page.keyboard.press('ArrowDown');
  await settle(page);
  await capture(page, '02-taper-la-commune', ['fs-configurator >>> fieldset.step:nth-of-type(2)'], { extraBelow: 240 });
  await page.keyboard.press('Enter');
  await deep(page, 'fs-configurator >>> input[name="site"]:checked');
  await settle(page);
  await capture(page, '03-choisir-la-france-services', ['fs-configurator >>> fieldset.step:nth-of-type(2)']);

  await shows(page, 'fs-configurator > [slot="preview"] > fs-site-card', 'France services de Mende');
  await capture(page, '04-verifier-l-apercu', ['fs-configurator >>> section.step[aria-labelledby="preview-title"]']);

  // A postcode shared by several communes, typed and Enter pressed: the configurator asks which one.
  {
    const ask = await browser.newPage();
    await ask.setViewport({ width: WIDTH, height: 900, deviceScaleFactor: 1 });
    await onlyOurOrigins(ask);
    await ask.goto(`${origin}/configurateur`, { waitUntil: 'load' });
    await (await deep(ask, 'fs-configurator >>> input[name="widget"][value="fs-site-card"]')).click();
    await (await deep(ask, 'fs-configurator >>> fs-commune-search >>> input')).click();
    await ask.keyboard.type('16700', { delay: 40 });
    await deep(ask, 'fs-configurator >>> fs-commune-search >>> [role="option"]');
    await ask.keyboard.press('Enter');
    await deep(ask, 'fs-configurator >>> .place-choices button');
    await settle(ask);
    await capture(ask, '02-bis-code-postal-partage', ['fs-configurator >>> fieldset.step:nth-of-type(2)']);
    await ask.close();
  }

  await (await deep(page, 'fs-configurator >>> #script-copy')).click();
  await deep(page, 'fs-configurator >>> [data-variant="script"][data-status]');
  await settle(page);
  await capture(page, '05-copier-le-code', ['fs-configurator >>> #code-title', 'fs-configurator >>> [data-variant="script"]']);
  await capture(page, '06-code-iframe', ['fs-configurator >>> [data-variant="iframe"]']);
  await capture(page, '07-note-technique', ['fs-configurator >>> [data-variant="note"]']);

  // The code pasted into the town hall's page: the result the secretary checks.
  pasted = await page.evaluate(() => document.querySelector('fs-configurator').shadowRoot.querySelector('#script-code').value);
  const town = await browser.newPage();
  await town.setViewport({ width: WIDTH, height: 900, deviceScaleFactor: 1 });
  await town.goto(townOrigin, { waitUntil: 'load' });
  await shows(town, 'main > fs-site-card', 'France services de Mende');
  await capture(town, '08-resultat-sur-le-site', ['header', 'main > fs-site-card']);
  await town.close();

  // The communication kit: the banner and the poster, as the configurator previews them.
  for (const [tag, name, text] of [
    ['fs-banner', '09-bandeau', 'France services de Mende'],
    ['fs-poster', '10-affiche', 'France services de Mende'],
  ]) {
    await page.goto(
      `${origin}/configurateur?widget=${tag}&insee=48095&lieu=Mende+%2848000%29&commune=48095${tag === 'fs-poster' ? '&site-id=2983' : ''}`,
      { waitUntil: 'load' },
    );
    try {
      await shows(page, `fs-configurator > [slot="preview"] > ${tag}`, text, 15_000);
      await capture(
        page,
        name,
        ['fs-configurator >>> fieldset.step:nth-of-type(1) .widgets', 'fs-configurator >>> section.step[aria-labelledby="preview-title"]'],
        { only: 1 },
      );
    } catch (err) {
      console.warn(`skipped ${name}: <${tag}> did not show in the preview (${err.message})`);
    }
  }
  console.log(`Screenshots written to ${OUT}`);
} finally {
  await browser?.close();
  townHall.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}

/** Refuses requests to other origins (map tiles): the pictures never depend on the network. */
async function onlyOurOrigins(page) {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === origin || url.origin === townOrigin || url.protocol === 'data:') void request.continue();
    else void request.abort('blockedbyclient');
  });
}

async function waitForServer() {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/meta`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error('the server did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An element through shadow roots, once visible (polling: shadow mutations are not observed). */
async function deep(page, selector, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await page.$(selector);
    if (found && (await found.isVisible())) return found;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function shows(page, selector, text, timeout = 20_000) {
  await page.waitForFunction(
    (s, t) => (document.querySelector(s)?.shadowRoot?.textContent ?? '').includes(t),
    { timeout, polling: 100 },
    selector,
    text,
  );
  await settle(page);
}

async function settle(page) {
  await page.evaluate(() => document.fonts.ready);
  await new Promise((r) => setTimeout(r, 400));
}

/**
 * Writes the part of the page that holds `selectors` (their union), with a margin, at most
 * 1280 px wide. `extraBelow` keeps room under them (an open list of suggestions);
 * `only` keeps the last N selectors' union.
 */
async function capture(page, name, selectors, { extraBelow = 0, only } = {}) {
  const boxes = [];
  for (const selector of only ? selectors.slice(-only) : selectors) {
    const element = await deep(page, selector);
    // In the document's coordinates, whatever the scroll.
    boxes.push(
      await element.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return { x: r.x + window.scrollX, y: r.y + window.scrollY, width: r.width, height: r.height };
      }),
    );
  }
  const margin = 16;
  const x = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
  const y = Math.max(0, Math.min(...boxes.map((b) => b.y)) - margin);
  const right = Math.min(WIDTH, Math.max(...boxes.map((b) => b.x + b.width)) + margin);
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin + extraBelow;
  const png = await page.screenshot({
    type: 'png',
    captureBeyondViewport: true,
    clip: { x, y, width: right - x, height: bottom - y },
  });
  writeFileSync(join(OUT, `${name}.png`), png);
  console.log(`${name}.png  ${Math.round(right - x)} × ${Math.round(bottom - y)}  ${(png.length / 1024).toFixed(0)} KB`);
}
