import { css } from 'lit';

export const communeSearchStyles = css`
  :host {
    --_accent: var(--fs-commune-search-accent, var(--_fs-primary));
    position: relative;
  }

  label {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25em;
  }

  .hint {
    margin: 0 0 0.375em;
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  .field {
    position: relative;
  }

  input {
    font: inherit;
    width: 100%;
    min-height: 2.75rem;
    padding: 0.5em 0.75em;
    color: var(--_fs-text);
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  input:focus-visible {
    border-color: var(--_accent);
  }

  [role='listbox'] {
    position: absolute;
    z-index: 10;
    left: 0;
    right: 0;
    margin: 0.25em 0 0;
    padding: 0.25em 0;
    list-style: none;
    background: var(--_fs-surface);
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_fs-radius) / 1.5);
    box-shadow: 0 0.5em 1.5em rgb(0 0 0 / 0.15);
    max-height: 20rem;
    overflow-y: auto;
  }

  /* The postcodes beside the name, or under it when both do not fit (« Saint-Denis (La Réunion) » on a phone). */
  [role='option'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    column-gap: 1em;
    row-gap: 0.125em;
    padding: 0.625em 0.75em;
    min-height: 2.75rem;
    cursor: pointer;
  }

  [role='option'] .meta {
    margin-inline-start: auto;
    color: var(--_fs-text-muted);
    font-size: 0.875em;
    white-space: nowrap;
  }

  [role='option'][aria-selected='true'] {
    background: var(--_accent);
    color: var(--_fs-on-primary);
    outline: 2px solid var(--_fs-focus);
    outline-offset: -2px;
  }

  [role='option'][aria-selected='true'] .meta {
    color: inherit;
  }

  .message {
    margin: 0.375em 0 0;
    font-size: 0.9375em;
  }

  @media (forced-colors: active) {
    [role='option'][aria-selected='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }
`;
