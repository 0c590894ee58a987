import { defineElement } from '@fs-widgets/core';
import { FsSatisfactionResults } from './satisfaction-results.component.js';

export { FsSatisfactionResults };

defineElement('fs-satisfaction-results', FsSatisfactionResults);

declare global {
  interface HTMLElementTagNameMap {
    'fs-satisfaction-results': FsSatisfactionResults;
  }
}
