import { registerStrings } from '@fs-widgets/core';
import { outreachEditorFr, type OutreachEditorStrings } from './outreach-editor.strings.fr.js';

export type { OutreachEditorStrings };

/** The outreach editor's part of the strings table. */
registerStrings<OutreachEditorStrings>('outreach-editor', outreachEditorFr, {
  en: () => import('./outreach-editor.strings.en.js').then((m) => m.outreachEditorEn),
});
