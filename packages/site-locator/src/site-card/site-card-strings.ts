import { registerStrings } from '@fs-widgets/core';
import { siteCardFr, type SiteCardStrings } from './site-card.strings.fr.js';

export type { SiteCardStrings };

/** The name of this part of the strings table (for `LocaleController.part`). */
export const SITE_CARD_PART = 'site-card';

/** The texts of the site card (`<fs-site-card>`): a part of the strings table, registered once, when first imported. */
registerStrings<SiteCardStrings>('site-card', siteCardFr, {
  en: () => import('./site-card.strings.en.js').then((m) => m.siteCardEn),
});
