import { defineElement } from '@fs-widgets/core';
import { FsSiteCard } from './site-card.component.js';

export { FsSiteCard };

defineElement('fs-site-card', FsSiteCard);

declare global {
  interface HTMLElementTagNameMap {
    'fs-site-card': FsSiteCard;
  }
}
