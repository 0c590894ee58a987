import { defineElement } from '@fs-widgets/core';
import { FsSatisfaction } from './satisfaction.component.js';

export { FsSatisfaction };
export type { FsFeedbackSubmitDetail } from './satisfaction.component.js';

defineElement('fs-satisfaction', FsSatisfaction);

declare global {
  interface HTMLElementTagNameMap {
    'fs-satisfaction': FsSatisfaction;
  }
}
