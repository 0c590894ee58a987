/**
 * Issue 16, end to end: a closure an agent publishes from the site's intranet (a town hall's
 * page of another origin, `<fs-closure-editor>` signed in with the site's token) shows on the
 * site's card (`/s/<id>`) and on its poster (`/embed/fs-poster`) in another browser that had
 * them open already, within the lifetime of the public copies (`Cache-Control: max-age=60` on
 * the site's data: docs/architecture.md). The real widgets' build, the real server on the real
 * data, Debian's Chromium; each party in a browser context of its own (no cache or storage shared).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import type { RollupOptions } from 'rollup';
import { embedBundle, frameScripts } from '../../../rollup.config.mjs';
import {
  buildWidgets,
  launchBrowser,
  openTab,
  startHost,
  startWidgetServer,
  type HostServer,
  type Tab,
} from '../../configurator/test/town-hall-host.js';
import { createToken } from '../../server/src/auth/tokens.js';
import type { RunningServer } from '../../server/src/server.js';

const SITE = '2983';
const SITE_NAME = 'France services de Mende';
/** The lifetime of the public copies of a site's data (SITE_DATA_CACHE), and how often the visitor reloads. */
const LIFETIME_S = 60;
const RELOAD_EVERY_MS = 5_000;

let dir: string;
let widgets: RunningServer;
let host: HostServer;
let browser: Browser;
let token: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-closure-browsers-'));
  const dist = join(dir, 'dist');
  await buildWidgets(dist, [embedBundle, ...frameScripts] as RollupOptions[]);
  widgets = await startWidgetServer(dir, dist);
  host = await startHost();
  browser = await launchBrowser();
  token = (await createToken(widgets.db, { role: 'agent', siteId: SITE, label: 'Accueil' })).token;
});

