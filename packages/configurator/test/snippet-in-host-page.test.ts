/**
 * End to end, as a town hall does it: the configurator (the real page, `/configurateur`, on the
 * real server with the real data) gives the snippet; it is pasted into a plain town-hall page of
 * another origin, with aggressive global CSS, served under a strict Content-Security-Policy made
 * of only the directives the configurator's technical note lists. Then, in Debian's Chromium:
 *
 * - script variant: the widget loads (pinned loader with Subresource Integrity, chunks), works
 *   (the locator lists the sites of the commune; the banner shows its site), and looks as in the
 *   configurator's preview: element screenshots compared with pixelmatch;
 * - iframe variant: the embed page works in the frame under the host's `frame-src`, and the
 *   frame's height follows its content with the resize script; without it (a CMS that strips
 *   scripts) the frame keeps its default height;
 * - no `securitypolicyviolation` event on any page or frame.
 *
 * The widgets are built here with the repository's own Rollup configuration (`embedBundle` and
 * `frameScripts` of rollup.config.mjs, about 8 s) into a temporary folder the server is given:
 * the test never reads a stale `packages/embed/dist/`, and never writes into it while someone
 * else builds. Set FS_E2E_ARTIFACTS=<dir> to keep the screenshots and pixel diffs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Browser, Page } from 'puppeteer-core';
import type { RollupOptions } from 'rollup';
import { embedBundle, frameScripts } from '../../../rollup.config.mjs';
import type { RunningServer } from '../../server/src/server.js';
import {
  ARTIFACTS,
  HOSTILE_CSS,
  buildWidgets,
  deep,
  launchBrowser,
  openTab,
  pixelDifference,
  shot,
  startHost,
  startWidgetServer,
  type HostServer,
} from './town-hall-host.js';

/** Share of pixels allowed to differ between the preview and the pasted widget (anti-aliasing, a clock's minute). */
const MAX_DIFF_SHARE = 0.005;

