/**
 * The embedding contract, shared by the server (`/embed/<tag>` pages, `/widgets/…`) and the
 * configurator (`<fs-configurator>`, which writes the snippets): which widgets a page may embed
 * and what their frames are called (both from the registry, `./widgets.ts`), and how the custom
 * elements manifest (`custom-elements.json`, the one source of the widgets' attributes) is read.
 * Plain values and functions: no schema code, safe in a browser bundle.
 */

import { WIDGETS, type EmbedWidget, type WidgetAudience } from './widgets.js';

export type { EmbedWidget } from './widgets.js';

/**
 * The public widgets, from the registry (`./widgets.ts`): the configurator offers them and
 * `/embed/<tag>` renders them, in this order.
 */
export const EMBED_WIDGETS: Readonly<Record<string, EmbedWidget>> = Object.fromEntries(
  WIDGETS.flatMap((w) => (w.audience === 'public' && w.embed ? [[w.tag, w.embed]] : [])),
);

/** Why an element of the library is not offered to host pages (see `WidgetAudience`). */
export type NotEmbeddedReason = Exclude<WidgetAudience, 'public'>;

/** Elements of the library that the configurator does not offer and `/embed/` refuses, from the registry. */
export const NOT_EMBEDDED: Readonly<Record<string, NotEmbeddedReason>> = Object.fromEntries(
  WIDGETS.flatMap((w) => (w.audience === 'public' ? [] : [[w.tag, w.audience]])),
);

/**
 * Attributes of the manifest a host page does not set through the configurator or `/embed/`:
 * `api` (the widgets talk to the server the script or the frame comes from; an embed page's
 * Content-Security-Policy allows no other).
 */
export const HIDDEN_ATTRIBUTES: readonly string[] = ['api'];

/** Longest attribute value `/embed/` accepts (an INSEE code, a URL, a search: all far shorter). */
export const EMBED_VALUE_MAX_LENGTH = 200;

/** How a form asks for an attribute, from its type in the manifest. */
export type AttributeKind = 'boolean' | 'number' | 'enum' | 'text';

/** One attribute of a widget, as the manifest declares it. */
export interface WidgetAttribute {
  name: string;
  kind: AttributeKind;
  /** The values of an `enum` attribute (a union of string literals), in the declared order. */
  options: string[];
  /** The default as an attribute value: `''` for none; `'true'`/`''` for booleans. */
  default: string;
  /** The manifest's (English) description, a fallback when the configurator has no French help. */
  description: string;
}

/** One custom element of the manifest. */
export interface WidgetDeclaration {
  tag: string;
  summary: string;
  description: string;
  attributes: WidgetAttribute[];
}

/**
 * The global `lang` attribute: not in the manifest (every element has it), offered for every
 * widget since the nearest `lang` picks the widgets' language.
 */
export const LANG_ATTRIBUTE: WidgetAttribute = {
  name: 'lang',
  kind: 'enum',
  options: ['fr', 'en'],
  default: '',
  description: 'Language of the texts: French (default) or English.',
};

interface ManifestAttribute {
  name?: unknown;
  type?: { text?: unknown };
  default?: unknown;
  description?: unknown;
}

interface ManifestDeclaration {
  customElement?: unknown;
  tagName?: unknown;
  summary?: unknown;
  description?: unknown;
  attributes?: ManifestAttribute[];
}

const STRING_LITERAL = /^(['"])(.*)\1$/;

/** `'list' | 'map' | undefined` → enum of list, map; `number | undefined` → number; others → text. */
export function attributeKind(typeText: string | undefined): { kind: AttributeKind; options: string[] } {
  const parts = (typeText ?? '')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== '' && p !== 'undefined' && p !== 'null');
  if (parts.length === 1 && parts[0] === 'boolean') return { kind: 'boolean', options: [] };
  if (parts.length === 1 && parts[0] === 'number') return { kind: 'number', options: [] };
  if (parts.length > 0 && parts.every((p) => STRING_LITERAL.test(p))) {
    return { kind: 'enum', options: parts.map((p) => STRING_LITERAL.exec(p)![2]!) };
  }
  return { kind: 'text', options: [] };
}

/** A manifest default (`'list'`, `10`, `false`, `''`, `undefined`) as an attribute value. */
function defaultValue(kind: AttributeKind, raw: unknown): string {
  if (typeof raw !== 'string') return '';
  const text = raw.trim();
  if (kind === 'boolean') return text === 'true' ? 'true' : '';
  const literal = STRING_LITERAL.exec(text);
  if (literal) return literal[2]!;
  if (kind === 'number' && /^-?\d+(\.\d+)?$/.test(text)) return text;
  return '';
}

/** Every custom element of a custom elements manifest, with its attributes (first declaration of each name). */
export function readManifest(manifest: unknown): WidgetDeclaration[] {
  const modules = (manifest as { modules?: Array<{ declarations?: ManifestDeclaration[] }> } | null)?.modules;
  if (!Array.isArray(modules)) throw new TypeError('Not a custom elements manifest (no modules)');
  const found: WidgetDeclaration[] = [];
  for (const mod of modules) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.customElement !== true || typeof declaration.tagName !== 'string') continue;
      const attributes: WidgetAttribute[] = [];
      for (const attribute of declaration.attributes ?? []) {
        if (typeof attribute.name !== 'string' || attributes.some((a) => a.name === attribute.name)) continue;
        const { kind, options } = attributeKind(typeof attribute.type?.text === 'string' ? attribute.type.text : undefined);
        attributes.push({
          name: attribute.name,
          kind,
          options,
          default: defaultValue(kind, attribute.default),
          description: typeof attribute.description === 'string' ? attribute.description : '',
        });
      }
      found.push({
        tag: declaration.tagName,
        summary: typeof declaration.summary === 'string' ? declaration.summary : '',
        description: typeof declaration.description === 'string' ? declaration.description : '',
        attributes,
      });
    }
  }
  return found;
}

