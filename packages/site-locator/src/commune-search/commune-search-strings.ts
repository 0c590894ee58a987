import { registerStrings } from '@fs-widgets/core';
import { communeSearchFr, type CommuneSearchStrings } from './commune-search.strings.fr.js';

export type { CommuneSearchStrings };

/** The name of this part of the strings table (for `LocaleController.part`). */
export const COMMUNE_SEARCH_PART = 'commune-search';

/** The texts of the commune search (`<fs-commune-search>`), the combobox of the locator and the configurator: a part of the strings table, registered once, when first imported. */
registerStrings<CommuneSearchStrings>('commune-search', communeSearchFr, {
  en: () => import('./commune-search.strings.en.js').then((m) => m.communeSearchEn),
});
