/**
 * The kiosk page (`/borne.html?site=<id>`) in Chromium: without a site in its address it says
 * what to add to it, in the page's own words (not the widget's « attribut site-id »), and passes
 * axe; with one, the widget gets it; its « Plein écran » button is gone while the screen is full,
 * whether the page asked for it or the browser is in full screen itself. The widgets' code is not
 * needed for this: not built here (the widget's own tests are in packages/satisfaction).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import { launchBrowser, openTab, startWidgetServer } from '../../configurator/test/town-hall-host.js';
import type { RunningServer } from '../src/server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let dir: string;
let server: RunningServer;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-kiosk-page-'));
  mkdirSync(join(dir, 'dist'));
  server = await startWidgetServer(dir, join(dir, 'dist'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('without ?site= the kiosk page says what to add to its address, with an example and where to find the identifier', async () => {
  const tab = await openTab(browser, { isolated: true, viewport: { width: 390, height: 800 } });
  try {
    await tab.page.goto(`${server.url}/borne.html`, { waitUntil: 'load' });
    const shown = await tab.page.$eval('#reglage', (el) => !(el as HTMLElement).hidden && el.getBoundingClientRect().height > 0);
    assert.ok(shown, 'the setup message is shown');
    const text = await tab.page.$eval('#reglage', (el) => el.textContent!.replace(/\s+/g, ' ').trim());
    assert.match(text, /Ajoutez à l’adresse de cette page \?site= suivi de l’identifiant de votre France services/);
    assert.match(text, /par exemple \/borne\.html\?site=2983/);
    assert.doesNotMatch(text, /attribut/);
    assert.equal(await tab.page.$('fs-satisfaction'), null, 'no widget asking for its attribute');
    assert.equal(await tab.page.$eval('#plein-ecran', (el) => (el as HTMLElement).hidden), true, 'no full-screen button yet');
    assert.deepEqual(tab.violations, []);
    await tab.page.setBypassCSP(true);
    await tab.page.reload({ waitUntil: 'load' });
    await tab.page.addScriptTag({ path: AXE });
    const violations = await tab.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string }> }> } }).axe;
      return (await axe.run(document)).violations.map((v) => v.id);
    });
    assert.deepEqual(violations, []);
  } finally {
    await tab.close();
  }
});

test('with ?site=2983 the widget gets the site and the setup message stays hidden', async () => {
  const tab = await openTab(browser, { isolated: true });
  try {
    await tab.page.goto(`${server.url}/borne.html?site=2983&suivi=1`, { waitUntil: 'load' });
    assert.equal(await tab.page.$eval('fs-satisfaction', (el) => el.getAttribute('site-id')), '2983');
    assert.equal(await tab.page.$eval('fs-satisfaction', (el) => el.hasAttribute('ask-resolved')), true);
    assert.equal(await tab.page.$eval('#reglage', (el) => (el as HTMLElement).hidden), true);
  } finally {
    await tab.close();
  }
});

test('« Plein écran » hides once the page is in full screen (the public must not see it) and comes back when leaving it', async () => {
  const tab = await openTab(browser, { isolated: true, viewport: { width: 1280, height: 800 } });
  try {
    await tab.page.goto(`${server.url}/borne.html?site=2983`, { waitUntil: 'load' });
    const shown = () => tab.page.$eval('#plein-ecran', (el) => !(el as HTMLElement).hidden && el.getBoundingClientRect().height > 0);
    assert.equal(await tab.page.evaluate(() => document.fullscreenEnabled), true, 'this Chromium offers the Fullscreen API');
    assert.equal(await shown(), true, 'offered before full screen');

    // The real Fullscreen API: a real click (a user gesture) on the button.
    await tab.page.click('#plein-ecran');
    await tab.page.waitForFunction(() => document.fullscreenElement === document.documentElement);
    await tab.page.waitForFunction(() => (document.getElementById('plein-ecran') as HTMLElement).hidden, { timeout: 5000 });
    assert.equal(await shown(), false, 'hidden in full screen');

    await tab.page.evaluate(() => document.exitFullscreen());
    await tab.page.waitForFunction(() => document.fullscreenElement === null);
    await tab.page.waitForFunction(() => !(document.getElementById('plein-ecran') as HTMLElement).hidden, { timeout: 5000 });
    assert.equal(await shown(), true, 'offered again after leaving full screen');
  } finally {
    await tab.close();
  }
});

test('« Plein écran » hides too when the browser itself is in full screen (F11, a kiosk browser), and comes back when it leaves it', async () => {
  const tab = await openTab(browser, { isolated: true, viewport: { width: 1280, height: 800 } });
  const cdp = await tab.page.createCDPSession();
  const { windowId } = await cdp.send('Browser.getWindowForTarget');
  try {
    await tab.page.goto(`${server.url}/borne.html?site=2983`, { waitUntil: 'load' });
    const hidden = () => tab.page.$eval('#plein-ecran', (el) => (el as HTMLElement).hidden);
    assert.equal(await hidden(), false, 'offered in a normal window');

    // The browser's own full screen, as F11 or `chromium --kiosk` give: no element is in full
    // screen for the page (document.fullscreenElement stays null), the display mode changes.
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
    await tab.page.waitForFunction(() => matchMedia('(display-mode: fullscreen)').matches);
    assert.equal(await tab.page.evaluate(() => document.fullscreenElement), null);
    await tab.page.waitForFunction(() => (document.getElementById('plein-ecran') as HTMLElement).hidden, { timeout: 5000 });

    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
    await tab.page.waitForFunction(() => !matchMedia('(display-mode: fullscreen)').matches);
    await tab.page.waitForFunction(() => !(document.getElementById('plein-ecran') as HTMLElement).hidden, { timeout: 5000 });
  } finally {
    await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } }).catch(() => {});
    await tab.close();
  }
});
