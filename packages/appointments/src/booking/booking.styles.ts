import { css } from 'lit';

export const bookingStyles = css`
  :host {
    display: block;
    --_accent: var(--fs-booking-accent, var(--_fs-primary));
    container-type: inline-size;
  }

  .base {
    max-width: 48rem;
  }

  .heading {
    margin: calc(var(--_fs-space) * 2) 0 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  #title {
    margin: 0;
    font-size: 1.375em;
  }

  .heading.success {
    color: var(--_fs-success);
  }

  /* Fields, notices, error texts and the row of actions come from the core's formStyles. */
  input:not([type='radio']) {
    max-width: 28rem;
  }

  .actions {
    align-items: center;
  }

  button.link {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    padding: 0.5em 0.25em;
    border: 0;
    background: transparent;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }

  a.button {
    display: inline-flex;
    align-items: center;
    font-weight: 700;
    min-height: 2.75rem;
    box-sizing: border-box;
    padding: 0.5em 1.25em;
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_fs-radius) / 1.5);
    text-decoration: none;
  }

  button.danger {
    background: var(--_fs-danger);
    border-color: var(--_fs-danger);
  }

  /* What for: one tile per reason, the radio kept visible. */
  .reasons {
    display: grid;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .reason,
  .choice-inline {
    display: flex;
    gap: 0.75em;
    align-items: flex-start;
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border: 2px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    cursor: pointer;
  }

  .reason:has(input:checked),
  .choice-inline:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_fs-surface-alt);
  }

  .reason input,
  .choice-inline input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125em 0 0;
    flex: none;
    accent-color: var(--_accent);
  }

  .reason > span {
    display: flex;
    flex-direction: column;
  }

  .reason-label {
    font-weight: 700;
  }

  .channels {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  /* A time: a heading per day, its slots as a wrapping list of buttons. */
  .day {
    margin-top: calc(var(--_fs-space) * 2);
  }

  .day-heading {
    font-weight: 700;
  }

  .slots {
    list-style: none;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin: var(--_fs-space) 0 0;
    padding: 0;
  }

  button.slot {
    font: inherit;
    font-weight: 700;
    min-width: 5.5rem;
    min-height: 2.75rem;
    padding: 0.375em 0.75em;
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_fs-radius) / 1.5);
    background: var(--_fs-surface);
    color: var(--_accent);
    cursor: pointer;
  }

  button.slot[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_fs-on-primary);
  }

  .chosen {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .privacy {
    margin-top: calc(var(--_fs-space) * 2);
  }

  /* The confirmation: the code big, the details, the card. */
  .code-box {
    margin-top: calc(var(--_fs-space) * 2);
    padding: calc(var(--_fs-space) * 1.5) calc(var(--_fs-space) * 2);
    border: 3px solid var(--_accent);
    border-radius: var(--_fs-radius);
  }

  .code-value {
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
    font-size: clamp(1.5em, 7cqi, 2.25em);
    font-weight: 700;
    letter-spacing: 0.08em;
    user-select: all;
    overflow-wrap: anywhere;
  }

  .code-row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    align-items: end;
  }

  .code-row input {
    flex: 1 1 12rem;
    width: auto;
    font-size: 1.125em;
    text-transform: uppercase;
  }

  .status-badge {
    display: inline-block;
    margin-top: var(--_fs-space);
    padding: 0.125em 0.75em;
    border-radius: 999px;
    border: 2px solid var(--_accent);
    font-weight: 700;
  }

  .status-badge[data-status='cancelled'] {
    border-color: var(--_fs-danger);
  }

  dl.details {
    margin: calc(var(--_fs-space) * 2) 0 0;
  }

  .documents {
    margin: 0;
    padding-inline-start: 1.25em;
  }

  .site-name {
    font-weight: 700;
  }

  .site-card {
    display: block;
    margin-top: calc(var(--_fs-space) * 2);
  }

  @media (forced-colors: active) {
    button.slot[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
  }

  /* The receipt: the code, when, where, what to bring, on one page; no buttons nor forms. */
  @media print {
    .base {
      border: 0;
      padding: 0;
    }

    .no-print,
    button,
    form {
      display: none !important;
    }

    .code-box {
      border-color: #000;
    }

    a {
      color: inherit;
      text-decoration: none;
    }
  }
`;
