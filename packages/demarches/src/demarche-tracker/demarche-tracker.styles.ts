import { css } from 'lit';

export const demarcheTrackerStyles = css`
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

  .case {
    margin-top: calc(var(--_fs-space) * 2);
    border-top: 1px solid var(--_fs-border);
    padding-top: var(--_fs-space);
  }

  .status-badge {
    display: inline-block;
    margin-top: var(--_fs-space);
    padding: 0.125em 0.75em;
    border-radius: 999px;
    border: 2px solid var(--_accent);
    font-weight: 700;
  }

  .status-badge[data-status='done'] {
    border-color: var(--_fs-success);
  }

  .timeline {
    list-style: none;
    margin: var(--_fs-space) 0 0;
    padding: 0;
  }

  .timeline li {
    position: relative;
    display: flex;
    flex-direction: column;
    padding: 0 0 var(--_fs-space) 1.75em;
    border-inline-start: 2px solid var(--_fs-border);
    margin-inline-start: 0.5em;
  }

  .timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: -0.5em;
    top: 0.3em;
    width: 0.875em;
    height: 0.875em;
    border-radius: 50%;
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
  }

  .timeline li.current::before {
    background: var(--_accent);
    border-color: var(--_accent);
  }

  .timeline li:last-child {
    border-inline-start-color: transparent;
  }

  .event-status {
    font-weight: 700;
  }

  .site-name {
    font-weight: 700;
  }

  @media (forced-colors: active) {
    .timeline li.current::before {
      background: Highlight;
    }
  }
`;
