import type { Locale } from './locale.js';

/*
 * Counts and shares in the page's language, apart from format.ts: the figures' views (the log's,
 * the observatory's, the agenda's Bilan loaded on demand) take them without the rest.
 */

/** A count or a measure in the page's language ("12 345", "12,345"; "2,5" with `digits` 1). */
export function formatNumber(n: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: digits }).format(n);
}

/** A share (0 to 1) as a percentage in the page's language: "87 %" / "87%" (`digits` decimals at most). */
export function formatShare(share: number, locale: Locale, digits = 0): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: digits }).format(share);
}
