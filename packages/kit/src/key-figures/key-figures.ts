import { defineElement } from '@fs-widgets/core';
import { FsKeyFigures } from './key-figures.component.js';

export { FsKeyFigures };

defineElement('fs-key-figures', FsKeyFigures);

declare global {
  interface HTMLElementTagNameMap {
    'fs-key-figures': FsKeyFigures;
  }
}