after(async () => {
  await browser?.close();
  await host?.close();
  await widgets?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Today in Paris, `YYYY-MM-DD`. */
const parisToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/**
 * The page's text, shadow roots included. (Evaluated as a string: the functions tsx compiles
 * carry a `__name` helper the page does not have.)
 */
const DEEP_TEXT = `(() => {
  const parts = [document.body.textContent || ''];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { parts.push(el.shadowRoot.textContent || ''); visit(el.shadowRoot); }
    }
  };
  visit(document);
  return parts.join(' ').replace(/\\s+/g, ' ');
})()`;
const deepText = (page: Page) => page.evaluate(DEEP_TEXT) as Promise<string>;

async function waitForText(page: Page, text: string, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await deepText(page)).includes(text)) {
    if (Date.now() > deadline) assert.fail(`« ${text} » never showed on ${page.url()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** An element inside shadow roots, by a CSS selector applied in each root. */
function inShadow(page: Page, selector: string) {
  return page.waitForFunction(
    `(() => {
      const find = (root) => {
        const hit = root.querySelector(${JSON.stringify(selector)});
        if (hit) return hit;
        for (const el of root.querySelectorAll('*')) {
          const inner = el.shadowRoot && find(el.shadowRoot);
          if (inner) return inner;
        }
        return null;
      };
      return find(document);
    })()`,
    { timeout: 20_000, polling: 100 },
  );
}

test('a closure published on the intranet shows on the card and the poster of another browser within the cache’s lifetime', async () => {
  const visitorTabs: Tab[] = [];
  let intranet: Tab | undefined;
  try {
    // The visitor's browser has the site's page and the poster open before anything is published.
    const card = await openTab(browser, { isolated: true, timezone: 'Europe/Paris' });
    const poster = await openTab(browser, { isolated: true, timezone: 'Europe/Paris' });
    visitorTabs.push(card, poster);
    const sitePage = await card.page.goto(`${widgets.url}/s/${SITE}`, { waitUntil: 'load' });
    await waitForText(card.page, SITE_NAME);
    await poster.page.goto(`${widgets.url}/embed/fs-poster?site-id=${SITE}`, { waitUntil: 'load' });
    await waitForText(poster.page, SITE_NAME);
    assert.ok(!(await deepText(card.page)).includes('Fermé exceptionnellement'));
    assert.ok(!(await deepText(poster.page)).includes('Fermé exceptionnellement'));
    const siteData = await fetch(`${widgets.url}/api/v1/sites/${SITE}`);
    assert.equal(siteData.headers.get('cache-control'), `public, max-age=${LIFETIME_S}`);
    assert.match(sitePage?.headers()['cache-control'] ?? '', new RegExp(`max-age=${LIFETIME_S}\\b`));

    // The agent, on the town hall's intranet (another origin), publishes today's closure.
    host.page(
      '/intranet.html',
      `<!doctype html><html lang="fr"><head><meta charset="utf-8" /><title>Intranet — France services de Mende</title>
      <script type="module" src="${widgets.url}/widgets/fs-widgets.js"></script></head>
      <body><main><h1>Intranet</h1><fs-closure-editor site-id="${SITE}"></fs-closure-editor></main></body></html>`,
      null,
    );
    intranet = await openTab(browser, {
      isolated: true,
      timezone: 'Europe/Paris',
      init: [`localStorage.setItem(${JSON.stringify(`fs-widgets:demarches:token:${SITE}`)}, ${JSON.stringify(token)});`],
    });
    const { page } = intranet;
    await page.goto(`${host.origin}/intranet.html`, { waitUntil: 'load' });
    await ((await inShadow(page, '#add')).asElement() as ElementHandle<Element>).click();
    const today = parisToday();
    await inShadow(page, '#ce-reason');
    await page.evaluate(`(() => {
      const root = document.querySelector('fs-closure-editor').shadowRoot;
      const set = (id, value) => {
        const input = root.querySelector('#' + id);
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      };
      root.querySelector('input[name="range"][value="day"]')?.click();
      root.querySelector('input[name="closed"][value="closed"]')?.click();
      set('ce-starts-on', ${JSON.stringify(today)});
      set('ce-reason', 'Formation');
    })()`);
    await ((await inShadow(page, 'button[type="submit"]')).asElement() as ElementHandle<Element>).click();
    await waitForText(page, 'Fermé exceptionnellement');
    const published = Date.now();
    const stored = (await (await fetch(`${widgets.url}/api/v1/sites/${SITE}/exceptions`)).json()) as {
      items: Array<{ starts_on: string; closed: boolean; reason: string }>;
    };
    assert.deepEqual(
      stored.items.map(({ starts_on, closed, reason }) => ({ starts_on, closed, reason })),
      [{ starts_on: today, closed: true, reason: 'Formation' }],
    );

    // The visitor reloads now and then: the closure shows within the lifetime of what they kept.
    const seen: Record<string, number> = {};
    for (const [name, tab] of [
      ['card', card],
      ['poster', poster],
    ] as const) {
      for (;;) {
        await tab.page.reload({ waitUntil: 'load' });
        await waitForText(tab.page, SITE_NAME);
        // The widget's answer may take a moment after the page itself.
        await new Promise((r) => setTimeout(r, 500));
        if ((await deepText(tab.page)).includes('Fermé exceptionnellement')) break;
        const waited = (Date.now() - published) / 1000;
        assert.ok(waited <= LIFETIME_S + RELOAD_EVERY_MS / 1000, `${name}: still without the closure ${waited.toFixed(0)} s after it`);
        await new Promise((r) => setTimeout(r, RELOAD_EVERY_MS));
      }
      seen[name] = Math.round((Date.now() - published) / 1000);
      assert.match(await deepText(tab.page), /Fermé exceptionnellement[^.]*\(formation\)/i);
    }
    console.log(`closure seen by the other browser after: card ${seen.card} s, poster ${seen.poster} s (lifetime ${LIFETIME_S} s)`);
    for (const tab of [card, poster, intranet]) {
      assert.deepEqual(tab.violations, [], 'no CSP violation');
    }
  } finally {
    for (const tab of visitorTabs) await tab.close();
    await intranet?.close();
  }
});
