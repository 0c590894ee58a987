import { css } from 'lit';

export const siteCardStyles = css`
  :host {
    --_accent: var(--fs-site-card-accent, var(--_fs-primary));
    --_background: var(--fs-site-card-background, var(--_fs-surface));
    --_radius: var(--fs-site-card-radius, var(--_fs-radius));
    container-type: inline-size;
    max-width: var(--fs-site-card-max-width, 40rem);
  }

  .card {
    background: var(--_background);
    color: var(--_fs-text);
    border: 1px solid var(--_fs-border);
    border-top: 0.375rem solid var(--_accent);
    border-radius: var(--_radius);
    padding: calc(var(--_fs-space) * 2.5);
    margin: 0;
  }

  .kind {
    margin: 0;
    font-size: 0.875em;
    font-weight: 600;
    letter-spacing: 0.02em;
    color: var(--_fs-text-muted);
  }

  .name {
    margin: 0.125em 0 0;
    font-size: 1.375em;
    line-height: 1.25;
    font-weight: 700;
    color: var(--_fs-text);
  }

  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.5em;
    margin: calc(var(--_fs-space) * 1.5) 0 0;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    padding: 0.125em 0.625em;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-weight: 700;
  }

  .badge::before {
    content: '';
    width: 0.625em;
    height: 0.625em;
    border-radius: 50%;
    background: currentColor;
  }

  .badge.open {
    color: var(--_fs-success);
  }

  .badge.closed {
    color: var(--_fs-danger);
  }

  .itinerant,
  .notice {
    margin: calc(var(--_fs-space) * 2) 0 0;
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    background: var(--_fs-surface-alt);
    border-inline-start: 0.25rem solid var(--_accent);
    border-radius: calc(var(--_radius) / 2);
  }

  .columns {
    display: grid;
    gap: calc(var(--_fs-space) * 2);
    margin-top: calc(var(--_fs-space) * 2);
  }

  @container (min-width: 34rem) {
    .columns {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr);
    }
  }

  dl {
    margin: 0;
  }

  dt {
    font-weight: 700;
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  dd {
    margin: 0 0 var(--_fs-space);
    overflow-wrap: anywhere;
  }

  address {
    font-style: normal;
  }

  a {
    color: var(--_accent);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    /* Large enough to hit with a finger (WCAG 2.5.8). */
    display: inline-block;
    min-height: 1.5rem;
    padding-block: 0.125rem;
  }

  a:hover {
    text-decoration-thickness: 0.125em;
  }

  .subtitle {
    margin: 0 0 calc(var(--_fs-space) / 2);
    font-size: 1em;
    font-weight: 700;
  }

  table {
    width: 100%;
    border-collapse: collapse;
  }

  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.25em 0.5em;
    font-weight: normal;
  }

  th {
    padding-inline-start: 0.5em;
  }

  tr.today {
    background: var(--_fs-surface-alt);
    font-weight: 700;
  }

  tr.today th {
    font-weight: 700;
    box-shadow: inset 0.25rem 0 0 var(--_accent);
  }

  .range {
    display: block;
    white-space: nowrap;
  }

  .closed-day {
    color: var(--_fs-text-muted);
  }

  /* A day of the table at exceptional hours: its hours, then why, in smaller type. */
  .exceptional {
    display: block;
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  .hours-source,
  .verified {
    margin: var(--_fs-space) 0 0;
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }

  /* Closures first: the same box as the itinerant notice, a danger edge. */
  .exceptions {
    margin: calc(var(--_fs-space) * 2) 0 0;
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    background: var(--_fs-surface-alt);
    border-inline-start: 0.25rem solid var(--_fs-danger);
    border-radius: calc(var(--_radius) / 2);
  }

  .exceptions ul,
  .offers ul,
  .stops ul {
    margin: 0;
    padding-inline-start: 1.25em;
  }

  .offers,
  .stops {
    margin-top: calc(var(--_fs-space) * 2);
  }

  .stops > ul > li + li {
    margin-top: var(--_fs-space);
  }

  .offers .partner-role,
  .stops .offer,
  .stops .none {
    color: var(--_fs-text-muted);
    font-size: 0.9375em;
  }

  .comment p {
    margin: 0;
    white-space: pre-line;
  }

  .comment {
    margin-top: calc(var(--_fs-space) * 2);
  }

  .appointment {
    margin: var(--_fs-space) 0 0;
  }

  .booking {
    margin: calc(var(--_fs-space) * 1.5) 0 0;
  }

  .booking-link {
    display: inline-flex;
    align-items: center;
    min-height: 2.75rem;
    box-sizing: border-box;
    padding: 0.375em 1em;
    border-radius: calc(var(--_fs-radius) / 1.5);
    background: var(--_accent);
    color: var(--_fs-on-primary);
    font-weight: 700;
    text-decoration: none;
  }

  @media print {
    .booking {
      display: none;
    }
  }

  .source {
    margin: calc(var(--_fs-space) * 2) 0 0;
    font-size: 0.8125em;
    color: var(--_fs-text-muted);
  }

  .message .title {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  .message p {
    margin: var(--_fs-space) 0 0;
  }

  button {
    font: inherit;
    margin-top: calc(var(--_fs-space) * 1.5);
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5em 1.25em;
    border: 2px solid var(--_accent);
    border-radius: calc(var(--_radius) / 1.5);
    background: var(--_accent);
    color: var(--_fs-on-primary);
    font-weight: 700;
    cursor: pointer;
  }

  button:hover {
    filter: brightness(1.1);
  }

  .skeleton {
    display: block;
    height: 1em;
    margin: 0.6em 0;
    border-radius: 0.25em;
    background: var(--_fs-surface-alt);
    animation: pulse 1.5s ease-in-out infinite;
  }

  .skeleton.title {
    height: 1.6em;
    width: 70%;
  }

  .skeleton.short {
    width: 40%;
  }

  @keyframes pulse {
    50% {
      opacity: 0.5;
    }
  }

  @media (forced-colors: active) {
    .card {
      border-top-width: 0.375rem;
    }
    tr.today th {
      box-shadow: none;
      text-decoration: underline;
    }
  }

  @media print {
    .card {
      border: 1px solid #000;
    }
    button {
      display: none;
    }
  }
`;
