import { registerStrings } from '@fs-widgets/core';
import { agendaReportFr, type AgendaReportStrings } from './agenda-report.strings.fr.js';

export type { AgendaReportStrings };

/** The agenda's Bilan's part of the strings table (registered when the Bilan's module loads). */
registerStrings<AgendaReportStrings>('agenda-report', agendaReportFr, {
  en: () => import('./agenda-report.strings.en.js').then((m) => m.agendaReportEn),
});
