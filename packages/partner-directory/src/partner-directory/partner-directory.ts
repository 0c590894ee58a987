import { defineElement } from '@fs-widgets/core';
import { FsPartnerDirectory } from './partner-directory.component.js';

export { FsPartnerDirectory };
export type { FsDemarcheOpenDetail, FsNeedSearchDetail } from './partner-directory.component.js';

defineElement('fs-partner-directory', FsPartnerDirectory);

declare global {
  interface HTMLElementTagNameMap {
    'fs-partner-directory': FsPartnerDirectory;
  }
}
