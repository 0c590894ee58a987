/**
 * Every element of the library keeps its look and its behaviour in a hostile host page. For each
 * custom element of the manifest (`custom-elements.json`: a new element fails here until it has
 * a case below), in a loaded state with deterministic data (site 2983, Mende; commune 48095;
 * a case made through the real API; the agents' tools with an agent token), in Debian's Chromium
 * against the real server and the real build of the one-script embed:
 *
 * - rendered once in a neutral page (no style, no Content-Security-Policy: the reference) and once
 *   in a town-hall page with the hostile theme of `town-hall-host.ts` (`!important` resets on `*`,
 *   `all: unset` on common tags, restyled buttons, fields and links, focus outlines removed),
 *   served under a strict policy: `default-src 'self'`, `style-src 'self'`, and only the
 *   directives the configurator's technical note gives for that widget (`hostPolicies`);
 * - element screenshots of both compared with pixelmatch (differing pixels reported);
 * - no `securitypolicyviolation` event, no error, in either page;
 * - behaviour in the hostile page: the first Tab lands inside the widget on a control that shows
 *   a focus ring (and looks focused as in the neutral page), every link has a real `href`, and the
 *   badge's link, followed with the keyboard, opens the widgets server's page.
 *
 * The clock of both pages is Monday 30 November 2026, 10:00 in Paris (an "open now" is the same in
 * both renders), animations are reduced, and each page gets a fresh browser context (no offline
 * copy or stored token shared). Set FS_E2E_ARTIFACTS=<dir> to keep the screenshots.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { Browser } from 'puppeteer-core';
import type { RollupOptions } from 'rollup';
import { readManifest, type WidgetDeclaration } from '@fs-widgets/contract/embed';
import { embedBundle } from '../../../rollup.config.mjs';
import { createToken } from '../../server/src/auth/tokens.js';
import type { RunningServer } from '../../server/src/server.js';
import { hostPolicies } from '../src/configurator/embed-snippets.js';
import {
  HOSTILE_CSS,
  REPO,
  buildWidgets,
  launchBrowser,
  openTab,
  pixelDifference,
  shot,
  startHost,
  startWidgetServer,
  type HostServer,
  type Png,
  type Tab,
} from './town-hall-host.js';

/** Share of pixels allowed to differ between the neutral and the hostile page (anti-aliasing only: none expected). */
const MAX_DIFF_SHARE = 0.002;
/** Monday 30 November 2026, 10:00 in Paris: site 2983 is open. */
const CLOCK = Date.parse('2026-11-30T09:00:00Z');
const SITE = '2983';
const TOKEN_KEY = `fs-widgets:demarches:token:${SITE}`;
/** Where the observatory's elements keep the observer's token. */
const OBSERVER_TOKEN_KEY = 'fs-widgets:demarches:token:observatory';
const STAGE_WIDTH = 800;
/** A 1 × 1 light grey PNG: every tile of the test base map. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGN48eY9AAWDAsRbmw5iAAAAAElFTkSuQmCC', 'base64');

/** Computed styles compared between the two renders when they differ (what a host theme could reach). */
const STYLE_PROPERTIES =
  'display box-sizing width height margin padding border font-family font-size font-weight font-style line-height color background-color letter-spacing word-spacing text-transform text-align text-indent text-shadow text-decoration-line outline-style'.split(
    ' ',
  );

/** How each element is shown loaded: its attributes, a text it shows then, what the test sets on it. */
interface WidgetCase {
  attributes: Record<string, string>;
  shows: string;
  /** Properties set once the element is defined (objects, which have no attribute). */
  properties?: Record<string, unknown>;
  /** The page holds the site's agent token (the agents' tools). */
  agent?: boolean;
  /** The page holds an observer's token of the Lozère (the network observatory's elements). */
  observer?: boolean;
  /** Nothing in it takes the keyboard focus (figures only). */
  noFocus?: boolean;
  /** The page's address query (the configurator reads its state from it). */
  query?: string;
}

let widgets: RunningServer;
let host: HostServer;
let browser: Browser;
let dir: string;
let declarations: WidgetDeclaration[];
let cases: Record<string, WidgetCase>;
let agentToken: string;
let observerToken: string;
const figures: string[] = [];

/** A token the page holds on its device, under the key its element reads. */
interface StoredToken {
  key: string;
  value: string;
}

