import { defineElement } from '@fs-widgets/core';
import { FsSiteLocator } from './site-locator.component.js';

export { FsSiteLocator };
export type { FsSearchDetail } from './site-locator.component.js';
export type { FsSiteSelectDetail } from '../site-map/site-select-event.js';

defineElement('fs-site-locator', FsSiteLocator);

declare global {
  interface HTMLElementTagNameMap {
    'fs-site-locator': FsSiteLocator;
  }
}
