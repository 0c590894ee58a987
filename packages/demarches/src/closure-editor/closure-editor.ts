import { defineElement } from '@fs-widgets/core';
import { FsClosureEditor } from './closure-editor.component.js';

export { FsClosureEditor };

defineElement('fs-closure-editor', FsClosureEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fs-closure-editor': FsClosureEditor;
  }
}
