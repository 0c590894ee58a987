import { registerStrings } from '@fs-widgets/core';
import { recurrenceBuilderFr, type RecurrenceBuilderStrings } from './recurrence-builder.strings.fr.js';

export type { RecurrenceBuilderStrings };

/** The recurrence builder's part of the strings table, shared by the editors that use it. */
registerStrings<RecurrenceBuilderStrings>('recurrence-builder', recurrenceBuilderFr, {
  en: () => import('./recurrence-builder.strings.en.js').then((m) => m.recurrenceBuilderEn),
});
