import { css } from 'lit';

export const keyFiguresStyles = css`
  :host {
    --_accent: var(--fs-key-figures-accent, var(--_fs-primary));
    max-width: var(--fs-key-figures-max-width, 48rem);
  }

  .base {
    border-top: 0.375rem solid var(--_accent);
  }

  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 800;
    line-height: 1.25;
  }

  p {
    margin: var(--_fs-space) 0 0;
  }

  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
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
    font-size: 2em;
    font-weight: 800;
    line-height: 1.1;
    color: var(--_accent);
    font-variant-numeric: tabular-nums;
  }

  .label {
    font-weight: 600;
  }

  .label.strong {
    font-weight: 700;
  }

  .detail,
  .note,
  .period,
  .notice {
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  .pending .detail {
    font-style: italic;
  }

  .period {
    margin-top: calc(var(--_fs-space) * 2);
  }

  button.secondary {
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  .skeleton {
    display: block;
    height: 3.5em;
    border-radius: 0.25em;
    background: var(--_fs-surface-alt);
  }

  @media (forced-colors: active) {
    .base {
      border-top-color: CanvasText;
    }
  }
`;
