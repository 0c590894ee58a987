import { css } from 'lit';

export const networkObservatoryStyles = css`
  .scope-bar .scope {
    margin: 0;
  }

  /* Wide enough for every column to stay readable: the frame scrolls sideways on a phone. */
  [data-table='sites'] {
    min-width: 64rem;
  }

  [data-table='sites'] tbody th {
    min-width: 14rem;
  }

  /* A reason's title is long: its row header keeps room beside nine columns of figures. */
  [data-table='appointments'] tbody th {
    min-width: 10rem;
  }

  .figure .detail {
    font-size: 0.875em;
    color: var(--_fs-text-muted);
  }
`;
