import { css } from 'lit';

/**
 * Three shapes, CSS only and fluid: each grows up to its standard width and shrinks with its
 * column (nothing has a fixed pixel width, so a 320 px screen never scrolls sideways). `square`
 * and `vertical` keep at least their standard proportions (`aspect-ratio` is a minimum: longer
 * texts, English or a large font, make them taller, never cut).
 */
export const bannerStyles = css`
  :host {
    --_accent: var(--fs-banner-accent, var(--_fs-primary));
    --_background: var(--fs-banner-background, var(--_fs-surface));
    --_radius: var(--fs-banner-radius, var(--_fs-radius));
    max-width: var(--fs-banner-max-width, 60rem);
  }

  :host([size='square']) {
    max-width: var(--fs-banner-max-width, 21rem);
  }

  :host([size='vertical']) {
    max-width: var(--fs-banner-max-width, 10rem);
    font-size: calc(var(--_fs-font-size) * 0.9375);
  }

  .base {
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    gap: calc(var(--_fs-space) * 1.5);
    min-width: 0;
    background: var(--_background);
    border: 1px solid var(--_fs-border);
    border-top: 0.375rem solid var(--_accent);
    border-radius: var(--_radius);
    padding: calc(var(--_fs-space) * 2);
    overflow-wrap: break-word;
    hyphens: auto;
  }

  /* strip: one row (headline | site | link) as long as it fits, wrapping on narrow columns. */
  :host([size='strip']) .base {
    flex-direction: row;
    flex-wrap: wrap;
    align-items: center;
    min-height: 5.625rem;
    border-top-width: 1px;
    border-inline-start: 0.375rem solid var(--_accent);
    padding: calc(var(--_fs-space) * 1.25) calc(var(--_fs-space) * 2);
    column-gap: calc(var(--_fs-space) * 3);
  }

  :host([size='strip']) .intro {
    flex: 3 1 14rem;
  }

  :host([size='strip']) .site {
    flex: 2 1 12rem;
  }

  :host([size='strip']) .link {
    flex: 0 1 auto;
  }

  :host([size='strip']) .pitch {
    font-size: 0.875em;
  }

  :host([size='square']) .base {
    aspect-ratio: 6 / 5;
  }

  :host([size='vertical']) .base {
    aspect-ratio: 4 / 15;
    padding: calc(var(--_fs-space) * 1.5);
  }

  :host([size='vertical']) .link,
  :host([size='square']) .link {
    align-self: stretch;
  }

  .intro,
  .site {
    min-width: 0;
  }

  p {
    margin: 0;
  }

  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 800;
    line-height: 1.2;
    color: var(--_fs-text);
  }

  :host([size='vertical']) .title {
    font-size: 1.1875em;
  }

  .pitch {
    margin-top: 0.375em;
    color: var(--_fs-text-muted);
  }

  .label {
    font-size: 0.8125em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--_fs-text-muted);
  }

  .name {
    font-weight: 700;
    line-height: 1.3;
  }

  .distance {
    font-size: 0.9375em;
  }

  .status {
    display: flex;
    align-items: baseline;
    gap: 0.4em;
    margin-top: 0.25em;
    font-size: 0.9375em;
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

  .notice,
  .message {
    font-size: 0.875em;
  }

  .notice {
    color: var(--_fs-text-muted);
  }

  .link {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2.75rem;
    max-width: 100%;
    padding: 0.5em 1em;
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_accent);
    color: var(--_fs-on-primary);
    font-weight: 700;
    line-height: 1.25;
    text-align: center;
    text-decoration: underline;
    text-decoration-thickness: 1px;
    text-underline-offset: 0.2em;
  }

  .link:hover {
    text-decoration-thickness: 2px;
  }

  .retry {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    margin-top: var(--_fs-space);
    padding: 0.375em 1em;
    border-radius: calc(var(--_radius) / 1.5);
    border: 2px solid var(--_accent);
    background: var(--_background);
    color: var(--_accent);
    cursor: pointer;
  }

  .skeleton {
    display: block;
    height: 1.1em;
    margin: 0.35em 0;
    border-radius: 0.25em;
    background: var(--_fs-surface-alt);
  }

  .skeleton.short {
    width: 60%;
  }

  @media (forced-colors: active) {
    .base {
      border-color: CanvasText;
    }
    .dot {
      background: CanvasText;
    }
    .link {
      border-color: LinkText;
      background: Canvas;
      color: LinkText;
    }
  }

  @media print {
    .base {
      break-inside: avoid;
    }
    .retry {
      display: none;
    }
  }
`;
