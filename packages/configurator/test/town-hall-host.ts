/**
 * What the end-to-end tests of host pages share (`snippet-in-host-page.test.ts`,
 * `hostile-host.test.ts`): the widgets built with the repository's own Rollup configuration into a
 * temporary folder, the real server on the real data, a host server of another origin serving
 * pages under the Content-Security-Policy a test gives, the hostile town-hall theme, tabs of
 * Debian's Chromium that report CSP violations and errors, and element screenshots compared with
 * pixelmatch. Set FS_E2E_ARTIFACTS=<dir> to keep the screenshots.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/test/chromium.mjs';
import { readConfig } from '../../server/src/config.js';
import { startServer, type RunningServer } from '../../server/src/server.js';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const ARTIFACTS = process.env.FS_E2E_ARTIFACTS;

/**
 * A town-hall theme that fights everything: resets on `*` with `!important` (fonts, line
 * heights, colours, letter spacing, case, box sizing), `all: unset` on common tags, restyled
 * buttons, fields and links, focus outlines removed. None of it may reach inside the widgets.
 * (The root font size is left alone: the widgets are sized in `rem` on purpose, to follow the
 * visitor's text-size setting.)
 */
export const HOSTILE_CSS = `
* {
  margin: 0 !important;
  padding: 0 !important;
  box-sizing: content-box !important;
  font-family: 'Comic Sans MS', 'Courier New', cursive !important;
  font-weight: 300 !important;
  font-style: italic !important;
  line-height: 3 !important;
  color: #c0006a !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.5em !important;
  text-transform: uppercase !important;
  text-align: center !important;
  text-indent: 2em !important;
  text-shadow: 1px 1px 0 #0f0 !important;
}
div, span, p, ul, ol, li, a, h1, h2, h3, h4, section, article, header, footer, nav, label, input, select, textarea { all: unset; }
button, input, select, textarea { all: unset !important; border: 3px dotted red !important; background: yellow !important; }
a, a:visited { color: lime !important; text-decoration: line-through !important; }
:focus { outline: none !important; }
body { background: #fffbe6 !important; }
`;

/** Builds Rollup configurations of rollup.config.mjs (`embedBundle`, `frameScripts`) into `dist` (about 8 s). */
export async function buildWidgets(dist: string, configurations: RollupOptions[]): Promise<void> {
  for (const options of configurations) {
    const bundle = await rollup({ ...options, onwarn: () => {} });
    const output = options.output as OutputOptions;
    await bundle.write(output.file ? { ...output, file: join(dist, output.file.split('/').pop()!) } : { ...output, dir: dist });
    await bundle.close();
  }
}

/**
 * The real server on a fresh SQLite file in `dir`, serving the widgets built into `dist`; `env`
 * adds to its configuration (the appointments' SMTP server and timer: `FS_SMTP_URL`,
 * `FS_APPOINTMENT_JOBS_SECONDS`…).
 */
export function startWidgetServer(dir: string, dist: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const config = readConfig({ PORT: '0', FS_SQLITE_PATH: join(dir, 'fs.db'), LOG_LEVEL: 'silent', ...env });
  return startServer(config, {
    logger: false,
    widgets: { distDir: dist, manifestPath: join(REPO, 'custom-elements.json'), archiveDir: join(dir, 'releases') },
  });
}

/** A host site of its own origin: pages with their Content-Security-Policy, style sheets, images. */
export interface HostServer {
  origin: string;
  /** Serves `html` at `path` under `csp` (none when null). */
  page(path: string, html: string, csp: string | null): void;
  /** Serves any other file (a style sheet). */
  file(path: string, contentType: string, body: string | Buffer): void;
  /** Serves the same body for every path under `prefix` (the tiles of a test base map). */
  under(prefix: string, contentType: string, body: string | Buffer): void;
  close(): Promise<void>;
}

