import { registerStrings } from '@fs-widgets/core';
import { siteMapFr, type SiteMapStrings } from './site-map.strings.fr.js';

export type { SiteMapStrings };

/** The map's part of the strings table, registered when the map (a lazy chunk) loads. */
registerStrings<SiteMapStrings>('site-map', siteMapFr, {
  en: () => import('./site-map.strings.en.js').then((m) => m.siteMapEn),
});
