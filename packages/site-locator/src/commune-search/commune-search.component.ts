import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Commune, CommuneList } from '@fs-widgets/contract';
import { ApiClient, ApiError, FsElement, stringAttribute } from '@fs-widgets/core';
import { communeSearchStyles } from './commune-search.styles.js';
import type { FsPlaceSelectDetail } from './place-select-event.js';
import { COMMUNE_SEARCH_PART, type CommuneSearchStrings } from './commune-search-strings.js';

interface Option {
  id: string;
  detail: FsPlaceSelectDetail;
  meta: string;
}

/** A feature of a BAN-compatible geocoder answer (GeoJSON). */
interface GeocoderFeature {
  geometry?: { coordinates?: [number, number] };
  properties?: { label?: string; city?: string; postcode?: string; type?: string; id?: string };
}

const MIN_CHARS = 2;
const DEBOUNCE_MS = 200;

/**
 * Search box for a commune or postcode (and, when a geocoder is configured, an address):
 * the WAI-ARIA combobox pattern, served by the widgets' own server (no third-party service).
 *
 * @summary Type a commune name or a postcode, choose with the arrows and Enter (or a click);
 * the number of suggestions is announced to screen readers. Typos are tolerated (« Mnde »), and
 * communes of the same name are told apart by their département (« Saint-Denis (La Réunion) »).
 * A commune given by its code (`commune="48095"`) shows its name in the field.
 *
 * @fires fs-place-select - A commune or an address was chosen. detail: `FsPlaceSelectDetail`.
 *
 * @csspart input - The text field.
 * @csspart listbox - The list of suggestions.
 * @csspart option - One suggestion.
 *
 * @cssprop [--fs-commune-search-accent=var(--fs-color-primary)] - Focus and selection colour.
 */
export class FsCommuneSearch extends FsElement {
  static override styles = [...FsElement.styles, communeSearchStyles];
  static override shadowRootOptions = { ...FsElement.shadowRootOptions, delegatesFocus: true };

  @state() private options: Option[] = [];
  @state() private open = false;
  @state() private active = -1;
  @state() private status: 'idle' | 'searching' | 'done' | 'error' = 'idle';
  /** What the live region says; set once per answer so it is read once. */
  @state() private announcement = '';

  /** The text in the field. */
  @property({ converter: stringAttribute }) value = '';

  /**
   * The commune the field shows, by INSEE code, e.g. `48095`: set it (a page or a locator
   * preset on a commune) and the field shows that commune's name, with its département when
   * another commune has the same name (« Saint-Denis (La Réunion) »). Choosing a commune in the
   * list sets it; typing in the field or clearing it empties it (the text no longer names it).
   */
  @property({ converter: stringAttribute }) commune = '';

  /**
   * Base URL of a geocoder compatible with the national address API (BAN), e.g.
   * `https://api-adresse.data.gouv.fr`, to also suggest street addresses. Off by default:
   * the commune search needs no third-party service.
   */
  @property({ converter: stringAttribute }) geocoder = '';

  #timer?: ReturnType<typeof setTimeout>;
  #abort?: AbortController;
  /** The request for the name of the commune given by code, while it is in flight. */
  #communeAbort?: AbortController;
  /** The INSEE code of the commune whose label the field shows (chosen in the list, or given and fetched). */
  #shownCommune = '';

