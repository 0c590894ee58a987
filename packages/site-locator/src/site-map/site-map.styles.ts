import { css } from 'lit';

export const siteMapStyles = css`
  :host {
    --_marker: var(--fs-site-map-marker, var(--_fs-primary));
    --_contrast: var(--fs-site-map-marker-contrast, var(--_fs-on-primary));
    --_radius: var(--fs-site-map-radius, var(--_fs-radius));
  }

  .frame {
    position: relative;
    height: var(--fs-site-map-height, 28rem);
    border: 1px solid var(--_fs-border);
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_fs-surface-alt);
  }

  .map {
    position: absolute;
    inset: 0;
    /* Leaflet's panes and controls (z-index up to 1000) stay below the messages. */
    isolation: isolate;
    z-index: 0;
  }

  .leaflet-container {
    background: var(--_fs-surface-alt);
    font: inherit;
    font-size: 0.875rem;
  }

  /*
   * The map's own focus ring: the frame clips anything outside, and Leaflet's panes (tiles,
   * markers) cover an outline drawn inside, so it is drawn over them, as a border on top.
   */
  .map:focus-visible {
    outline: none;
  }

  .map:focus-visible::after {
    content: '';
    position: absolute;
    inset: 0;
    z-index: 1000;
    border: 3px solid var(--_fs-focus);
    border-radius: inherit;
    pointer-events: none;
  }

  /* Messages over the map, clear of the zoom buttons; markers stay reachable around them. */
  .status {
    position: absolute;
    z-index: 1;
    top: var(--_fs-space);
    inset-inline: 3.5rem var(--_fs-space);
    pointer-events: none;
  }

  .status.under {
    position: static;
    margin-top: calc(var(--_fs-space) / 2);
  }

  .message {
    margin: 0;
    padding: var(--_fs-space) calc(var(--_fs-space) * 1.5);
    background: var(--_fs-surface);
    color: var(--_fs-text);
    border: 1px solid var(--_fs-border);
    border-inline-start: 0.25rem solid var(--_fs-danger);
    border-radius: calc(var(--_radius) / 2);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.3);
    pointer-events: auto;
  }

  .message.loading {
    border-inline-start-color: var(--_marker);
  }

  .attribution {
    position: absolute;
    z-index: 1;
    right: 0;
    bottom: 0;
    margin: 0;
    padding: 0 0.375rem;
    font-size: 0.75rem;
    line-height: 1.5;
    background: var(--_fs-surface);
    color: var(--_fs-text);
    border-start-start-radius: calc(var(--_radius) / 2);
  }

  .attribution a {
    color: var(--_fs-text);
  }

  /* Zoom buttons: the widget's colours, 32 px targets. */
  .leaflet-bar,
  .leaflet-touch .leaflet-bar {
    border: 1px solid var(--_fs-border);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.3);
  }

  .leaflet-bar a,
  .leaflet-touch .leaflet-bar a {
    width: 2rem;
    height: 2rem;
    line-height: 2rem;
    background: var(--_fs-surface);
    color: var(--_fs-text);
    border-bottom-color: var(--_fs-border);
  }

  .leaflet-bar a:hover {
    background: var(--_fs-surface-alt);
  }

  .leaflet-bar a.leaflet-disabled {
    background: var(--_fs-surface-alt);
    color: var(--_fs-text-muted);
    opacity: 0.6;
  }

  /* Site marker: a pin whose tip is on the place. */
  .fs-marker {
    --_a: 1.625rem;
    width: 2rem;
    height: 2.75rem;
    margin: -2.75rem 0 0 -1rem;
    border-radius: 0.25rem;
  }

  .fs-marker .pin,
  .fs-picked .pin {
    position: absolute;
    left: 50%;
    top: calc(100% - var(--_a) * 0.7071);
    width: var(--_a);
    height: var(--_a);
    transform: translate(-50%, -50%) rotate(-45deg);
    border-radius: 50% 50% 50% 0;
    background: var(--_marker);
    border: 2px solid var(--_fs-surface);
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.45);
  }

  .fs-marker .pin::after,
  .fs-picked .pin::after {
    content: '';
    position: absolute;
    inset: 28%;
    border-radius: 50%;
    background: var(--_contrast);
  }

  /* The chosen site: larger, with a thick dark border (not told by colour alone). */
  .fs-marker.is-selected {
    --_a: 2.25rem;
    width: 2.75rem;
    height: 3.625rem;
    margin: -3.625rem 0 0 -1.375rem;
  }

  .fs-marker.is-selected .pin {
    border: 0.25rem solid var(--_fs-text);
    box-shadow:
      0 0 0 2px var(--_fs-surface),
      0 2px 6px rgb(0 0 0 / 0.5);
  }

  .fs-marker.is-selected .pin::after {
    inset: 24%;
  }

  /* The point placed (picking mode): a large pin in the text colour, unlike any site. */
  .fs-picked {
    --_a: 2.25rem;
    width: 2.75rem;
    height: 3.625rem;
    margin: -3.625rem 0 0 -1.375rem;
  }

  .fs-picked .pin {
    background: var(--_fs-text);
    border: 0.1875rem solid var(--_fs-surface);
  }

  .fs-picked .pin::after {
    background: var(--_fs-surface);
  }

  /* Picking mode: a crosshair at the map's centre, where « Placer le point au centre » puts it. */
  .crosshair {
    position: absolute;
    z-index: 1;
    left: 50%;
    top: 50%;
    width: 2.5rem;
    height: 2.5rem;
    transform: translate(-50%, -50%);
    pointer-events: none;
    background:
      linear-gradient(var(--_fs-text), var(--_fs-text)) center / 2px 100% no-repeat,
      linear-gradient(var(--_fs-text), var(--_fs-text)) center / 100% 2px no-repeat;
    filter: drop-shadow(0 0 1px var(--_fs-surface)) drop-shadow(0 0 1px var(--_fs-surface));
  }

  .pick-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_fs-space) / 2) var(--_fs-space);
    margin-top: calc(var(--_fs-space) / 2);
  }

  .pick-status {
    margin: 0;
  }

  .pick-status:empty {
    display: none;
  }

  .pick-center {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5em 1em;
    border: 2px solid var(--_marker);
    border-radius: var(--_fs-radius);
    background: var(--_fs-surface);
    color: var(--_fs-text);
    cursor: pointer;
  }

  .pick-center:hover {
    background: var(--_fs-surface-alt);
  }

  .pick-center:focus-visible {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 2px;
  }

  /* Group of sites: a disc with its count. */
  .fs-cluster {
    --_d: 2.25rem;
    width: var(--_d);
    height: var(--_d);
    margin: calc(var(--_d) / -2) 0 0 calc(var(--_d) / -2);
    display: grid;
    place-items: center;
    border-radius: 50%;
    background: var(--_marker);
    color: var(--_contrast);
    border: 3px solid var(--_fs-surface);
    box-shadow:
      0 0 0 2px var(--_marker),
      0 1px 5px rgb(0 0 0 / 0.45);
    font-size: 0.875rem;
    font-weight: 700;
    line-height: 1;
  }

  .fs-cluster--medium {
    --_d: 2.75rem;
  }

  .fs-cluster--large {
    --_d: 3.25rem;
  }

  .fs-marker:focus-visible,
  .fs-cluster:focus-visible {
    outline: 3px solid var(--_fs-focus);
    outline-offset: 3px;
    box-shadow:
      0 0 0 3px var(--_fs-surface),
      0 0 0 2px var(--_fs-surface);
  }

  .fs-marker:focus-visible {
    background: color-mix(in srgb, var(--_fs-surface) 80%, transparent);
  }

  /* Search origin: a target, unlike any site marker. */
  .fs-origin {
    width: 1.5rem;
    height: 1.5rem;
    margin: -0.75rem 0 0 -0.75rem;
    display: grid;
    place-items: center;
    border-radius: 50%;
    background: var(--_fs-surface);
    border: 0.3125rem solid var(--_fs-text);
    box-shadow:
      0 0 0 3px var(--_fs-surface),
      0 0 0 5px var(--_fs-text);
  }

  .fs-origin .dot {
    width: 0.25rem;
    height: 0.25rem;
    border-radius: 50%;
    background: var(--_fs-text);
  }

  @media (forced-colors: active) {
    :host {
      --_marker: LinkText;
      --_contrast: Canvas;
    }

    .fs-marker .pin,
    .fs-marker .pin::after,
    .fs-picked .pin,
    .fs-picked .pin::after,
    .crosshair,
    .fs-cluster,
    .fs-origin,
    .fs-origin .dot {
      forced-color-adjust: none;
    }

    .fs-marker.is-selected .pin {
      background: Highlight;
      border-color: CanvasText;
    }

    .fs-marker:focus-visible,
    .fs-cluster:focus-visible {
      outline-color: Highlight;
    }

    .message,
    .attribution {
      border: 1px solid CanvasText;
    }

    .fs-picked .pin {
      background: CanvasText;
      border-color: Canvas;
    }

    .fs-picked .pin::after {
      background: Canvas;
    }

    .crosshair {
      background:
        linear-gradient(CanvasText, CanvasText) center / 2px 100% no-repeat,
        linear-gradient(CanvasText, CanvasText) center / 100% 2px no-repeat;
    }

    .pick-center {
      border-color: ButtonText;
    }
  }
`;
