import { defineElement } from '@fs-widgets/core';
import { FsBanner } from './banner.component.js';

export { FsBanner };
export type { BannerSize } from './banner.component.js';

defineElement('fs-banner', FsBanner);

declare global {
  interface HTMLElementTagNameMap {
    'fs-banner': FsBanner;
  }
}
