import { css } from 'lit';

export const coverageMapStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fs-space);
    margin-top: calc(var(--_fs-space) * 2);
  }

  .switch {
    display: inline-flex;
  }

  .switch button {
    min-height: 2.75rem;
  }

  .switch button + button {
    margin-left: -2px;
  }

  .switch button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_fs-on-primary);
  }

  label.check,
  label.radio {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
    font-weight: 600;
  }

  label.check input,
  label.radio input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_accent);
  }

  .summary {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }

  .pill {
    padding: 0.15em 0.6em;
    border-radius: 1em;
    background: var(--_fs-surface-alt);
    font-variant-numeric: tabular-nums;
  }

  .map-frame {
    position: relative;
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  .map {
    /* Never taller than most of the screen of a phone: the page must stay scrollable past it. */
    height: var(--fs-coverage-map-height, min(32rem, 75vh));
    background: #f4f6f6;
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  /* The aim of the keyboard: Enter places the point of the what-if under this cross. */
  .map:focus-visible::after {
    content: '';
    position: absolute;
    left: 50%;
    top: 50%;
    width: 1.5rem;
    height: 1.5rem;
    margin: -0.75rem 0 0 -0.75rem;
    z-index: 700;
    pointer-events: none;
    background:
      linear-gradient(var(--_fs-focus), var(--_fs-focus)) center / 100% 3px no-repeat,
      linear-gradient(var(--_fs-focus), var(--_fs-focus)) center / 3px 100% no-repeat;
  }

  .map:focus-visible {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  .map-status .message {
    position: absolute;
    top: 1rem;
    left: 50%;
    transform: translateX(-50%);
    z-index: 900;
    margin: 0;
  }

  .map-skeleton {
    height: 20rem;
    margin-top: calc(var(--_fs-space) * 2);
  }

  .legend ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
    margin: 0.25em 0 0;
    padding: 0;
    list-style: none;
    font-size: 0.875em;
  }

  .legend li {
    display: flex;
    align-items: center;
    gap: 0.4em;
  }

  .legend-title {
    font-weight: 700;
  }

  .swatch {
    display: inline-block;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 50%;
    border: 1px solid #fff;
    forced-color-adjust: none;
  }

  /* The colours of the bands (coverage-bands.ts), as classes: no inline style, which a strict CSP refuses. */
  .swatch[data-band='under-10'] {
    background: #0b4f6c;
  }
  .swatch[data-band='10-20'] {
    background: #2a8c82;
  }
  .swatch[data-band='20-30'] {
    background: #9cbf4f;
  }
  .swatch[data-band='30-45'] {
    background: #f0a24b;
  }
  .swatch[data-band='over-45'] {
    background: #b23a48;
  }
  .swatch[data-band='no-road'] {
    background: #5b1a6e;
  }
  .swatch[data-band='unknown'] {
    background: #9e9e9e;
  }

  .swatch.ring {
    background: transparent;
    border: 2px solid #111;
  }

  .swatch.site {
    background: #fff;
    border: 3px solid #111;
  }

  .swatch.stop {
    background: #f7d046;
    border: 2px solid #111;
  }

  .swatch.choro {
    border-radius: 0.15rem;
    background: linear-gradient(90deg, #cfe3e8, #2f6f83);
    border-color: #37474f;
  }

  .what-if {
    margin-top: calc(var(--_fs-space) * 3);
    padding-top: var(--_fs-space);
    border-top: 1px solid var(--_fs-border);
  }

  .coords {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
    gap: 0 calc(var(--_fs-space) * 2);
  }

  .or {
    font-style: italic;
    color: var(--_fs-text-muted);
  }

  .changes {
    margin: 0.25em 0 0;
    padding: 0;
    list-style: none;
  }

  .changes li {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fs-space);
    border-bottom: 1px solid var(--_fs-surface-alt);
  }

  .deltas {
    margin: 0.25em 0 0;
    padding: 0;
    list-style: none;
    font-weight: 700;
  }

  .gain {
    color: var(--_fs-success);
    margin-right: 1em;
  }

  .loss {
    color: var(--_fs-danger);
  }
`;
