import { css } from 'lit';

/**
 * The few rules of Leaflet's stylesheet a map of vector layers needs (panes, the vector
 * renderers, the zoom buttons), adopted inside the shadow root: no base-map tiles, no markers'
 * images, no popups. From Leaflet 1.9.4 leaflet.css, BSD-2-Clause, © Volodymyr Agafonkin, CloudMade.
 */
export const coverageLeafletStyles = css`
  .leaflet-pane,
  .leaflet-pane > svg,
  .leaflet-pane > canvas,
  .leaflet-zoom-box,
  .leaflet-layer {
    position: absolute;
    left: 0;
    top: 0;
  }
  .leaflet-container {
    overflow: hidden;
    -webkit-tap-highlight-color: transparent;
    touch-action: none;
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
  .leaflet-zoom-animated {
    transform-origin: 0 0;
  }
  .leaflet-zoom-anim .leaflet-zoom-animated {
    transition: transform 0.25s cubic-bezier(0, 0, 0.25, 1);
  }
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
  .leaflet-control-container .leaflet-top {
    position: absolute;
    top: 0;
    left: 0;
    z-index: 800;
    pointer-events: none;
  }
  .leaflet-control {
    position: relative;
    z-index: 800;
    pointer-events: auto;
    margin: 10px 0 0 10px;
  }
  .leaflet-bar a {
    display: block;
    width: 2.75rem;
    height: 2.75rem;
    line-height: 2.75rem;
    text-align: center;
    text-decoration: none;
    font: 700 1.25rem/2.75rem system-ui, sans-serif;
    color: var(--_fs-text);
    background: var(--_fs-surface);
    border: 2px solid var(--_fs-border);
  }
  .leaflet-bar a + a {
    border-top: 0;
  }
  .leaflet-bar a:focus-visible {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 0;
  }
  .leaflet-marker-icon {
    position: absolute;
    left: 0;
    top: 0;
    display: block;
  }
  @media (prefers-reduced-motion: reduce) {
    .leaflet-zoom-anim .leaflet-zoom-animated {
      transition: none;
    }
  }
`;
