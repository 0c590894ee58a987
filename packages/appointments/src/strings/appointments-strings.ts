import { registerStrings } from '@fs-widgets/core';
import { appointmentsFr, type AppointmentsStrings } from './appointments.strings.fr.js';

export type { AppointmentsStrings };

/** The appointments widgets' part of the strings table (registered once, when first imported). */
registerStrings<AppointmentsStrings>('appointments', appointmentsFr, {
  en: () => import('./appointments.strings.en.js').then((m) => m.appointmentsEn),
});
