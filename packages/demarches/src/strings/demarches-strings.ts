import { registerStrings } from '@fs-widgets/core';
import { demarchesFr, type DemarchesStrings } from './demarches.strings.fr.js';

export type { DemarchesStrings };

/** The démarche widgets' part of the strings table (registered once, when first imported). */
registerStrings<DemarchesStrings>('demarches', demarchesFr, {
  en: () => import('./demarches.strings.en.js').then((m) => m.demarchesEn),
});
