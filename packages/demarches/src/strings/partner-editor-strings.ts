import { registerStrings } from '@fs-widgets/core';
import { partnerEditorFr, type PartnerEditorStrings } from './partner-editor.strings.fr.js';

export type { PartnerEditorStrings };

/**
 * The partner editor's part of the strings table, apart from the démarche widgets' one: a page
 * with only the editor (a site's intranet) does not download the log's and tracker's texts.
 */
registerStrings<PartnerEditorStrings>('partner-editor', partnerEditorFr, {
  en: () => import('./partner-editor.strings.en.js').then((m) => m.partnerEditorEn),
});
