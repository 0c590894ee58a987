import { css } from 'lit';

export const configuratorStyles = css`
  :host {
    --_accent: var(--fs-configurator-accent, var(--_fs-primary));
    max-width: var(--fs-configurator-max-width, 60rem);
  }

  p {
    margin: var(--_fs-space) 0 0;
  }

  .base {
    padding: calc(var(--_fs-space) * 3);
  }

  .step {
    margin: calc(var(--_fs-space) * 4) 0 0;
  }

  .step:first-of-type,
  form > .step:first-child {
    margin-top: 0;
  }

  section.step {
    border-top: 1px solid var(--_fs-border);
    padding-top: calc(var(--_fs-space) * 3);
  }

  .step-title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 800;
    line-height: 1.25;
  }

  .subtitle {
    margin: calc(var(--_fs-space) * 3) 0 0;
    font-size: 1.0625em;
    font-weight: 700;
  }

  .hint,
  .code-label {
    color: var(--_fs-text-muted);
    font-size: 0.9375em;
  }

  .code-label {
    display: block;
    margin-top: var(--_fs-space);
    font-weight: 700;
  }

  /* The widgets to choose from: cards with a visible radio button. */
  .widgets {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    gap: var(--_fs-space);
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  .widget-choice {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5em;
    align-items: start;
    padding: calc(var(--_fs-space) * 1.5);
    border: 2px solid var(--_fs-border);
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface);
    cursor: pointer;
  }

  .widget-choice:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_fs-surface-alt);
    box-shadow: inset 0 0 0 1px var(--_accent);
  }

  .widget-choice:has(input:focus-visible) {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  .widget-choice input,
  .site-choice input,
  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.15em 0 0;
    accent-color: var(--_accent);
  }

  .widget-name {
    font-weight: 700;
  }

  .widget-about {
    grid-column: 2;
    font-size: 0.9375em;
    color: var(--_fs-text-muted);
  }

  fs-commune-search {
    margin-top: var(--_fs-space);
    max-width: 32rem;
  }

  .chosen {
    font-weight: 700;
  }

  .place-problem:empty {
    display: none;
  }

  .place-problem .problem-inline {
    max-width: 40rem;
    border-inline-start-color: var(--_fs-danger);
  }

  /* The communes of a postcode, or the namesakes: one button each, in a few columns. */
  .place-choices {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
    gap: var(--_fs-space);
    max-width: 48rem;
    margin: var(--_fs-space) 0 0;
    padding: 0;
    list-style: none;
  }

  .place-choices button {
    width: 100%;
    text-align: start;
  }

  .sites legend {
    font-size: 1em;
  }

  .site-choice {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.35em 0;
    cursor: pointer;
  }

  /* Two columns where there is room: the options stay short above the preview. */
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    align-items: start;
    gap: calc(var(--_fs-space) * 2) calc(var(--_fs-space) * 3);
    margin-top: calc(var(--_fs-space) * 2);
  }

  .field label {
    display: block;
    font-weight: 700;
  }

  .field .hint {
    margin: 0.125em 0 0.375em;
  }

  .field.check {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.5em;
  }

  .field.check .hint {
    grid-column: 2;
  }

  /* Boxes to tick for a list of values (the locator's filters). */
  .ticks {
    margin: 0;
    padding: 0;
    border: 0;
  }

  .ticks legend {
    padding: 0;
    font-weight: 700;
  }

  .ticks .check {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    padding: 0.2em 0;
  }

  .ticks .check label {
    display: inline;
    font-weight: 400;
  }

  input[type='text'],
  input[type='number'],
  select,
  textarea {
    font: inherit;
    color: var(--_fs-text);
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
    min-height: 2.75rem;
    padding: 0.4em 0.6em;
    width: 100%;
  }

  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    border-color: var(--_accent);
  }

  .advanced {
    margin-top: calc(var(--_fs-space) * 2);
  }

  .advanced summary {
    cursor: pointer;
    font-weight: 700;
    color: var(--_accent);
    min-height: 2.75rem;
    display: flex;
    align-items: center;
    gap: 0.4em;
  }

  /* The disclosure triangle (a flex summary loses its marker); not read aloud: the summary says "collapsed" or "expanded". */
  .advanced summary::before {
    content: '▸' / '';
    font-size: 1.1em;
  }

  .advanced[open] summary::before {
    content: '▾' / '';
  }

  .alone a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }

  /*
   * The preview's holder lives in the page's light DOM (slotted), where the host page's theme
   * reaches it (\`div { all: unset }\`, \`* { line-height: 3 !important }\`): its box and what the
   * previewed widget inherits are forced here, as the tokens force the host's (an important
   * declaration of the shadow tree wins over the page's).
   */
  ::slotted([slot='preview']) {
    display: block !important;
    box-sizing: border-box !important;
    margin: 0 !important;
    padding: 0 !important;
    border: 0 !important;
    background: none !important;
    color: var(--_fs-text) !important;
    font-family: var(--_fs-font) !important;
    font-size: var(--_fs-font-size) !important;
    font-style: normal !important;
    font-weight: 400 !important;
    line-height: 1.5 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    text-transform: none !important;
  }

  .preview {
    margin-top: calc(var(--_fs-space) * 1.5);
    padding: calc(var(--_fs-space) * 2);
    border: 2px dashed var(--_fs-border);
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface);
  }

  .skip {
    position: absolute;
    left: -10000px;
  }

  .skip:focus {
    position: static;
    display: inline-block;
    margin-top: var(--_fs-space);
    padding: 0.25em 0;
    font: inherit;
    color: var(--_accent);
    text-decoration: underline;
    background: none;
    border: 0;
    cursor: pointer;
  }

  textarea {
    display: block;
    margin-top: 0.25em;
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    font-size: 0.875em;
    line-height: 1.45;
    white-space: pre-wrap;
    word-break: break-all;
    resize: vertical;
    background: var(--_fs-surface-alt);
  }

  .snippet[data-variant='note'] textarea {
    word-break: normal;
  }

  .copy-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_fs-space) * 1.5);
    margin-top: var(--_fs-space);
  }

  .copy-row .copy-status {
    margin: 0;
    font-weight: 700;
    color: var(--_fs-success);
  }

  [data-status='refused'] .copy-status {
    color: var(--_fs-danger);
  }

  .notice,
  .problem-inline {
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border-inline-start: 4px solid var(--_accent);
    background: var(--_fs-surface-alt);
  }

  .problem {
    padding: calc(var(--_fs-space) * 2);
    border: 2px solid var(--_fs-danger);
    border-radius: var(--_fs-radius);
  }

  .problem-title {
    margin: 0;
    font-weight: 800;
    color: var(--_fs-danger);
  }

  .problem button {
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  .loading {
    color: var(--_fs-text-muted);
  }

  @media (forced-colors: active) {
    .widget-choice:has(input:checked) {
      border-width: 4px;
    }
  }

  @media print {
    .step:not(section),
    .copy-row,
    .skip {
      display: none;
    }
  }
`;
