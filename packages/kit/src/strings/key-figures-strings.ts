import { registerStrings } from '@fs-widgets/core';
import { keyFiguresFr, type KeyFiguresStrings } from './key-figures.strings.fr.js';

export type { KeyFiguresStrings };

/** The key figures' part of the strings table (registered once, when first imported). */
registerStrings<KeyFiguresStrings>('kit-key-figures', keyFiguresFr, {
  en: () => import('./key-figures.strings.en.js').then((m) => m.keyFiguresEn),
});
