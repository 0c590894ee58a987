import { css } from 'lit';

/** The Bilan's look (its period buttons are the toolbar's `.views`): adopted by the agenda's shadow root when the Bilan's module loads. */
export const agendaReportStyles = css`
  .report .dates {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0 calc(var(--_fs-space) * 2);
  }

  .totals {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 8.5rem), 1fr));
    gap: var(--_fs-space) calc(var(--_fs-space) * 2);
    margin: calc(var(--_fs-space) * 1.5) 0 0;
  }

  .totals > div {
    border-inline-start: 3px solid var(--_accent);
    padding-inline-start: var(--_fs-space);
  }

  .totals dt {
    font-weight: 600;
  }

  .totals dd {
    margin: 0;
    font-size: 1.375em;
    font-weight: 800;
    font-variant-numeric: tabular-nums;
  }

  .totals dd .small {
    display: block;
    font-size: 0.6em;
    font-weight: 400;
  }

  .scroll {
    overflow-x: auto;
    margin-top: calc(var(--_fs-space) * 2);
  }

  .scroll table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.9375em;
    font-variant-numeric: tabular-nums;
  }

  .scroll caption {
    text-align: start;
    font-weight: 700;
    padding-block-end: var(--_fs-space);
  }

  .scroll th,
  .scroll td {
    padding: 0.35em 0.5em;
    border-bottom: 1px solid var(--_fs-border);
    text-align: end;
  }

  .scroll th[scope='row'],
  .scroll thead th:first-child {
    text-align: start;
    min-width: 9rem;
  }

  .scroll thead th {
    vertical-align: bottom;
    background: var(--_fs-surface-alt);
  }

  @media (forced-colors: active) {
    .totals > div {
      border-color: CanvasText;
    }
  }
`;
