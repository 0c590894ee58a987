#!/usr/bin/env node
/**
 * The catalogue check: serves the built Storybook (`storybook-static/`) on a local port and, in
 * headless Chromium:
 *
 * - reads every story of the built catalogue with its parameters, from the preview itself
 *   (`__STORYBOOK_PREVIEW__.extract()`: `index.json` holds no parameters). Each story declares
 *   what it must show in `parameters.expect`, and each component what is asked of it as a whole
 *   in its meta's `parameters.catalogue` (typed once in `stories/story-expectations.ts`). A story
 *   without an expectation fails (unless it says `expect: false` with its reason in
 *   `expectNothing`);
 * - checks that the catalogue shows the widget registry (`packages/contract/src/widgets.ts`):
 *   every element has `stories/<name>.stories.ts` whose meta `component` is its tag, and every
 *   stories file shows an element of the registry;
 * - opens every story, waits for the texts and elements of its state, then runs axe (axe-core,
 *   the engine of the a11y addon) on it and fails on any violation;
 * - checks each component's docs page table (from custom-elements.json), the states each
 *   component must keep a story for, and saves a screenshot of the stories named for it;
 * - opens every MDX page (the introduction): its heading, no error, axe; the Events page's table
 *   must list exactly the events of custom-elements.json, and the Theming page's tokens table
 *   exactly the public tokens of `packages/core/src/tokens/tokens.ts`.
 *
 *   npm run build-storybook && node scripts/test/check-stories.mjs [screenshot-dir]
 *
 * Hermetic: every request that is not to the local server is aborted, so the base map's tiles
 * (OpenStreetMap) never load and the maps show their designed "fond de carte inaccessible"
 * state, whatever the network. The widgets' API is the catalogue's fake (in-page, no request).
 *
 * Chromium: $CHROME_PATH, else /usr/bin/chromium (Debian's; never a downloaded one).
 * Exits non-zero with the reason when something is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { loadWidgetRegistry } from '../build/widget-registry.mjs';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const ROOT = resolve(REPO, 'storybook-static');
const SCREENSHOTS = process.argv[2] ?? '/tmp';
/** axe-core as installed (a dependency of @open-wc/testing and of the a11y addon). */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** How long a story's state may take when its expectation does not say (`timeout`). */
const DEFAULT_TIMEOUT = 15000;
/** The keys of an expectation (`StoryExpectation` in stories/story-expectations.ts). */
const EXPECTATION_KEYS = new Set(['texts', 'selectors', 'absent', 'noSelectors', 'timeout']);
/** Members that are private or protected in some component: never a row of a docs table. */
const PRIVATE_MEMBERS = [
  'clock',
  'client',
  'i18n',
  'options',
  'active',
  'announcement',
  'mapShown',
  'mapReady',
  'selectedSite',
  'presetError',
  'shadowRootOptions',
  'step',
  'rating',
  'resolved',
  'comment',
  'queued',
  'missingRating',
];

function fail(message) {
  console.error(`check-stories: FAILED: ${message}`);
  process.exitCode = 1;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
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

/**
 * In the page: the story's state. Text of `root` (the story's `#storybook-root`, or the story's
 * block in a docs page) with every shadow root (not styles), and which of the selectors match
 * somewhere in it.
 */
function storyState({ selectors, noSelectors, root: rootSelector = '#storybook-root' }) {
  const root = document.querySelector(rootSelector);
  const roots = [];
  let text = '';
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      text += node.data;
      return;
    }
    if (node.nodeType === Node.ELEMENT_NODE) {
      if (['STYLE', 'SCRIPT', 'TEMPLATE'].includes(node.tagName)) return;
      if (node.shadowRoot) {
        roots.push(node.shadowRoot);
        text += ' ';
        walk(node.shadowRoot);
        text += ' ';
      }
    }
    for (const child of node.childNodes) walk(child);
  };
  if (root) {
    roots.push(root);
    walk(root);
  }
  const matches = (selector) => roots.some((r) => r.querySelector(selector));
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    found: selectors.filter(matches),
    foundForbidden: noSelectors.filter(matches),
  };
}