/**
 * The widgets of the manifest a host page may embed, in the order of `EMBED_WIDGETS`, each with
 * the attributes a page sets: the manifest's, without `HIDDEN_ATTRIBUTES`, then `lang`.
 */
export function embeddableWidgets(manifest: unknown): WidgetDeclaration[] {
  const declared = new Map(readManifest(manifest).map((w) => [w.tag, w]));
  return Object.keys(EMBED_WIDGETS).flatMap((tag) => {
    const widget = declared.get(tag);
    if (!widget) return [];
    return [{ ...widget, attributes: [...widget.attributes.filter((a) => !HIDDEN_ATTRIBUTES.includes(a.name)), LANG_ATTRIBUTE] }];
  });
}

export type AttributeCheck = { ok: true; value: string | null } | { ok: false; reason: string };

/**
 * Checks a value given for an attribute (a query parameter of `/embed/`, a field of the
 * configurator). `value: null` means "leave the attribute out" (a boolean set to false, an
 * empty value). Never trusts the value to be safe HTML: escape it where it is written.
 */
export function checkAttributeValue(attribute: WidgetAttribute, raw: string): AttributeCheck {
  const value = raw.trim();
  if (value.length > EMBED_VALUE_MAX_LENGTH) return { ok: false, reason: `longer than ${EMBED_VALUE_MAX_LENGTH} characters` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, reason: 'contains control characters' };
  switch (attribute.kind) {
    case 'boolean':
      if (value === '' || value === 'true' || value === attribute.name) return { ok: true, value: '' };
      if (value === 'false') return { ok: true, value: null };
      return { ok: false, reason: 'a boolean attribute: give it without a value (or true / false)' };
    case 'number':
      if (value === '') return { ok: true, value: null };
      return /^-?\d+(\.\d+)?$/.test(value) ? { ok: true, value } : { ok: false, reason: 'must be a number' };
    case 'enum':
      if (value === '') return { ok: true, value: null };
      return attribute.options.includes(value)
        ? { ok: true, value }
        : { ok: false, reason: `must be one of ${attribute.options.join(', ')}` };
    case 'text':
      return { ok: true, value: value === '' ? null : value };
  }
}

/** Base maps the widgets know by name (`tiles="…"`), by the origin their tiles come from. */
export const TILE_ORIGINS: Readonly<Record<string, string>> = {
  osm: 'https://tile.openstreetmap.org',
  'ign-plan': 'https://data.geopf.fr',
};

function originOf(url: string): string | null {
  try {
    // A tile template (`https://x/{z}/{x}/{y}.png`) is a URL once its placeholders are filled.
    const parsed = new URL(url.replace(/\{[^}]*\}/g, '0'));
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Origins other than the widgets' server that a widget set up with these attribute values
 * reaches, for a page's Content-Security-Policy: the map tiles (`img-src`) of a widget that can
 * show a map (it declares `tiles`: the map opens on demand even in a list view), a logo set by
 * the page (`img-src`, the poster's `logo`), and an address geocoder (`connect-src`) when one is set.
 */
export function externalOrigins(
  widget: WidgetDeclaration,
  values: Readonly<Record<string, string | null | undefined>>,
): { img: string[]; connect: string[] } {
  const declares = (name: string) => widget.attributes.some((a) => a.name === name);
  const img: string[] = [];
  const connect: string[] = [];
  if (declares('tiles')) {
    const custom = declares('tile-url') && values['tile-url'] ? originOf(values['tile-url']) : null;
    const preset = TILE_ORIGINS[values.tiles || 'osm'] ?? TILE_ORIGINS.osm!;
    img.push(custom ?? preset);
  }
  if (declares('logo') && values.logo) {
    const logo = originOf(values.logo);
    if (logo && !img.includes(logo)) img.push(logo);
  }
  if (declares('geocoder') && values.geocoder) {
    const geocoder = originOf(values.geocoder);
    if (geocoder) connect.push(geocoder);
  }
  return { img, connect };
}

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
