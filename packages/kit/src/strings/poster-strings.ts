import { registerStrings } from '@fs-widgets/core';
import { posterFr, type PosterStrings } from './poster.strings.fr.js';

export type { PosterStrings };

/** The poster's part of the strings table (registered once, when first imported). */
registerStrings<PosterStrings>('kit-poster', posterFr, {
  en: () => import('./poster.strings.en.js').then((m) => m.posterEn),
});
