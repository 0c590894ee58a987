import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { fr, type Strings } from './strings.fr.js';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

/**
 * French is always there (the default, bundled); other locales are fetched the first time an
 * element needs them, so a French page never downloads the English table.
 */
const tables: Partial<Record<Locale, Strings>> = { fr };
const loaders: Record<Exclude<Locale, 'fr'>, () => Promise<Strings>> = {
  en: () => import('./strings.en.js').then((m) => m.en),
};
const loading = new Map<Locale, Promise<Strings>>();
const pendingOverrides = new Map<Locale, Array<DeepPartial<Strings>>>();

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : DeepPartial<T[K]> };

/**
 * Replaces some strings at run time (a site that says "Maison France services", a
 * translation fix) without rebuilding. Elements already shown update on their next render.
 */
export function overrideStrings(locale: Locale, overrides: DeepPartial<Strings>): void {
  const table = tables[locale];
  if (!table) {
    pendingOverrides.set(locale, [...(pendingOverrides.get(locale) ?? []), overrides]);
    return;
  }
  mergeStrings(table, overrides);
}

function mergeStrings(table: Strings, overrides: DeepPartial<Strings>): void {
  const merge = (target: Record<string, unknown>, source: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(source)) {
      if (value && typeof value === 'object' && typeof target[key] === 'object') {
        merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
      } else if (value !== undefined) {
        target[key] = value;
      }
    }
  };
  merge(table as unknown as Record<string, unknown>, overrides as Record<string, unknown>);
}

/** Fetches a locale's strings (once); resolves when elements can render in it. */
export function loadLocale(locale: Locale): Promise<Strings> {
  const table = tables[locale];
  if (table) return Promise.resolve(table);
  let promise = loading.get(locale);
  if (!promise) {
    promise = loaders[locale as Exclude<Locale, 'fr'>]().then((loaded) => {
      for (const overrides of pendingOverrides.get(locale) ?? []) mergeStrings(loaded, overrides);
      pendingOverrides.delete(locale);
      tables[locale] = loaded;
      return loaded;
    });
    promise.catch(() => loading.delete(locale)); // a failed fetch may be tried again
    loading.set(locale, promise);
  }
  return promise;
}

/** `en`, `en-GB`, `EN` → `en`; anything else we do not translate → `fr`. */
export function toLocale(lang: string | null | undefined): Locale {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'fr';
}

/** The strings of a locale, or French while that locale is still loading. */
export function stringsFor(locale: Locale): Strings {
  return tables[locale] ?? fr;
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
 * Gives an element its strings, following the nearest `lang` (the page's `<html lang>` changes
 * too, as when a site's language switcher swaps it without reloading).
 */
export class LocaleController implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  get locale(): Locale {
    return toLocale(nearestLang(this.host));
  }

  get strings(): Strings {
    return stringsFor(this.locale);
  }

  hostConnected(): void {
    documentObserverHosts.add(this.host);
    if (!documentObserver) {
      documentObserver = new MutationObserver(() => documentObserverHosts.forEach((h) => h.requestUpdate()));
      documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    }
  }

  hostDisconnected(): void {
    documentObserverHosts.delete(this.host);
  }

  /**
   * Before each render: when the element's language is not loaded yet, it stays invisible
   * (`data-fs-locale-pending`, styled `visibility: hidden` by the tokens) rather than flash
   * French text on an English page, and renders again once the strings arrive.
   */
  hostUpdate(): void {
    const locale = this.locale;
    const ready = tables[locale] !== undefined;
    this.host.toggleAttribute('data-fs-locale-pending', !ready);
    if (!ready) {
      void loadLocale(locale).then(
        () => this.host.requestUpdate(),
        () => this.host.toggleAttribute('data-fs-locale-pending', false), // offline: French is better than nothing
      );
    }
  }
}
