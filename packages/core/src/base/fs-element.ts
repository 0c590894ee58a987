import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { defaultApiBase } from '../api/api-base.js';
import { ApiClient } from '../api/api-client.js';
import { LocaleController } from '../i18n/locale.js';
import { tokens } from '../tokens/tokens.js';
import { emit } from './events.js';

/** Half of a UTF-16 pair without its other half: no character, and `encodeURIComponent` throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A removed attribute reads as '' rather than null, so string properties stay strings; a lone
 * surrogate (which a page can put in an attribute) reads as U+FFFD, so a value put in a URL
 * (`site-id`, `commune`) gives a request that fails cleanly instead of an exception in render.
 */
export const stringAttribute = { fromAttribute: (value: string | null) => (value ?? '').replace(LONE_SURROGATE, '\uFFFD') };

/**
 * The base of every widget: design tokens, strings following the nearest `lang`, the API
 * client for the `api` attribute (or the page-wide default), and the event helper.
 */
export class FsElement extends LitElement {
  static override styles = [tokens];

  protected readonly i18n = new LocaleController(this);

  /**
   * Base URL of the France services widgets API, e.g. `https://widgets.example.fr/api/v1`.
   * Defaults to the server the widgets script was loaded from.
   */
  @property({ reflect: true, converter: stringAttribute }) api = '';

  /** `auto` follows the visitor's dark mode; `light` (default) keeps the light look. */
  @property({ reflect: true }) theme: 'light' | 'auto' = 'light';

  #client?: ApiClient;

  /** The API client for the current `api` base, created once per base. */
  protected get client(): ApiClient {
    const base = this.api || defaultApiBase();
    if (!this.#client || this.#client.base !== base) this.#client = new ApiClient(base);
    return this.#client;
  }

  protected emit<T>(name: string, detail: T, options?: { cancelable?: boolean; formerName?: string }): CustomEvent<T> {
    return emit(this, name, detail, options);
  }
}
