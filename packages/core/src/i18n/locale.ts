import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en } from './strings.en.js';
import { fr, type Strings } from './strings.fr.js';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

const tables: Record<Locale, Strings> = { fr, en };

type DeepPartial<T> = { [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : DeepPartial<T[K]> };

/**
 * Replaces some strings at run time (a site that says "Maison France services", a
 * translation fix) without rebuilding. Elements already shown update on their next render.
 */
export function overrideStrings(locale: Locale, overrides: DeepPartial<Strings>): void {
  const merge = (target: Record<string, unknown>, source: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(source)) {
      if (value && typeof value === 'object' && typeof target[key] === 'object') {
        merge(target[key] as Record<string, unknown>, value as Record<string, unknown>);
      } else if (value !== undefined) {
        target[key] = value;
      }
    }
  };
  merge(tables[locale] as unknown as Record<string, unknown>, overrides as Record<string, unknown>);
}

/** `en`, `en-GB`, `EN` → `en`; anything else we do not translate → `fr`. */
export function toLocale(lang: string | null | undefined): Locale {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'fr';
}

export function stringsFor(locale: Locale): Strings {
  return tables[locale];
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
}
