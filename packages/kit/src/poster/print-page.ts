/**
 * The printed page of the poster. `@page` rules inside a shadow root do not apply (they are
 * document-level rules), so the page that prints the poster carries one, e.g.
 *
 *   @page { size: A4 portrait; margin: 12mm; }
 *
 * The `/embed/fs-poster` page does; so does the poster's own print button, for its print only:
 * it adds the rule to the document as a constructed stylesheet (no `<style>` element, no inline
 * style: allowed under a strict CSP) and takes it away after printing. The sheet fills whatever
 * page box the rule leaves (poster.styles.ts).
 */

/** The margin the print button asks for when `--fs-poster-page-margin` is not set: inside every office printer's unprintable edge. */
export const DEFAULT_PAGE_MARGIN = '12mm';

/** A length the `@page` rule can take as is (nothing else reaches the stylesheet). */
const LENGTH = /^\d{1,3}(\.\d{1,3})?(mm|cm|in|pt|px)$/;

type WithAdopted = Document & { adoptedStyleSheets: CSSStyleSheet[] };

/**
 * Adds `@page { size: A4 portrait; margin }` to the document; returns what takes it away. Does
 * nothing where constructed stylesheets are not supported (the browser's own page size and
 * margins then apply: the sheet fills that page box instead).
 */
export function addPrintPageRule(margin: string): () => void {
  const doc = document as WithAdopted;
  if (!Array.isArray(doc.adoptedStyleSheets) || typeof CSSStyleSheet.prototype.replaceSync !== 'function') return () => {};
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@page { size: A4 portrait; margin: ${LENGTH.test(margin) ? margin : DEFAULT_PAGE_MARGIN}; }`);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  return () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
