import { html, nothing, type TemplateResult } from 'lit';
import type { ObservatoryStrings } from '../strings/observatory-strings.js';

export type CellValue = string | number | null;

/** One column of a table: how to sort it (`value`) and how to show it (`display`, else the value). */
export interface Column<R> {
  key: string;
  label: string;
  /** Numbers align right and sort as numbers; a null value sorts last either way. */
  numeric?: boolean;
  value: (row: R) => CellValue;
  display?: (row: R) => TemplateResult | string;
}

export interface SortState {
  key: string;
  order: 'ascending' | 'descending';
}

const collator = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });

/** The rows in the order of `sort` (stable: equal rows keep the API's order); nulls last. */
export function sortRows<R>(rows: readonly R[], columns: readonly Column<R>[], sort: SortState | undefined): R[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!column || !sort) return [...rows];
  const sign = sort.order === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: column.value(row) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === b.value ? a.index - b.index : a.value === null ? 1 : -1;
      const c =
        typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
      return c === 0 ? a.index - b.index : sign * c;
    })
    .map((e) => e.row);
}

/** The next sort after activating a column's header: ascending first (descending first for numbers), then toggled. */
export function nextSort<R>(column: Column<R>, sort: SortState | undefined): SortState {
  if (sort?.key === column.key) return { key: column.key, order: sort.order === 'ascending' ? 'descending' : 'ascending' };
  return { key: column.key, order: column.numeric ? 'descending' : 'ascending' };
}

export interface DataTableOptions<R> {
  /** The table's `data-table` name (tests and styles). */
  name: string;
  caption: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  /** Sortable tables get a button in each header and `aria-sort` on the sorted one. */
  sort?: SortState;
  onSort?: (sort: SortState) => void;
  strings: ObservatoryStrings;
  rowKey: (row: R) => string;
}

/**
 * A real table: its caption, `scope="col"` headers, the first cell of each row a `scope="row"`
 * header. Sortable by each column with a button in its header (`aria-sort` says the order to
 * screen readers; the arrow is decoration). Wide tables scroll inside their own frame, which is
 * focusable and labelled so keyboard users can scroll it.
 */
export function dataTable<R>({ name, caption, columns, rows, sort, onSort, strings, rowKey }: DataTableOptions<R>) {
  const t = strings.table;
  const cell = (column: Column<R>, row: R) => {
    const shown = column.display ? column.display(row) : column.value(row);
    return shown === null || shown === '' ? t.none : typeof shown === 'number' ? String(shown) : shown;
  };
  return html`<div class="table-frame" part="table-frame" tabindex="0" role="region" aria-label=${caption}>
    <table part="table" data-table=${name}>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${columns.map((column) => {
            const sorted = sort?.key === column.key ? sort.order : undefined;
            return html`<th scope="col" class=${column.numeric ? 'num' : ''} aria-sort=${sorted ?? (onSort ? 'none' : nothing)}>
              ${
                onSort
                  ? html`<button type="button" class="sort" data-sort=${column.key} @click=${() => onSort(nextSort(column, sort))}>
                    ${column.label}<span class="arrow" aria-hidden="true">${sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}</span>
                  </button>`
                  : column.label
              }
            </th>`;
          })}
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (row) =>
            html`<tr data-key=${rowKey(row)}>
              ${columns.map((column, i) =>
                i === 0
                  ? html`<th scope="row">${cell(column, row)}</th>`
                  : html`<td class=${column.numeric ? 'num' : ''}>${cell(column, row)}</td>`,
              )}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
