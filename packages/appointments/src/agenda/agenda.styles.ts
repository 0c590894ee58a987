import { css } from 'lit';

export const agendaStyles = css`
  :host {
    display: block;
    --_accent: var(--fs-agenda-accent, var(--_fs-primary));
    container-type: inline-size;
  }

  #title {
    margin: 0;
    font-size: 1.375em;
    font-weight: 700;
  }

  .title-row {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: var(--_fs-space);
  }

  .heading {
    margin: calc(var(--_fs-space) * 2) 0 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  .heading.sub {
    font-size: 1em;
  }

  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  /* The core's tokens give every control its focus ring; a slot's tile shows its radio's. */
  .slot-choice:has(input:focus-visible) {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }

  button.link {
    font: inherit;
    font-size: 0.875em;
    background: none;
    border: 0;
    padding: 0.25em;
    min-height: 2.75rem;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }

  button.danger {
    border-color: var(--_fs-danger);
  }

  button.secondary.danger {
    color: var(--_fs-danger);
  }

  button.primary.danger {
    background: var(--_fs-danger);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .actions,
  .row-actions,
  .views,
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
    padding-bottom: var(--_fs-space);
    border-bottom: 1px solid var(--_fs-border);
  }

  .views button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_fs-on-primary);
  }

  .notice {
    margin-top: calc(var(--_fs-space) * 1.5);
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border-radius: calc(var(--_fs-radius) / 1.5);
    border-left: 4px solid var(--_fs-border);
    background: var(--_fs-surface-alt);
  }

  .notice.success {
    border-left-color: var(--_fs-success);
  }

  .notice.error {
    border-left-color: var(--_fs-danger);
  }

  .notice.offline {
    border-left-color: var(--_accent);
  }

  .notice ul {
    list-style: disc;
    padding-left: 1.25em;
    margin-top: 0.25em;
  }

  .notice li + li {
    margin-top: 0.25em;
  }

  .loading,
  .empty {
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  .updated {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
  }

  .appointments {
    display: grid;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .appointment {
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border: 1px solid var(--_fs-border);
    border-left: 4px solid var(--_accent);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  .appointment[data-status='cancelled'] {
    border-left-color: var(--_fs-border);
    color: var(--_fs-text-muted);
  }

  .appointment[data-status='cancelled'] .when strong {
    text-decoration: line-through;
  }

  .appointment[data-status='done'],
  .appointment[data-status='arrived'] {
    border-left-color: var(--_fs-success);
  }

  .appointment[data-status='no-show'] {
    border-left-color: var(--_fs-danger);
  }

  .when {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.5em;
    font-size: 1.0625em;
  }

  .status {
    display: inline-block;
    font-size: 0.8125em;
    font-weight: 700;
    padding: 0.1em 0.6em;
    border-radius: 1em;
    border: 1px solid currentColor;
  }

  .status-done,
  .status-arrived {
    color: var(--_fs-success);
  }

  .status-no-show {
    color: var(--_fs-danger);
  }

  .contact {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
  }

  .contact a {
    overflow-wrap: anywhere;
  }

  .row-actions button {
    min-height: 2.75rem;
  }

  .blocks li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_fs-space);
    padding: 0.5em 0;
    border-bottom: 1px solid var(--_fs-border);
  }

  .resource,
  .group-title,
  .slot-date {
    font-weight: 700;
    margin-top: var(--_fs-space);
  }

  .free-list,
  .slot-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.5em;
  }

  .free-list li {
    padding: 0.2em 0.6em;
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 2);
  }

  .slot-choice {
    position: relative;
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    min-height: 2.75rem;
    padding: 0 0.75em;
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 2);
    cursor: pointer;
  }

  .slot-choice:has(input:checked) {
    border-color: var(--_accent);
    box-shadow: inset 0 0 0 1px var(--_accent);
    font-weight: 700;
  }

  .panel,
  .inline-form,
  .confirm {
    margin-top: calc(var(--_fs-space) * 1.5);
    padding: calc(var(--_fs-space) * 1.5);
    border: 2px solid var(--_accent);
    border-radius: var(--_fs-radius);
  }

  .inline-form,
  .confirm {
    border-width: 1px;
  }

  /* Paragraphs, links, labels, fields and notices come from the core's formStyles: the agenda's are tighter. */
  label.field {
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  input[type='text'],
  input[type='tel'],
  input[type='email'],
  input[type='date'],
  input[type='time'],
  input[type='password'],
  select {
    display: inline-block;
    font: inherit;
    width: 100%;
    max-width: 40rem;
    min-height: 2.75rem;
    margin-top: 0.25em;
    padding: 0.4em 0.6em;
    border: 1px solid var(--_fs-text-muted);
    border-radius: calc(var(--_fs-radius) / 2);
    background: var(--_fs-surface);
    color: var(--_fs-text);
  }

  [aria-invalid='true'] {
    border-width: 2px;
  }

  .pair {
    display: grid;
    gap: 0 calc(var(--_fs-space) * 2);
  }

  @container (min-width: 40rem) {
    .pair {
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    }
  }

  .check {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.35em 0;
    cursor: pointer;
  }

  /* A checkbox is not a text field: the browser's own box, not the core's field look. */
  .check input {
    display: revert;
    width: 1.25em;
    height: 1.25em;
    min-height: revert;
    margin: 0.1em 0 0;
    padding: revert;
    font: revert;
    color: revert;
    background: revert;
    border: revert;
    border-radius: revert;
    flex: none;
  }

  .check.strong {
    font-weight: 700;
    margin-top: var(--_fs-space);
  }

  .checks.demarches {
    max-height: 18rem;
    overflow-y: auto;
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 2);
    padding: 0 0.75em;
  }

  .week {
    display: grid;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  @container (min-width: 56rem) {
    .week {
      grid-template-columns: repeat(7, minmax(0, 1fr));
    }
  }

  .week-day {
    padding: var(--_fs-space);
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    min-width: 0;
  }

  .week-day.today {
    border: 2px solid var(--_accent);
  }

  .day-link {
    font: inherit;
    font-weight: 700;
    text-align: left;
    background: none;
    border: 0;
    padding: 0.25em 0;
    min-height: 2.75rem;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
  }

  .week-list li {
    padding: 0.35em 0;
    border-top: 1px solid var(--_fs-border);
    overflow-wrap: anywhere;
  }

  .week-list li[data-status='cancelled'] {
    color: var(--_fs-text-muted);
    text-decoration: line-through;
  }

  .week-list .reason {
    display: block;
  }

  .block-line {
    border-top: 1px dashed var(--_fs-border);
    padding-top: 0.25em;
  }

  @media (forced-colors: active) {
    .status,
    .appointment,
    .week-day,
    .notice {
      border-color: CanvasText;
    }

    .views button[aria-pressed='true'] {
      border-width: 4px;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
    }
  }
`;
