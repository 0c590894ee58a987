import { registerStrings } from '@fs-widgets/core';
import { siteLocatorFr, type SiteLocatorStrings } from './site-locator.strings.fr.js';

export type { SiteLocatorStrings };

/** The name of this part of the strings table (for `LocaleController.part`). */
export const SITE_LOCATOR_PART = 'site-locator';

/** The texts of the site locator (`<fs-site-locator>`): a part of the strings table, registered once, when first imported. */
registerStrings<SiteLocatorStrings>('site-locator', siteLocatorFr, {
  en: () => import('./site-locator.strings.en.js').then((m) => m.siteLocatorEn),
});
