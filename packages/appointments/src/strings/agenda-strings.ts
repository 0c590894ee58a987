import { registerStrings } from '@fs-widgets/core';
import { agendaFr, type AgendaStrings } from './agenda.strings.fr.js';

export type { AgendaStrings };

/** The agents' agenda's part of the strings table (registered once, when first imported). */
registerStrings<AgendaStrings>('agenda', agendaFr, {
  en: () => import('./agenda.strings.en.js').then((m) => m.agendaEn),
});
