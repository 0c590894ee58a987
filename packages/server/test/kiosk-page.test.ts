/**
 * The kiosk page (`/borne.html?site=<id>`) in Chromium: without a site in its address it says
 * what to add to it, in the page's own words (not the widget's « attribut site-id »), and passes
 * axe; with one, the widget gets it. The widgets' code is not needed for this: not built here.
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
