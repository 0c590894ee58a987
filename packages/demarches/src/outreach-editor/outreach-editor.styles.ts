import { css } from 'lit';

/** The outreach editor's own look: a place's visits with their actions, the rules' boxes, the move form. */
export const outreachEditorStyles = css`
  .rule {
    margin-top: 0.25em;
  }

  .visits {
    margin-top: var(--_fs-space);
  }

  .visit-list {
    list-style: none;
    margin: calc(var(--_fs-space) / 2) 0 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_fs-space) / 2);
  }

  .visit {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_fs-space) / 2) var(--_fs-space);
    padding: 0.25em 0.5em;
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    background: var(--_fs-surface-alt);
  }

  .visit .changed {
    text-decoration: line-through;
  }

  .visit .tag {
    font-weight: 700;
  }

  .visit-actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_fs-space) / 2);
    margin-inline-start: auto;
  }

  .move-form {
    flex: 1 1 100%;
    padding-top: calc(var(--_fs-space) / 2);
    border-top: 1px solid var(--_fs-border);
  }

  .rule-box {
    margin-top: var(--_fs-space);
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border: 1px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  .rule-title {
    margin: 0;
  }

  .pick-map fs-site-map {
    display: block;
    margin-top: calc(var(--_fs-space) / 2);
    --fs-site-map-height: 20rem;
  }

  fs-commune-search {
    display: block;
    margin-top: calc(var(--_fs-space) / 2);
  }

  @media (forced-colors: active) {
    .visit .tag {
      forced-color-adjust: auto;
    }
  }
`;
