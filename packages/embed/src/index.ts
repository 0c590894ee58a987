/**
 * The one-script embed: `<script type="module" src="https://<server>/widgets/fs-widgets.js">`.
 *
 * It is a loader, a few hundred bytes: it watches the page for `fs-*` elements and fetches the
 * code of each widget the first time one appears, so a page pays only for the widgets it uses
 * (a town hall's card does not download the locator, the map or the kiosk). Widgets without an
 * `api` attribute talk to the server this script was loaded from.
 *
 * Elements inside another component's shadow root are not seen by the watcher: call
 * `loadWidget('fs-site-card')` from this module, or import the widget's package directly.
 */
import { setDefaultApiBase } from '@fs-widgets/core';

// `/widgets/fs-widgets.js` (the latest) or `/widgets/v<version>/fs-widgets.js` (a pinned release,
// with Subresource Integrity): the API is beside `/widgets/` either way.
setDefaultApiBase(new URL(/\/v\d[^/]*\/fs-widgets\.js$/.test(new URL(import.meta.url).pathname) ? '../../api/v1' : '../api/v1', import.meta.url).href);

const widgets: Record<string, () => Promise<unknown>> = {
  'fs-site-locator': () => import('@fs-widgets/site-locator/site-locator.js'),
  'fs-site-card': () => import('@fs-widgets/site-locator/site-card.js'),
  'fs-commune-search': () => import('@fs-widgets/site-locator/commune-search.js'),
  'fs-site-map': () => import('@fs-widgets/site-locator/site-map.js'),
  'fs-satisfaction': () => import('@fs-widgets/satisfaction/satisfaction.js'),
  'fs-satisfaction-results': () => import('@fs-widgets/satisfaction/satisfaction-results.js'),
  'fs-demarche-log': () => import('@fs-widgets/demarches/demarche-log.js'),
  'fs-demarche-tracker': () => import('@fs-widgets/demarches/demarche-tracker.js'),
  'fs-partner-editor': () => import('@fs-widgets/demarches/partner-editor.js'),
  'fs-partner-directory': () => import('@fs-widgets/partner-directory/partner-directory.js'),
  'fs-banner': () => import('@fs-widgets/kit/banner.js'),
  'fs-badge': () => import('@fs-widgets/kit/badge.js'),
  'fs-key-figures': () => import('@fs-widgets/kit/key-figures.js'),
  'fs-poster': () => import('@fs-widgets/kit/poster.js'),
  // The configurator page (/configurateur) loads it like any widget, sharing Lit and the core with its previews.
  'fs-configurator': () => import('@fs-widgets/configurator/configurator.js'),
};

const loading = new Map<string, Promise<unknown>>();

/** Fetches and registers one widget (once). Resolves when `customElements.get(tag)` is defined. */
export function loadWidget(tag: string): Promise<unknown> {
  const name = tag.toLowerCase();
  const load = widgets[name];
  if (!load) return Promise.reject(new Error(`Unknown France services widget <${tag}>`));
  let promise = loading.get(name);
  if (!promise) {
    promise = load().catch((err: unknown) => {
      loading.delete(name); // a failed fetch (offline) may be tried again
      throw err;
    });
    loading.set(name, promise);
  }
  return promise;
}

const selector = Object.keys(widgets).join(',');

function discover(root: Element | Document) {
  if (root instanceof Element && root.matches(selector)) void loadWidget(root.localName).catch(() => {});
  for (const el of root.querySelectorAll(selector)) void loadWidget(el.localName).catch(() => {});
}

discover(document);
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) discover(node);
}).observe(document.documentElement, { childList: true, subtree: true });
