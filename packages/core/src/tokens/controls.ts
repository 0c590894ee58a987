import { css } from 'lit';

/**
 * The shared look of the widgets' frames and buttons, defined once on top of the tokens.
 * A widget includes it after `tokens` and sets `--_accent` on its `:host` (its own
 * `--fs-<widget>-accent` knob, falling back to `--fs-color-primary`).
 */
export const controls = css`
  .base {
    background: var(--_fs-surface);
    border: 1px solid var(--_fs-border);
    border-radius: var(--_fs-radius);
    padding: calc(var(--_fs-space) * 2.5);
  }

  button.primary,
  button.secondary {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    padding: 0.5em 1.25em;
    border-radius: calc(var(--_fs-radius) / 1.5);
    border: 2px solid var(--_accent, var(--_fs-primary));
    cursor: pointer;
  }

  button.primary {
    background: var(--_accent, var(--_fs-primary));
    color: var(--_fs-on-primary);
  }

  button.secondary {
    background: var(--_fs-surface);
    color: var(--_accent, var(--_fs-primary));
  }

  /* Groups of choices: a fieldset without its default frame. */
  fieldset {
    min-inline-size: 0;
    border: 0;
    margin: calc(var(--_fs-space) * 2) 0 0;
    padding: 0;
  }

  legend {
    padding: 0;
    font-weight: 700;
    font-size: 1.0625em;
  }

  /*
   * A choice tile (label.choice holding an input type=radio): the whole tile is
   * the target, the native radio stays (keyboard, screen readers) but invisible, and the tile
   * shows its keyboard focus.
   */
  .choice input {
    position: absolute;
    opacity: 0;
    inset: 0;
    margin: 0;
    cursor: pointer;
  }

  .choice:has(input:focus-visible) {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  @media print {
    button.primary,
    button.secondary {
      display: none;
    }
  }
`;
