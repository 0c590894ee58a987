import { defaultApiBase } from './api-base.js';
import { safeHref } from '../base/safe-href.js';
// Apart from api-base.ts, which the embed's loader carries: widgets link to the server's pages, the loader does not.

/**
 * The widgets' server an element talks to, ending with `/`: the server of its `api`
 * (`https://x/api/v1` → `https://x/`; a server under a path keeps it: `https://x/fs/api/v1` →
 * `https://x/fs/`), else of the page's default. Its pages (`embed/fs-site-card?…`, the locator)
 * are where widgets link people. An `api` that is no web address (`javascript:`, `data:`,
 * `http://%`) leads nowhere: the page's default server then.
 */
export function widgetsServer(api = ''): string {
  return serverOf(api || defaultApiBase()) ?? serverOf(defaultApiBase()) ?? new URL('/', document.baseURI).href;
}

/** The server of an API base (two levels up from `…/api/v1/`), or null for an address that is no web one. */
export function serverOf(apiBase: string): string | null {
  try {
    const api = new URL(apiBase.replace(/\/*$/, '/'), document.baseURI);
    return api.protocol === 'https:' || api.protocol === 'http:' ? new URL('../../', api).href : null;
  } catch {
    return null;
  }
}

/**
 * Where « Prendre rendez-vous » leads for a site that takes online bookings: the page author's
 * own page (`template`, an `http(s)` address where `{id}` stands for the site's id, e.g. a page of
 * theirs holding `<fs-booking>`), else the widgets' server's booking page `/s/<id>/rdv`. The
 * booking code itself is never loaded by the widgets that link there.
 */
export function bookingPageUrl(siteId: string, api = '', template = ''): string {
  const fallback = `${widgetsServer(api)}s/${encodeURIComponent(siteId)}/rdv`;
  return safeHref(template, fallback, ['https:', 'http:']).replaceAll('{id}', encodeURIComponent(siteId));
}
