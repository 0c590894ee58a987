import { defineElement } from '@fs-widgets/core';
import { FsSiteAdmin } from './site-admin.component.js';

export { FsSiteAdmin };
export type { FsSiteChangeDetail, SiteAdminSection } from './site-admin.component.js';

defineElement('fs-site-admin', FsSiteAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'fs-site-admin': FsSiteAdmin;
  }
}
