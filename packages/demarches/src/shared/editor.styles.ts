import { css } from 'lit';

/**
 * The agents' editors' look (partners and permanences, closures, outreach stops): lists of items
 * with their actions, the removal's confirmation, boxes as large rows, pairs of fields, the
 * recurrence builder's one-off dates.
 */
export const editorStyles = css`
  .section {
    margin-top: calc(var(--_fs-space) * 3);
  }

  .items {
    list-style: none;
    margin: var(--_fs-space) 0 0;
    padding: 0;
    display: grid;
    gap: var(--_fs-space);
  }

  .item {
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    background: var(--_fs-surface);
  }

  .item-name {
    margin: 0;
    font-weight: 700;
  }

  .item-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .empty {
    margin-top: var(--_fs-space);
    font-style: italic;
  }

  button.danger {
    --_accent: var(--_fs-danger);
  }

  button[aria-disabled='true'] {
    cursor: wait;
    opacity: 0.7;
  }

  .confirm {
    margin-top: var(--_fs-space);
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border-inline-start: 4px solid var(--_fs-danger);
    background: var(--_fs-surface-alt);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  .confirmation .next {
    margin-top: 0.25em;
  }

  /* Checkboxes and radio buttons as large rows: the whole row is the target. */
  .boxes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 11rem), 1fr));
    gap: calc(var(--_fs-space) / 2) var(--_fs-space);
    margin-top: calc(var(--_fs-space) / 2);
  }

  .boxes.days,
  .boxes.nth {
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 7.5rem), 1fr));
  }

  .box {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
    padding: 0.25em 0.5em;
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    background: var(--_fs-surface);
    cursor: pointer;
  }

  .box.single {
    display: inline-flex;
    margin-top: var(--_fs-space);
  }

  .box input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--_accent);
  }

  .box:has(input:checked) {
    border-color: var(--_accent);
    border-width: 2px;
    background: var(--_fs-surface-alt);
  }

  .pair {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_fs-space) * 2);
  }

  .pair > div {
    flex: 1 1 10rem;
  }

  .add-date {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: var(--_fs-space);
  }

  .add-date > div {
    flex: 1 1 12rem;
  }

  .date-list {
    list-style: none;
    margin: calc(var(--_fs-space) / 2) 0 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_fs-space) / 2);
  }

  .date-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: calc(var(--_fs-space) / 2) var(--_fs-space);
    padding: 0.25em 0.5em;
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    background: var(--_fs-surface);
  }

  .field-error {
    margin-top: 0.25em;
  }

  .footer {
    margin-top: calc(var(--_fs-space) * 3);
    border-top: 1px solid var(--_fs-border);
    padding-top: var(--_fs-space);
  }

  @media (forced-colors: active) {
    .box:has(input:checked) {
      outline: 2px solid Highlight;
    }
    button.danger {
      border-color: ButtonText;
    }
  }
`;
