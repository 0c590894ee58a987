import { registerStrings } from '@fs-widgets/core';
import { satisfactionFr, type SatisfactionStrings } from './satisfaction.strings.fr.js';

export type { SatisfactionStrings };

/** The satisfaction widgets' part of the strings table (registered once, when first imported). */
registerStrings<SatisfactionStrings>('satisfaction', satisfactionFr, {
  en: () => import('./satisfaction.strings.en.js').then((m) => m.satisfactionEn),
});