function verdict(expected, state) {
  const problems = [];
  const missingTexts = expected.texts.filter((t) => !state.text.includes(t));
  const presentAbsent = expected.absent.filter((t) => state.text.includes(t));
  const missingSelectors = expected.selectors.filter((s) => !state.found.includes(s));
  if (state.text === '') problems.push('nothing rendered');
  if (missingTexts.length) problems.push(`missing texts ${JSON.stringify(missingTexts)}`);
  if (presentAbsent.length) problems.push(`unexpected texts ${JSON.stringify(presentAbsent)}`);
  if (missingSelectors.length) problems.push(`missing elements ${JSON.stringify(missingSelectors)}`);
  if (state.foundForbidden.length) problems.push(`unexpected elements ${JSON.stringify(state.foundForbidden)}`);
  return problems;
}

/**
 * In the page: axe on the story (or on a docs page, `#storybook-docs`), with the a11y addon's
 * settings (its `region` rule is off too: a widget is not a page). The addon runs axe itself after each story, and a script tag of
 * axe-core extends the same global `axe`: wait while that run finishes.
 */
async function runAxe(root = '#storybook-root') {
  const axe = window.axe;
  let result;
  for (let attempt = 0; !result; attempt++) {
    try {
      axe.configure({ rules: [{ id: 'region', enabled: false }] });
      result = await axe.run({ include: [[root]] }, { resultTypes: ['violations'] });
    } catch (err) {
      if (!String(err?.message ?? err).includes('already running') || attempt >= 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)),
    })),
    version: axe.version,
  };
}

/** A story's expectation with its defaults (`expect: false` checks only that something renders). */
function withDefaults(expect) {
  return { texts: [], selectors: [], absent: [], noSelectors: [], timeout: DEFAULT_TIMEOUT, ...(expect || {}) };
}

/** What is wrong with a story's declared expectation (empty when it is well formed). */
function expectationProblems({ expect, expectNothing }) {
  if (expect === false) {
    return typeof expectNothing === 'string' && expectNothing.trim() ? [] : ['says `expect: false` without its reason in `expectNothing`'];
  }
  if (expect === undefined || expect === null) {
    return ['declares no expectation: give it `parameters: { expect: { texts: [...] } }` (stories/story-expectations.ts)'];
  }
  if (typeof expect !== 'object' || Array.isArray(expect)) return ['`parameters.expect` is not an object'];
  const problems = [];
  const unknown = Object.keys(expect).filter((key) => !EXPECTATION_KEYS.has(key));
  if (unknown.length) problems.push(`unknown keys in \`expect\`: ${unknown.join(', ')}`);
  const strings = (value) => Array.isArray(value) && value.every((x) => typeof x === 'string' && x.trim() !== '');
  if (!strings(expect.texts) || expect.texts.length === 0) problems.push('`expect.texts` must list at least one text the story shows');
  for (const key of ['selectors', 'absent', 'noSelectors']) {
    if (expect[key] !== undefined && !strings(expect[key])) problems.push(`\`expect.${key}\` must be a list of non-empty strings`);
  }
  if (expect.timeout !== undefined && !(Number.isFinite(expect.timeout) && expect.timeout > 0 && expect.timeout <= 60000)) {
    problems.push('`expect.timeout` must be a number of milliseconds, at most 60000');
  }
  return problems;
}

/**
 * In the page (`iframe.html`): every story of the built catalogue with the parameters the check
 * reads. `extract()` loads every stories file and gives each story its parameters, the meta's
 * merged in (so `catalogue` is on each story of a component).
 */
async function readCatalogue() {
  const stories = await window.__STORYBOOK_PREVIEW__.extract();
  return JSON.parse(
    JSON.stringify(
      Object.values(stories).map((s) => ({
        id: s.id,
        title: s.title,
        componentId: s.componentId,
        component: s.component ?? null,
        expect: s.parameters?.expect,
        expectNothing: s.parameters?.expectNothing,
        catalogue: s.parameters?.catalogue,
      })),
    ),
  );
}

/**
 * A new page in a browser context of its own (its own IndexedDB: what one story saved offline
 * never shows in another, whatever the order), that reaches only the local server: every other
 * request is aborted (and counted). `close()` closes the context.
 */
