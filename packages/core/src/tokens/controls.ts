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

  @media print {
    button.primary,
    button.secondary {
      display: none;
    }
  }
`;
