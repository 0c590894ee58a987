// No import here on purpose: the embed's loader sets the base without pulling the HTTP client.

/**
 * Where the embed's loader leaves the API base of the server it was loaded from. A global,
 * not an import: the loader (`fs-widgets.js`) then imports nothing, and this module lives in
 * the shared `core` chunk with the base element that reads it (one request less for every
 * widget, see `manualChunks` in rollup.config.mjs). The loader sets it only when no other
 * loader did: one page defines each element once, with the first loader's code.
 */
export const LOADER_API_BASE = Symbol.for('fs-widgets.loader-api-base');

let pageDefaultBase: string | undefined;

/**
 * Sets the API base used by widgets without an `api` attribute. The embed bundle leaves the
 * server it was loaded from (`LOADER_API_BASE`), so `<script src="https://x/widgets/fs-widgets.js">`
 * is all a page needs; this call wins over it. A `<meta name="fs-widgets-api" content="…">` in
 * the page wins over both.
 */
export function setDefaultApiBase(base: string): void {
  pageDefaultBase = base;
}

export function defaultApiBase(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="fs-widgets-api"]')?.content;
  const loaderBase = (globalThis as { [LOADER_API_BASE]?: unknown })[LOADER_API_BASE];
  return meta || pageDefaultBase || (typeof loaderBase === 'string' ? loaderBase : '') || '/api/v1';
}