export async function startHost(): Promise<HostServer> {
  type File = { headers: Record<string, string>; body: string | Buffer };
  const files = new Map<string, File>();
  const prefixes = new Map<string, File>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const found = files.get(path) ?? [...prefixes].find(([prefix]) => path.startsWith(prefix))?.[1];
    if (found) {
      res.writeHead(200, found.headers);
      res.end(found.body);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    origin: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    page(path, html, csp) {
      const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
      if (csp) headers['content-security-policy'] = csp;
      files.set(path, { headers, body: html });
    },
    file(path, contentType, body) {
      files.set(path, { headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body });
    },
    under(prefix, contentType, body) {
      prefixes.set(prefix, { headers: { 'content-type': contentType, 'cache-control': 'no-store' }, body });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function launchBrowser(): Promise<Browser> {
  if (ARTIFACTS) mkdirSync(ARTIFACTS, { recursive: true });
  return puppeteer.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

export interface Tab {
  page: Page;
  /** `securitypolicyviolation` events of the page and its frames: `CSP-VIOLATION <origin> <directive> <blocked URI>`. */
  violations: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Closes the tab (and its browser context when it had its own). */
  close(): Promise<void>;
}

export interface TabOptions {
  viewport?: { width: number; height: number };
  /** A browser context of its own: no storage (offline copies, tokens) shared with other tabs. */
  isolated?: boolean;
  timezone?: string;
  reducedMotion?: boolean;
  /** Scripts run in every document before its own (through the DevTools protocol: no CSP applies). */
  init?: string[];
}

/** A tab that reports every CSP violation, of the page and of its frames. */
export async function openTab(browser: Browser, options: TabOptions = {}): Promise<Tab> {
  const context = options.isolated ? await browser.createBrowserContext() : null;
  const page = await (context ?? browser).newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  await page.setViewport(options.viewport ?? { width: 1280, height: 900 });
  if (options.timezone) await page.emulateTimezone(options.timezone);
  if (options.reducedMotion) await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  for (const script of options.init ?? []) await page.evaluateOnNewDocument(script);
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP-VIOLATION ${location.origin} ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (message) => {
    if (message.text().startsWith('CSP-VIOLATION')) violations.push(message.text());
    else if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (err) => errors.push(String((err as Error).message ?? err)));
  return { page, violations, errors, close: () => (context ? context.close() : page.close()) };
}

/**
 * An element inside shadow roots (puppeteer's `>>>`), once it is there. `waitForSelector` watches
 * the document's mutations only, which do not include those of shadow roots: this polls.
 */
export async function deep(page: Page, selector: string, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = await page.$(selector);
    if (found && (await found.isVisible())) return found;
    if (Date.now() > deadline) throw new Error(`${selector} did not appear within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A decoded PNG (pngjs). */
export type Png = ReturnType<typeof PNG.sync.read>;

export interface Screenshot {
  png: Png;
  width: number;
}

/** A screenshot of one element (kept in FS_E2E_ARTIFACTS as `<name>.png`). */
export async function shot(page: Page, selector: string, name: string): Promise<Screenshot> {
  const element = await page.$(selector);
  assert.ok(element, `${selector} is on the page`);
  const box = await element.boundingBox();
  const buffer = Buffer.from(await element.screenshot({ type: 'png' }));
  if (ARTIFACTS) writeFileSync(join(ARTIFACTS, `${name}.png`), buffer);
  return { png: PNG.sync.read(buffer), width: Math.round(box!.width) };
}

/** Pixels that differ between two screenshots of the same size (pixelmatch, threshold 0.1), reported as a diagnostic of the test. */
export function pixelDifference(
  t: TestContext,
  name: string,
  a: Png,
  b: Png,
  what = 'between the preview and the town-hall page',
): { differing: number; share: number } {
  assert.deepEqual([b.width, b.height], [a.width, a.height], `${name}: both screenshots have the same size`);
  const differing = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.1 });
  const share = differing / (a.width * a.height);
  t.diagnostic(`${name}: ${differing} of ${a.width * a.height} pixels differ (${(share * 100).toFixed(3)} %) ${what}`);
  return { differing, share };
}
