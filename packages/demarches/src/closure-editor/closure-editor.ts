import { defineElement } from '@fs-widgets/core';
import { FsClosureEditor } from './closure-editor.component.js';

export { FsClosureEditor };
export type { SiteItemsChangeDetail as FsClosuresChangeDetail } from '../shared/site-items-editor.js';

defineElement('fs-closure-editor', FsClosureEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fs-closure-editor': FsClosureEditor;
  }
}
