import { css } from 'lit';

/**
 * What the démarche widgets share beyond the core's `formStyles` (fields, notices, error texts, which the
 * booking and the agenda use too): the accent, headings, the link button, codes, QR codes, lists.
 */
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

  ul.documents {
    margin: 0.25em 0 0;
    padding-inline-start: 1.25em;
  }
`;