function hostPage(title: string, body: string, mainWidth: number | null): string {
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="stylesheet" href="/mairie.css" />
    ${mainWidth ? '<link rel="stylesheet" href="/largeur.css" />' : ''}
  </head>
  <body>
    <header><p>Mairie de Mende — Bienvenue</p></header>
    <main>
      <h1>Vos démarches</h1>
${body}
    </main>
  </body>
</html>`;
}

/** The note's directives for a variant, added to a strict `default-src 'self'` policy, as a web agency would. */
function hostPolicy(note: string, variant: 'script' | 'iframe'): string {
  const line = new RegExp(`Variante « ${variant} »[^\\n]*\\n\\s+([^\\n]+)`).exec(note)?.[1];
  assert.ok(line, `the note lists the ${variant} variant's directives:\n${note}`);
  const added = line.split(';').map((d) => d.trim().split(/\s+/));
  const names = new Set(added.map(([name]) => name!));
  for (const name of names) assert.match(name, /^(script|connect|img|frame)-src$/, `the note asks for ${name}`);
  return [
    "default-src 'self'",
    "style-src 'self'",
    ...added.map(([name, ...sources]) => [name, "'self'", ...sources].join(' ')),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

let widgets: RunningServer;
let host: HostServer;
let hostOrigin: string;
let browser: Browser;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-e2e-'));
  const dist = join(dir, 'dist');
  // The real build of the one-script embed and of the frame scripts, into a folder of our own.
  await buildWidgets(dist, [embedBundle, ...frameScripts] as RollupOptions[]);
  widgets = await startWidgetServer(dir, dist);
  host = await startHost();
  host.file('/mairie.css', 'text/css', HOSTILE_CSS);
  hostOrigin = host.origin;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.close();
  await widgets?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const tab = () => openTab(browser);

/** In the configurator: chooses a widget and a commune with the mouse and the keyboard, as a person does. */
async function configure(page: Page, tag: string, commune: string): Promise<{ script: string; iframe: string; note: string }> {
  await page.goto(`${widgets.url}/configurateur`, { waitUntil: 'load' });
  await (await deep(page, `fs-configurator >>> input[name="widget"][value="${tag}"]`)).click();
  await (await deep(page, 'fs-configurator >>> fs-commune-search >>> input')).click();
  await page.keyboard.type(commune);
  await deep(page, 'fs-configurator >>> fs-commune-search >>> [role="option"]', 10_000);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Commune choisie/.test(document.querySelector('fs-configurator')!.shadowRoot!.textContent ?? ''), {
    timeout: 10_000,
  });
  // (No named function inside: tsx would wrap it in a helper the page does not have.)
  const [script, iframe, note] = await page.evaluate(() =>
    ['script', 'iframe', 'note'].map(
      (id) => document.querySelector('fs-configurator')!.shadowRoot!.querySelector<HTMLTextAreaElement>(`#${id}-code`)!.value,
    ),
  );
  return { script: script!, iframe: iframe!, note: note! };
}

/** Waits until a widget (in the page, or in the configurator's preview) shows `text`. */
async function shows(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    (s, t) => {
      const el = document.querySelector(s);
      return !!el && (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').includes(t) && !el.hasAttribute('data-fs-locale-pending');
    },
    { timeout: 20_000, polling: 100 },
    selector,
    text,
  );
  // Fonts and the last layout settle.
  await page.evaluate(() => document.fonts.ready);
  await new Promise((r) => setTimeout(r, 300));
}

/** The script variant of one widget: configured, pasted, working, looking as in the preview. */
async function scriptVariant(t: TestContext, tag: string, commune: string, expected: string): Promise<{ iframe: string; note: string }> {
  const configurator = await tab();
  const snippets = await configure(configurator.page, tag, commune);
  assert.match(
    snippets.script,
    new RegExp(
      `^<script type="module" src="${widgets.url}/widgets/v[^/]+/fs-widgets\\.js" integrity="sha384-[A-Za-z0-9+/=]{64}" crossorigin="anonymous"></script>\\n<${tag} `,
    ),
  );
  const preview = `fs-configurator > [slot="preview"] > ${tag}`;
  await shows(configurator.page, preview, expected);
  const before = await shot(configurator.page, preview, `${tag}-preview`);
  assert.deepEqual(configurator.violations, [], 'the configurator runs under its strict policy');

  const csp = hostPolicy(snippets.note, 'script');
  host.file('/largeur.css', 'text/css', `main { display: block !important; width: ${before.width}px !important; }`);
  host.page(`/${tag}.html`, hostPage('Mairie — script', snippets.script, before.width), csp);
  const town = await tab();
  await town.page.goto(`${hostOrigin}/${tag}.html`, { waitUntil: 'load' });
  await shows(town.page, `main > ${tag}`, expected);
  // Text and borders inside the widget sit at fractions of a pixel (a 14 px hint on a 1.5 line
  // height…): rasterized alike only when the widget itself starts at the same fraction of a pixel
  // as in the preview. The town-hall page is moved by that fraction, nothing else.
  const fraction = (selector: string) => (((document.querySelector(selector)!.getBoundingClientRect().top + window.scrollY) % 1) + 1) % 1;
  const wanted = await configurator.page.evaluate(fraction, preview);
  const found = await town.page.evaluate(fraction, `main > ${tag}`);
  await town.page.evaluate(
    (px) => document.querySelector('main')!.style.setProperty('padding-top', `${px}px`, 'important'),
    (((wanted - found) % 1) + 1) % 1,
  );
  const pasted = await shot(town.page, `main > ${tag}`, `${tag}-town-hall`);
  assert.deepEqual(town.violations, [], `no CSP violation under ${csp}`);
  assert.deepEqual(town.errors, []);
  // The host's theme reached the page (so the test proves something) but not the widget.
  const hostFont = await town.page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily);
  assert.match(hostFont, /Comic Sans/);
  assert.ok(pixelDifference(t, tag, before.png, pasted.png).share <= MAX_DIFF_SHARE, `${tag} looks as in the preview`);
  await configurator.page.close();
  await town.page.close();
  return snippets;
}

let locatorIframe = '';
let locatorNote = '';

test('script variant: the locator pasted into a hostile town-hall page finds the sites of Mende and looks as in the preview', async (t) => {
  ({ iframe: locatorIframe, note: locatorNote } = await scriptVariant(
    t,
    'fs-site-locator',
    'Mende',
    'France services trouvées autour de Mende',
  ));
});

test('script variant: the banner shows the nearest site of its commune and looks as in the preview', async (t) => {
  await scriptVariant(t, 'fs-banner', 'Mende', 'France services de Mende');
});

