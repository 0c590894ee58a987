import { css } from 'lit';

/**
 * The shared look of the widgets' text and forms, defined once on top of the tokens and the
 * controls: paragraphs, hints, links, labelled fields, invalid fields and their error text, rows
 * of actions, busy buttons, notices, definition lists. A widget includes it after `controls` and
 * before its own sheet, which keeps only what the widget does differently (a narrower field, a
 * tighter spacing).
 */
export const formStyles = css`
  /* A heading or a message that takes the focus from a script shows no ring (it is not a control). */
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

  a {
    color: var(--_accent, var(--_fs-primary));
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

  .error-text {
    color: var(--_fs-danger);
    font-weight: 700;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: calc(var(--_fs-space) * 2);
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

  dt {
    font-weight: 700;
    margin-top: var(--_fs-space);
  }

  dd {
    margin: 0.125em 0 0;
  }
`;
