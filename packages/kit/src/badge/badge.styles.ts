import { css } from 'lit';

export const badgeStyles = css`
  :host {
    --_accent: var(--fs-badge-accent, var(--_fs-primary));
    --_background: var(--fs-badge-background, var(--_fs-surface));
    --_radius: var(--fs-badge-radius, 999px);
    display: inline-block;
    max-width: 100%;
    font-size: calc(var(--_fs-font-size) * 0.9375);
  }

  .base {
    max-width: 100%;
  }

  .link {
    display: inline-flex;
    align-items: baseline;
    gap: 0.5em;
    max-width: 100%;
    padding: 0.375em 1em;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_background);
    color: var(--_accent);
    line-height: 1.3;
    text-decoration: none;
    overflow-wrap: break-word;
  }

  .link:hover .label {
    text-decoration: underline;
  }

  .text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }

  .label {
    font-weight: 700;
  }

  .status {
    color: var(--_fs-text);
  }

  .name {
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  .dot {
    flex: none;
    width: 0.625em;
    height: 0.625em;
    border-radius: 50%;
    background: var(--_fs-text-muted);
  }

  [data-day='open-now'] .dot,
  [data-day='opens-later-today'] .dot {
    background: var(--_fs-success);
  }

  [data-day='closed-today'] .dot,
  [data-day='closed-for-today'] .dot {
    background: var(--_fs-danger);
  }

  [data-state='loading'] .dot {
    background: var(--_fs-surface-alt);
  }

  .message,
  .notice {
    margin: 0.375em 0 0;
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  .retry {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    margin-inline-start: 0.5em;
    padding: 0.25em 0.875em;
    border-radius: 999px;
    border: 2px solid var(--_accent);
    background: var(--_background);
    color: var(--_accent);
    cursor: pointer;
  }

  @media (forced-colors: active) {
    .link {
      border-color: LinkText;
      color: LinkText;
    }
    .dot {
      background: CanvasText;
    }
  }

  @media print {
    .retry {
      display: none;
    }
  }
`;
