/**
 * A site's public page (`/s/2983`, what the poster's QR code opens) in Chromium, served by the
 * real server with the real widgets (the embed bundle built here with the repository's Rollup
 * configuration, about 8 s): the card shows the site, the way there links to OpenStreetMap's
 * directions, the locator lists the sites around its commune; no CSP violation, no error, axe
 * clean, at a phone's width and a desktop's. The unknown site's page shows the locator too.
 * Set FS_E2E_ARTIFACTS=<dir> to keep screenshots.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { RollupOptions } from 'rollup';
import { embedBundle, frameScripts } from '../../../rollup.config.mjs';
import { ARTIFACTS, buildWidgets, launchBrowser, openTab, startWidgetServer } from '../../configurator/test/town-hall-host.js';
import type { RunningServer } from '../src/server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let dir: string;
let server: RunningServer;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-site-page-'));
  const dist = join(dir, 'dist');
  mkdirSync(dist);
  await buildWidgets(dist, [embedBundle, ...frameScripts] as RollupOptions[]);
  server = await startWidgetServer(dir, dist);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The page's own requests go to the server; map tiles and anything else are refused (the machine has no network). */
async function onlyOwnOrigin(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const done = new URL(request.url()).origin === server.url ? request.continue() : request.abort('blockedbyclient');
    done.catch(() => {});
  });
}

/** Waits for a widget's shadow root to hold `text` (its code fetched by the loader, its data by the API). */
async function shows(page: Page, tag: string, text: string): Promise<void> {
  await page.waitForFunction(
    (t, x) => (document.querySelector(t)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(x),
    { timeout: 20_000, polling: 100 },
    tag,
    text,
  );
}

/** axe on the whole page, shadow roots included (the policy bypassed for axe's own script only). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.setBypassCSP(true);
  await page.reload({ waitUntil: 'load' });
  await shows(page, 'fs-site-locator', 'France services');
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } })
      .axe;
    return (await axe.run(document)).violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}

for (const width of [390, 1280]) {
  test(`/s/2983 at ${width} px: the card, the way there and the locator around Mende; no CSP violation, axe clean`, async () => {
    const tab = await openTab(browser, { isolated: true, viewport: { width, height: 900 } });
    try {
      await onlyOwnOrigin(tab.page);
      const res = await tab.page.goto(`${server.url}/s/2983`, { waitUntil: 'load' });
      assert.equal(res?.status(), 200);
      assert.equal(await tab.page.title(), 'France services de Mende — horaires, adresse et itinéraire');
      assert.equal(await tab.page.$eval('html', (el) => el.lang), 'fr');
      // The card: the site's name, its phone, its week.
      await shows(tab.page, 'fs-site-card', '04 66 49 67 13');
      const card = await tab.page.$eval('fs-site-card', (el) => el.shadowRoot!.textContent!.replace(/\s+/g, ' '));
      assert.match(card, /France services de Mende/);
      assert.match(card, /Rue du Faubourg Montbel/);
      // The locator on Mende's commune: the sites around, Mende first.
      await shows(tab.page, 'fs-site-locator', 'France services de Monts-de-Randon');
      const first = await tab.page.$eval('fs-site-locator', (el) => el.shadowRoot!.querySelector('.result')?.textContent ?? '');
      assert.match(first, /France services de Mende/);
      // The way there: a link to OpenStreetMap's directions to the site, reached with the keyboard, its focus visible.
      const href = await tab.page.$eval('a.site-page-directions', (a) => (a as HTMLAnchorElement).href);
      assert.match(href, /^https:\/\/www\.openstreetmap\.org\/directions\?route=%3B44\.\d+%2C3\.\d+$/);
      await tab.page.focus('a.site-page-directions');
      const focus = await tab.page.$eval('a.site-page-directions', (a) => ({
        visible: a.matches(':focus-visible'),
        outline: getComputedStyle(a).outlineStyle,
      }));
      assert.deepEqual(focus, { visible: true, outline: 'solid' });
      // The placeholders are gone once the widgets are defined.
      assert.equal(
        await tab.page.$$eval('.embed-placeholder', (els) => els.filter((el) => (el as HTMLElement).offsetHeight > 0).length),
        0,
      );
      // Side by side on a desktop, one under the other on a phone.
      const [cardBox, locatorBox] = await Promise.all([tab.page.$('fs-site-card'), tab.page.$('fs-site-locator')]).then((els) =>
        Promise.all(els.map((el) => el!.boundingBox())),
      );
      if (width >= 1024) assert.ok(locatorBox!.x > cardBox!.x + cardBox!.width, 'the locator beside the card');
      else assert.ok(locatorBox!.y > cardBox!.y + cardBox!.height, 'the locator under the card');
      if (ARTIFACTS) writeFileSync(join(ARTIFACTS, `site-page-${width}.png`), await tab.page.screenshot({ fullPage: true }));
      assert.deepEqual(tab.violations, []);
      assert.deepEqual(tab.errors, []);
      assert.deepEqual(await axeViolations(tab.page), []);
    } finally {
      await tab.close();
    }
  });
}

test('/s/999999: « France services introuvable » with the locator to find one; axe clean', async () => {
  const tab = await openTab(browser, { isolated: true, viewport: { width: 390, height: 900 } });
  try {
    await onlyOwnOrigin(tab.page);
    const res = await tab.page.goto(`${server.url}/s/999999`, { waitUntil: 'load' });
    assert.equal(res?.status(), 404);
    assert.equal(await tab.page.$eval('h1', (h) => h.textContent), 'France services introuvable');
    await shows(tab.page, 'fs-site-locator', 'Trouver une France services');
    assert.deepEqual(tab.violations, []);
    // The 404 of the document itself is the one error the console reports.
    assert.deepEqual(
      tab.errors.filter((e) => !/status of 404/.test(e)),
      [],
    );
    assert.deepEqual(await axeViolations(tab.page), []);
  } finally {
    await tab.close();
  }
});
