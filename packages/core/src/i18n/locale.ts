import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fr, type Strings } from './strings.fr.js';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

type Table = Record<string, unknown>;
type DeepPartial<T> = { [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : DeepPartial<T[K]> };

/**
 * One part of the strings table: the core's (shared words, hours, days…) or a widget
 * package's, registered when its module loads, so a page pays only for the texts of the widgets
 * it uses. French is bundled with each part; other locales are fetched the first time an
 * element needs them, so a French page never downloads them.
 */
interface Part {
  fr: Table;
  loaders: Partial<Record<Exclude<Locale, 'fr'>, () => Promise<Table>>>;
  tables: Partial<Record<Locale, Table>>;
  loading: Map<Locale, Promise<void>>;
}

const parts = new Map<string, Part>();
const pendingOverrides = new Map<Locale, Table[]>();

/**
 * Adds a part to the strings table, under `name` (the core's is `core`). `others` fetches the
 * same texts in another locale, with the same keys.
 */
export function registerStrings<T extends object>(name: string, fr: T, others: { [L in Exclude<Locale, 'fr'>]: () => Promise<T> }): void {
  if (parts.has(name)) return;
  parts.set(name, { fr: fr as Table, loaders: others as Part['loaders'], tables: { fr: fr as Table }, loading: new Map() });
}

registerStrings('core', fr, { en: () => import('./strings.en.js').then((m) => m.en) });

function mergeInto(target: Table, source: Table): void {
  for (const [key, value] of Object.entries(source)) {
    if (value && typeof value === 'object' && typeof target[key] === 'object') mergeInto(target[key] as Table, value as Table);
    else if (value !== undefined) target[key] = value;
  }
}

/** Applies overrides to the parts of `locale` already loaded; keeps the rest for later. */
function applyOverrides(locale: Locale): void {
  const waiting: Table[] = [];
  for (const overrides of pendingOverrides.get(locale) ?? []) {
    const left: Table = {};
    for (const [key, value] of Object.entries(overrides)) {
      const part = [...parts.values()].find((p) => key in p.fr);
      const table = part?.tables[locale];
      if (table) mergeInto(table, { [key]: value });
      else left[key] = value;
    }
    if (Object.keys(left).length > 0) waiting.push(left);
  }
  pendingOverrides.set(locale, waiting);
}

/**
 * Replaces some strings at run time (a site that says "Maison France services", a
 * translation fix) without rebuilding. Elements already shown update on their next render;
 * texts of a locale or a widget not loaded yet are replaced when they arrive.
 */
export function overrideStrings(locale: Locale, overrides: DeepPartial<Strings> & Table): void {
  pendingOverrides.set(locale, [...(pendingOverrides.get(locale) ?? []), overrides as Table]);
  applyOverrides(locale);
}

/** True when every registered part has its texts in `locale`. */
export function localeReady(locale: Locale): boolean {
  return [...parts.values()].every((p) => p.tables[locale] !== undefined);
}

/** Fetches a locale's texts for every registered part (once); resolves when they are there. */
export async function loadLocale(locale: Locale): Promise<void> {
  await Promise.all(
    [...parts.values()].map((part) => {
      if (part.tables[locale]) return undefined;
      let promise = part.loading.get(locale);
      if (!promise) {
        const loader = part.loaders[locale as Exclude<Locale, 'fr'>];
        promise = (loader ? loader() : Promise.resolve(part.fr)).then((table) => {
          part.tables[locale] = table;
        });
        promise.catch(() => part.loading.delete(locale)); // a failed fetch may be tried again
        part.loading.set(locale, promise);
      }
      return promise;
    }),
  );
  applyOverrides(locale);
}

/** The core strings of a locale, or French while that locale is still loading. */
export function stringsFor(locale: Locale): Strings {
  return partFor<Strings>('core', locale);
}

/** A registered part's strings in a locale, or French while that locale is still loading. */
export function partFor<T>(name: string, locale: Locale): T {
  const part = parts.get(name);
  if (!part) throw new Error(`No strings registered under "${name}"`);
  return (part.tables[locale] ?? part.fr) as T;
}

/** `en`, `en-GB`, `EN` → `en`; anything else we do not translate → `fr`. */
export function toLocale(lang: string | null | undefined): Locale {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'fr';
}

/** The nearest `lang`, crossing shadow roots: the element's own, then its ancestors', then the page's. */
export function nearestLang(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute('lang')) return node.getAttribute('lang') ?? '';
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang;
}

const documentObserverHosts = new Set<ReactiveControllerHost>();
let documentObserver: MutationObserver | undefined;

/**
 * Gives an element its strings, following the nearest `lang`: a change of the element's own
 * `lang` or of the page's `<html lang>` (as when a site's language switcher swaps it without
 * reloading) renders it again.
 */
export class LocaleController implements ReactiveController {
  #ownLang?: MutationObserver;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  get locale(): Locale {
    return toLocale(nearestLang(this.host));
  }

  get strings(): Strings {
    return stringsFor(this.locale);
  }

  /** The strings of a widget package's part (see `registerStrings`). */
  part<T>(name: string): T {
    return partFor<T>(name, this.locale);
  }

  hostConnected(): void {
    // The element's own \`lang\`, set or changed by the page after the first render.
    this.#ownLang ??= new MutationObserver(() => this.host.requestUpdate());
    this.#ownLang.observe(this.host, { attributes: true, attributeFilter: ['lang'] });
    documentObserverHosts.add(this.host);
    if (!documentObserver) {
      documentObserver = new MutationObserver(() => documentObserverHosts.forEach((h) => h.requestUpdate()));
      documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
  }

  hostDisconnected(): void {
    this.#ownLang?.disconnect();
    documentObserverHosts.delete(this.host);
  }

  /**
   * Before each render: when the element's language is not loaded yet, it stays invisible
   * (`data-fs-locale-pending`, styled `visibility: hidden` by the tokens) rather than flash
   * French text on an English page, and renders again once the strings arrive.
   */
  hostUpdate(): void {
    const locale = this.locale;
    const ready = localeReady(locale);
    this.host.toggleAttribute('data-fs-locale-pending', !ready);
    if (!ready) {
      void loadLocale(locale).then(
        () => this.host.requestUpdate(),
        () => this.host.toggleAttribute('data-fs-locale-pending', false), // offline: French is better than nothing
      );
    }
  }
}
