// Time from a chosen commune to 10 results rendered in <fs-site-locator>, in headless Chromium
// (Debian's, through puppeteer-core) against the real server, plus the API's own response time.
import { mkdtempSync, rmSync } from 'node:fs';
import { CHROMIUM_ARGS, findChromium } from '../test/chromium.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { median, percentile, table } from './lib.mjs';

/** The communes measured: what a person types, and the commune they then choose in the list. */
export const COMMUNES = [
  { insee: '48095', name: 'Mende', query: 'Mende' },
  { insee: '75115', name: 'Paris 15e', query: 'Paris 15' },
  { insee: '2A004', name: 'Ajaccio', query: 'Ajaccio' },
  { insee: '97411', name: 'Saint-Denis, La Réunion', query: 'Saint-Denis' },
  { insee: '16242', name: 'Nanteuil-en-Vallée', query: 'Nanteuil' },
];

/** Budgets of the median, in ms, on a 2-core machine (stated, printed OK/OVER, never failing the run). */
export const BUDGET = { cold: 500, warm: 150 };

const LIMIT = 10;

/** Debian's Chromium (see scripts/test/chromium.mjs). */
export const chromePath = findChromium;

/** The page the bench opens on the server's origin (served by request interception, not a file). */
const PAGE_PATH = '/__bench.html';
/** `api` empty: the widgets find the API from the script's URL, as on a town hall's page. */
const benchPage = (api = '') => `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>fs-site-locator bench</title>
    <script type="module" src="/widgets/fs-widgets.js"></script>
  </head>
  <body>
    <fs-site-locator limit="${LIMIT}" no-url-state${api ? ` api="${api}"` : ''}></fs-site-locator>
  </body>
</html>`;

const INPUT = 'fs-site-locator >>> fs-commune-search >>> input[role="combobox"]';

/**
 * Launches Chromium with a profile in a temporary folder. `close()` ends it and removes the
 * folder (safe to call twice); if the process exits first, Chromium is killed and the folder removed.
 */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'fs-bench-chromium-'));
  let browser;
  const onExit = () => {
    browser?.process()?.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    browser = await puppeteer.launch({
      executablePath: chromePath(),
      headless: true,
      args: CHROMIUM_ARGS,
      userDataDir: profile,
      protocolTimeout: 30_000,
      // The bench's own handlers stop the server and Chromium together.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (err) {
    process.off('exit', onExit);
    onExit();
    throw err;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const timer = setTimeout(() => browser.process()?.kill('SIGKILL'), 5_000);
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
    clearTimeout(timer);
    process.off('exit', onExit);
    rmSync(profile, { recursive: true, force: true });
  };
  return { browser, close };
}

/** Opens the bench page in a new incognito context: empty HTTP cache, empty IndexedDB. */
async function openPage(browser, origin, { api = '', extraRoutes = {} } = {}) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const routes = { [PAGE_PATH]: { contentType: 'text/html; charset=utf-8', body: benchPage(api) }, ...extraRoutes };
  // Interception only while the page loads: it turns Chromium's HTTP cache off while it is on.
  await page.setRequestInterception(true);
  const onRequest = (request) => {
    const url = new URL(request.url());
    const route = url.origin === origin ? routes[url.pathname] : undefined;
    const done = route ? request.respond({ status: 200, contentType: route.contentType, body: route.body }) : request.continue();
    done.catch(() => {}); // the page was closed meanwhile
  };
  page.on('request', onRequest);
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err.message ?? err)));
  await page.goto(origin + PAGE_PATH, { waitUntil: 'load' });
  await page.evaluate(() => customElements.whenDefined('fs-site-locator'));
  page.off('request', onRequest);
  await page.setRequestInterception(false);
  await page
    .waitForFunction(
      () => !!document.querySelector('fs-site-locator')?.shadowRoot?.querySelector('fs-commune-search')?.shadowRoot?.querySelector('input'),
      { timeout: 10_000, polling: 20 },
    )
    .catch(() => {
      throw new Error(`the locator's commune field did not appear${errors.length ? `: ${errors.join('; ')}` : ''}`);
    });
  return { context, page, errors };
}

/**
 * Types `commune.query` into the locator's combobox (inside two shadow roots), waits for the
 * suggestions, moves to the commune with ArrowDown, then presses Enter. The time is taken in the
 * page: from the Enter keydown (a capturing listener on window, the first to see it) to the
 * MutationObserver callback that sees the expected 10 `li.result` (same site ids, same order
 * as the API's answer) in the locator's shadow root.
 */
