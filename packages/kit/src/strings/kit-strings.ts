import { registerStrings } from '@fs-widgets/core';
import { kitFr, type KitStrings } from './kit.strings.fr.js';

export type { KitStrings };

/**
 * The banner's and the badge's part of the strings table (registered once, when first
 * imported). The poster and the key figures register parts of their own (`poster-strings.ts`,
 * `key-figures-strings.ts`): a page showing one kit element downloads its texts only.
 */
registerStrings<KitStrings>('kit', kitFr, {
  en: () => import('./kit.strings.en.js').then((m) => m.kitEn),
});
