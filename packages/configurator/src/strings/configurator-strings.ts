import { registerStrings } from '@fs-widgets/core';
import { configuratorFr, type AttributeText, type ConfiguratorStrings, type WidgetText } from './configurator.strings.fr.js';

export type { AttributeText, ConfiguratorStrings, WidgetText };

/** The configurator's part of the strings table (registered once, when first imported). */
registerStrings<ConfiguratorStrings>('configurator', configuratorFr, {
  en: () => import('./configurator.strings.en.js').then((m) => m.configuratorEn),
});

/**
 * The label and help of `tag`'s `attribute` in a strings table: its own entry, else the shared
 * one (`* /attribute` without the space), else the French table's (a translation may lag), else
 * undefined (the caller falls back to the manifest's description).
 */
export function attributeText(strings: ConfiguratorStrings, tag: string, attribute: string): AttributeText | undefined {
  for (const table of [strings.attributes, configuratorFr.attributes]) {
    const text = table[`${tag}/${attribute}`] ?? table[`*/${attribute}`];
    if (text) return text;
  }
  return undefined;
}

/** A widget's name and description (own table, else French), or undefined. */
export function widgetText(strings: ConfiguratorStrings, tag: string): WidgetText | undefined {
  return strings.widgets[tag] ?? configuratorFr.widgets[tag];
}