async function hermeticPage(browser, base, width = 1000) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width, height: 900 });
  const errors = [];
  const blocked = new Map();
  page.on('pageerror', (err) => errors.push(err.message));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(base) || url.startsWith('data:') || url.startsWith('blob:')) return void request.continue();
    const host = new URL(url).host;
    blocked.set(host, (blocked.get(host) ?? 0) + 1);
    void request.abort('internetdisconnected');
  });
  await page.evaluateOnNewDocument(`window.__storyState = ${storyState.toString()}`);
  return { page, errors, blocked, close: () => context.close() };
}

/**
 * Waits until the state in `root` meets `expected` (or its timeout passes), then returns the
 * problems with what it shows.
 */
async function waitForState(page, expected, root) {
  const args = { selectors: expected.selectors, noSelectors: expected.noSelectors, root };
  try {
    await page.waitForFunction(
      (exp, a) => {
        const state = window.__storyState(a);
        return (
          state.text !== '' &&
          exp.texts.every((t) => state.text.includes(t)) &&
          !exp.absent.some((t) => state.text.includes(t)) &&
          state.found.length === exp.selectors.length &&
          state.foundForbidden.length === 0
        );
      },
      { timeout: expected.timeout, polling: 100 },
      expected,
      args,
    );
  } catch {
    /* reported by the verdict, with what the story shows */
  }
  const state = await page.evaluate(storyState, args);
  return { state, problems: verdict(expected, state) };
}

/** axe in the page, on `root`; its violations as problems. */
async function axeProblems(page, root) {
  const started = Date.now();
  const problems = [];
  let axe;
  try {
    await page.addScriptTag({ path: AXE });
    axe = await page.evaluate(runAxe, root);
  } catch (err) {
    problems.push(`axe did not run: ${err?.message ?? err}`);
  }
  for (const v of axe?.violations ?? []) problems.push(`axe ${v.impact} ${v.id}: ${v.help} — ${v.nodes.join(', ')}`);
  return { problems, ms: Date.now() - started, version: axe?.version, violations: axe?.violations.length ?? 0 };
}

/** `site-locator-site-card--loading` → `site-card/loading`: the story's name in the report. */
function storyLabel(id) {
  return id.replace(/^site-locator-/, '').replace('--', '/');
}

async function checkStory(browser, base, story, screenshot) {
  const expected = withDefaults(story.expect);
  const { page, errors, blocked, close } = await hermeticPage(browser, base);
  const started = Date.now();
  await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story`, { waitUntil: 'load' });
  const { state, problems } = await waitForState(page, expected, '#storybook-root');
  const stateMs = Date.now() - started;
  if (errors.length) problems.push(`page errors ${JSON.stringify(errors)}`);

  // axe, on the state just checked (Loading too: before the client's timeout).
  const axe = await axeProblems(page, '#storybook-root');
  problems.push(...axe.problems);

  const line = `${storyLabel(story.id).padEnd(44)} ${String(stateMs).padStart(5)} ms  axe ${String(axe.ms).padStart(4)} ms`;
  const blockedNote = blocked.size ? `  [blocked: ${[...blocked].map(([h, n]) => `${h} ×${n}`).join(', ')}]` : '';
  if (problems.length) fail(`${line}\n    ${problems.join('\n    ')}\n    story shows: "${state.text.slice(0, 400)}"`);
  else {
    const from = Math.max(0, state.text.indexOf(expected.texts[0] ?? ''));
    console.log(`ok  ${line}  "${state.text.slice(from, from + 70)}…"${blockedNote}`);
  }
  if (screenshot) {
    const path = join(SCREENSHOTS, `story-${story.id}.png`);
    await page.screenshot({ path, fullPage: true });
    console.log(`    screenshot: ${path}`);
  }
  await close();
  return { axeMs: axe.ms, axeVersion: axe.version, violations: axe.violations };
}

/** A component's docs page: its table comes from custom-elements.json, with no private member. */
async function checkDocs(browser, base, { componentId, docsRows: rows }) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${base}/iframe.html?id=${componentId}--docs&viewMode=docs`, { waitUntil: 'load' });
  const label = `docs ${componentId.replace(/^site-locator-/, '')}`;
  try {
    await page.waitForFunction(
      (r) => {
        const t = document.querySelector('.docblock-argstable')?.textContent ?? '';
        return r.every((x) => t.includes(x));
      },
      { timeout: 15000 },
      rows,
    );
    // Private and protected members must not be documented.
    const names = await page.$$eval('.docblock-argstable tbody tr td:first-child', (tds) => tds.map((td) => td.textContent?.trim() ?? ''));
    if (!names.includes(rows[0])) fail(`${label}: cannot read the names of the props table`);
    const leaked = names.filter((n) => n.startsWith('#') || PRIVATE_MEMBERS.includes(n));
    if (leaked.length) fail(`${label}: private members in the table: ${leaked.join(', ')}`);
    else if (errors.length) fail(`${label}: page errors ${JSON.stringify(errors)}`);
    else console.log(`ok  ${label} page: table has ${rows.join(', ')}`);
  } catch {
    const table = await page.$eval('.docblock-argstable', (t) => t.textContent ?? '').catch(() => '');
    fail(`${label}: the props table lacks ${rows.filter((r) => !table.includes(r)).join(', ') || '(no table)'}`);
  }
  await page.close();
}

