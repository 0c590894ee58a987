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

  /*
   * Top to bottom: the title band (with the logo), the site (name, address, phone), its hours,
   * then the partners beside the QR code, the footer. What a passer-by reads from two metres is
   * large: the name, the phone, the hours, the address.
   *
   * Their sizes are scaled by one factor (--_k, from 1 down to 0.52 in steps, set by the element
   * on this element): the largest that lets the content fit the sheet is kept, so a short week
   * prints large (hours 3.6cqw: 6.7 mm with 12 mm margins) and a bus with four stops a day still
   * fits (2.1cqw). The small print has a floor; the QR code shrinks last (never under 32cqw, 60 mm).
   */
  .page {
    --_k: 1;
    --_gap: calc(2cqw * var(--_k));
    --_name: calc(6cqw * var(--_k));
    --_contact: calc(3.6cqw * var(--_k));
    --_phone: calc(6cqw * var(--_k));
    --_hours: calc(3.6cqw * var(--_k));
    --_cell: calc(0.7cqw * var(--_k));
    --_subtitle: max(2.3cqw, calc(3.2cqw * var(--_k)));
    --_list: max(1.9cqw, calc(2.7cqw * var(--_k)));
    --_local: max(1.7cqw, calc(2.1cqw * var(--_k)));
    --_qr: clamp(32cqw, calc(55cqw * var(--_k)), 36cqw);
    --_qr-text: max(1.9cqw, calc(2.4cqw * var(--_k)));
    --_small: max(1.8cqw, calc(2.3cqw * var(--_k)));
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
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
  .site,
  .hours,
  .footer {
    flex-shrink: 0;
  }

  .header {
    margin: -4cqw -5cqw 0;
    padding: 3.2cqw 5cqw 2.8cqw;
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
    font-size: 2.3cqw;
  }

  /* The town hall's logo beside the address and phone, where the sheet has room: no box without one. */
  .contact-row.with-logo {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 4cqw;
  }

  .logo {
    display: flex;
    align-items: center;
    justify-content: center;
  }

  .logo[hidden] {
    display: none;
  }

  .logo img,
  ::slotted([slot='logo']) {
    display: block;
    max-width: 32cqw;
    max-height: 17cqw;
    width: auto;
    height: auto;
    object-fit: contain;
  }

  .kind {
    color: #4d5559;
    font-weight: 700;
    font-size: var(--_small);
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }

  .name {
    font-size: var(--_name);
    font-weight: 800;
    line-height: 1.12;
    color: var(--_accent);
  }

  .name[data-size='long'] {
    font-size: calc(var(--_name) * 0.82);
  }

  .name[data-size='very-long'] {
    font-size: calc(var(--_name) * 0.68);
  }

  .contact {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 1cqw 4cqw;
    margin-top: 1.2cqw;
    font-size: var(--_contact);
    line-height: 1.25;
  }

  .address {
    flex: 1 1 50cqw;
  }

  .phone {
    flex: 0 0 auto;
    font-size: var(--_phone);
    font-weight: 800;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .itinerant {
    margin-top: 1cqw;
    font-size: var(--_small);
  }

  .subtitle {
    font-size: var(--_subtitle);
    font-weight: 800;
    color: var(--_accent);
    margin-bottom: 0.6cqw;
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-size: var(--_hours);
    line-height: 1.25;
    font-variant-numeric: tabular-nums;
  }

  th,
  td {
    padding: var(--_cell) 0;
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

  /* The day's ranges side by side when they fit, stacked flush otherwise. */
  td .ranges {
    display: flex;
    flex-wrap: wrap;
    column-gap: 2cqw;
  }

  td .range {
    white-space: nowrap;
  }

  tr.closed-day td {
    color: #4d5559;
  }

  .note {
    margin-top: 0.8cqw;
    font-size: var(--_small);
    color: #4d5559;
  }

  /* The closures of the next two months under the week: the small print's size, a thick edge to catch the eye. */
  .exceptions {
    margin-top: 0.8cqw;
    padding-inline-start: 1.5cqw;
    border-inline-start: 0.8cqw solid #000;
    font-size: max(1.8cqw, calc(2.4cqw * var(--_k)));
    line-height: 1.2;
  }

  .exceptions ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .exceptions strong {
    font-weight: 800;
  }

  /*
   * The partners beside the QR code, in the height left: the QR block sets the least height of
   * the row (the partners' column, size-contained, adds none), so the code and its address are
   * never cut; the partners' column is cut only if even the smallest step does not fit it.
   */
  .bottom {
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--_qr);
    gap: 4cqw;
    flex: 1 1 0;
  }

  .partners-column {
    display: flex;
    flex-direction: column;
    gap: 1.6cqw;
    contain: size;
    overflow: hidden;
  }

  .qr-block {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    text-align: center;
  }

  .qr {
    display: block;
    width: var(--_qr);
    height: var(--_qr);
    /* A scanner needs black on white: forced colours must not repaint it. */
    forced-color-adjust: none;
  }

  .qr-pending {
    background: #f2f4f5;
  }

  .qr-text {
    margin-top: 0.3cqw;
    font-size: var(--_qr-text);
    line-height: 1.25;
  }

  .qr-type {
    margin-top: 0.8cqw;
    font-size: 2cqw;
  }

  .url {
    margin-top: 0.3cqw;
    font-size: calc(var(--_qr-text) * 1.1);
    font-weight: 800;
    overflow-wrap: anywhere;
  }

  .url a {
    color: inherit;
  }

  .booking {
    margin-top: 1cqw;
    font-size: var(--_qr-text);
    overflow-wrap: anywhere;
  }

  .booking a {
    color: inherit;
    font-weight: 800;
  }

  /* One name a line, after a dot drawn in CSS (nothing for a screen reader to read); a long one wraps under itself. */
  .national-list {
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: var(--_list);
    line-height: 1.2;
  }

  .national-list li {
    margin-bottom: 0.5cqw;
    padding-inline-start: 2cqw;
    text-indent: -2cqw;
  }

  .national-list li::before {
    content: '';
    display: inline-block;
    width: 1cqw;
    height: 1cqw;
    margin-inline-end: 1cqw;
    border-radius: 50%;
    background: var(--_accent);
    vertical-align: 0.2em;
  }

  .local {
    border-top: 0.3cqw solid var(--_accent);
    padding-top: 1.2cqw;
    font-size: var(--_local);
  }

  .local .subtitle {
    font-size: calc(var(--_subtitle) * 0.85);
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
