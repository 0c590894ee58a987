import { registerStrings } from '@fs-widgets/core';
import { configuratorFr, type AttributeText, type ConfiguratorStrings, type WidgetText } from './configurator.strings.fr.js';

export type { AttributeText, ConfiguratorStrings, WidgetText };
export { attributeText, widgetText } from './attribute-text.js';

/** The configurator's part of the strings table (registered once, when first imported). */
registerStrings<ConfiguratorStrings>('configurator', configuratorFr, {
  en: () => import('./configurator.strings.en.js').then((m) => m.configuratorEn),
});
