import { defineElement } from '@fs-widgets/core';
import { FsDemarcheTracker } from './demarche-tracker.component.js';

export { FsDemarcheTracker };

defineElement('fs-demarche-tracker', FsDemarcheTracker);

declare global {
  interface HTMLElementTagNameMap {
    'fs-demarche-tracker': FsDemarcheTracker;
  }
}
