import { defineElement } from '@fs-widgets/core';
import { FsCoverageMap } from './coverage-map.component.js';

export { FsCoverageMap };

defineElement('fs-coverage-map', FsCoverageMap);

declare global {
  interface HTMLElementTagNameMap {
    'fs-coverage-map': FsCoverageMap;
  }
}
