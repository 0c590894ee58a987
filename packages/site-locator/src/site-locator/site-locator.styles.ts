import { css } from 'lit';

export const siteLocatorStyles = css`
  :host {
    --_accent: var(--fs-site-locator-accent, var(--_fs-primary));
    --_gap: calc(var(--_fs-space) * 2);
    container-type: inline-size;
  }

  .base {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_gap);
  }

  .title {
    margin: 0;
    font-size: 1.375em;
    font-weight: 700;
  }

  .search {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_fs-space);
  }

  @container (min-width: 36rem) {
    .search {
      grid-template-columns: minmax(0, 1fr) auto;
      align-items: end;
    }
    .search .around {
      margin-bottom: 2.6rem;
    }
  }

  button,
  select {
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  button {
    padding: 0.5em 1em;
    border: 2px solid var(--_accent);
    background: var(--_fs-surface);
    color: var(--_accent);
    font-weight: 700;
    cursor: pointer;
  }

  button.primary {
    background: var(--_accent);
    color: var(--_fs-on-primary);
  }

  button:hover {
    text-decoration: underline;
  }

  select {
    padding: 0.375em 0.5em;
    border: 2px solid var(--_fs-border);
    background: var(--_fs-surface);
    color: var(--_fs-text);
  }

  fieldset {
    /* Fieldsets default to their min-content width: on a 320 px phone that overflows. */
    min-inline-size: 0;
    margin: 0;
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5) calc(var(--_fs-space) * 1.5);
    border: 1px solid var(--_fs-border);
    border-radius: var(--_fs-radius);
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space) calc(var(--_fs-space) * 2.5);
    align-items: center;
  }

  legend {
    font-weight: 700;
    padding: 0 0.25em;
  }

  /* The filters fold away in a narrow widget (a phone, a side column), so the results come first. */
  .filters-toggle {
    display: none;
  }

  @container (width < 36rem) {
    .filters {
      display: grid;
      gap: var(--_fs-space);
    }
    .filters-toggle {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.75em;
      width: 100%;
      text-align: start;
    }
    .filters-toggle::after {
      content: '';
      flex: none;
      width: 0.5em;
      height: 0.5em;
      border-inline-end: 2px solid currentColor;
      border-block-end: 2px solid currentColor;
      transform: translateY(-25%) rotate(45deg);
    }
    .filters.unfolded .filters-toggle::after {
      transform: translateY(25%) rotate(-135deg);
    }
    .filters:not(.unfolded) fieldset {
      display: none;
    }
    /* Unfolded, the button above already says "Affiner": the legend still names the group. */
    .filters legend {
      position: absolute;
      width: 1px;
      height: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
  }

  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
  }

  .check input {
    width: 1.25rem;
    height: 1.25rem;
    accent-color: var(--_accent);
  }

  .field {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
    max-width: 100%;
  }

  select {
    max-width: 100%;
  }

  .geo-message,
  .notice {
    margin: 0;
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    background: var(--_fs-surface-alt);
    border-inline-start: 0.25rem solid var(--_accent);
    border-radius: calc(var(--_fs-radius) / 2);
  }

  .summary {
    margin: 0;
    font-weight: 700;
  }

  .travel-note {
    margin: 0;
    color: var(--_fs-text-muted);
    font-size: 0.875em;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    align-items: center;
    justify-content: space-between;
  }

  .layout {
    display: grid;
    gap: var(--_gap);
  }

  @container (min-width: 60rem) {
    .layout.split {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      align-items: start;
    }
    .layout.split fs-site-map {
      position: sticky;
      top: var(--_fs-space);
    }
  }

  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_fs-space);
  }

  .result {
    padding: calc(var(--_fs-space) * 1.5) calc(var(--_fs-space) * 2);
    border: 1px solid var(--_fs-border);
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface);
  }

  .result.selected {
    border-color: var(--_accent);
    box-shadow: inset 0.3rem 0 0 var(--_accent);
  }

  .result .name {
    margin: 0;
    font-size: 1.0625em;
  }

  .result .name button {
    all: unset;
    cursor: pointer;
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    font-weight: 700;
    min-height: 1.5rem;
  }

  .result .name button:focus-visible {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  .booking {
    margin: 0.5em 0 0;
  }

  .booking-link {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    box-sizing: border-box;
    padding: 0.25em 0.875em;
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_fs-radius) / 1.5);
    color: var(--_accent);
    font-weight: 700;
    text-decoration: none;
  }

  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0.375em 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.9375em;
  }

  .kind {
    color: var(--_fs-text-muted);
    font-size: 0.875em;
    font-weight: 600;
    margin: 0;
  }

  .tag {
    display: inline-block;
    padding: 0 0.5em;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-weight: 700;
  }

  .tag.ok {
    color: var(--_fs-success);
  }

  .open {
    color: var(--_fs-success);
    font-weight: 700;
  }

  .closed {
    color: var(--_fs-danger);
    font-weight: 700;
  }

  .exceptional,
  .passage {
    font-weight: 700;
  }

  .stops {
    margin: 0.5em 0 0;
    font-size: 0.9375em;
  }

  .stops ul {
    margin: 0.25em 0 0;
    padding-inline-start: 1.25em;
  }

  a {
    color: var(--_accent);
  }

  .details-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    align-items: center;
  }

  .details-actions a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    padding: 0 0.25em;
  }

  .message [role='heading'] {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  .message p {
    margin: var(--_fs-space) 0 0;
  }

  .message .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  .skeleton {
    height: 5.5rem;
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface-alt);
    animation: pulse 1.5s ease-in-out infinite;
  }

  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }

  @media print {
    .search,
    .filters,
    .toolbar,
    .details-actions button,
    fs-site-map {
      display: none !important;
    }
  }

  @media (forced-colors: active) {
    .result.selected {
      box-shadow: none;
      border-width: 3px;
    }
  }
`;
