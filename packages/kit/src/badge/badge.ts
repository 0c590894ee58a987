import { defineElement } from '@fs-widgets/core';
import { FsBadge } from './badge.component.js';

export { FsBadge };

defineElement('fs-badge', FsBadge);

declare global {
  interface HTMLElementTagNameMap {
    'fs-badge': FsBadge;
  }
}