async function chooseAndTime(page, commune, expectedIds, timeoutMs = 10_000) {
  const input = await page.waitForSelector(INPUT);
  await input.evaluate((el) => {
    el.focus();
    el.select();
  });
  await input.type(commune.query);
  const optionId = `commune-${commune.insee}`;
  // Polled: a selector wait would only look again on changes of the document, not of shadow roots.
  await page
    .waitForFunction(
      (id) => {
        const search = document.querySelector('fs-site-locator')?.shadowRoot?.querySelector('fs-commune-search');
        return !!search?.shadowRoot?.querySelector(`#listbox:not([hidden]) > li[id="${id}"]`);
      },
      { timeout: timeoutMs, polling: 10 },
      optionId,
    )
    .catch(async () => {
      const status = await page.evaluate(() => {
        const locator = document.querySelector('fs-site-locator');
        const search = locator.shadowRoot.querySelector('fs-commune-search');
        const options = [...search.shadowRoot.querySelectorAll('li[role="option"]')].map((li) => li.id);
        return `api="${locator.getAttribute('api') ?? ''}", field "${search.shadowRoot.querySelector('input').value}", options [${options}], status "${search.shadowRoot.querySelector('[role="status"]').textContent.trim()}"`;
      });
      throw new Error(`${commune.name} (${commune.insee}) not suggested for "${commune.query}" within ${timeoutMs / 1000} s: ${status}`);
    });
  const index = await page.evaluate((id) => {
    const search = document.querySelector('fs-site-locator').shadowRoot.querySelector('fs-commune-search');
    return [...search.shadowRoot.querySelectorAll('#listbox > li[role="option"]')].findIndex((li) => li.id === id);
  }, optionId);
  for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
  const active = await input.evaluate((el) => el.getAttribute('aria-activedescendant'));
  if (active !== optionId) throw new Error(`could not move to ${optionId} in the suggestions (at ${active})`);

  await page.evaluate((expected) => {
    const root = document.querySelector('fs-site-locator').shadowRoot;
    const bench = { t0: null, t1: null };
    window.__bench = bench;
    const rendered = () => {
      const ids = [...root.querySelectorAll('li.result')].map((li) => li.dataset.site);
      return ids.length === expected.length && ids.every((id, i) => id === expected[i]);
    };
    const observer = new MutationObserver(() => {
      if (bench.t0 !== null && rendered()) {
        bench.t1 = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
    const onKey = (event) => {
      if (event.key !== 'Enter') return;
      bench.t0 = performance.now();
      window.removeEventListener('keydown', onKey, true);
    };
    window.addEventListener('keydown', onKey, true);
  }, expectedIds);
  await page.keyboard.press('Enter');
  try {
    await page.waitForFunction(() => window.__bench.t1 !== null, { timeout: timeoutMs, polling: 50 });
  } catch {
    const shown = await page.evaluate(() => {
      const root = document.querySelector('fs-site-locator').shadowRoot;
      return `${root.querySelectorAll('li.result').length} li.result; text: ${root.textContent.replace(/\s+/g, ' ').trim().slice(0, 200)}`;
    });
    throw new Error(`no ${expectedIds.length} results for ${commune.name} within ${timeoutMs / 1000} s (${shown})`);
  }
  return page.evaluate(() => window.__bench.t1 - window.__bench.t0);
}

/** Node's own fetch of the same URL: the API's response time (full body), after two warm-ups. */
async function apiTiming(url, count = 20) {
  const times = [];
  for (let i = -2; i < count; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    if (i >= 0) times.push(performance.now() - t0);
  }
  return times;
}

/**
 * Runs the measure: for each repetition and each commune, a new incognito context (cold: empty
 * cache and IndexedDB) where the commune is chosen once (cold), then another commune, then the
 * first again (warm: same page, second time). One unmeasured round first warms the server and
 * Chromium up. Returns per commune the cold and warm times and the API's.
 */
export async function benchLatency({ browser, origin, api, runs = 5, communes = COMMUNES, log = () => {}, extraRoutes }) {
  const expected = {};
  const urls = {};
  for (const c of communes) {
    // The same request the locator sends (its client sorts the parameters).
    urls[c.insee] = `${api}/sites?commune=${encodeURIComponent(c.insee)}&limit=${LIMIT}`;
    const res = await fetch(urls[c.insee]);
    if (!res.ok) throw new Error(`${urls[c.insee]} answered ${res.status}`);
    const body = await res.json();
    expected[c.insee] = body.items.map((s) => s.id);
    if (expected[c.insee].length !== LIMIT) throw new Error(`${c.name}: the API lists ${expected[c.insee].length} sites, not ${LIMIT}`);
  }
  const seenUrls = new Set();
  const chromium = await browser.version();
  const notes = [];
  // The page as a town hall writes it (no `api`: the embed finds its server). When that does
  // not reach the API, say so and measure with `api` set on the element (same requests).
  let pageApi = '';
  const preflight = await openPage(browser, origin, { extraRoutes });
  const missed = [];
  preflight.page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) missed.push(`${r.status()} ${r.url()}`);
  });
  try {
    await chooseAndTime(preflight.page, communes[0], expected[communes[0].insee]);
  } catch (err) {
    pageApi = api;
    notes.push(
      `Without an \`api\` attribute the locator did not work (${missed.length ? `the page asked ${missed.join(', ')}` : err.message});` +
        ` measured with api="${api}" on the element.`,
    );
  } finally {
    await preflight.context.close();
  }
  const times = Object.fromEntries(communes.map((c) => [c.insee, { cold: [], warm: [], failures: [] }]));
  for (let rep = -1; rep < runs; rep++) {
    for (const [i, c] of communes.entries()) {
      const other = communes[(i + 1) % communes.length];
      const { context, page } = await openPage(browser, origin, { api: pageApi, extraRoutes });
      page.on('request', (r) => {
        if (r.url().startsWith(`${api}/sites?`)) seenUrls.add(r.url());
      });
      try {
        const cold = await chooseAndTime(page, c, expected[c.insee]);
        await chooseAndTime(page, other, expected[other.insee]);
        const warm = await chooseAndTime(page, c, expected[c.insee]);
        if (rep >= 0) {
          times[c.insee].cold.push(cold);
          times[c.insee].warm.push(warm);
        }
      } catch (err) {
        if (rep >= 0) times[c.insee].failures.push(err.message);
        else throw err;
      } finally {
        await context.close();
      }
    }
    if (rep >= 0) log(`  run ${rep + 1}/${runs} done`);
  }
  const unexpected = [...seenUrls].filter((u) => !Object.values(urls).includes(u));
  const api20 = {};
  for (const c of communes) api20[c.insee] = await apiTiming(urls[c.insee]);
  return { chromium, times, api: api20, urls, unexpected, notes };
}

