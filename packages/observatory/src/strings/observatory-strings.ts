import { registerStrings } from '@fs-widgets/core';
import { observatoryFr, type ObservatoryStrings } from './observatory.strings.fr.js';

export type { ObservatoryStrings };

/** The observatory's part of the strings table (registered once, when first imported). */
registerStrings<ObservatoryStrings>('observatory', observatoryFr, {
  en: () => import('./observatory.strings.en.js').then((m) => m.observatoryEn),
});
