/** What a page author may give as a link or a resource address: web pages, and e-mail or phone links. */
const LINK_PROTOCOLS: readonly string[] = ['https:', 'http:', 'mailto:', 'tel:'];

/**
 * An address given by a page author (an attribute such as `href`, `locator-url`, `tile-url`),
 * checked before a widget writes it into `href` or `src`: it is kept (as written) when it reads,
 * relative to the page, as one of `protocols`; `fallback` otherwise — for `javascript:`,
 * `data:`, `vbscript:` and strings that are no URL at all (`http://%`). Attributes also arrive
 * from the query of `/embed/` pages, so a widget must never turn one into a script link.
 */
export function safeHref(value: string, fallback = '', protocols: readonly string[] = LINK_PROTOCOLS): string {
  const text = value.trim();
  if (!text) return fallback;
  try {
    // Placeholders of a tile template (`{z}`) are no part of a URL's scheme.
    return protocols.includes(new URL(text.replace(/\{[^}]*\}/g, '0'), document.baseURI).protocol) ? text : fallback;
  } catch {
    return fallback;
  }
}
