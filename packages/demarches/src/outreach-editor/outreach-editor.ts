import { defineElement } from '@fs-widgets/core';
import { FsOutreachEditor } from './outreach-editor.component.js';

export { FsOutreachEditor };

defineElement('fs-outreach-editor', FsOutreachEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fs-outreach-editor': FsOutreachEditor;
  }
}
