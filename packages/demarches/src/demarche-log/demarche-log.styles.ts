import { css } from 'lit';

export const demarcheLogStyles = css`
  .stats {
    margin-top: var(--_fs-space);
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    background: var(--_fs-surface-alt);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  .stats p {
    margin: 0;
  }

  .pending {
    font-weight: 700;
  }

  .choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .choices.channels {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 7rem), 1fr));
  }

  .choice {
    position: relative;
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: 3.25rem;
    padding: var(--_fs-space);
    border: 2px solid var(--_fs-border);
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface);
    color: var(--_fs-text);
    font-weight: 700;
    text-align: center;
    cursor: pointer;
  }

  .choice:has(input:checked) {
    border-width: 4px;
    border-color: var(--_accent);
    background: var(--_fs-surface-alt);
  }

  button.big {
    min-height: 3.25rem;
    min-width: 12rem;
  }

  .footer,
  .update {
    margin-top: calc(var(--_fs-space) * 2);
    border-top: 1px solid var(--_fs-border);
    padding-top: var(--_fs-space);
  }

  .update-form[hidden] {
    display: none;
  }

  .code-label {
    margin-top: var(--_fs-space);
    font-weight: 700;
  }

  .big-code {
    font-size: clamp(1.75rem, 7cqi, 3rem);
    margin: 0;
    word-break: break-all;
  }

  .receipt-body {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_fs-space) * 2);
    align-items: center;
    margin-top: var(--_fs-space);
  }

  .receipt-body > div {
    flex: 1 1 14rem;
  }

  .url {
    word-break: break-all;
  }

  @media (forced-colors: active) {
    .choice:has(input:checked) {
      outline: 4px solid Highlight;
    }
  }

  @media print {
    :host {
      color: #000;
      background: #fff;
    }
    .base {
      border: 0;
      padding: 0;
    }
    .no-print,
    .stats,
    .footer,
    .update {
      display: none !important;
    }
    .qr {
      width: 45mm;
    }
  }
`;
