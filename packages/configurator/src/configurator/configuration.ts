import { checkAttributeValue, type WidgetDeclaration } from '@fs-widgets/contract/embed';

/**
 * A configuration as the configurator holds it: the widget, each attribute's value as a form
 * field holds it (a checkbox: `'true'` or `''`), and the commune chosen. It lives in the snippet
 * and in the configurator page's address (`?widget=fs-site-card&site-id=2983&insee=48095&lieu=Mende`),
 * so it can be shared or bookmarked without an account.
 */
export interface Configuration {
  tag: string;
  values: Record<string, string>;
  place: { insee: string; label: string } | null;
}

/** Query parameters of the page's address that are not attributes. */
const WIDGET_PARAM = 'widget';
const INSEE_PARAM = 'insee';
const PLACE_PARAM = 'lieu';
const INSEE = /^(\d{5}|2[AB]\d{3})$/;

/** The attributes to write, in the manifest's order: set, checked, and different from their default. */
export function attributesOf(widget: WidgetDeclaration, values: Readonly<Record<string, string>>): Array<[string, string]> {
  const written: Array<[string, string]> = [];
  for (const attribute of widget.attributes) {
    const value = values[attribute.name] ?? '';
    if (attribute.kind === 'boolean') {
      if (value === 'true' && attribute.default !== 'true') written.push([attribute.name, '']);
      continue;
    }
    if (value.trim() === '' || value.trim() === attribute.default) continue;
    const check = checkAttributeValue(attribute, value);
    if (check.ok && check.value !== null) written.push([attribute.name, check.value]);
  }
  return written;
}

/** The page's address query for a configuration. */
export function toQuery(config: Configuration, widget: WidgetDeclaration | undefined): URLSearchParams {
  const query = new URLSearchParams();
  if (!config.tag) return query;
  query.set(WIDGET_PARAM, config.tag);
  if (config.place) {
    query.set(INSEE_PARAM, config.place.insee);
    query.set(PLACE_PARAM, config.place.label);
  }
  if (widget) for (const [name, value] of attributesOf(widget, config.values)) query.set(name, value);
  return query;
}

/**
 * A configuration read back from an address query, against the widgets of the manifest:
 * an unknown widget, attribute or value is ignored (a link may be old or edited by hand).
 */
export function fromQuery(query: URLSearchParams, widgets: readonly WidgetDeclaration[]): Configuration | null {
  const widget = widgets.find((w) => w.tag === query.get(WIDGET_PARAM));
  if (!widget) return null;
  const values: Record<string, string> = {};
  for (const attribute of widget.attributes) {
    const raw = query.get(attribute.name);
    if (raw === null) continue;
    const check = checkAttributeValue(attribute, raw);
    if (!check.ok || check.value === null) continue;
    values[attribute.name] = attribute.kind === 'boolean' ? 'true' : check.value;
  }
  const insee = query.get(INSEE_PARAM)?.toUpperCase() ?? '';
  const label = (query.get(PLACE_PARAM) ?? '').slice(0, 120);
  return { tag: widget.tag, values, place: INSEE.test(insee) ? { insee, label: label || insee } : null };
}
