/**
 * The loader asks for a widget's first answer with its code, when the attributes alone decide
 * it, and the widget then takes that answer: one request on the network per URL, sent before the
 * widget's code has run. In Chromium, with the real build of the widgets, the real server and a
 * town hall's page on another origin under a strict policy (the configurator's end-to-end helpers).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { RollupOptions } from 'rollup';
import { embedBundle } from '../../../rollup.config.mjs';
import {
  buildWidgets,
  deep,
  launchBrowser,
  openTab,
  startHost,
  startWidgetServer,
  type HostServer,
} from '../../configurator/test/town-hall-host.js';
import type { RunningServer } from '../../server/src/server.js';

let dir: string;
let server: RunningServer;
let host: HostServer;
let browser: Browser;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-first-request-'));
  const dist = join(dir, 'dist');
  await buildWidgets(dist, [embedBundle] as RollupOptions[]);
  server = await startWidgetServer(dir, dist);
  host = await startHost();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const CSP = (widgets: string) =>
  `default-src 'self'; script-src 'self' ${widgets}; style-src 'self'; connect-src ${widgets}; img-src 'self' data:`;

interface Seen {
  url: string;
  start: number;
  end: number;
  fromPreload: boolean;
}

/** Opens `body` on the host's origin and records every request to the widgets' server. */
async function open(path: string, body: string, search = '') {
  host.page(
    path,
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Mairie</title>
<script type="module" src="${server.url}/widgets/fs-widgets.js"></script></head><body><main>${body}</main></body></html>`,
    CSP(server.url),
  );
  const tab = await openTab(browser, { isolated: true });
  const cdp = await tab.page.createCDPSession();
  await cdp.send('Network.enable');
  const seen = new Map<string, Seen>();
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.request.url.startsWith(server.url))
      seen.set(e.requestId, { url: e.request.url, start: e.timestamp, end: Infinity, fromPreload: false });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = seen.get(e.requestId);
    if (r) r.end = e.timestamp;
  });
  await tab.page.goto(`${host.origin}${path}${search}`);
  return { tab, seen };
}

test('a card and a locator on a commune: their first answers leave with the code, once each, and the widgets show them', async () => {
  const { tab, seen } = await open(
    '/mairie.html',
    '<fs-site-card site-id="2983"></fs-site-card><fs-site-locator commune="48095"></fs-site-locator>',
  );
  try {
    await deep(tab.page, 'fs-site-card >>> [part="name"]');
    await deep(tab.page, 'fs-site-locator >>> li.result');
    const requests = [...seen.values()];
    const site = requests.filter((r) => r.url === `${server.url}/api/v1/sites/2983`);
    const nearest = requests.filter((r) => r.url === `${server.url}/api/v1/sites?commune=48095&limit=10`);
    assert.equal(site.length, 1, 'one request for the site');
    assert.equal(nearest.length, 1, 'one request for the nearest sites');
    // Sent before the widgets' own code had arrived: with it, not after it.
    const cardCode = requests.find((r) => /\/chunks\/site-card-[\w-]+\.js$/.test(r.url))!;
    const locatorCode = requests.find((r) => /\/chunks\/site-locator-[\w-]+\.js$/.test(r.url))!;
    assert.ok(site[0]!.start < cardCode.end, 'the site asked for before the card’s code arrived');
    assert.ok(nearest[0]!.start < locatorCode.end, 'the nearest sites asked for before the locator’s code arrived');
    const preloads = await tab.page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.map((l) => (l as HTMLLinkElement).href));
    assert.deepEqual(preloads.sort(), [`${server.url}/api/v1/sites/2983`, `${server.url}/api/v1/sites?commune=48095&limit=10`]);
    assert.deepEqual(tab.violations, []);
  } finally {
    await tab.close();
  }
});

test('a page address of its own (not a locator’s state) does not stop the preload; the embed page gets it too', async () => {
  const { tab, seen } = await open(
    '/mairie-query.html',
    '<fs-site-locator commune="48095" view="list"></fs-site-locator>',
    '?page=contact',
  );
  try {
    await deep(tab.page, 'fs-site-locator >>> li.result');
    assert.equal([...seen.values()].filter((r) => r.url === `${server.url}/api/v1/sites?commune=48095&limit=10`).length, 1);
    assert.equal(await tab.page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.length), 1);
  } finally {
    await tab.close();
  }
  const embed = await openTab(browser, { isolated: true });
  try {
    await embed.page.goto(`${server.url}/embed/fs-site-locator?commune=48095`);
    await deep(embed.page, 'fs-site-locator >>> li.result');
    const preloads = await embed.page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.map((l) => (l as HTMLLinkElement).href));
    assert.deepEqual(preloads, [`${server.url}/api/v1/sites?commune=48095&limit=10`]);
  } finally {
    await embed.close();
  }
});

test('nothing is preloaded when something else may decide the request: a radius, a position, a shared link’s state', async () => {
  const { tab, seen } = await open(
    '/autres.html',
    [
      '<fs-site-locator commune="48095" radius="20"></fs-site-locator>',
      '<fs-site-locator lat="44.5" lon="3.5"></fs-site-locator>',
      '<fs-site-card site-id="not-an-id"></fs-site-card>',
    ].join(''),
  );
  try {
    await deep(tab.page, 'fs-site-locator >>> li.result');
    assert.equal(await tab.page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.length), 0);
    // Each widget still asks for what it needs itself.
    assert.ok([...seen.values()].some((r) => r.url.includes('/api/v1/sites?commune=48095') && r.url.includes('radius=20')));
  } finally {
    await tab.close();
  }
  const shared = await open('/partage.html', '<fs-site-locator commune="48095"></fs-site-locator>', '?fsl-commune=75056');
  try {
    await deep(shared.tab.page, 'fs-site-locator >>> li.result');
    assert.equal(await shared.tab.page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.length), 0);
  } finally {
    await shared.tab.close();
  }
});

test('a booking widget: what can be booked and the site leave with the code, once each; with a booking code, nothing is preloaded', async () => {
  const { tab, seen } = await open('/rendez-vous.html', '<fs-booking site-id="2983"></fs-booking>');
  try {
    // Mende's agents have not switched online booking on in this server: the widget says so,
    // with the site's phone, from both answers.
    await deep(tab.page, 'fs-booking >>> a[href^="tel:"]');
    const requests = [...seen.values()];
    const booking = requests.filter((r) => r.url === `${server.url}/api/v1/sites/2983/booking`);
    const site = requests.filter((r) => r.url === `${server.url}/api/v1/sites/2983`);
    assert.equal(booking.length, 1, 'one request for what can be booked');
    assert.equal(site.length, 1, 'one request for the site');
    const bookingCode = requests.find((r) => /\/chunks\/booking-[\w-]+\.js$/.test(r.url));
    assert.ok(bookingCode, `the booking's chunk among ${requests.map((r) => r.url).join(', ')}`);
    assert.ok(booking[0]!.start < bookingCode.end, 'what can be booked asked for before the booking’s code arrived');
    assert.ok(site[0]!.start < bookingCode.end, 'the site asked for before the booking’s code arrived');
    const preloads = await tab.page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.map((l) => (l as HTMLLinkElement).href));
    assert.deepEqual(preloads.sort(), [`${server.url}/api/v1/sites/2983`, `${server.url}/api/v1/sites/2983/booking`]);
    assert.deepEqual(tab.violations, []);
  } finally {
    await tab.close();
  }
  for (const [path, body, search] of [
    ['/rdv-code.html', '<fs-booking site-id="2983" code="AAAA-AAAA-AAA"></fs-booking>', ''],
    ['/rdv-lien.html', '<fs-booking site-id="2983"></fs-booking>', '?fs-rdv=AAAA-AAAA-AAA'],
  ] as const) {
    const withCode = await open(path, body, search);
    try {
      await deep(withCode.tab.page, 'fs-booking >>> [part="base"]');
      assert.equal(await withCode.tab.page.$$eval('link[rel="preload"][as="fetch"]', (links) => links.length), 0, `${path}${search}`);
    } finally {
      await withCode.tab.close();
    }
  }
});
