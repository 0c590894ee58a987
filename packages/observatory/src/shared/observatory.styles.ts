import { css } from 'lit';
import { figures } from '@fs-widgets/core';

/** What both observatory elements share: the frame, headings, fields, tables, downloads, states. */
export const observatoryStyles = css`
  :host {
    --_accent: var(--fs-observatory-accent, var(--_fs-primary));
    --_figures-min-width: 11rem;
    --_figures-value-size: 1.75em;
    display: block;
    container-type: inline-size;
    max-width: var(--fs-observatory-max-width, 80rem);
  }

  .base {
    border-top: 0.375rem solid var(--_accent);
  }

  .title {
    margin: 0;
    font-size: 1.375em;
    font-weight: 800;
    line-height: 1.25;
  }

  .section-title {
    margin: calc(var(--_fs-space) * 4) 0 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  [tabindex='-1']:focus {
    outline: none;
  }

  p {
    margin: var(--_fs-space) 0 0;
  }

  .hint,
  .small,
  .period,
  .note {
    color: var(--_fs-text-muted);
  }

  .small,
  .period,
  .note {
    font-size: 0.875em;
  }

  .scope-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .scope {
    font-weight: 700;
  }

  label.field,
  .field-label {
    display: block;
    font-weight: 700;
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  input:not([type='radio']):not([type='checkbox']),
  select {
    display: block;
    width: 100%;
    min-height: 2.75rem;
    margin-top: 0.25em;
    padding: 0.5em;
    font: inherit;
    color: var(--_fs-text);
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    box-sizing: border-box;
  }

  [aria-invalid='true'] {
    border-color: var(--_fs-danger) !important;
  }

  .error-text {
    color: var(--_fs-danger);
    font-weight: 600;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: calc(var(--_fs-space) * 2);
  }

  .actions + .actions {
    margin-top: var(--_fs-space);
  }

  button.link {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    padding: 0.5em 0.75em;
    background: none;
    border: 0;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }

  .message {
    margin-top: calc(var(--_fs-space) * 1.5);
    padding: calc(var(--_fs-space) * 1.5);
    border-left: 0.25rem solid var(--_fs-border);
    background: var(--_fs-surface-alt);
  }

  .message.error {
    border-left-color: var(--_fs-danger);
  }

  .message strong {
    display: block;
  }

  ${figures}

  .block {
    display: block;
    font-weight: 400;
  }

  select.narrow {
    max-width: 20rem;
  }

  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0 calc(var(--_fs-space) * 2);
  }

  .table-frame {
    overflow-x: auto;
    margin-top: calc(var(--_fs-space) * 1.5);
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    max-height: var(--fs-observatory-table-height, 32rem);
    overflow-y: auto;
  }

  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9375em;
    font-variant-numeric: tabular-nums;
  }

  caption {
    text-align: left;
    font-weight: 700;
    padding: var(--_fs-space);
  }

  th,
  td {
    padding: 0.4em 0.6em;
    border-top: 1px solid var(--_fs-surface-alt);
    text-align: left;
    vertical-align: top;
  }

  thead th {
    position: sticky;
    top: 0;
    background: var(--_fs-surface-alt);
    white-space: nowrap;
    z-index: 1;
  }

  tbody th {
    font-weight: 600;
  }

  .num {
    text-align: right;
  }

  button.sort {
    font: inherit;
    font-weight: 700;
    color: inherit;
    background: none;
    border: 0;
    padding: 0.25em 0;
    min-height: 2rem;
    cursor: pointer;
    display: inline-flex;
    gap: 0.35em;
    align-items: center;
  }

  .arrow {
    color: var(--_fs-text-muted);
    font-size: 0.8em;
  }

  .downloads {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
    font-size: 0.9375em;
  }

  .downloads button {
    font: inherit;
    font-weight: 700;
    min-height: 2.5rem;
    padding: 0.35em 0.9em;
    color: var(--_accent);
    background: var(--_fs-surface);
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_fs-radius) / 1.5);
    cursor: pointer;
  }

  .badge {
    display: inline-block;
    padding: 0.05em 0.5em;
    border-radius: 1em;
    border: 1px solid currentColor;
    font-size: 0.875em;
    white-space: nowrap;
  }

  .badge.ok {
    color: var(--_fs-success);
  }

  .badge.short {
    color: var(--_fs-danger);
  }

  @media (forced-colors: active) {
    .base {
      border-top-color: CanvasText;
    }
    .badge {
      border-color: CanvasText;
    }
  }
`;
