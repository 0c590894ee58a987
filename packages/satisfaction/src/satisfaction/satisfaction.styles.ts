import { css } from 'lit';

export const satisfactionStyles = css`
  :host {
    --_accent: var(--fs-satisfaction-accent, var(--_fs-primary));
    /*
     * Four colours, one per level (dark green, olive, orange, red), each at least 3:1 against the
     * answers' background, selected or not (WCAG 1.4.11). Colour is never the only cue: the faces'
     * shapes differ and each has its word.
     */
    --_very-satisfied: var(--fs-satisfaction-very-satisfied, var(--_fs-success));
    --_satisfied: var(--fs-satisfaction-satisfied, #638c00);
    --_dissatisfied: var(--fs-satisfaction-dissatisfied, #c25e00);
    --_very-dissatisfied: var(--fs-satisfaction-very-dissatisfied, var(--_fs-danger));
    container-type: inline-size;
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_satisfied: var(--fs-satisfaction-satisfied, #d6ec8f);
      --_dissatisfied: var(--fs-satisfaction-dissatisfied, #f5c04a);
    }
  }

  @media (forced-colors: active) {
    :host {
      --_very-satisfied: CanvasText;
      --_satisfied: CanvasText;
      --_dissatisfied: CanvasText;
      --_very-dissatisfied: CanvasText;
    }
  }

  .site-name {
    margin: 0 0 calc(var(--_fs-space) * 1.5);
    min-height: 1.25em;
    line-height: 1.25;
    font-weight: 700;
    color: var(--_accent);
    overflow-wrap: anywhere;
  }

  .site-name.unknown {
    font-size: 1em;
    line-height: 1.5;
    font-weight: 400;
    color: var(--_fs-danger);
  }

  .skeleton {
    display: inline-block;
    vertical-align: middle;
    width: min(12em, 80%);
    height: 0.75em;
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface-alt);
  }

  .title {
    margin: 0;
    font-size: 1.25em;
    font-weight: 700;
  }

  .title:focus {
    outline: none;
  }

  .hint {
    margin: 0.25em 0 0;
    color: var(--_fs-text-muted);
  }

  .scale {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 8.5rem), 1fr));
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .choice {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 0.375em;
    min-height: 2.75rem;
    padding: var(--_fs-space);
    border: 2px solid var(--_fs-border);
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface);
    color: var(--_fs-text);
    font: inherit;
    font-weight: 700;
    text-align: center;
    cursor: pointer;
  }

  .choice:has(input:checked),
  .choice[aria-pressed='true'] {
    border-width: 4px;
    border-color: var(--_accent);
    background: var(--_fs-surface-alt);
  }

  .face {
    width: 3rem;
    height: 3rem;
  }

  .very-satisfied .face {
    color: var(--_very-satisfied);
  }
  .satisfied .face {
    color: var(--_satisfied);
  }
  .dissatisfied .face {
    color: var(--_dissatisfied);
  }
  .very-dissatisfied .face {
    color: var(--_very-dissatisfied);
  }

  .options {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: var(--_fs-space);
  }

  .options .choice {
    flex: 1 1 6rem;
  }

  label.text {
    display: block;
    font-weight: 700;
    margin-top: calc(var(--_fs-space) * 2);
  }

  textarea {
    display: block;
    width: 100%;
    min-height: 6rem;
    margin-top: 0.25em;
    padding: 0.5em;
    font: inherit;
    color: var(--_fs-text);
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
    border-radius: calc(var(--_fs-radius) / 1.5);
  }

  .small {
    margin: 0.25em 0 0;
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_fs-space);
    margin-top: calc(var(--_fs-space) * 2);
  }

  .error {
    margin: var(--_fs-space) 0 0;
    color: var(--_fs-danger);
    font-weight: 700;
  }

  .pending {
    margin: calc(var(--_fs-space) * 2) 0 0;
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  /* Kiosk: the whole screen of a counter tablet, very large targets. */
  :host([mode='kiosk']) {
    min-height: 100dvh;
    font-size: clamp(1.125rem, 2.6vw, 1.75rem);
  }

  :host([mode='kiosk']) .base {
    min-height: 100dvh;
    display: flex;
    flex-direction: column;
    justify-content: center;
    border: 0;
    border-radius: 0;
    padding: clamp(1rem, 4vw, 3rem);
  }

  /* Lines of even length: no « ! » or « Bléré » left alone on the last line of a narrow screen. */
  :host([mode='kiosk']) .title,
  :host([mode='kiosk']) .site-name {
    text-wrap: balance;
  }

  :host([mode='kiosk']) .title {
    font-size: 1.6em;
    text-align: center;
  }

  :host([mode='kiosk']) .hint,
  :host([mode='kiosk']) .pending,
  :host([mode='kiosk']) .site-name {
    text-align: center;
  }

  /*
   * Read from a metre away on a counter tablet (32 px on a 1280 × 800 screen, about 5 mm on a
   * 10-inch tablet; 40 px on a 1080 × 1920 one): sized on the screen's longer side, which
   * stays the same when the tablet is turned (the width does not).
   */
  :host([mode='kiosk']) .site-name {
    font-size: clamp(1.5rem, 2.5vmax, 2.5rem);
    margin-bottom: calc(var(--_fs-space) * 2);
  }

  :host([mode='kiosk']) .site-name.unknown {
    font-size: 1em;
  }

  :host([mode='kiosk']) .actions {
    justify-content: center;
  }

  :host([mode='kiosk']) .scale {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
    gap: calc(var(--_fs-space) * 2);
    margin-top: calc(var(--_fs-space) * 3);
  }

  :host([mode='kiosk']) .choice {
    min-height: 9rem;
    justify-content: center;
    padding: calc(var(--_fs-space) * 2);
  }

  /* Faces on one line even when a word wraps (« Très satisfait » on a tablet standing up). */
  :host([mode='kiosk']) .scale .choice {
    justify-content: flex-start;
  }

  /* Larger on a larger screen, measured like the name (the longer side), for a glance from afar. */
  :host([mode='kiosk']) .face {
    width: clamp(5rem, 6.5vmax, 7.5rem);
    height: clamp(5rem, 6.5vmax, 7.5rem);
  }

  :host([mode='kiosk']) .options .choice {
    min-height: 6rem;
  }

  @media (forced-colors: active) {
    .choice:has(input:checked),
    .choice[aria-pressed='true'] {
      outline: 4px solid Highlight;
    }
  }
`;
