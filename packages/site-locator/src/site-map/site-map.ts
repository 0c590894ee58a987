import { defineElement } from '@fs-widgets/core';
import { FsSiteMap } from './site-map.component.js';

export { FsSiteMap };
export type { FsSiteSelectDetail } from './site-select-event.js';
export type { FsMapPickDetail } from './map-pick-event.js';

defineElement('fs-site-map', FsSiteMap);

declare global {
  interface HTMLElementTagNameMap {
    'fs-site-map': FsSiteMap;
  }
}
