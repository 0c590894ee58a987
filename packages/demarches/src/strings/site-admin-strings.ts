import { registerStrings } from '@fs-widgets/core';
import { siteAdminFr, type SiteAdminStrings } from './site-admin.strings.fr.js';

export type { SiteAdminStrings };

/** The site admin's part of the strings table: a site's intranet page with only this widget downloads only its texts. */
registerStrings<SiteAdminStrings>('site-admin', siteAdminFr, {
  en: () => import('./site-admin.strings.en.js').then((m) => m.siteAdminEn),
});
