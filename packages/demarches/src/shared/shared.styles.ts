import { css } from 'lit';

/** What both démarche widgets share: the card, headings, fields, buttons, notices. */
export const demarchesSharedStyles = css`
  :host {
    --_accent: var(--fs-demarches-accent, var(--_fs-primary));
    container-type: inline-size;
  }

  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 700;
  }

  .subtitle {
    margin: calc(var(--_fs-space) * 2) 0 0;
    font-size: 1.0625em;
    font-weight: 700;
  }

  [tabindex='-1']:focus {
    outline: none;
  }

  p {
    margin: 0.25em 0 0;
  }

  .hint,
  .small {
    color: var(--_fs-text-muted);
  }

  .small {
    font-size: 0.875em;
  }

  label.field {
    display: block;
    font-weight: 700;
    margin-top: calc(var(--_fs-space) * 2);
  }

  input:not([type='radio']),
  select,
  textarea {
    display: block;
    width: 100%;
    min-height: 2.75rem;
    margin-top: 0.25em;
    padding: 0.5em;
    font: inherit;
    color: var(--_fs-text);
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  textarea {
    min-height: 5rem;
  }

  [aria-invalid='true'] {
    border-color: var(--_fs-danger);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: calc(var(--_fs-space) * 2);
  }

  /* button.primary and button.secondary come from the core's controls. */
  button.link {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    padding: 0.5em 1.25em;
    border-radius: calc(var(--_fs-radius) / 1.5);
    border: 2px solid var(--_accent);
    cursor: pointer;
  }

  button.link {
    border-color: transparent;
    background: transparent;
    color: var(--_accent);
    text-decoration: underline;
    padding-inline: 0.25em;
  }

  button[disabled] {
    cursor: wait;
    opacity: 0.7;
  }

  .notice {
    margin-top: calc(var(--_fs-space) * 2);
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border-radius: calc(var(--_fs-radius) / 1.5);
    border-inline-start: 4px solid var(--_fs-border);
    background: var(--_fs-surface-alt);
  }

  .notice.error {
    border-color: var(--_fs-danger);
  }

  .notice.success {
    border-color: var(--_fs-success);
  }

  .error-text {
    color: var(--_fs-danger);
    font-weight: 700;
  }

  .code {
    font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
    letter-spacing: 0.08em;
    font-weight: 700;
  }

  .qr {
    display: block;
    width: min(100%, 12rem);
    height: auto;
  }

  dl {
    margin: calc(var(--_fs-space) * 2) 0 0;
  }

  dt {
    font-weight: 700;
    margin-top: var(--_fs-space);
  }

  dd {
    margin: 0.125em 0 0;
  }

  ul.documents {
    margin: 0.25em 0 0;
    padding-inline-start: 1.25em;
  }

  a {
    color: var(--_accent);
  }
`;
