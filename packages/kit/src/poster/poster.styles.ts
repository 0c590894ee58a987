import { css } from 'lit';

/*
 * The sheet is drawn in units of its own width (container query units, `cqw`), so the on-screen
 * preview is the printed page scaled down, line for line. In print the sheet is the page box the
 * page's `@page` rule leaves (in print, the viewport is that box): 186 × 268 mm with 12 mm
 * margins, 210 × 292 mm with none (5 mm less in height, see below); 1cqw is then 1.86 or 2.1 mm.
 * The preview has the proportions of the squattest of these: what fits on screen fits on paper.
 */
export const posterStyles = css`
  :host {
    --_accent: var(--fs-poster-accent, var(--_fs-primary));
    --_on-accent: var(--fs-poster-on-accent, var(--_fs-on-primary));
    max-width: var(--fs-poster-max-width, 210mm);
  }

  /* On its own surface: readable on any host background, in either theme. */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_fs-space) calc(var(--_fs-space) * 2);
    margin-bottom: calc(var(--_fs-space) * 2);
    padding: var(--_fs-space);
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface);
    color: var(--_fs-text);
  }

  .toolbar .hint {
    color: var(--_fs-text-muted);
    font-size: 0.9375em;
  }

  .notice {
    flex-basis: 100%;
    margin: 0;
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    border-inline-start: 4px solid var(--_accent);
    background: var(--_fs-surface-alt);
  }

  .message p {
    margin: var(--_fs-space) 0 0;
  }

  .message-title {
    font-size: 1.125em;
    font-weight: 700;
  }

  .message button {
    margin-top: calc(var(--_fs-space) * 1.5);
  }

  /*
   * The sheet is paper: light whatever the page's theme (what is printed is what is shown), so
   * its accent is the light one even when theme="auto" turns the widgets dark.
   */
  .sheet {
    --_accent: var(--fs-poster-accent, var(--fs-color-primary, #1c5d6e));
    --_on-accent: var(--fs-poster-on-accent, var(--fs-color-on-primary, #ffffff));
    container-type: inline-size;
    display: grid;
    width: 100%;
    aspect-ratio: 210 / 292;
    overflow: hidden;
    background: #ffffff;
    color: #1e2326;
    border: 1px solid var(--_fs-border);
    box-shadow: 0 0.25rem 1rem rgb(0 0 0 / 0.12);
    -webkit-print-color-adjust: exact;
    print-color-adjust: exact;
  }

  .sheet.skeleton {
    background: var(--_fs-surface-alt);
    box-shadow: none;
  }

  .page {
    display: flex;
    flex-direction: column;
    gap: 2cqw;
    min-height: 0;
    padding: 4cqw 5cqw 2.5cqw;
    font-size: 2.35cqw;
    line-height: 1.3;
  }

  /* No specificity: each paragraph's own rule sets its spacing. */
  :where(.page) p {
    margin: 0;
  }

  .header,
  .main,
  .footer {
    flex-shrink: 0;
  }

  .header {
    margin: -4cqw -5cqw 0;
    padding: 3.5cqw 5cqw 3cqw;
    background: var(--_accent);
    color: var(--_on-accent);
  }

  .title {
    font-weight: 800;
    line-height: 1.12;
  }

  .kicker {
    display: block;
    font-size: 4.4cqw;
  }

  .claim {
    display: block;
    margin-top: 0.6cqw;
    font-size: 3.6cqw;
    font-weight: 700;
  }

  .pitch {
    margin-top: 1.2cqw;
    font-size: 2.2cqw;
  }

  .main {
    display: grid;
    grid-template-columns: 1fr 36cqw;
    gap: 3.5cqw;
    align-items: start;
    min-height: 0;
  }

  .kind {
    color: #4d5559;
    font-weight: 700;
    font-size: 2.2cqw;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }

  .name {
    margin-top: 0.5cqw;
    font-size: 4.2cqw;
    font-weight: 800;
    line-height: 1.15;
    color: var(--_accent);
  }

  .contact {
    margin-top: 1.5cqw;
    font-size: 2.5cqw;
  }

  .phone {
    display: block;
    margin-top: 1cqw;
    font-size: 3.6cqw;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }

  .itinerant {
    margin-top: 1cqw;
    font-size: 2.1cqw;
  }

  .hours {
    margin-top: 2.5cqw;
  }

  .subtitle {
    font-size: 2.8cqw;
    font-weight: 800;
    color: var(--_accent);
    margin-bottom: 1cqw;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 2.2cqw;
    font-variant-numeric: tabular-nums;
  }

  th,
  td {
    padding: 0.35cqw 0;
    border-bottom: 0.15cqw solid #c5cbce;
    text-align: start;
    vertical-align: top;
  }

  th {
    width: 1%;
    white-space: nowrap;
    padding-inline-end: 2cqw;
    font-weight: 700;
  }

  /* The day's ranges side by side when they fit (they stack otherwise). */
  td .range {
    display: inline-block;
    white-space: nowrap;
  }

  td .range ~ .range {
    margin-inline-start: 2cqw;
  }

  tr.closed-day td {
    color: #4d5559;
  }

  .note {
    margin-top: 1cqw;
    font-size: 2.1cqw;
    color: #4d5559;
  }

  .qr-block {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    text-align: center;
  }

  .qr {
    display: block;
    width: 36cqw;
    height: 36cqw;
    /* A scanner needs black on white: forced colours must not repaint it. */
    forced-color-adjust: none;
  }

  .qr-pending {
    background: #f2f4f5;
  }

  .qr-title {
    margin-top: 0.5cqw;
    font-size: 2.5cqw;
    font-weight: 800;
  }

  .qr-hint {
    margin-top: 0.5cqw;
    font-size: 2cqw;
  }

  .url {
    margin-top: 0.8cqw;
    font-size: 2cqw;
    font-weight: 700;
    overflow-wrap: anywhere;
  }

  .url a {
    color: inherit;
  }

  .right {
    display: flex;
    flex-direction: column;
    gap: 2.5cqw;
  }

  /* The names flow (line after line), each after a dot drawn in CSS (nothing for a screen reader to read). */
  .national-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5cqw 2cqw;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 1.9cqw;
  }

  .national-list li::before {
    content: '';
    display: inline-block;
    width: 0.9cqw;
    height: 0.9cqw;
    margin-inline-end: 0.8cqw;
    border-radius: 50%;
    background: var(--_accent);
    vertical-align: 0.2em;
  }

  /* What may be long (agents' data) gives way first: the page never grows past one sheet. */
  .local {
    flex: 0 1 auto;
    min-height: 0;
    overflow: hidden;
    border-top: 0.3cqw solid var(--_accent);
    padding-top: 1.5cqw;
    font-size: 1.9cqw;
  }

  .label {
    font-weight: 700;
  }

  .local p + p {
    margin-top: 0.8cqw;
  }

  .permanences {
    margin: 0.4cqw 0 0;
    padding-inline-start: 3cqw;
  }

  .permanences li + li {
    margin-top: 0.3cqw;
  }

  .footer {
    margin-top: auto;
    font-size: 1.7cqw;
    color: #4d5559;
  }

  @media print {
    :host {
      max-width: none;
    }

    .toolbar {
      display: none !important;
    }

    /*
     * The page box (see print-page.ts: the page carries the @page rule), never more than A4,
     * less 5 mm of its white bottom edge: room for a host page's own body margins (8 px above
     * and below by default), which would otherwise push its last millimetres onto a second page.
     */
    .sheet {
      width: min(100vw, 210mm);
      height: calc(min(100vh, 297mm) - 5mm);
      aspect-ratio: auto;
      border: 0;
      box-shadow: none;
      break-inside: avoid;
    }

    .url a {
      text-decoration: none;
    }
  }

  @media (forced-colors: active) {
    .sheet {
      border-color: CanvasText;
    }
    .header {
      border-bottom: 0.3cqw solid CanvasText;
    }
  }
`;
