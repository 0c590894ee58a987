import { Markdown } from '@storybook/addon-docs/blocks';
import { createElement } from 'react';

/** Wide enough for a table's text columns to stay readable; narrower screens scroll the table. */
const TABLE_STYLE = '.fs-docs-table table { min-width: 60rem; }';

/**
 * A Markdown table for the introduction's MDX pages. Storybook's MDX has no GitHub tables, so the
 * tables are Markdown text (`tables/*.md`, imported `?raw`, or built from the registry and the
 * manifest) rendered by the `Markdown` block. On a phone a wide table scrolls in its own box, not
 * the page; that box is a labelled region the keyboard can reach, so it can be scrolled without a
 * pointer.
 */
export function ScrollableTable({ label, children }: { label: string; children: string }) {
  return createElement(
    'div',
    { className: 'fs-docs-table', role: 'region', 'aria-label': label, tabIndex: 0, style: { overflowX: 'auto' } },
    createElement('style', null, TABLE_STYLE),
    createElement(Markdown, null, children),
  );
}
