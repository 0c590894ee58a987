import { css } from 'lit';

export const satisfactionResultsStyles = css`
  :host {
    --_accent: var(--fs-satisfaction-results-accent, var(--_fs-primary));
    container-type: inline-size;
    max-width: var(--fs-satisfaction-results-max-width, 40rem);
  }

  .title {
    margin: 0;
    font-size: 1.125em;
    font-weight: 700;
  }

  .figure {
    margin: var(--_fs-space) 0 0;
    font-size: 2em;
    font-weight: 800;
    line-height: 1.2;
    color: var(--_accent);
  }

  .figure small {
    display: block;
    font-size: 0.5em;
    font-weight: 600;
    color: var(--_fs-text);
  }

  p {
    margin: var(--_fs-space) 0 0;
  }

  .muted {
    color: var(--_fs-text-muted);
    font-size: 0.875em;
  }

  svg.chart {
    display: block;
    width: 100%;
    height: auto;
    margin-top: calc(var(--_fs-space) * 2);
  }

  .bar {
    fill: var(--_accent);
  }

  .track {
    fill: var(--_fs-surface-alt);
  }

  .chart text {
    fill: var(--_fs-text);
    font-size: 14px;
    font-family: var(--_fs-font);
  }

  table {
    width: 100%;
    border-collapse: collapse;
    margin-top: calc(var(--_fs-space) * 1.5);
    font-size: 0.9375em;
  }

  caption {
    text-align: start;
    font-weight: 700;
    padding-bottom: 0.25em;
  }

  th,
  td {
    padding: 0.25em 0.5em;
    border-bottom: 1px solid var(--_fs-border);
    text-align: start;
  }

  td.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  button {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    margin-top: calc(var(--_fs-space) * 1.5);
    padding: 0.5em 1.25em;
    border-radius: calc(var(--_fs-radius) / 1.5);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_fs-on-primary);
    cursor: pointer;
  }

  .skeleton {
    display: block;
    height: 1.2em;
    margin: 0.6em 0;
    border-radius: 0.25em;
    background: var(--_fs-surface-alt);
  }

  .skeleton.big {
    height: 2.4em;
    width: 60%;
  }

  @media (forced-colors: active) {
    .bar {
      fill: CanvasText;
    }
    .track {
      fill: Canvas;
      stroke: CanvasText;
    }
  }
`;
