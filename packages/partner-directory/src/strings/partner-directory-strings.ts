import { registerStrings } from '@fs-widgets/core';
import { partnerDirectoryFr, type PartnerDirectoryStrings } from './partner-directory.strings.fr.js';

export type { PartnerDirectoryStrings };

/** The partner directory's part of the strings table (registered once, when first imported). */
registerStrings<PartnerDirectoryStrings>('partner-directory', partnerDirectoryFr, {
  en: () => import('./partner-directory.strings.en.js').then((m) => m.partnerDirectoryEn),
});
