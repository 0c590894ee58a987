/**
 * How a widget's and an attribute's texts are looked up in the configurator's strings tables.
 * Kept apart from `configurator-strings.ts` (which registers the table with the core, and so
 * loads Lit) so that Node scripts read the same rules: the WordPress plugin's build
 * (`scripts/build/wordpress.ts`) writes its catalog with them.
 */
import { configuratorFr, type AttributeText, type ConfiguratorStrings, type WidgetText } from './configurator.strings.fr.js';

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
