import { css } from 'lit';

/** The site admin's own look, on top of the démarche widgets' shared styles and the editors' (boxes, confirmations, lists). */
export const siteAdminStyles = css`
  .signed-in {
    margin-top: 0.5em;
  }

  /* The sections: a wrapping row of buttons, one per section, the current one filled. */
  .nav ul {
    list-style: none;
    margin: calc(var(--_fs-space) * 2) 0 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_fs-space) / 2);
  }

  .nav button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5em 0.875em;
    border-radius: calc(var(--_fs-radius) / 1.5);
    border: 2px solid var(--_fs-border);
    background: var(--_fs-surface);
    color: var(--_fs-text);
    cursor: pointer;
    text-align: start;
  }

  .nav button[aria-current='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_fs-on-primary);
    font-weight: 700;
  }

  button:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  .panel {
    margin-top: calc(var(--_fs-space) * 2);
    border-top: 1px solid var(--_fs-border);
  }

  /* A hosted editor sits in the section, without a frame of its own. */
  fs-closure-editor,
  fs-outreach-editor {
    display: block;
    margin-top: calc(var(--_fs-space) * 2);
  }

  fs-closure-editor::part(base),
  fs-outreach-editor::part(base) {
    border: 0;
    padding: 0;
    background: transparent;
  }

  .verified {
    font-size: 1.125em;
    font-weight: 700;
    margin-top: var(--_fs-space);
  }

  /* The week: a day per fieldset, each range's two times side by side from 20rem. */
  fieldset.day {
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  fieldset.day legend {
    padding-inline: 0.25em;
  }

  .ranges {
    list-style: none;
    margin: 0;
    padding: 0;
  }

  .range-row {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0 var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .range-row > div {
    flex: 1 1 8rem;
  }

  .range-row label {
    display: block;
    font-weight: 700;
  }

  .range-row .field-error {
    flex-basis: 100%;
  }

  .day-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  /* Access. */
  .access-list .item p {
    margin: 0.125em 0 0;
  }

  .state-revoked,
  .state-expired {
    color: var(--_fs-text-muted);
  }

  .token-once {
    overflow-wrap: anywhere;
    padding: var(--_fs-space);
    margin-top: var(--_fs-space);
    border: 2px dashed var(--_accent);
    border-radius: calc(var(--_fs-radius) / 1.5);
    background: var(--_fs-surface);
  }

  .inline-form {
    margin-top: var(--_fs-space);
  }

  /* History. */
  .history {
    list-style: none;
    margin: var(--_fs-space) 0 0;
    padding: 0;
  }

  .history li {
    padding: var(--_fs-space) 0;
    border-bottom: 1px solid var(--_fs-border);
  }

  @media (forced-colors: active) {
    .nav button[aria-current='true'] {
      outline: 2px solid Highlight;
    }
  }
`;
