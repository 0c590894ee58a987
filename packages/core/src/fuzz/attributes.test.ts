/**
 * Garbage attributes never give a blank or broken widget. For every custom element of the
 * manifest (`custom-elements.json`, so a new element is fuzzed without touching this file),
 * fast-check generates sets of the attributes the manifest declares (plus `lang`), filled with
 * garbage — empty, blank, 5,000 characters, injection strings, numbers out of range or not
 * numbers, wrong types, unknown languages, sites and communes — mixed with valid values. Each set
 * is given to a fresh element, in Chromium, against the real server; once it has settled (no
 * request in flight, nothing `aria-busy`, its language loaded, its text stable):
 *
 * - no uncaught error and no unhandled rejection reached the window;
 * - it shows visible, non-empty text with words in it (a message, never a blank box);
 * - that text never says `undefined`, `NaN`, `null`, `Infinity` or `[object Object]` (unless the
 *   garbage itself did and the widget quotes it back);
 * - no event-handler attribute (`onerror`…), no `javascript:`/`data:` URL was created in any shadow
 *   root, and no injected script ran;
 * - axe passes, on a sample of the runs (every attribute garbage; all plausible; a server
 *   address that is no URL), the slowest check.
 *
 * Each element first gets the same fixed cases (`worstCases`), then random sets. The agents'
 * tools (`fs-demarche-log`, `fs-partner-editor`, `fs-site-admin`, `fs-closure-editor`, `fs-outreach-editor`) and the observatory's
 * (`fs-network-observatory`, `fs-coverage-map`) are fuzzed without a token: they then show their
 * token screen. Reproduce a run with `FS_TEST_SEED=<seed> npx web-test-runner
 * packages/core/src/fuzz/attributes.test.ts` (the seed is printed); raise `RUNS` to fuzz longer.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { readManifest, type WidgetAttribute, type WidgetDeclaration } from '@fs-widgets/contract/embed';
import { loadWidget } from '@fs-widgets/embed';
import { setDefaultApiBase } from '../api/api-base.js';
import { clearOfflineCache, realApi as sharedApi } from '../../../../test-support/component-test-env.js';

/**
 * The real server under another host name (localhost for 127.0.0.1): what this file fetches stays
 * out of the browser's HTTP cache entries of the other test files, whose figures it would
 * otherwise freeze for a minute while they change.
 */
const realApi = () => sharedApi().replace('//127.0.0.1:', '//localhost:');

declare global {
  interface Window {
    FS_TEST_SEED: string;
    fsXss?: number;
  }
}

/** Random runs per element (after the fixed `worstCases`): enough to meet each kind of garbage, short enough for CI (the whole file < 60 s). */
const RUNS = 21;
/** Runs of each element also checked with axe (1-based, among `worstCases`): all garbage, all plausible, no-URL server. */
const AXE_RUNS = [1, 6, 7];
const SEED = Number(window.FS_TEST_SEED) || 20261127;
/** The only elements that may be left out: none. A new element of the manifest is fuzzed as it comes. */
const SKIPPED: readonly string[] = [];

/** Nothing listens there: a refused connection, as a wrong `api` on a page would give. */
const UNREACHABLE = 'http://127.0.0.1:9/api/v1';
const HUGE = 'x'.repeat(5000);
/** Injections: each would set `window.fsXss` (or call `alert`) if it ever ran. */
const INJECTIONS = [
  '"><img src=x onerror=alert(1)>',
  '"><img src=x onerror="window.fsXss=1">',
  "'><svg onload=window.fsXss=1>",
  '<script>window.fsXss=1</script>',
  'javascript:alert(1)',
  'javascript:window.fsXss=1',
  'JaVaScRiPt:window.fsXss=1',
  'data:text/html,<script>window.fsXss=1</script>',
  '${window.fsXss=1}',
  '{{constructor.constructor("window.fsXss=1")()}}',
  '../../../../etc/passwd',
  "2983' OR '1'='1",
];
const GARBAGE = [
  '',
  ' ',
  '   \t\n ',
  HUGE,
  ...INJECTIONS,
  'NaN',
  'undefined',
  'null',
  '[object Object]',
  'Infinity',
  '-Infinity',
  '1e9',
  '-5',
  '0',
  '-0',
  '999',
  '1.5',
  'true',
  'false',
  '{}',
  '[]',
  '🙂🏛️',
  '\u202ejustifié\u202c',
  'é\u0301',
  '\uD800',
  '\u0000',
];

