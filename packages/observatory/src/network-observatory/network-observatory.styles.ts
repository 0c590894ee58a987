import { css } from 'lit';

export const networkObservatoryStyles = css`
  .scope-bar .scope {
    margin: 0;
  }

  [data-table='sites'] td:nth-child(n + 5) {
    white-space: nowrap;
  }
`;
