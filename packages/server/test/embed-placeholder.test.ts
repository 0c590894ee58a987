/**
 * The embed page's placeholder in Chromium, with the real build of the widgets and the real
 * server: shown at once and accessible (axe) while the widget's code is on its way, then gone,
 * for the eyes and for screen readers, once the widget renders; and a framed page keeps the
 * height its host gave it while the placeholder shows.
 *
 * The widgets are built into a temporary folder with the repository's Rollup configuration
 * (about 8 s), as the end-to-end tests of the configurator do (their helpers are shared).
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page, SerializedAXNode } from 'puppeteer-core';
import { EMBED_WIDGETS } from '@fs-widgets/contract/embed';
import type { RollupOptions } from 'rollup';
import { embedBundle, frameScripts } from '../../../rollup.config.mjs';
import { buildWidgets, launchBrowser, openTab, startWidgetServer } from '../../configurator/test/town-hall-host.js';
import type { RunningServer } from '../src/server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let dir: string;
let server: RunningServer;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-embed-placeholder-'));
  const dist = join(dir, 'dist');
  await buildWidgets(dist, [embedBundle, ...frameScripts] as RollupOptions[]);
  server = await startWidgetServer(dir, dist);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Holds back the loader (`fs-widgets.js`): the page stays as the server wrote it, as on a slow network. */
async function withoutLoader(page: Page): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    void (request.url().endsWith('/fs-widgets.js') ? request.abort() : request.continue());
  });
}

/** The accessibility tree's names (what a screen reader reads), in order. */
async function spoken(page: Page): Promise<string[]> {
  const names: string[] = [];
  const walk = (node: SerializedAXNode | null) => {
    if (!node) return;
    if (node.name && node.role !== 'RootWebArea') names.push(`${node.role}: ${node.name}`);
    for (const child of node.children ?? []) walk(child);
  };
  walk(await page.accessibility.snapshot({ interestingOnly: true }));
  return names;
}

test('before its code arrives: the widget’s name, the place and « Chargement… », visible, read once, and axe finds nothing', async () => {
  const tab = await openTab(browser, { isolated: true });
  try {
    const { page } = tab;
    await page.setBypassCSP(true); // for axe only, injected after the page's own checks below
    await withoutLoader(page);
    const response = await page.goto(`${server.url}/embed/fs-site-locator?commune=48095`, { waitUntil: 'load' });
    assert.match(response?.headers()['content-security-policy'] ?? '', /style-src 'self'/);
    const box = await page.$eval('.embed-placeholder', (el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return { width: r.width, height: r.height, border: style.borderTopWidth, font: style.fontFamily };
    });
    assert.ok(box.width > 200 && box.height > 60, `the placeholder is a visible box: ${JSON.stringify(box)}`);
    assert.equal(box.border, '1px', 'styled by embed-page.css');
    const names = await spoken(page);
    assert.deepEqual(
      names.filter((n) => /Trouver|Chargement/.test(n)),
      ['heading: Trouver une France services — Mende', 'StaticText: Chargement…'],
      names.join('\n'),
    );
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string }> }> } }).axe;
      return (await axe.run(document)).violations.map((v) => v.id);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(tab.violations, []);
  } finally {
    await tab.close();
  }
});

test('once the widget renders: the placeholder has no box and is not in the accessibility tree', async () => {
  const tab = await openTab(browser, { isolated: true });
  try {
    const { page } = tab;
    await page.goto(`${server.url}/embed/fs-site-card?site-id=2983`, { waitUntil: 'load' });
    await page.waitForFunction(() => !!document.querySelector('fs-site-card')?.shadowRoot?.querySelector('[part="name"]'), {
      timeout: 20_000,
      polling: 100,
    });
    const rects = await page.$eval('.embed-placeholder', (el) => el.getClientRects().length);
    assert.equal(rects, 0, 'the placeholder is not rendered');
    const names = await spoken(page);
    assert.ok(!names.some((n) => n.includes('Chargement')), names.join('\n'));
    assert.deepEqual(
      names.filter((n) => n.includes('Votre France services')),
      ['heading: Votre France services — France services de Mende'],
      'the widget’s name is read once, by the page’s heading',
    );
    assert.ok(names.includes('heading: France services de Mende'), names.join('\n'));
    assert.deepEqual(tab.violations, []);
    assert.deepEqual(tab.errors, []);
  } finally {
    await tab.close();
  }
});

test('no public widget shows its placeholder once defined (none renders its children in a slot)', async () => {
  const tab = await openTab(browser, { isolated: true });
  try {
    const { page } = tab;
    for (const tag of Object.keys(EMBED_WIDGETS)) {
      await page.goto(`${server.url}/embed/${tag}`, { waitUntil: 'load' });
      const rects = await page.evaluate(async (t) => {
        await customElements.whenDefined(t);
        await (document.querySelector(t) as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
        return document.querySelector('.embed-placeholder')!.getClientRects().length;
      }, tag);
      assert.equal(rects, 0, `<${tag}> does not show the placeholder`);
    }
  } finally {
    await tab.close();
  }
});

test('a framed embed page does not resize its frame to the placeholder', async () => {
  const tab = await openTab(browser, { isolated: true });
  try {
    const { page } = tab;
    await withoutLoader(page);
    // A page of the same origin frames the embed page (interception then reaches the frame too).
    await page.goto(`${server.url}/embed-page.css`);
    await page.evaluate((src) => {
      const heights: number[] = [];
      (window as unknown as { heights: number[] }).heights = heights;
      window.addEventListener('message', (event) => {
        if ((event.data as { type?: string })?.type === 'fs-widgets:frame-height') heights.push((event.data as { height: number }).height);
      });
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.height = '720';
      document.body.append(frame);
    }, `${server.url}/embed/fs-site-card?site-id=2983`);
    const frame = await (await page.waitForSelector('iframe'))!.contentFrame();
    await frame.waitForSelector('.embed-placeholder');
    await frame.waitForFunction(() => document.readyState === 'complete');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.ok(await frame.$eval('.embed-placeholder', (el) => el.getBoundingClientRect().height > 60), 'the placeholder shows');
    assert.deepEqual(await page.evaluate(() => (window as unknown as { heights: number[] }).heights), []);
  } finally {
    await tab.close();
  }
});