/** Valid and invalid values that mean something for an attribute of that name. */
const BY_NAME: Record<string, string[]> = {
  'site-id': ['2983', '2983', '1503', 'abc', '99999999', '-1', '0', ' 2983 ', '2983abc', '1e3', '2983.5'],
  'selected-id': ['2983', 'abc', '99999999', '-1'],
  commune: ['48095', '48095', '75056', '2A004', '97411', '00000', '99999', 'abc', '4809', '480955', '48 095'],
  postcode: ['48000', '75001', '00000', 'abc', '4800', '480000'],
  lat: ['44.5181', '999', '-91', '90.0001', 'NaN', '1e308', '44,5'],
  lon: ['3.5006', '999', '-181', 'NaN', '3,5'],
  radius: ['10', '-5', '0', '1e9', '0.001', 'NaN'],
  limit: ['5', '1e9', '-1', '0', '2.5', 'NaN', '100000'],
  'min-count': ['30', '-1', '0', '1e9', 'NaN'],
  'heading-level': ['2', '3', '0', '-1', '7', '99', 'h2', 'NaN'],
  'idle-timeout': ['20', '0', '-1', '1e9', 'NaN'],
  'thanks-duration': ['5', '0', '-1', '1e9', 'NaN'],
  'press-guard': ['1500', '0', '-1', '1e9', 'NaN'],
  'tile-timeout': ['8000', '0', '-1', '1e9', 'NaN'],
  year: ['2025', '2026', '1999', '3000', 'abc', '-1'],
  from: ['2026-01-01', '2026-13-45', '2026-02-30', 'yesterday', '01/01/2026'],
  to: ['2026-11-30', '2025-01-01', '9999-12-31', 'tomorrow'],
  code: ['ABCD-EFGH-JK0', 'ABCD-EFGH-JK1', '0000000000', 'ÀBCD', 'abcd-efgh-jk'],
  channel: ['web', 'kiosk', 'phone', 'fax', 'WEB'],
  query: ['CAF', 'carte grise', 'retraite', 'zzzz'],
  value: ['Mende', '48000', 'zz'],
  href: ['https://www.mende.fr/', '/france-services', '#x', 'mailto:x@y.fr', 'ftp://x', 'http://%', ...INJECTIONS],
  'tracker-url': ['https://www.mende.fr/suivi', '/suivi?code={code}', 'http://%', ...INJECTIONS],
  'locator-url': ['https://www.mende.fr/trouver', '/trouver', 'http://%', ...INJECTIONS],
  geocoder: ['/__test/ban/', UNREACHABLE, 'https://api-adresse.data.gouv.fr/', ...INJECTIONS],
  'tile-url': ['/__test/tiles/{z}/{x}/{y}.png', 'https://tile.example/{z}/{x}/{y}.png', '{z}/{x}', ...INJECTIONS],
  'tile-attribution': ['© OpenStreetMap', '<b>bold</b>'],
  'tile-attribution-url': ['https://www.openstreetmap.org/copyright', 'http://%', ...INJECTIONS],
  'url-prefix': ['fsl', 'a b', '&=?#'],
  filters: ['caf,cpam', 'zz', ','],
  lang: ['fr', 'en', 'xx', 'EN', 'fr-CA', 'en-GB', 'de', '', 'fr_FR'],
};

