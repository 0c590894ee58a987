import { registerStrings } from '@fs-widgets/core';
import { kitFr, type KitStrings } from './kit.strings.fr.js';

export type { KitStrings };

/** The communication kit's part of the strings table (registered once, when first imported). */
registerStrings<KitStrings>('kit', kitFr, {
  en: () => import('./kit.strings.en.js').then((m) => m.kitEn),
});