export function formatLatency({ times, api }, communes = COMMUNES) {
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(0) : '—');
  const ms1 = (v) => (Number.isFinite(v) ? v.toFixed(1) : '—');
  let over = 0;
  const rows = communes.map((c) => {
    const t = times[c.insee];
    const coldMed = median(t.cold);
    const warmMed = median(t.warm);
    const ok = t.cold.length > 0 && coldMed < BUDGET.cold && warmMed < BUDGET.warm;
    if (!ok) over++;
    return [
      `${c.name} (${c.insee})`,
      ms(coldMed),
      ms(percentile(t.cold, 90)),
      ms(warmMed),
      ms(percentile(t.warm, 90)),
      ms1(median(api[c.insee] ?? [])),
      ms1(percentile(api[c.insee] ?? [], 90)),
      `${t.cold.length}`,
      t.cold.length === 0 ? 'FAILED' : ok ? 'OK' : 'OVER',
    ];
  });
  const all = (k) => communes.flatMap((c) => times[c.insee][k]);
  const allApi = communes.flatMap((c) => api[c.insee] ?? []);
  const allOk = median(all('cold')) < BUDGET.cold && median(all('warm')) < BUDGET.warm;
  rows.push([
    'all communes',
    ms(median(all('cold'))),
    ms(percentile(all('cold'), 90)),
    ms(median(all('warm'))),
    ms(percentile(all('warm'), 90)),
    ms1(median(allApi)),
    ms1(percentile(allApi, 90)),
    `${all('cold').length}`,
    allOk ? 'OK' : 'OVER',
  ]);
  const failures = communes.flatMap((c) => times[c.insee].failures.map((f) => `  ${c.name}: ${f}`));
  return {
    over,
    text: [
      table(
        [
          'commune chosen',
          'cold med',
          'cold p90',
          'warm med',
          'warm p90',
          'API med',
          'API p90',
          'runs',
          `budget (med < ${BUDGET.cold} / ${BUDGET.warm} ms)`,
        ],
        rows,
        'lrrrrrrrl',
      ),
      ...(failures.length ? ['', 'Failed runs:', ...failures] : []),
    ].join('\n'),
  };
}