/** Values for one attribute: garbage for all, those of its name, its enum's options, its type's. */
function valuesFor(attribute: WidgetAttribute): fc.Arbitrary<string> {
  // Mostly the real server, so the other attributes reach it; sometimes a server that fails or is no URL at all.
  // (Not 5,000 characters: the test runner lists every 404 address it served.)
  const badServers = ['http://%', '/__test/status/503/', ...GARBAGE.filter((g) => g !== HUGE)];
  if (attribute.name === 'api')
    return fc.oneof(
      { arbitrary: fc.constant(realApi()), weight: 6 },
      { arbitrary: fc.constantFrom(UNREACHABLE, ...badServers), weight: 1 },
    );
  if (attribute.name === 'server')
    return fc.oneof(
      { arbitrary: fc.constant(realServer()), weight: 4 },
      { arbitrary: fc.constantFrom('http://127.0.0.1:9/', ...badServers), weight: 1 },
    );
  const meaningful = [...(BY_NAME[attribute.name] ?? []), ...attribute.options];
  if (attribute.kind === 'number') meaningful.push(attribute.default || '1', '-1', '1e9', 'NaN', 'abc');
  if (attribute.kind === 'boolean') meaningful.push('', attribute.name, 'false');
  if (attribute.kind === 'enum') meaningful.push(...attribute.options.map((o) => o.toUpperCase()), 'nope');
  const parts = [
    { arbitrary: fc.constantFrom(...GARBAGE), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
  ];
  if (meaningful.length > 0) parts.push({ arbitrary: fc.constantFrom(...meaningful), weight: 3 });
  return fc.oneof(...parts);
}

/** The real server's base (the configurator's `server`). */
const realServer = () => realApi().replace(/api\/v1$/, '');

/** The worst cases first: every attribute (but the server's address) set to the same garbage at once. */
const EVERYWHERE = ['\uD800', HUGE, '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', 'NaN'];

/** A meaningful value for each attribute (the first of its name's list, or its default). */
function plausible(attribute: WidgetAttribute): string {
  return BY_NAME[attribute.name]?.[0] ?? (attribute.default || attribute.options[0] || '');
}

/**
 * The runs made first, the same for every seed: every attribute (but the server's address) set to
 * the same garbage at once; then plausible values for all, with the real server and with a server
 * address that is no URL (`http://%`).
 */
function worstCases(widget: WidgetDeclaration): [[string, string][]][] {
  const server = (a: WidgetAttribute, api: string, base: string) => (a.name === 'api' ? api : a.name === 'server' ? base : undefined);
  return [
    ...EVERYWHERE.map((garbage): [[string, string][]] => [
      [...widget.attributes.map((a): [string, string] => [a.name, server(a, realApi(), realServer()) ?? garbage]), ['lang', garbage]],
    ]),
    [widget.attributes.map((a): [string, string] => [a.name, server(a, realApi(), realServer()) ?? plausible(a)])],
    [widget.attributes.map((a): [string, string] => [a.name, server(a, 'http://%', 'http://%') ?? plausible(a)])],
  ];
}
const WORST_CASES = EVERYWHERE.length + 2;

/** A set of attributes for one element: any subset of the declared ones (and `lang`), each filled. */
function attributeSets(widget: WidgetDeclaration): fc.Arbitrary<[string, string][]> {
  const attributes = [
    ...widget.attributes,
    { name: 'lang', kind: 'enum', options: ['fr', 'en'], default: '', description: '' } satisfies WidgetAttribute,
  ];
  return fc
    .subarray(attributes, { minLength: 1 })
    .chain((chosen) => fc.tuple(...chosen.map((a) => valuesFor(a).map((v): [string, string] => [a.name, v]))));
}

// ---- what the page sees -------------------------------------------------------------------

let inFlight = 0;
const pageErrors: string[] = [];

function* deepElements(root: ParentNode): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

/** Visible text of an element's shadow tree (nested shadow roots included), whitespace collapsed. */
function visibleText(el: Element): string {
  const texts: string[] = [];
  const roots: ParentNode[] = el.shadowRoot ? [el.shadowRoot] : [];
  for (const inner of el.shadowRoot ? deepElements(el.shadowRoot) : []) if (inner.shadowRoot) roots.push(inner.shadowRoot);
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('style, script, template')) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const text = node.textContent?.trim();
      if (text) texts.push(text);
    }
  }
  return texts.join(' ').replace(/\s+/g, ' ').trim();
}

/** The whole shadow tree's markup, to tell when it stops changing. */
function snapshot(el: Element): string {
  let out = el.shadowRoot?.innerHTML ?? '';
  for (const inner of el.shadowRoot ? deepElements(el.shadowRoot) : []) if (inner.shadowRoot) out += inner.shadowRoot.innerHTML;
  return out;
}

function busy(el: Element): boolean {
  if (el.hasAttribute('data-fs-locale-pending')) return true;
  for (const inner of el.shadowRoot ? deepElements(el.shadowRoot) : []) {
    if (inner.getAttribute('aria-busy') === 'true' && !inner.matches('button')) return true;
    if (inner.hasAttribute('data-fs-locale-pending')) return true;
  }
  return false;
}

