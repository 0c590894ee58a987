import { css } from 'lit';

/**
 * The design tokens, defined once. Each element includes this sheet first; a page themes every
 * widget at once by setting the public `--fs-*` properties on any ancestor, and each component
 * knob falls back to them. The default look is deliberately neutral (not the State design
 * system, which is reserved to State websites).
 *
 * Public tokens (documented as `@cssprop` on each element):
 * --fs-color-primary, --fs-color-on-primary, --fs-color-text, --fs-color-text-muted,
 * --fs-color-surface, --fs-color-surface-alt, --fs-color-border, --fs-color-success,
 * --fs-color-danger, --fs-color-focus, --fs-font-family, --fs-font-size, --fs-space-unit,
 * --fs-radius.
 */
export const tokens = css`
  :host {
    --_fs-primary: var(--fs-color-primary, #1c5d6e);
    --_fs-on-primary: var(--fs-color-on-primary, #ffffff);
    --_fs-text: var(--fs-color-text, #1e2326);
    --_fs-text-muted: var(--fs-color-text-muted, #4d5559);
    --_fs-surface: var(--fs-color-surface, #ffffff);
    --_fs-surface-alt: var(--fs-color-surface-alt, #f2f4f5);
    --_fs-border: var(--fs-color-border, #8a9499);
    --_fs-success: var(--fs-color-success, #1b6b35);
    --_fs-danger: var(--fs-color-danger, #a8261b);
    --_fs-focus: var(--fs-color-focus, #0a58ca);
    --_fs-font: var(--fs-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_fs-font-size: var(--fs-font-size, 1rem);
    --_fs-space: var(--fs-space-unit, 0.5rem);
    --_fs-radius: var(--fs-radius, 0.5rem);

    /*
     * Hostile host pages (resets on *, fonts, line heights) must not reach inside. What the host
     * element inherits into the shadow tree is set here; "important" because a page's
     * \`* { font-family: … !important }\` matches the host too, and only an important declaration
     * of the shadow tree wins over it (CSS Cascade, encapsulation contexts). Pages theme the
     * widgets through the --fs-* custom properties, never these. The font size is not forced:
     * widgets set their own on :host (kiosk, badge), and rem follows the visitor's text size.
     */
    display: block;
    box-sizing: border-box !important; /* the shadow tree inherits it (below) */
    color: var(--_fs-text) !important;
    font-family: var(--_fs-font) !important;
    font-size: var(--_fs-font-size);
    font-style: normal !important;
    font-variant: normal !important;
    font-weight: 400 !important;
    line-height: 1.5 !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-shadow: none !important;
    text-transform: none !important;
    white-space: normal !important;
    -webkit-text-size-adjust: 100%;
  }

  :host([hidden]) {
    display: none;
  }

  /* The page's language is still loading: show nothing rather than the wrong language. */
  :host([data-fs-locale-pending]) {
    visibility: hidden;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_fs-primary: var(--fs-color-primary, #7cc4d6);
      --_fs-on-primary: var(--fs-color-on-primary, #0d1a1e);
      --_fs-text: var(--fs-color-text, #eef1f2);
      --_fs-text-muted: var(--fs-color-text-muted, #c0c8cc);
      --_fs-surface: var(--fs-color-surface, #161b1d);
      --_fs-surface-alt: var(--fs-color-surface-alt, #222a2d);
      --_fs-border: var(--fs-color-border, #7d898e);
      --_fs-success: var(--fs-color-success, #7bd89a);
      --_fs-danger: var(--fs-color-danger, #ff9c92);
      --_fs-focus: var(--fs-color-focus, #8ab4ff);
    }
  }

  /* Keyboard focus is always visible, whatever the host page does to outlines. */
  :focus-visible {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0, 0, 0, 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
    }
  }

  @media (forced-colors: active) {
    :host {
      --_fs-primary: LinkText;
      --_fs-on-primary: Canvas;
      --_fs-text: CanvasText;
      --_fs-text-muted: CanvasText;
      --_fs-surface: Canvas;
      --_fs-surface-alt: Canvas;
      --_fs-border: CanvasText;
      --_fs-success: CanvasText;
      --_fs-danger: CanvasText;
      --_fs-focus: Highlight;
    }
  }
`;
