import { defineElement } from '@fs-widgets/core';
import { FsPartnerEditor } from './partner-editor.component.js';

export { FsPartnerEditor };
export type { FsPartnersChangeDetail } from './partner-editor.component.js';

defineElement('fs-partner-editor', FsPartnerEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fs-partner-editor': FsPartnerEditor;
  }
}