/** How long the markup must stay the same, with nothing in flight, to count as settled. */
const STABLE_MS = 60;

/** Settled: no request in flight, nothing busy, Lit idle, and the same markup for `STABLE_MS`. */
async function settle(el: HTMLElement & { updateComplete?: Promise<unknown> }, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let last = '';
  let stableSince = performance.now();
  for (;;) {
    await el.updateComplete;
    const now = snapshot(el);
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    } else if (inFlight === 0 && !busy(el) && performance.now() - stableSince >= STABLE_MS) {
      return;
    }
    if (performance.now() > deadline)
      throw new Error(`<${el.localName}> did not settle within ${timeoutMs} ms (requests in flight: ${inFlight}, busy: ${busy(el)})`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Attribute names and URL values that would run script, anywhere in the element's shadow trees or its children (slotted). */
function dangerousMarkup(el: Element): string[] {
  const found: string[] = [];
  for (const inner of [...(el.shadowRoot ? deepElements(el.shadowRoot) : []), ...deepElements(el)]) {
    for (const attr of inner.attributes) {
      if (/^on/i.test(attr.name)) found.push(`<${inner.localName} ${attr.name}>`);
      if (
        ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(attr.name) &&
        /^\s*(javascript|data:text\/html|vbscript):?/i.test(attr.value.replace(/[\s\p{Cc}]/gu, ''))
      ) {
        found.push(`<${inner.localName} ${attr.name}="${attr.value.slice(0, 60)}">`);
      }
    }
    if (inner.localName === 'script' || inner.localName === 'iframe' || inner.localName === 'object' || inner.localName === 'embed')
      found.push(`<${inner.localName}>`);
  }
  return found;
}

/** A plausible BCP 47 tag (`fr`, `en-GB`): what a widget may write in its own `lang` attributes. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** Tags axe knows (its valid-lang rule checks the language part against ISO 639). */
const REAL_LANGUAGES = ['fr', 'en', 'en-GB', 'fr-CA', 'de', 'EN'];

const NONSENSE = /\b(undefined|NaN|null|Infinity)\b|\[object \w+\]/;

/** The text, with the garbage it was given taken out (a widget may quote the value it refuses). */
function withoutEchoes(text: string, values: string[]): string {
  let out = text;
  for (const value of values
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .sort((a, b) => b.length - a.length))
    out = out.split(value).join(' ');
  return out;
}

// The elements are read from the manifest before the tests are declared (one test each).
const MANIFEST_TAGS = readManifest(await (await fetch('/custom-elements.json')).json()).map((w) => w.tag);

interface Figures {
  runs: number;
  axe: number;
  ms: number;
}

describe('fuzzing every element’s attributes (Chromium, real server)', function () {
  this.timeout(120_000);
  let widgets: WidgetDeclaration[] = [];
  const figures: Record<string, Figures> = {};
  const originalUrl = location.href;
  const originalFetch = window.fetch;
  const onError = (e: ErrorEvent) => pageErrors.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) =>
    pageErrors.push(`unhandled rejection: ${String((e.reason as Error)?.stack ?? e.reason)}`);
  const originalAlert = window.alert;

  before(async () => {
    await clearOfflineCache();
    setDefaultApiBase(realApi());
    // Counts requests in flight (to tell when an element has settled), and keeps their answers out
    // of the browser's HTTP cache: the network's figures of this moment would otherwise stand in
    // for fresh ones in the test files that run next in this browser.
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      inFlight += 1;
      try {
        return await originalFetch(input, { ...init, cache: 'no-store' });
      } finally {
        inFlight -= 1;
      }
    };
    window.alert = () => {
      window.fsXss = 1;
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const res = await originalFetch('/custom-elements.json');
    expect(res.ok, 'custom-elements.json at the repository root (npm run analyze)').to.equal(true);
    widgets = readManifest(await res.json());
    expect(widgets.map((w) => w.tag)).to.deep.equal(MANIFEST_TAGS);
  });

  after(async () => {
    await clearOfflineCache(); // the offline copies saved here, for the same reason
    window.fetch = originalFetch;
    window.alert = originalAlert;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
    history.replaceState(null, '', originalUrl);
    const total = Object.values(figures).reduce((n, f) => n + f.runs, 0);
    const axe = Object.values(figures).reduce((n, f) => n + f.axe, 0);
    console.log(`attribute fuzz (seed ${SEED}): ${Object.keys(figures).length} elements, ${total} runs, ${axe} checked with axe`);
    console.log(
      Object.entries(figures)
        .map(([tag, f]) => `${tag} ${f.runs} runs ${f.ms} ms`)
        .join('; '),
    );
  });

  it('reads every element of the manifest, each one loadable', async () => {
    expect(widgets.length).to.be.greaterThan(10);
    for (const widget of widgets) if (!SKIPPED.includes(widget.tag)) await loadWidget(widget.tag);
  });

  for (const tag of MANIFEST_TAGS.filter((t) => !SKIPPED.includes(t))) {
    it(`<${tag}>: ${RUNS + WORST_CASES} sets of garbage attributes, never blank, broken, or injected`, async () => {
      const widget = widgets.find((w) => w.tag === tag);
      expect(widget, `<${tag}> is in custom-elements.json`).to.not.equal(undefined);
      await loadWidget(tag);
      const stats: Figures = (figures[tag] = { runs: 0, axe: 0, ms: 0 });
      const started = performance.now();
      const container = document.createElement('div');
      document.body.append(container);
      try {
        const details = await fc.check(
          fc.asyncProperty(attributeSets(widget!), async (attributes) => {
            stats.runs += 1;
            pageErrors.length = 0;
            window.fsXss = undefined;
            history.replaceState(null, '', originalUrl);
            const el = document.createElement(tag) as HTMLElement & { updateComplete?: Promise<unknown> };
            for (const [name, value] of attributes) el.setAttribute(name, value);
            container.replaceChildren(el);
            try {
              await settle(el);
              const what = `<${tag} ${attributes.map(([n, v]) => `${n}="${v.length > 40 ? `${v.slice(0, 40)}…(${v.length})` : v}"`).join(' ')}>`;
              expect(pageErrors, `${what}: no uncaught error`).to.deep.equal([]);
              const box = el.getBoundingClientRect();
              expect(box.width > 0 && box.height > 0, `${what}: takes room on the page (${box.width}×${box.height})`).to.equal(true);
              const text = visibleText(el);
              expect(/\p{L}{3,}/u.test(text), `${what}: shows a message with words, not a blank (“${text.slice(0, 80)}”)`).to.equal(true);
              const nonsense = NONSENSE.exec(
                withoutEchoes(
                  text,
                  attributes.map(([, v]) => v),
                ),
              );
              expect(nonsense?.[0], `${what}: says no “${nonsense?.[0]}” (in “${text.slice(0, 200)}”)`).to.equal(undefined);
              expect(dangerousMarkup(el), `${what}: no script-running markup`).to.deep.equal([]);
              expect(window.fsXss, `${what}: no injected script ran`).to.equal(undefined);
              const innerLangs = [...deepElements(el.shadowRoot!)]
                .filter((e) => e.hasAttribute('lang'))
                .map((e) => e.getAttribute('lang')!);
              expect(
                innerLangs.filter((l) => !LANGUAGE_TAG.test(l)),
                `${what}: the widget marks languages with valid tags only`,
              ).to.deep.equal([]);
              if (AXE_RUNS.includes(stats.runs)) {
                stats.axe += 1;
                // A garbage `lang` on the element is the page's own mistake (axe: valid-lang), not the widget's.
                const lang = el.getAttribute('lang');
                await expect(el).to.be.accessible(lang !== null && !REAL_LANGUAGES.includes(lang) ? { ignoredRules: ['valid-lang'] } : {});
              }
            } finally {
              el.remove();
            }
          }),
          {
            numRuns: RUNS + WORST_CASES,
            examples: worstCases(widget!),
            seed: SEED + tag.length * 7919 + tag.charCodeAt(3),
            endOnFailure: true,
          },
        );
        // The failing check's own message first (fast-check keeps it as the cause), then how to replay.
        if (details.failed)
          throw new Error(
            `${String((details.errorInstance as Error)?.message ?? details.errorInstance)}\n${fc.defaultReportMessage(details)}`,
          );
      } finally {
        stats.ms = Math.round(performance.now() - started);
        container.remove();
        history.replaceState(null, '', originalUrl);
      }
    });
  }
});
