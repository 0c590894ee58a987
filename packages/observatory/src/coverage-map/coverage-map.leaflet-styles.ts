import { css } from 'lit';

/**
 * What the coverage map, a map of vector layers (no base-map tiles, no markers' images, no
 * popups), adds to the core's `leafletBase` (which comes first in the element's styles): its
 * gestures, the zoom buttons in the widgets' look, no zoom animation when motion is reduced.
 * From Leaflet 1.9.4 leaflet.css, BSD-2-Clause, © Volodymyr Agafonkin, CloudMade.
 */
export const coverageLeafletStyles = css`
  .leaflet-container {
    touch-action: none;
  }
  .leaflet-control-container .leaflet-top {
    position: absolute;
    top: 0;
    left: 0;
    z-index: 800;
    pointer-events: none;
  }
  .leaflet-control {
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
  @media (prefers-reduced-motion: reduce) {
    .leaflet-zoom-anim .leaflet-zoom-animated {
      transition: none;
    }
  }
`;
