import { css } from 'lit';

/**
 * The rules of Leaflet's stylesheet every map of the widgets needs (the map of sites, the coverage
 * map): panes and layers placed, their order, the controls above them, the zoom animation, the
 * cursors. A map adopts them inside its shadow root (a page's `<link>` to leaflet.css cannot reach
 * it, and a stylesheet adopted by Lit needs no `style-src 'unsafe-inline'`), then the rules of its
 * own (tiles, the look of the zoom buttons). Plain CSS: the core does not depend on Leaflet.
 *
 * from Leaflet 1.9.4 leaflet.css, BSD-2-Clause, © Volodymyr Agafonkin, CloudMade
 */
export const leafletBase = css`
  .leaflet-pane,
  .leaflet-tile,
  .leaflet-marker-icon,
  .leaflet-marker-shadow,
  .leaflet-tile-container,
  .leaflet-pane > svg,
  .leaflet-pane > canvas,
  .leaflet-zoom-box,
  .leaflet-image-layer,
  .leaflet-layer {
    position: absolute;
    left: 0;
    top: 0;
  }
  .leaflet-container {
    overflow: hidden;
    -webkit-tap-highlight-color: transparent;
  }
  .leaflet-marker-icon,
  .leaflet-marker-shadow {
    display: block;
  }
  .leaflet-container .leaflet-overlay-pane svg {
    max-width: none !important;
    max-height: none !important;
  }

  .leaflet-pane {
    z-index: 400;
  }
  .leaflet-overlay-pane {
    z-index: 400;
  }
  .leaflet-marker-pane {
    z-index: 600;
  }

  .leaflet-control {
    position: relative;
    z-index: 800;
    pointer-events: auto;
  }

  /* zoom animations */
  .leaflet-zoom-animated {
    transform-origin: 0 0;
  }
  .leaflet-zoom-anim .leaflet-zoom-animated {
    transition: transform 0.25s cubic-bezier(0, 0, 0.25, 1);
  }

  /* cursors */
  .leaflet-interactive {
    cursor: pointer;
  }
  .leaflet-grab {
    cursor: grab;
  }
  .leaflet-crosshair,
  .leaflet-crosshair .leaflet-interactive {
    cursor: crosshair;
  }
`;