test('iframe variant: the embed page works under the host’s frame-src, and the resize script fits the frame to the widget', async (t) => {
  assert.ok(locatorIframe, 'the locator’s iframe snippet (previous test)');
  const [frameLine, scriptLine] = locatorIframe.split('\n');
  assert.match(
    frameLine!,
    /^<iframe src="[^"]+\/embed\/fs-site-locator\?commune=48095" title="Trouver une France services — Mende" width="100%" height="960" loading="lazy" allow="geolocation" frameborder="0"><\/iframe>$/,
  );
  assert.match(
    scriptLine!,
    /^<script src="[^"]+\/widgets\/v[^/]+\/fs-iframe-resize\.js" integrity="sha384-[^"]+" crossorigin="anonymous"><\/script>$/,
  );
  const csp = hostPolicy(locatorNote, 'iframe');
  assert.match(csp, new RegExp(`frame-src 'self' ${widgets.url}`));

  // With the resize script.
  host.page('/iframe.html', hostPage('Mairie — iframe', locatorIframe, null), csp);
  const town = await tab();
  // The resize script asks the frames for their height: never a frame still on its first about:blank.
  const postMessageWarnings: string[] = [];
  town.page.on('console', (message) => {
    if (/postMessage/.test(message.text())) postMessageWarnings.push(message.text());
  });
  await town.page.goto(`${hostOrigin}/iframe.html`, { waitUntil: 'load' });
  const frame = await (await town.page.waitForSelector('iframe'))!.contentFrame();
  await frame.waitForFunction(
    () => (document.querySelector('fs-site-locator')?.shadowRoot?.textContent ?? '').includes('France services trouvées autour de Mende'),
    {
      timeout: 20_000,
      polling: 100,
    },
  );
  assert.equal(await frame.evaluate(() => document.title), 'Trouver une France services — Mende');
  // The frame reports its height; the host's script sets it.
  await town.page.waitForFunction(
    () => {
      const iframe = document.querySelector('iframe')!;
      return iframe.getAttribute('height') !== '960';
    },
    { timeout: 10_000 },
  );
  const content = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  const fitted = await town.page.evaluate(() => {
    const iframe = document.querySelector('iframe')!;
    return { attribute: Number(iframe.getAttribute('height')), rendered: iframe.getBoundingClientRect().height };
  });
  assert.ok(Math.abs(fitted.attribute - content) <= 1, `frame height ${fitted.attribute} for content ${content}`);
  assert.ok(Math.abs(fitted.rendered - content) <= 1, `rendered ${fitted.rendered} for content ${content}`);
  t.diagnostic(`iframe: height ${fitted.attribute} px for a content of ${content} px (960 before the frame reported it)`);
  // Opening a filter or a result changes the content's height: the frame follows.
  await frame.evaluate(() => {
    const root = document.querySelector('fs-site-locator')!.shadowRoot!;
    root.querySelector<HTMLElement>('li.result button')?.click();
  });
  await frame.waitForFunction(
    () =>
      (
        document.querySelector('fs-site-locator')?.shadowRoot?.querySelector('#details fs-site-card')?.shadowRoot?.textContent ?? ''
      ).includes('Horaires'),
    { timeout: 15_000, polling: 100 },
  );
  const after = await frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  await town.page.waitForFunction(
    (h) => Math.abs(Number(document.querySelector('iframe')!.getAttribute('height')) - h) <= 1,
    { timeout: 10_000 },
    after,
  );
  const attributeAfter = await town.page.evaluate(() => Number(document.querySelector('iframe')!.getAttribute('height')));
  assert.ok(Math.abs(attributeAfter - after) <= 1, `frame height ${attributeAfter} for content ${after} after a change`);
  t.diagnostic(`iframe: height ${attributeAfter} px after opening a site's details (content ${after} px)`);
  assert.deepEqual(town.violations, [], `no CSP violation under ${csp} (host) nor in the frame`);
  assert.deepEqual(postMessageWarnings, [], 'no postMessage origin warning on the host page');
  if (ARTIFACTS) writeFileSync(join(ARTIFACTS, 'iframe-town-hall.png'), await town.page.screenshot({ fullPage: true }));
  await town.page.close();

  // Without it (a CMS that strips scripts): the frame works and keeps its default height.
  host.page('/iframe-sans-script.html', hostPage('Mairie — iframe seul', frameLine!, null), csp);
  const bare = await tab();
  await bare.page.goto(`${hostOrigin}/iframe-sans-script.html`, { waitUntil: 'load' });
  const bareFrame = await (await bare.page.waitForSelector('iframe'))!.contentFrame();
  await bareFrame.waitForFunction(
    () => (document.querySelector('fs-site-locator')?.shadowRoot?.textContent ?? '').includes('trouvées autour de Mende'),
    { timeout: 20_000 },
  );
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await bare.page.evaluate(() => document.querySelector('iframe')!.getBoundingClientRect().height), 960);
  assert.deepEqual(bare.violations, []);
  await bare.page.close();
});
