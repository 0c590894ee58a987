import { defineElement } from '@fs-widgets/core';
import { FsPoster } from './poster.component.js';

export { FsPoster };

defineElement('fs-poster', FsPoster);

declare global {
  interface HTMLElementTagNameMap {
    'fs-poster': FsPoster;
  }
}
