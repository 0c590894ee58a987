/**
 * The one-script embed: `<script type="module" src="https://<server>/widgets/fs-widgets.js">`.
 *
 * It is a loader, about 1.5 KB: it watches the page for `fs-*` elements and fetches the code of
 * each widget the first time one appears (all of it at once, see `preload`), so a page pays only
 * for the widgets it uses (a town hall's card does not download the locator, the map or the
 * kiosk). Widgets without an `api` attribute talk to the server this script was loaded from.
 *
 * Elements inside another component's shadow root are not seen by the watcher: call
 * `loadWidget('fs-site-card')` from this module, or import the widget's package directly.
 */
// One `() => import('@fs-widgets/<package>/<name>.js')` per element of the registry
// (packages/contract/src/widgets.ts), generated at build time (scripts/build/widget-registry.mjs):
// each widget is a chunk of its own. The configurator page (/configurateur) loads its element
// like any widget, sharing Lit and the core with its previews. With it, the chunks each widget's
// chunk imports (`widgetChunks`, filled in once Rollup has named them).
import { widgetChunks, widgetLoaders as widgets } from 'fs-widgets:widget-loaders';

// `/widgets/fs-widgets.js` (the latest) or `/widgets/v<version>/fs-widgets.js` (a pinned release,
// with Subresource Integrity): the API is beside `/widgets/` either way.
const defaultBase = new URL(
  /\/v\d[^/]*\/fs-widgets\.js$/.test(new URL(import.meta.url).pathname) ? '../../api/v1' : '../api/v1',
  import.meta.url,
).href;
// Left for the widgets' core (`LOADER_API_BASE` in packages/core/src/api/api-base.ts, the same
// key): importing its setter would make this loader wait for the core chunk, where it lives.
// A page that already has a loader keeps the first one's, whose code defines the elements.
const apiBaseKey = Symbol.for('fs-widgets.loader-api-base');
(globalThis as { [apiBaseKey]?: string })[apiBaseKey] ??= defaultBase;

const loading = new Map<string, Promise<unknown>>();

const [chunkFiles, chunksOf] = widgetChunks;
const preloaded = new Set<number>();

/**
 * Asks for every chunk a widget imports at once, while its own chunk is fetched: without it the
 * browser would discover them one level at a time (the widget's chunk, then its imports). A
 * `modulepreload` fetches and compiles without running, so the modules still run in their order;
 * the URLs are relative to this script, as its imports are (a pinned `/widgets/v<version>/` too).
 */
function preload(tag: string) {
  for (const i of chunksOf[tag] ?? []) {
    if (preloaded.has(i)) continue;
    preloaded.add(i);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(chunkFiles[i]!, import.meta.url).href;
    document.head.append(link);
  }
}

/**
 * The first answers a widget asks for, when its attributes alone decide them: fetched with the
 * widget's code (`<link rel="preload" as="fetch">`) instead of after it, one round trip less on a
 * slow network. The widget's own request for the same URL takes the preloaded answer (a test
 * checks that one request leaves). When anything else may change that request (a shared link's
 * state in the page's address, a radius, a position), nothing is preloaded: the widget asks itself.
 * The URL is built as the widgets' client builds it: the base, the path, the parameters sorted.
 */
const FIRST_REQUESTS: Record<string, (el: Element) => string[] | undefined> = {
  'fs-site-card': (el) => {
    const id = siteIdOf(el);
    return id ? [`sites/${id}`] : undefined;
  },
  // What can be booked and the site's card, both asked for at once; not with a booking code (the
  // attribute, or the page's `?fs-rdv=`): the appointment decides the site then.
  'fs-booking': (el) => {
    const id = siteIdOf(el);
    if (!id || el.hasAttribute('code') || new URLSearchParams(location.search).has('fs-rdv')) return undefined;
    return [`sites/${id}/booking`, `sites/${id}`];
  },
  'fs-site-locator': (el) => {
    const commune = el.getAttribute('commune')?.trim().toUpperCase();
    const limit = el.getAttribute('limit') ?? '10';
    if (!commune || !/^(\d{5}|2[AB]\d{3})$/.test(commune) || !/^(100|[1-9]\d?)$/.test(limit)) return undefined;
    if (['radius', 'lat', 'lon', 'postcode'].some((a) => el.hasAttribute(a))) return undefined;
    // A shared link's state (`fsl-…` parameters, or the element's own prefix) wins over the attributes.
    const prefix = `${el.getAttribute('url-prefix') || 'fsl'}-`;
    if (!el.hasAttribute('no-url-state') && [...new URLSearchParams(location.search).keys()].some((k) => k.startsWith(prefix))) {
      return undefined;
    }
    return [`sites?commune=${commune}&limit=${limit}`];
  },
};

/** A site id attribute the server could know (digits), else undefined. */
function siteIdOf(el: Element): string | undefined {
  const id = el.getAttribute('site-id')?.trim();
  return id && /^\d{1,9}$/.test(id) ? id : undefined;
}

const prefetched = new Set<string>();

function prefetch(el: Element) {
  const paths = FIRST_REQUESTS[el.localName]?.(el);
  if (!paths) return;
  const base = el.getAttribute('api') || document.querySelector<HTMLMetaElement>('meta[name="fs-widgets-api"]')?.content || defaultBase;
  for (const path of paths) {
    const href = new URL(`${base.replace(/\/+$/, '')}/${path}`, document.baseURI).href;
    if (prefetched.has(href)) continue;
    prefetched.add(href);
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'fetch';
    link.crossOrigin = 'anonymous';
    link.href = href;
    document.head.append(link);
  }
}

/** Fetches and registers one widget (once). Resolves when `customElements.get(tag)` is defined. */
export function loadWidget(tag: string): Promise<unknown> {
  const name = tag.toLowerCase();
  const load = widgets[name];
  if (!load) return Promise.reject(new Error(`Unknown France services widget <${tag}>`));
  let promise = loading.get(name);
  if (!promise) {
    preload(name);
    promise = load().catch((err: unknown) => {
      loading.delete(name); // a failed fetch (offline) may be tried again
      throw err;
    });
    loading.set(name, promise);
  }
  return promise;
}

const selector = Object.keys(widgets).join(',');

function found(el: Element) {
  // Not once defined: the widget asks for itself.
  if (!customElements.get(el.localName)) prefetch(el);
  void loadWidget(el.localName).catch(() => {});
}

function discover(root: Element | Document) {
  if (root instanceof Element && root.matches(selector)) found(root);
  for (const el of root.querySelectorAll(selector)) found(el);
}

discover(document);
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) discover(node);
}).observe(document.documentElement, { childList: true, subtree: true });
