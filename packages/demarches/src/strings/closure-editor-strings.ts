import { registerStrings } from '@fs-widgets/core';
import { closureEditorFr, type ClosureEditorStrings } from './closure-editor.strings.fr.js';

export type { ClosureEditorStrings };

/** The closure editor's part of the strings table. */
registerStrings<ClosureEditorStrings>('closure-editor', closureEditorFr, {
  en: () => import('./closure-editor.strings.en.js').then((m) => m.closureEditorEn),
});