const storedToken = (widgetCase: WidgetCase): StoredToken | null =>
  widgetCase.agent ? { key: TOKEN_KEY, value: agentToken } : widgetCase.observer ? { key: OBSERVER_TOKEN_KEY, value: observerToken } : null;

/**
 * Installed in every page before its scripts (through the DevTools protocol: no inline script,
 * so no CSP exception): the shifted clock, a count of requests in flight, and `__fsSettled`.
 */
function pageSetup(clock: number, token: StoredToken | null): string {
  return `(() => {
  const RealDate = Date;
  const start = performance.now();
  const now = () => ${clock} + Math.floor(performance.now() - start);
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return args.length ? new RealDate(...args) : new RealDate(now());
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = now;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate;
  let inFlight = 0;
  const realFetch = globalThis.fetch.bind(globalThis);
  globalThis.fetch = (...args) => {
    inFlight += 1;
    return realFetch(...args).finally(() => { inFlight -= 1; });
  };
  ${token ? `try { localStorage.setItem(${JSON.stringify(token.key)}, ${JSON.stringify(token.value)}); } catch {}` : ''}
  const trees = (el) => {
    const out = [];
    const visit = (root) => { for (const e of root.querySelectorAll('*')) { out.push(e); if (e.shadowRoot) visit(e.shadowRoot); } };
    if (el.shadowRoot) visit(el.shadowRoot);
    visit(el); // slotted children too (the configurator's preview)
    return out;
  };
  let last = '';
  let since = 0;
  // Settled: defined, its language there, the text expected, nothing busy or in flight, the same markup for 400 ms.
  globalThis.__fsSettled = (selector, text) => {
    const el = document.querySelector(selector);
    if (!el || !customElements.get(el.localName) || !el.shadowRoot) return false;
    const all = trees(el);
    const markup = el.outerHTML + el.shadowRoot.innerHTML + all.map((e) => (e.shadowRoot ? e.shadowRoot.innerHTML : '')).join('');
    const textNow = [el.shadowRoot, ...all.filter((e) => e.shadowRoot).map((e) => e.shadowRoot)].map((r) => r.textContent).join(' ').replace(/\\s+/g, ' ');
    if (markup !== last) { last = markup; since = performance.now(); return false; }
    const busy = el.hasAttribute('data-fs-locale-pending') || all.some((e) => (e.getAttribute('aria-busy') === 'true' && e.localName !== 'button') || e.hasAttribute('data-fs-locale-pending'));
    return !busy && inFlight === 0 && textNow.includes(text) && performance.now() - since >= 400;
  };
  // The focused element, through shadow roots, and how its focus shows.
  globalThis.__fsFocus = (selector) => {
    const host = document.querySelector(selector);
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    if (!active || document.activeElement !== host) return { inside: false, tag: active ? active.localName : null };
    const style = getComputedStyle(active);
    return {
      inside: true,
      tag: active.localName,
      focusVisible: active.matches(':focus-visible'),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 ? style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor : null,
      boxShadow: style.boxShadow !== 'none' ? style.boxShadow : null,
      // A ring drawn over the content, as a border of ::after (the map's, over Leaflet's panes).
      overlay: (() => { const after = getComputedStyle(active, '::after'); return after.content !== 'none' && after.borderTopStyle !== 'none' && parseFloat(after.borderTopWidth) >= 1 ? 'border ' + after.borderTopWidth + ' ' + after.borderTopColor + ' over the content' : null; })(),
    };
  };
  // The computed styles that a host theme could reach, of the element and everything in its shadow trees.
  const props = ${JSON.stringify(STYLE_PROPERTIES)};
  globalThis.__fsStyles = (selector) => {
    const el = document.querySelector(selector);
    const path = (e) => { const parts = []; for (let n = e; n && n !== el; n = n.parentNode instanceof ShadowRoot ? n.parentNode.host : n.parentNode) parts.unshift(n.localName + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\\s+/).join('.') : '') + (n.getAttribute && n.getAttribute('part') ? '[part=' + n.getAttribute('part') + ']' : '')); return el.localName + ' ' + parts.join(' > '); };
    return [el, ...trees(el)].map((e) => { const st = getComputedStyle(e); return [path(e), props.map((p) => st.getPropertyValue(p)).join(' | ')]; });
  };
  // Every link of the element's shadow trees.
  globalThis.__fsLinks = (selector) => trees(document.querySelector(selector)).filter((e) => e.localName === 'a').map((a) => a.getAttribute('href'));
})();`;
}

