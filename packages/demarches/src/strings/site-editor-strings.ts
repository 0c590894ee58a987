import { registerStrings } from '@fs-widgets/core';
import { siteEditorFr, type SiteEditorStrings } from './site-editor.strings.fr.js';

export type { SiteEditorStrings };

/** The site editors' shared part of the strings table (sign-in, list states, confirmation, writes waiting). */
registerStrings<SiteEditorStrings>('site-editor', siteEditorFr, {
  en: () => import('./site-editor.strings.en.js').then((m) => m.siteEditorEn),
});
