import { css } from 'lit';
import { figures } from '@fs-widgets/core';

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

  ${figures}

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

  @media (forced-colors: active) {
    .base {
      border-top-color: CanvasText;
    }
  }
`;