function pageHtml(tag: string, attributes: Record<string, string>, hostile: boolean): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => (value === '' ? ` ${name}` : ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`))
    .join('');
  return `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Mairie de Mende — ${tag}</title>
    ${hostile ? '<link rel="stylesheet" href="/mairie.css" />' : ''}
    <link rel="stylesheet" href="/scene.css" />
    <script type="module" src="${widgets.url}/widgets/fs-widgets.js"></script>
  </head>
  <body>
    <header><p>Mairie de Mende — Bienvenue</p></header>
    <main>
      <h1>Vos démarches</h1>
      <div class="scene"><${tag}${attrs}></${tag}></div>
    </main>
  </body>
</html>`;
}

/** The strict policy: `default-src 'self'` and only the directives the configurator's note gives for this widget. */
function strictPolicy(widget: WidgetDeclaration, attributes: Record<string, string>): string {
  const note = hostPolicies({
    server: `${widgets.url}/`,
    widget,
    attributes: Object.entries(attributes),
    release: null,
    frameTitle: '',
  }).script;
  const added = note.split(';').map((d) => d.trim().split(/\s+/));
  return [
    "default-src 'self'",
    "style-src 'self'",
    ...added.map(([name, ...sources]) => [name, "'self'", ...sources].join(' ')),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${widgets.url}/api/v1/${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  assert.ok(res.ok, `${init.method ?? 'GET'} ${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-hostile-'));
  const dist = join(dir, 'dist');
  await buildWidgets(dist, [embedBundle as RollupOptions]);
  widgets = await startWidgetServer(dir, dist);
  host = await startHost();
  host.file('/mairie.css', 'text/css', HOSTILE_CSS);
  // The widget at the same whole-pixel place in both pages (the host's headings differ in height,
  // and its centred, indented lines would move the inline badge): text drawn at another sub-pixel
  // offset is anti-aliased differently. The host's `*` rules still apply to the element itself.
  host.file(
    '/scene.css',
    'text/css',
    `.scene { display: block !important; position: absolute !important; top: 200px !important; left: 40px !important; width: ${STAGE_WIDTH}px !important;` +
      ' text-align: left !important; text-indent: 0 !important; line-height: normal !important; }',
  );
  host.under('/tiles/', 'image/png', TILE);
  browser = await launchBrowser();
  declarations = readManifest(JSON.parse(readFileSync(join(REPO, 'custom-elements.json'), 'utf8')));

  // Deterministic data through the real API: answers for the results, a case for the tracker, a token for the agents.
  for (const rating of ['very-satisfied', 'satisfied', 'satisfied', 'dissatisfied', 'very-satisfied', 'satisfied']) {
    await api('feedback', {
      method: 'POST',
      body: JSON.stringify({ key: randomUUID(), site_id: SITE, rating, channel: 'kiosk', answered_at: new Date().toISOString() }),
    });
  }
  agentToken = (await createToken(widgets.db, { role: 'agent', siteId: SITE, label: 'e2e hostile host' })).token;
  observerToken = (await createToken(widgets.db, { role: 'departement', department: '48', label: 'e2e hostile host' })).token;
  // Mende takes online bookings, so the booking widget shows its first step (and the card, the locator and the poster their link).
  await api(`sites/${SITE}/booking-settings`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${agentToken}` },
    body: JSON.stringify({
      enabled: true,
      duration_minutes: 30,
      capacity: 1,
      horizon_days: 28,
      min_notice_minutes: 1440,
      reasons: ['demarche:carte-vitale', 'other'],
    }),
  });
  const created = await api<{ code: string }>('cases', {
    method: 'POST',
    headers: { authorization: `Bearer ${agentToken}` },
    body: JSON.stringify({
      key: randomUUID(),
      site_id: SITE,
      partner: 'interieur',
      demarche: 'Demande de carte grise',
      step: 'Dossier envoyé à l’ANTS',
      documents: ['Ancienne carte grise', 'Justificatif de domicile'],
    }),
  });
  const mende = await api<{ items: unknown[]; origin: { location: unknown } }>('sites?commune=48095&limit=10');

  cases = {
    'fs-site-locator': { attributes: { commune: '48095', 'no-url-state': '' }, shows: 'France services trouvées autour de Mende' },
    'fs-site-card': { attributes: { 'site-id': SITE }, shows: 'France services de Mende' },
    'fs-commune-search': { attributes: { value: 'Mende' }, shows: 'code postal' },
    'fs-site-map': {
      attributes: { 'tile-url': `${host.origin}/tiles/{z}/{x}/{y}.png`, 'tile-attribution': '© Fond de test', 'selected-id': SITE },
      properties: { sites: mende.items, origin: mende.origin.location },
      shows: '© Fond de test',
    },
    'fs-satisfaction': { attributes: { 'site-id': SITE }, shows: 'Êtes-vous satisfait' },
    'fs-satisfaction-results': { attributes: { 'site-id': SITE, 'min-count': '1' }, shows: 'd’usagers satisfaits', noFocus: true },
    'fs-demarche-tracker': { attributes: { code: created.code }, shows: 'Dossier envoyé à l’ANTS' },
    'fs-demarche-log': { attributes: { 'site-id': SITE }, shows: 'Aujourd’hui', agent: true },
    'fs-partner-editor': { attributes: { 'site-id': SITE }, shows: 'Partenaires locaux et permanences', agent: true },
    'fs-closure-editor': { attributes: { 'site-id': SITE }, shows: 'Fermetures et horaires exceptionnels', agent: true },
    'fs-outreach-editor': { attributes: { 'site-id': SITE }, shows: 'Arrêts du bus et permanences', agent: true },
    'fs-site-admin': { attributes: { 'site-id': SITE }, shows: 'Informations vérifiées', agent: true },
    'fs-agenda': { attributes: { 'site-id': SITE }, shows: 'Places libres', agent: true },
    'fs-booking': { attributes: { 'site-id': SITE }, shows: 'Pour quoi voulez-vous un rendez-vous ?' },
    'fs-network-observatory': { attributes: {}, shows: 'Observatoire du réseau France services — Lozère (48)', observer: true },
    'fs-coverage-map': { attributes: {}, shows: 'Carte de l’accès aux France services — Lozère (48)', observer: true },
    'fs-partner-directory': { attributes: { 'site-id': SITE }, shows: 'France services de Mende' },
    'fs-banner': { attributes: { commune: '48095' }, shows: 'France services de Mende' },
    'fs-badge': { attributes: { 'site-id': SITE }, shows: 'France services de Mende' },
    'fs-poster': { attributes: { 'site-id': SITE }, shows: 'France services de Mende' },
    'fs-key-figures': { attributes: { 'site-id': SITE }, shows: 'France services de Mende en chiffres', noFocus: true },
    // Configuring the badge (restored from the page's address): the steps, the preview (slotted, in the host's light DOM) and the code.
    'fs-configurator': {
      attributes: { server: `${widgets.url}/` },
      query: `?widget=fs-badge&site-id=${SITE}&insee=48095&lieu=Mende`,
      shows: 'Copiez le code et collez-le dans votre site',
    },
  };
});

after(async () => {
  await browser?.close();
  await host?.close();
  await widgets?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (figures.length) console.log(`hostile host: ${figures.join('; ')}`);
});

/** A tab of its own browser context (no offline copy or token shared), with the shifted clock and the settle helpers. */
function freshTab(token: StoredToken | null): Promise<Tab> {
  return openTab(browser, { isolated: true, timezone: 'Europe/Paris', reducedMotion: true, init: [pageSetup(CLOCK, token)] });
}

/** The first computed styles that differ between two renders: what the host theme reached. */
function styleDifferences(a: [string, string][], b: [string, string][]): string {
  const out: string[] = [];
  for (let i = 0; i < Math.min(a.length, b.length) && out.length < 6; i++) {
    if (a[i]![1] === b[i]![1]) continue;
    const va = a[i]![1].split(' | ');
    const vb = b[i]![1].split(' | ');
    const props = STYLE_PROPERTIES.filter((_, k) => va[k] !== vb[k]).map(
      (p) => `${p}: ${va[STYLE_PROPERTIES.indexOf(p)]} → ${vb[STYLE_PROPERTIES.indexOf(p)]}`,
    );
    out.push(`  ${b[i]![0]}: ${props.join('; ')}`);
  }
  if (a.length !== b.length) out.push(`  ${a.length} elements in the neutral page, ${b.length} in the town-hall page`);
  return out.length ? `\nstyles the host reached:\n${out.join('\n')}` : '';
}

interface Render {
  styles: [string, string][];
  rest: Png;
  focused: Png | null;
  focus: {
    inside: boolean;
    tag: string | null;
    focusVisible?: boolean;
    outline?: string | null;
    boxShadow?: string | null;
    overlay?: string | null;
  };
  links: (string | null)[];
}

/** Loads one page, waits for the widget to settle, screenshots it at rest and after the first Tab. */
async function render(tab: Tab, tag: string, widgetCase: WidgetCase, path: string, variant: string): Promise<Render> {
  const { page } = tab;
  await page.goto(`${host.origin}${path}${widgetCase.query ?? ''}`, { waitUntil: 'load' });
  if (widgetCase.properties) {
    await page.waitForFunction((t) => !!customElements.get(t), { timeout: 15_000 }, tag);
    await page.evaluate(
      (t, props) => {
        Object.assign(document.querySelector(t)!, props);
      },
      tag,
      widgetCase.properties,
    );
  }
  try {
    await page.waitForFunction(`__fsSettled(${JSON.stringify(`.scene > ${tag}`)}, ${JSON.stringify(widgetCase.shows)})`, {
      timeout: 20_000,
      polling: 100,
    });
  } catch (err) {
    // Say why: a request the policy blocked, an error, or what the widget shows instead.
    const shown = await page.evaluate(
      (t) => (document.querySelector(t)?.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 300),
      `.scene > ${tag}`,
    );
    throw new Error(
      `${tag} (${variant}) did not settle showing “${widgetCase.shows}”: ${(err as Error).message}\nCSP violations: ${JSON.stringify(tab.violations)}\nerrors: ${JSON.stringify(tab.errors)}\nit shows: ${shown}`,
    );
  }
  await page.evaluate(() => document.fonts.ready);
  const rest = await shot(page, `.scene > ${tag}`, `${tag}-${variant}`);
  const styles = (await page.evaluate(`__fsStyles(${JSON.stringify(`.scene > ${tag}`)})`)) as [string, string][];
  const links = (await page.evaluate(`__fsLinks(${JSON.stringify(`.scene > ${tag}`)})`)) as (string | null)[];
  await page.bringToFront();
  await page.keyboard.press('Tab');
  await new Promise((r) => setTimeout(r, 150));
  const focus = (await page.evaluate(`__fsFocus(${JSON.stringify(`.scene > ${tag}`)})`)) as Render['focus'];
  const focused = focus.inside ? (await shot(page, `.scene > ${tag}`, `${tag}-${variant}-focus`)).png : null;
  return { styles, rest: rest.png, focused, focus, links };
}

/** One widget: neutral reference, hostile page under the strict policy, compared. */
async function compare(t: TestContext, tag: string): Promise<Tab> {
  const widgetCase = cases[tag]!;
  const widget = declarations.find((w) => w.tag === tag)!;
  const csp = strictPolicy(widget, widgetCase.attributes);
  host.page(`/neutre/${tag}.html`, pageHtml(tag, widgetCase.attributes, false), null);
  host.page(`/mairie/${tag}.html`, pageHtml(tag, widgetCase.attributes, true), csp);

  const neutralTab = await freshTab(storedToken(widgetCase));
  const neutral = await render(neutralTab, tag, widgetCase, `/neutre/${tag}.html`, 'neutral');
  assert.deepEqual(neutralTab.violations, [], `${tag}: no CSP violation in the neutral page`);
  assert.deepEqual(neutralTab.errors, [], `${tag}: no error in the neutral page`);
  await neutralTab.close();

  const hostileTab = await freshTab(storedToken(widgetCase));
  const hostile = await render(hostileTab, tag, widgetCase, `/mairie/${tag}.html`, 'town-hall');
  assert.deepEqual(hostileTab.violations, [], `${tag}: no CSP violation under ${csp}`);
  assert.deepEqual(hostileTab.errors, [], `${tag}: no error in the town-hall page`);
  // The host's theme reached the page (so the comparison proves something) but not the widget.
  assert.match(await hostileTab.page.evaluate(() => getComputedStyle(document.querySelector('h1')!).fontFamily), /Comic Sans/);

  const reached = styleDifferences(neutral.styles, hostile.styles);
  if (hostile.rest.width !== neutral.rest.width || hostile.rest.height !== neutral.rest.height) {
    assert.fail(
      `${tag}: ${neutral.rest.width} × ${neutral.rest.height} px in the neutral page, ${hostile.rest.width} × ${hostile.rest.height} px in the town-hall page${reached}`,
    );
  }
  const atRest = pixelDifference(t, `${tag} at rest`, neutral.rest, hostile.rest, 'between the neutral and the town-hall page');
  let focusedFigure = '';
  if (widgetCase.noFocus) {
    assert.equal(hostile.focus.inside, false, `${tag}: nothing in it takes the focus (as declared)`);
  } else {
    assert.ok(hostile.focus.inside, `${tag}: the first Tab lands inside the widget (on ${hostile.focus.tag})`);
    assert.equal(hostile.focus.tag, neutral.focus.tag, `${tag}: the same control takes the focus in both pages`);
    assert.ok(hostile.focus.focusVisible, `${tag}: the focused ${hostile.focus.tag} matches :focus-visible`);
    assert.ok(
      hostile.focus.outline || hostile.focus.boxShadow || hostile.focus.overlay,
      `${tag}: the focused ${hostile.focus.tag} shows a focus ring (outline, shadow or overlay)`,
    );
    const ring = pixelDifference(t, `${tag} focus`, hostile.rest, hostile.focused!, 'between at rest and focused, in the town-hall page');
    assert.ok(ring.differing >= 20, `${tag}: the focus shows on screen in the town-hall page (${ring.differing} pixels change)`);
    const focused = pixelDifference(t, `${tag} focused`, neutral.focused!, hostile.focused!, 'between the neutral and the town-hall page');
    assert.ok(focused.share <= MAX_DIFF_SHARE, `${tag}: looks focused as in the neutral page${reached}`);
    focusedFigure = `, focused ${focused.differing}`;
    t.diagnostic(
      `${tag}: the first Tab focuses a ${hostile.focus.tag} whose ring is ${hostile.focus.outline ?? hostile.focus.boxShadow ?? hostile.focus.overlay}`,
    );
  }
  assert.ok(atRest.share <= MAX_DIFF_SHARE, `${tag} looks as in the neutral page${reached}`);
  for (const href of hostile.links)
    assert.match(href ?? '', /^(https?:|mailto:|tel:|geo:|\/|#|\?)/, `${tag}: a link with a real href (${href})`);
  assert.deepEqual(hostile.links, neutral.links, `${tag}: the same links in both pages`);
  figures.push(`${tag} ${atRest.differing}${focusedFigure} px`);
  return hostileTab;
}

test('every element of the manifest has a loaded case here', () => {
  const tags = declarations.map((w) => w.tag).sort();
  assert.deepEqual(Object.keys(cases).sort(), tags);
});

for (const tag of [
  'fs-site-locator',
  'fs-site-card',
  'fs-commune-search',
  'fs-site-map',
  'fs-satisfaction',
  'fs-satisfaction-results',
  'fs-demarche-tracker',
  'fs-demarche-log',
  'fs-partner-editor',
  'fs-closure-editor',
  'fs-outreach-editor',
  'fs-site-admin',
  'fs-agenda',
  'fs-booking',
  'fs-network-observatory',
  'fs-coverage-map',
  'fs-partner-directory',
  'fs-banner',
  'fs-badge',
  'fs-poster',
  'fs-key-figures',
  'fs-configurator',
]) {
  test(`<${tag}> in a hostile town-hall page under a strict CSP: same pixels, no violation, focus ring and links work`, async (t) => {
    const tab = await compare(t, tag);
    if (tag === 'fs-badge') {
      // Behaviour: the focused link, followed with Enter, opens the widgets server's page of the
      // site, its short public page (its card, directions, the locator).
      const href = (await tab.page.evaluate(`__fsLinks('.scene > fs-badge')`)) as string[];
      await Promise.all([tab.page.waitForNavigation({ timeout: 10_000 }), tab.page.keyboard.press('Enter')]);
      assert.equal(tab.page.url(), href[0]);
      assert.match(tab.page.url(), new RegExp(`^${widgets.url}/s/${SITE}$`));
      await tab.page.waitForFunction(
        () => (document.querySelector('fs-site-card')?.shadowRoot?.textContent ?? '').includes('France services de Mende'),
        { timeout: 15_000 },
      );
      assert.deepEqual(tab.violations, [], 'the embed page runs under its own strict policy');
    }
    await tab.close();
  });
}
