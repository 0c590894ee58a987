import { css } from 'lit';

/**
 * The look of a row of key figures, defined once (the key figures, the network observatory):
 * `ul.figures` of `li.figure`, each a `.value` then its `.label`, and the `.skeleton` standing
 * for a figure while it loads. A widget includes it in its styles and sets `--_accent`; it may set
 * `--_figures-min-width` (a column's narrowest, 10rem) and `--_figures-value-size` (2em) on its
 * `:host`.
 */
export const figures = css`
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, var(--_figures-min-width, 10rem)), 1fr));
    gap: calc(var(--_fs-space) * 2);
    margin: calc(var(--_fs-space) * 2) 0 0;
    padding: 0;
    list-style: none;
  }

  .figure {
    display: flex;
    flex-direction: column;
    min-width: 0;
    overflow-wrap: break-word;
  }

  .value {
    font-size: var(--_figures-value-size, 2em);
    font-weight: 800;
    line-height: 1.1;
    color: var(--_accent);
    font-variant-numeric: tabular-nums;
  }

  .label {
    font-weight: 600;
  }

  .skeleton {
    display: block;
    height: 3.5em;
    border-radius: 0.25em;
    background: var(--_fs-surface-alt);
  }
`;
