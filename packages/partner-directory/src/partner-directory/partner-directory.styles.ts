import { css } from 'lit';

export const partnerDirectoryStyles = css`
  :host {
    --_accent: var(--fs-partner-directory-accent, var(--_fs-primary));
    --_counter: var(--fs-partner-directory-counter-color, var(--_fs-success));
    --_partner: var(--fs-partner-directory-partner-color, var(--_fs-text-muted));
    max-width: var(--fs-partner-directory-max-width, 48rem);
  }

  p {
    margin: var(--_fs-space) 0 0;
  }

  ul,
  ol {
    margin: var(--_fs-space) 0 0;
    padding-inline-start: 1.25em;
  }

  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }

  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 800;
    line-height: 1.25;
  }

  .h1 {
    margin: calc(var(--_fs-space) * 3) 0 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  .h2,
  .h3 {
    margin: calc(var(--_fs-space) * 2) 0 0;
    font-size: 1em;
    font-weight: 700;
  }

  .muted,
  .hint,
  .footer,
  .source,
  .kicker,
  .tile-sub {
    color: var(--_fs-text-muted);
  }

  .hint,
  .footer,
  .source,
  .kicker {
    font-size: 0.875em;
  }

  .message-title {
    font-weight: 700;
  }

  .notice {
    padding: var(--_fs-space);
    border-inline-start: 4px solid var(--_fs-border);
    background: var(--_fs-surface-alt);
  }

  /* The search box. */
  .search {
    margin-top: calc(var(--_fs-space) * 2);
  }

  .search label {
    display: block;
    font-weight: 700;
    font-size: 1.0625em;
  }

  .search .hint {
    margin-top: 0.125em;
  }

  .search-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  input[type='search'] {
    flex: 1 1 14rem;
    min-width: 0;
    min-height: 2.75rem;
    font: inherit;
    padding: 0.4em 0.6em;
    color: var(--_fs-text);
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  input[type='search']:focus-visible {
    border-color: var(--_accent);
  }

  button {
    font: inherit;
    color: inherit;
  }

  button.small {
    min-height: 2.25rem;
    padding: 0.25em 0.75em;
    font-weight: 600;
  }

  .back {
    margin-top: calc(var(--_fs-space) * 2);
  }

  /* Theme and partner tiles: whole-tile buttons. */
  .tiles {
    list-style: none;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: var(--_fs-space);
  }

  .tile {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    width: 100%;
    height: 100%;
    min-height: 2.75rem;
    padding: 0.5em 0.75em;
    text-align: start;
    background: var(--_fs-surface);
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    cursor: pointer;
  }

  .tile:hover {
    border-color: var(--_accent);
    background: var(--_fs-surface-alt);
  }

  .tile-title {
    font-weight: 700;
    color: var(--_accent);
  }

  .tile-sub {
    font-size: 0.875em;
  }

  .examples {
    list-style: none;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
  }

  .partner-hits button {
    margin-inline-start: 0.25em;
  }

  /* Démarches. */
  .results {
    list-style: none;
    padding: 0;
  }

  .result {
    padding: var(--_fs-space) 0 calc(var(--_fs-space) * 1.5);
    border-bottom: 1px solid var(--_fs-border);
  }

  .result-title {
    margin: 0;
    font-size: 1.0625em;
    font-weight: 700;
  }

  .toggle {
    display: inline-flex;
    align-items: baseline;
    gap: 0.5em;
    min-height: 2.75rem;
    padding: 0.35em 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 700;
    text-align: start;
    cursor: pointer;
  }

  .toggle:hover {
    text-decoration: underline;
  }

  .chevron {
    flex: none;
    width: 0.5em;
    height: 0.5em;
    border-inline-end: 2px solid currentColor;
    border-bottom: 2px solid currentColor;
    transform: rotate(-45deg);
    transition: transform 0.15s ease;
  }

  [aria-expanded='true'] .chevron {
    transform: rotate(45deg);
  }

  .summary {
    margin-top: 0;
  }

  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
  }

  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: 1em;
    border: 2px solid var(--_accent);
    font-size: 0.875em;
    font-weight: 700;
    color: var(--_accent);
    background: var(--_fs-surface);
  }

  .badge[data-help='counter'] {
    border-color: var(--_counter);
    color: var(--_counter);
  }

  .badge[data-help='partner'] {
    border-color: var(--_partner);
    color: var(--_partner);
    border-style: dashed;
  }

  .badge.appointment {
    border-color: var(--_fs-border);
    color: var(--_fs-text);
  }

  .details {
    margin-top: var(--_fs-space);
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border-inline-start: 3px solid var(--_accent);
    background: var(--_fs-surface-alt);
    border-radius: 0 calc(var(--_fs-radius) / 2) calc(var(--_fs-radius) / 2) 0;
  }

  .details[hidden] {
    display: none;
  }

  .help-note {
    margin-top: 0;
  }

  /* The site. */
  .site,
  .locator {
    margin-top: calc(var(--_fs-space) * 3);
    padding-top: calc(var(--_fs-space) * 2);
    border-top: 2px solid var(--_fs-border);
  }

  .site .h1 {
    margin-top: 0;
  }

  .kicker {
    margin: 0;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }

  .local,
  .permanences {
    list-style: none;
    padding: 0;
  }

  .local-partner,
  .permanence {
    padding: var(--_fs-space) 0;
    border-bottom: 1px solid var(--_fs-border);
  }

  .local-links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
  }

  .permanence .who {
    margin: 0;
  }

  .dates {
    margin-top: 0.25em;
  }

  .locator-link {
    font-weight: 700;
  }

  .footer {
    margin-top: calc(var(--_fs-space) * 3);
  }

  .skeleton {
    display: block;
    height: 1.2em;
    margin: 0.6em 0;
    border-radius: 0.25em;
    background: var(--_fs-surface-alt);
  }

  .skeleton.wide {
    height: 2.75em;
  }

  .skeleton.short {
    width: 55%;
  }

  @media (forced-colors: active) {
    .badge,
    .tile,
    .details {
      border-color: CanvasText;
    }
    .chevron {
      border-color: ButtonText;
    }
  }

  @media print {
    .search,
    .back,
    .tiles,
    .examples {
      display: none;
    }
    .details[hidden] {
      display: block;
    }
  }
`;