  override connectedCallback(): void {
    super.connectedCallback();
    // Connected again after its request was stopped: a commune still given is shown again.
    if (this.hasUpdated && this.commune.trim() && this.commune.trim() !== this.#shownCommune) void this.#showCommune(this.commune.trim());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#abort?.abort();
    if (this.#communeAbort && !this.#communeAbort.signal.aborted) this.#communeAbort.abort();
  }

  /** Empties the field and the suggestions. */
  clear(): void {
    this.value = '';
    this.#forgetCommune();
    this.#close();
    this.options = [];
    this.status = 'idle';
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('commune')) {
      const code = this.commune.trim();
      if (!code) this.#forgetCommune();
      else if (code !== this.#shownCommune) void this.#showCommune(code);
    }
    if (this.active >= 0) {
      this.renderRoot.querySelector(`#${this.options[this.active]?.id}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Shows the label of the commune given by code in the field (unless the person types meanwhile). */
  async #showCommune(code: string) {
    this.#communeAbort?.abort();
    const abort = new AbortController();
    this.#communeAbort = abort;
    try {
      const commune = await this.client.get<Commune>(`communes/${encodeURIComponent(code)}`, { signal: abort.signal });
      if (abort.signal.aborted || this.commune.trim() !== code) return;
      this.value = commune.label || commune.name;
      this.#shownCommune = code;
    } catch {
      // An unknown code or no network: the field stays as it is (a locator says why it has no results).
    }
  }

  /** The text no longer names a chosen commune. */
  #forgetCommune() {
    this.#communeAbort?.abort();
    this.#shownCommune = '';
    this.commune = '';
  }

  #onInput(event: InputEvent) {
    this.value = (event.target as HTMLInputElement).value;
    if (this.commune) this.#forgetCommune();
    clearTimeout(this.#timer);
    this.#abort?.abort();
    if (this.value.trim().length < MIN_CHARS) {
      this.options = [];
      this.#close();
      this.status = 'idle';
      return;
    }
    this.#timer = setTimeout(() => void this.#search(this.value.trim()), DEBOUNCE_MS);
  }

  async #search(q: string) {
    const abort = new AbortController();
    this.#abort = abort;
    this.status = 'searching';
    const s = this.texts;
    try {
      const [communes, addresses] = await Promise.all([
        this.client.get<CommuneList>('communes', { searchParams: { q, limit: 8 }, signal: abort.signal }),
        this.geocoder && /[a-z]/i.test(q) && q.length >= 4 ? this.#geocode(q, abort.signal) : Promise.resolve([]),
      ]);
      if (abort.signal.aborted) return;
      this.options = [...communes.items.map((c) => this.#communeOption(c)), ...addresses];
      this.active = -1;
      this.open = this.options.length > 0;
      this.status = 'done';
      this.announcement = this.options.length ? s.suggestions(this.options.length) : s.noMatch;
    } catch (err) {
      if (abort.signal.aborted) return;
      this.options = [];
      this.#close();
      this.status = 'error';
      this.announcement = err instanceof ApiError && err.kind === 'offline' ? this.i18n.strings.common.offlineNoData : s.unavailable;
    }
  }

  async #geocode(q: string, signal: AbortSignal): Promise<Option[]> {
    try {
      const answer = await new ApiClient(this.geocoder).get<{ features?: GeocoderFeature[] }>('search/', {
        searchParams: { q, limit: 5, autocomplete: 1 },
        signal,
      });
      return (answer.features ?? [])
        .filter((f) => f.properties?.type === 'housenumber' || f.properties?.type === 'street')
        .flatMap((f, i) => {
          const [lon, lat] = f.geometry?.coordinates ?? [];
          const label = f.properties?.label;
          if (typeof lat !== 'number' || typeof lon !== 'number' || !label) return [];
          return [
            {
              id: `address-${i}`,
              meta: this.texts.address,
              detail: { kind: 'address' as const, label, name: label, location: { lat, lon } },
            },
          ];
        });
    } catch {
      return []; // the address search is an extra: communes still answer without it
    }
  }

  #communeOption(c: Commune): Option {
    const postcodes = c.postcodes.length > 3 ? `${c.postcodes[0]}…` : c.postcodes.join(', ');
    return {
      id: `commune-${c.insee}`,
      meta: postcodes,
      detail: {
        kind: 'commune',
        // « Saint-Denis (La Réunion) » where another commune is called Saint-Denis, « Mende » otherwise.
        label: c.label || c.name,
        name: c.name,
        location: c.location,
        commune: c,
      },
    };
  }

  #onKeyDown(event: KeyboardEvent) {
    const count = this.options.length;
    switch (event.key) {
      case 'ArrowDown':
        if (!count) return;
        event.preventDefault();
        this.open = true;
        this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        if (!count) return;
        event.preventDefault();
        this.open = true;
        this.active = this.active <= 0 ? count - 1 : this.active - 1;
        break;
      case 'Enter':
        if (this.open && count) {
          event.preventDefault();
          this.#choose(this.options[Math.max(this.active, 0)]!);
        }
        break;
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          this.#close();
        } else if (this.value) {
          event.preventDefault();
          this.clear();
        }
        break;
      case 'Tab':
        this.#close();
        break;
    }
  }

  #choose(option: Option) {
    this.value = option.detail.label;
    const insee = option.detail.commune?.insee ?? '';
    this.#communeAbort?.abort();
    this.#shownCommune = insee;
    this.commune = insee;
    this.#close();
    this.announcement = '';
    this.emit<FsPlaceSelectDetail>('fs-place-select', option.detail);
  }

  #close() {
    this.open = false;
    this.active = -1;
  }

  /** This element's texts, in its language. */
  private get texts(): CommuneSearchStrings['communeSearch'] {
    return this.i18n.part<CommuneSearchStrings>(COMMUNE_SEARCH_PART).communeSearch;
  }

  override render() {
    const s = this.texts;
    const activeId = this.open && this.active >= 0 ? this.options[this.active]?.id : undefined;
    // The combobox is named by its <label for="input">, which lit-a11y does not follow; the
    // options are chosen from the keyboard on the input (arrows, Enter: aria-activedescendant),
    // the pointer's click on an option is the other way in.
    /* eslint-disable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events */
    return html`
      <label for="input">${this.geocoder ? s.labelWithAddress : s.label}</label>
      <p class="hint" id="hint">${s.hint}</p>
      <div class="field">
        <input
          id="input"
          part="input"
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="search"
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="listbox"
          aria-describedby="hint"
          aria-activedescendant=${activeId ?? nothing}
          .value=${this.value}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
          @blur=${() => this.#close()}
        />
        <ul id="listbox" role="listbox" part="listbox" aria-label=${s.label} ?hidden=${!this.open}>
          ${this.options.map(
            (o, i) => html`<li
              id=${o.id}
              role="option"
              part="option"
              aria-selected=${i === this.active ? 'true' : 'false'}
              @mousedown=${(e: Event) => e.preventDefault()}
              @click=${() => this.#choose(o)}
            >
              <span>${o.detail.label}</span> <span class="meta">${o.meta}</span>
            </li>`,
          )}
        </ul>
      </div>
      <p class="message" role="status">${this.status === 'searching' ? '' : this.announcement}</p>
    `;
    /* eslint-enable lit-a11y/accessible-name, lit-a11y/click-events-have-key-events */
  }
}
