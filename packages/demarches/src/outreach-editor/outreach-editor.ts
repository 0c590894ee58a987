import { defineElement } from '@fs-widgets/core';
import { FsOutreachEditor } from './outreach-editor.component.js';

export { FsOutreachEditor };
export type { SiteItemsChangeDetail as FsStopsChangeDetail } from '../shared/site-items-editor.js';

defineElement('fs-outreach-editor', FsOutreachEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fs-outreach-editor': FsOutreachEditor;
  }
}