/** `[tag, event]` for every event of every element of custom-elements.json. */
function manifestEvents() {
  const manifest = JSON.parse(readFileSync(join(REPO, 'custom-elements.json'), 'utf8'));
  const pairs = [];
  for (const mod of manifest.modules ?? []) {
    for (const d of mod.declarations ?? []) for (const e of d.tagName ? (d.events ?? []) : []) if (e.name) pairs.push([d.tagName, e.name]);
  }
  return pairs;
}

/** The public design tokens: every `var(--fs-…, default)` of the core's tokens sheet. */
function publicTokens() {
  const source = readFileSync(join(REPO, 'packages/core/src/tokens/tokens.ts'), 'utf8');
  return [...new Set([...source.matchAll(/var\((--fs-[a-z-]+),/g)].map((m) => m[1]))].sort();
}

/**
 * MDX pages whose tables document a list kept in the code: each row names a real item and no
 * item is missing (the page cannot drift from the code).
 */
const DOCUMENTED_LISTS = {
  // One row per element and event it fires: `fs-…` in the first column, `<fs-…>` in the second.
  'Introduction/Events': {
    what: 'events of custom-elements.json',
    expected: () => manifestEvents().map(([tag, event]) => `${event} ${tag}`),
    rows: (cells) =>
      /^fs-[a-z-]+$/.test(cells[0] ?? '') ? (cells[1]?.match(/fs-[a-z-]+/g) ?? ['?']).map((tag) => `${cells[0]} ${tag}`) : [],
  },
  // The tokens table: a shared token (`--fs-color-…`, `--fs-font-…`, `--fs-space-…`, `--fs-radius…`) in the first column.
  'Introduction/Theming': {
    what: 'public tokens of packages/core/src/tokens/tokens.ts',
    expected: publicTokens,
    rows: (cells) => (/^--fs-(color|font|space|radius)/.test(cells[0] ?? '') ? [cells[0]] : []),
  },
};

/**
 * An MDX page (the introduction): its heading (the last part of its title), no error, every
 * story it embeds showing what that story expects, axe on the page, the lists it documents, and
 * screenshots at a desktop and a phone width.
 */
async function checkMdxPage(browser, base, entry, storiesById) {
  const label = `page ${entry.title}`;
  const heading = entry.title.split('/').pop();
  const problems = [];
  let axeMs = 0;
  for (const width of [1280, 390]) {
    const { page, errors, close } = await hermeticPage(browser, base, width);
    await page.goto(`${base}/iframe.html?id=${entry.id}&viewMode=docs`, { waitUntil: 'load' });
    const at = `${label} at ${width} px`;
    try {
      await page.waitForFunction(
        (h) => [...document.querySelectorAll('#storybook-docs h1')].some((e) => e.textContent.trim() === h),
        { timeout: 15000 },
        heading,
      );
    } catch {
      problems.push(`${at}: no h1 "${heading}"`);
    }
    // The stories shown in the page (Canvas, Story blocks), each in its state.
    const embedded = await page.$$eval('#storybook-docs [id^="story--"]', (els) =>
      els.map((e) => e.id.replace(/^story--/, '').replace(/--primary$|-inner$/, '')),
    );
    for (const id of new Set(embedded)) {
      const story = storiesById.get(id);
      if (!story) continue;
      const { problems: storyProblems } = await waitForState(page, withDefaults(story.expect), `#storybook-docs [id="story--${id}"]`);
      problems.push(...storyProblems.map((p) => `${at}: story ${id}: ${p}`));
    }
    if (width === 1280) {
      const axe = await axeProblems(page, '#storybook-docs');
      axeMs = axe.ms;
      problems.push(...axe.problems.map((p) => `${at}: ${p}`));
      // On a desktop every table fits: only phones scroll them (stories/introduction/scrollable-table.ts).
      const scrolled = await page.$$eval('#storybook-docs .fs-docs-table', (regions) =>
        regions.filter((r) => r.scrollWidth > r.clientWidth + 1).map((r) => r.getAttribute('aria-label')),
      );
      if (scrolled.length) problems.push(`${at}: tables wider than the page: ${scrolled.join(', ')} (long code that cannot wrap?)`);
      const list = DOCUMENTED_LISTS[entry.title];
      if (list) {
        const rows = await page.$$eval('#storybook-docs table tbody tr', (trs) =>
          trs.map((tr) => [...tr.cells].map((td) => td.textContent?.trim() ?? '')),
        );
        const documented = rows.flatMap(list.rows);
        const expected = list.expected();
        const missing = expected.filter((x) => !documented.includes(x));
        const unknown = documented.filter((x) => !expected.includes(x));
        if (missing.length) problems.push(`${label}: its table lacks ${missing.join(', ')} (the ${list.what})`);
        if (unknown.length) problems.push(`${label}: its table documents ${unknown.join(', ')}, not among the ${list.what}`);
        if (!documented.length) problems.push(`${label}: no table of the ${list.what}`);
      }
    } else {
      // Readable on a phone: nothing wider than the screen but what scrolls in its own box (code,
      // tables). One pixel is sub-pixel rounding (a code block's text ending at 390.8 px).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) problems.push(`${at}: the page scrolls sideways (${overflow} px too wide)`);
    }
    if (errors.length) problems.push(`${at}: page errors ${JSON.stringify(errors)}`);
    const path = join(SCREENSHOTS, `page-${entry.id.replace(/--docs$/, '')}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    await close();
  }
  if (problems.length) fail(`${label}\n    ${problems.join('\n    ')}`);
  else
    console.log(
      `ok  ${label.padEnd(44)} h1 "${heading}", axe ${String(axeMs).padStart(4)} ms; screenshots ${join(SCREENSHOTS, `page-${entry.id.replace(/--docs$/, '')}-{1280,390}.png`)}`,
    );
}

/**
 * The catalogue against the widget registry: `stories/<name>.stories.ts` shows `fs-<name>` for
 * every element, and every stories file shows one element of the registry.
 */
function checkRegistry(registry, files) {
  const failed = process.exitCode;
  const tags = new Set(registry.WIDGETS.map((w) => w.tag));
  for (const w of registry.WIDGETS) {
    const path = `./stories/${registry.widgetName(w.tag)}.stories.ts`;
    const file = files.get(path);
    if (!file) fail(`<${w.tag}> (packages/contract/src/widgets.ts) has no stories: ${path} is not in the catalogue`);
    else if (file.components.size !== 1 || !file.components.has(w.tag)) {
      fail(`${path}: its meta \`component\` must be '${w.tag}' (found ${[...file.components].join(', ')})`);
    }
  }
  for (const [path, file] of files) {
    for (const component of file.components) {
      if (!component) fail(`${path}: a story without a \`component\` (set the meta's \`component\` to the element's tag)`);
      else if (!tags.has(component))
        fail(`${path} shows <${component}>, which the widget registry (packages/contract/src/widgets.ts) does not list`);
    }
  }
  if (process.exitCode === failed) {
    console.log(
      `ok  registry: ${tags.size} elements, each with its stories; ${files.size} stories files, each showing an element of the registry`,
    );
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'index.html')) || !existsSync(join(ROOT, 'iframe.html'))) {
    return fail(`${ROOT}/index.html not found: run \`npm run build-storybook\` first.`);
  }
  let chrome;
  try {
    chrome = findChromium();
  } catch (err) {
    return fail(err.message);
  }

  const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8'));
  const entries = Object.values(index.entries);
  const registry = await loadWidgetRegistry();
  const server = await serve(ROOT);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: chrome,
    args: CHROMIUM_ARGS,
  });
  const started = Date.now();
  let axeTotal = 0;
  let axeVersion;
  let plan = [];
  try {
    // The stories and their parameters, as the built preview has them.
    const { page, close } = await hermeticPage(browser, base);
    await page.goto(`${base}/iframe.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__STORYBOOK_PREVIEW__?.storyStoreValue, { timeout: 30000 });
    const catalogue = await page.evaluate(readCatalogue);
    await close();
    const storiesById = new Map(catalogue.map((s) => [s.id, s]));

    // Stories files (by the index's import path), and the registry.
    const files = new Map();
    for (const entry of entries.filter((e) => e.type === 'story')) {
      const story = storiesById.get(entry.id);
      if (!story) {
        fail(`story ${entry.id} is in index.json but not in the preview`);
        continue;
      }
      const file = files.get(entry.importPath) ?? { stories: [], components: new Set() };
      file.stories.push(story);
      file.components.add(story.component);
      files.set(entry.importPath, file);
    }
    checkRegistry(registry, files);

    // What each component asks: the states it keeps a story for, its screenshot, its docs table.
    const canonical = new Set(registry.WIDGETS.map((w) => `./stories/${registry.widgetName(w.tag)}.stories.ts`));
    const screenshots = new Set();
    const docs = [];
    for (const [path, file] of files) {
      const checks = file.stories[0].catalogue;
      const { componentId } = file.stories[0];
      if (!checks) {
        if (canonical.has(path)) fail(`${path}: no \`parameters.catalogue\` on its meta (the states it keeps, its docs table's rows)`);
        continue;
      }
      const names = file.stories.map((s) => s.id.slice(componentId.length + 2));
      for (const name of checks.required ?? [])
        if (!names.includes(name)) fail(`story ${componentId}--${name} is required by ${path} (catalogue.required) but is not built`);
      if (checks.screenshot) {
        if (names.includes(checks.screenshot)) screenshots.add(`${componentId}--${checks.screenshot}`);
        else fail(`${path}: catalogue.screenshot names ${checks.screenshot}, which is not one of its stories`);
      }
      if (!Array.isArray(checks.docsRows) || !checks.docsRows.length) fail(`${path}: catalogue.docsRows lists no row of its docs table`);
      else if (!index.entries[`${componentId}--docs`])
        fail(`${path}: catalogue.docsRows is given, but the component has no docs page (tags: ['autodocs'])`);
      else docs.push({ componentId, docsRows: checks.docsRows });
    }

    // Every story says what it shows.
    for (const story of catalogue) {
      const problems = expectationProblems(story);
      if (problems.length) fail(`story ${story.id}: ${problems.join('; ')}`);
      else plan.push(story);
    }

    for (const story of plan) {
      const result = await checkStory(browser, base, story, screenshots.has(story.id));
      axeTotal += result.axeMs;
      axeVersion ??= result.axeVersion;
    }

    // The docs pages: their tables must come from the manifest (attributes, properties, events, CSS API).
    for (const component of docs) await checkDocs(browser, base, component);

    // The MDX pages (the introduction), and the catalogue opens on them.
    const pages = entries.filter((e) => e.type === 'docs' && !e.tags?.includes('autodocs'));
    if (!pages.length) fail('no MDX page in the catalogue (stories/introduction/*.mdx)');
    // The catalogue opens on the first entry of its sidebar: the introduction's first page. The
    // sidebar lists components outside any group (a title without '/') before every group.
    if (!(entries[0]?.type === 'docs' && entries[0].title.startsWith('Introduction/'))) {
      fail(`the catalogue opens on ${entries[0]?.id}, not on the introduction (parameters.options.storySort in .storybook/preview.ts)`);
    }
    const ungrouped = [...new Set(entries.filter((e) => !e.title.includes('/')).map((e) => e.title))];
    if (ungrouped.length)
      fail(`titles outside any group, listed before the introduction in the sidebar: ${ungrouped.join(', ')} (title them 'Group/Name')`);
    for (const entry of pages) await checkMdxPage(browser, base, entry, storiesById);
  } finally {
    await browser.close();
    await new Promise((ok) => server.close(ok));
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`axe-core ${axeVersion ?? '?'} on ${plan.length} stories: ${(axeTotal / 1000).toFixed(1)} s of the ${seconds} s run`);
  if (!process.exitCode)
    console.log(`check-stories: all ${plan.length} stories OK (texts and axe), with their docs and introduction pages`);
}

main().catch((err) => fail(err?.stack ?? String(err)));
