import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Commune, CommuneList, SiteList } from '@fs-widgets/contract';
import { EMBED_WIDGETS, embeddableWidgets, type WidgetAttribute, type WidgetDeclaration } from '@fs-widgets/contract/embed';
import {
  ApiClient,
  ApiResource,
  FsElement,
  controls,
  defaultApiBase,
  formatDate,
  formatDistance,
  headingLevel,
  safeHref,
  serverOf,
  stringAttribute,
} from '@fs-widgets/core';
import '@fs-widgets/site-locator/commune-search.js';
import type { FsPlaceSelectDetail } from '@fs-widgets/site-locator/commune-search.js';
import { attributeText, widgetText, type AttributeText, type ConfiguratorStrings } from '../strings/configurator-strings.js';
import { communeKey, communeQuery, matchCommune, type CommuneMatch } from './commune-match.js';
import { attributesOf, fromQuery, toQuery, type Configuration } from './configuration.js';
import { embedUrl, hostPolicies, iframeSnippet, scriptSnippet, type ReleaseInfo, type SnippetInput } from './embed-snippets.js';
import { configuratorStyles } from './configurator.styles.js';

/** The three texts a person copies. */
export type SnippetVariant = 'script' | 'iframe' | 'note';

/** Detail of `fs-snippet-copy`: which text the person copied, and whether the clipboard took it. */
export interface FsSnippetCopyDetail {
  variant: SnippetVariant;
  tag: string;
  /** False when the browser refused the clipboard: the text was selected for the person to copy. */
  copied: boolean;
}

/** Detail of `fs-configuration-change`: the widget and the attributes its snippet now sets. */
export interface FsConfigurationChangeDetail {
  tag: string;
  attributes: Array<[string, string]>;
}

/** Why the text of the commune field names no commune yet: shown beside it, and copying waits for a choice. */
type PlaceProblem = Exclude<CommuneMatch, { kind: 'one' }> | { kind: 'unavailable' };

/** What the status line under a "Copier" button says. */
type CopyStatus = 'copied' | 'selected' | 'refused';

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-snippet-copy': CustomEvent<FsSnippetCopyDetail>;
    'fs-configuration-change': CustomEvent<FsConfigurationChangeDetail>;
  }
}

/** How many sites the place step offers (the nearest first). */
const NEAREST_SITES = 10;
/** Typing pauses this long before the preview is rebuilt. */
const PREVIEW_DELAY_MS = 400;
/** A preview whose widget is not defined by then is reported as not loaded. */
const PREVIEW_TIMEOUT_MS = 15_000;

/** Attributes filled by the place step rather than typed. */
const PLACE_ATTRIBUTES = ['commune', 'site-id'];
/**
 * Attributes never asked in the options: an INSEE code, which the place step chooses by the
 * commune's name. (`site-id` stays under "Réglages avancés", for a site that is not among the
 * nearest ones the place step lists.)
 */
const NOT_ASKED = ['commune'];
/** How many communes the place step reads to settle a typed text (the API's most): every namesake, every commune of a postcode. */
const COMMUNE_CANDIDATES = 50;
/** Values kept when the person switches to another widget. */
const CARRIED_OVER = ['site-id', 'lang', 'theme'];

/**
 * The configurator: a person with no developer picks a widget, types their commune, checks the
 * preview and copies the code for their website — a script tag (pinned version, Subresource
 * Integrity) or an iframe for CMSes that strip scripts — with a note for their web provider.
 *
 * The code only ever holds the commune the commune field shows: a text left in the field is
 * taken if it names one commune exactly (name or postcode); namesakes and the communes of a
 * shared postcode are listed to choose from; until then copying is refused. The INSEE code is
 * never asked: the options step leaves out what the place step chooses by name.
 *
 * @summary Build the snippet of any public widget: the form is generated from the custom
 * elements manifest (`/widgets/custom-elements.json`), the commune comes from the locator's own
 * search, the preview is the real widget, and the configuration is kept in the page's address.
 *
 * @slot preview - Filled by the configurator itself with the widget previewed (in the light DOM,
 * so the page's one-script loader defines it, as on a host page).
 *
 * @csspart base - The configurator.
 * @csspart widgets - The list of widgets to choose from.
 * @csspart preview - The frame around the preview.
 * @csspart snippet - Each copyable text (script, iframe, note).
 * @csspart copy - The "Copier" buttons.
 * @csspart retry - The "Réessayer" button when the list of widgets cannot be loaded.
 *
 * @cssprop [--fs-configurator-accent=var(--fs-color-primary)] - Buttons, chosen widget, focus.
 * @cssprop [--fs-configurator-max-width=60rem] - Widest the configurator grows.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-font-family=system-ui] - Design token shared by every widget.
 *
 * @fires fs-configuration-change - The person changed the widget, the place or an option; detail `{ tag, attributes }`.
 * @fires fs-snippet-copy - The person pressed a "Copier" button and the text was copied (or selected for Ctrl+C); detail `{ variant, tag, copied }`. Not fired while the commune field holds a text that names no commune, or several: the copy is refused until she chooses one.
 */
export class FsConfigurator extends FsElement {
  static override styles = [...FsElement.styles, controls, configuratorStyles];

  readonly #manifestResource = new ApiResource<unknown>(this, () =>
    this.manifest === undefined ? { client: this.#widgetsClient, path: 'custom-elements.json' } : undefined,
  );

  readonly #releaseResource = new ApiResource<ReleaseInfo>(this, () =>
    this.release === undefined ? { client: this.#widgetsClient, path: 'integrity.json' } : undefined,
  );

  readonly #sites = new ApiResource<SiteList>(this, () =>
    this.#widget?.attributes.some((a) => a.name === 'site-id') && this.place
      ? {
          client: this.#apiClient,
          path: 'sites',
          searchParams: { commune: this.place.insee, limit: NEAREST_SITES, ...(this.now ? { at: this.now.toISOString() } : {}) },
        }
      : undefined,
  );

  #widgetsCache?: { source: unknown; widgets: WidgetDeclaration[] | null };
  #apiClientCache?: ApiClient;
  #widgetsClientCache?: ApiClient;
  /** A configuration from the page's address, applied once the manifest is there. */
  #pending: URLSearchParams | null = null;
  /** The commune whose nearest site was chosen already (so a person's other choice stays). */
  #autoChosenFor = '';
  /** The person chose the site (in the list or its field), rather than the configurator. */
  #sitePicked = false;
  #previewKey = '';
  #previewTimer?: ReturnType<typeof setTimeout>;
  #focusNext?: string;
  /** Bumped by each change of the commune field: a lookup of an older text is dropped. */
  #placeTextVersion = 0;
  /** The lookup of the text the person left in the commune field, while it runs (copying waits for it). */
  #settling?: Promise<void>;

  /** The widget chosen (its tag), or '' before the person chooses. */
  @state() private tag = '';

  /** Each attribute's value as its field holds it (a checkbox: 'true' or ''). */
  @state() private values: Record<string, string> = {};

  /** The commune chosen in the place step. */
  @state() private place: Configuration['place'] = null;

  /**
   * What the commune field shows. The snippet holds a commune only while this is its label:
   * typing something else drops it, until a commune is chosen again.
   */
  @state() private placeText = '';

  /** The text left in the commune field names no commune, or several: said beside it; copying is refused. */
  @state() private placeProblem: PlaceProblem | null = null;

  /** What the status line under each copyable text says. */
  @state() private copyStatus: Partial<Record<SnippetVariant, CopyStatus>> = {};

  /** The polite announcement of the place step (sites found, nearest chosen). */
  @state() private announcement = '';

  @state() private previewState: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';

  /**
   * The widgets' server the snippets point at, e.g. `https://widgets.example.fr/`. Defaults to
   * the server of the API (`api`, or the one the widgets script came from).
   */
  @property({ reflect: true, converter: stringAttribute }) server = '';

  /** Level of the steps' headings in the page's outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Keep the page's address untouched (by default the configuration is kept in it, to share or bookmark). */
  @property({ attribute: 'no-url-state', type: Boolean, reflect: true }) noUrlState = false;

  /** The custom elements manifest, when the page has it already (otherwise fetched from the server). */
  @property({ attribute: false }) manifest?: unknown;

  /** The pinned release (`/widgets/integrity.json`), when the page has it; `null`: use the latest, unpinned. */
  @property({ attribute: false }) release?: ReleaseInfo | null;

  /** A frozen date for previews (catalogue, screenshots): the nearest sites and the previews use it. */
  @property({ attribute: false }) now?: Date;

  get #t(): ConfiguratorStrings['configurator'] {
    return this.#strings.configurator;
  }

  get #strings(): ConfiguratorStrings {
    return this.i18n.part<ConfiguratorStrings>('configurator');
  }

  /** The server's base URL, ending with `/`. */
  get #server(): string {
    // Not a web address (`javascript:`, `http://%`): kept as given, so its requests fail and the error state shows.
    const asGiven = (base: string) => (base.endsWith('/') ? base : `${base}/`);
    if (!this.server) {
      const api = this.api || defaultApiBase();
      return serverOf(api) ?? asGiven(api);
    }
    if (!safeHref(this.server, '', ['https:', 'http:'])) return asGiven(this.server);
    const url = new URL(this.server, document.baseURI);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url.href;
  }

  /** An address on the server (`api/v1`, `widgets`), also for a server that is no web address. */
  #onServer(path: string): string {
    const server = this.#server;
    return URL.canParse(path, server) ? new URL(path, server).href : `${server}${path}`;
  }

  get #apiBase(): string {
    return this.api || (this.server ? this.#onServer('api/v1') : defaultApiBase());
  }

  get #apiClient(): ApiClient {
    if (this.#apiClientCache?.base !== this.#apiBase) this.#apiClientCache = new ApiClient(this.#apiBase);
    return this.#apiClientCache;
  }

  get #widgetsClient(): ApiClient {
    const base = this.#onServer('widgets');
    if (this.#widgetsClientCache?.base !== base) this.#widgetsClientCache = new ApiClient(base);
    return this.#widgetsClientCache;
  }

  /** The public widgets of the manifest, or null while it is not there (or not a manifest). */
  get #widgets(): WidgetDeclaration[] | null {
    const state = this.#manifestResource.state;
    const source = this.manifest !== undefined ? this.manifest : state.status === 'ready' ? state.data : undefined;
    if (source === undefined) return null;
    if (this.#widgetsCache?.source !== source) {
      let widgets: WidgetDeclaration[] | null;
      try {
        widgets = embeddableWidgets(source);
      } catch {
        widgets = null;
      }
      this.#widgetsCache = { source, widgets };
    }
    return this.#widgetsCache.widgets;
  }

  get #widget(): WidgetDeclaration | undefined {
    return this.#widgets?.find((w) => w.tag === this.tag);
  }

  get #releaseInfo(): ReleaseInfo | null {
    if (this.release !== undefined) return this.release;
    const state = this.#releaseResource.state;
    return state.status === 'ready' ? state.data : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.noUrlState && location.search) this.#pending = new URLSearchParams(location.search);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#previewTimer);
  }

  /** Loads the list of widgets again (after an error, or offline). */
  reload(): void {
    this.#manifestResource.retry();
    this.#releaseResource.retry();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    const widgets = this.#widgets;
    if (this.#pending && widgets) {
      const restored = fromQuery(this.#pending, widgets);
      this.#pending = null;
      if (restored) {
        this.tag = restored.tag;
        this.values = { ...this.#defaults(widgets.find((w) => w.tag === restored.tag)!), ...restored.values };
        this.place = restored.place;
        this.placeText = restored.place?.label ?? '';
        // A shared link keeps the site it names, not the nearest one.
        if (restored.place && restored.values['site-id']) this.#autoChosenFor = restored.place.insee;
        this.#sitePicked = !!restored.values['site-id'];
      }
    }
    this.#chooseNearestSite();
    this.#syncPreview();
  }

  /** Once the nearest sites of a newly chosen commune are there: choose the nearest, and say so. */
  #chooseNearestSite(): void {
    const sites = this.#sites.state;
    if (sites.status !== 'ready' || !this.place || this.#autoChosenFor === this.place.insee) return;
    if (sites.data.origin.commune?.insee !== this.place.insee) return;
    this.#autoChosenFor = this.place.insee;
    // A banner or a badge finds the nearest site of its commune by itself, now and later.
    const nearest = EMBED_WIDGETS[this.tag]?.nearestFromCommune ? undefined : sites.data.items[0];
    if (nearest) this.values = { ...this.values, 'site-id': nearest.id };
    this.announcement = this.#t.sitesFound(
      sites.data.items.length,
      sites.data.origin.commune?.name ?? this.place.label,
      nearest?.name ?? null,
    );
  }

  protected override updated(): void {
    if (this.#focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
      if (target) {
        this.#focusNext = undefined;
        target.focus();
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Handlers: the person's actions (programmatic changes fire nothing).

  #chooseWidget(tag: string): void {
    const widget = this.#widgets?.find((w) => w.tag === tag);
    if (!widget) return;
    const kept = Object.fromEntries(CARRIED_OVER.filter((name) => this.values[name]).map((name) => [name, this.values[name]!]));
    // A site the configurator chose (the nearest) is not pinned on a widget that finds the nearest by itself.
    if (EMBED_WIDGETS[tag]?.nearestFromCommune && !this.#sitePicked) delete kept['site-id'];
    // Without a site, the nearest one is chosen again for a widget that needs one.
    if (!kept['site-id']) this.#autoChosenFor = '';
    this.tag = tag;
    this.values = {
      ...this.#defaults(widget),
      ...kept,
      ...(this.place && this.#declares(widget, 'commune') ? { commune: this.place.insee } : {}),
    };
    this.copyStatus = {};
    this.#changed();
  }

  #onPlace(event: CustomEvent<FsPlaceSelectDetail>): void {
    const commune = event.detail.commune;
    if (!commune) return;
    this.#setPlace(commune, event.detail.label);
  }

  /** The person chose a commune (in the search's list, in the list of namesakes, or by its exact name). */
  #setPlace(commune: Commune, label: string): void {
    this.#placeTextVersion++;
    this.place = { insee: commune.insee, label };
    this.placeText = label;
    this.placeProblem = null;
    const widget = this.#widget;
    const values = { ...this.values };
    if (widget && this.#declares(widget, 'commune')) values.commune = commune.insee;
    if (widget && this.#declares(widget, 'site-id')) values['site-id'] = '';
    this.#sitePicked = false;
    this.values = values;
    this.announcement = widget && this.#declares(widget, 'site-id') ? this.#t.sitesLoading : this.#t.placeChosen(label);
    this.#changed();
  }

  get #search(): HTMLElementTagNameMap['fs-commune-search'] | null {
    return this.renderRoot.querySelector('fs-commune-search');
  }

  /**
   * The commune field's text changed (typed, or emptied with Escape): a commune that is no
   * longer what it shows leaves the snippet at once.
   */
  #onPlaceText(): void {
    const text = this.#search?.value ?? '';
    if (text === this.placeText) return;
    this.#placeTextVersion++;
    this.placeText = text;
    this.placeProblem = null;
    if (this.place && communeKey(text) !== communeKey(this.place.label)) this.#dropPlace();
  }

  #dropPlace(): void {
    this.place = null;
    const widget = this.#widget;
    const values = { ...this.values };
    if (widget && this.#declares(widget, 'commune')) values.commune = '';
    if (widget && this.#declares(widget, 'site-id')) values['site-id'] = '';
    this.#sitePicked = false;
    this.#autoChosenFor = '';
    this.values = values;
    this.announcement = '';
    this.#changed();
  }

  /**
   * Enter in the commune field, on no suggestion of the list (none highlighted with the
   * arrows): the search would take its first suggestion — for « 16700 », one of sixteen
   * communes. The configurator takes the text only if it names one commune exactly, and asks
   * otherwise. (Listened to in the capture phase, before the search's own handler.)
   */
  readonly #onPlaceEnter = {
    capture: true,
    handleEvent: (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      const field = event.composedPath()[0];
      if (field instanceof Element && field.getAttribute('aria-activedescendant')) return;
      event.preventDefault();
      event.stopPropagation();
      void this.#settlePlace(true);
    },
  };

  /** Leaving the commune field: a text that is not the commune chosen is looked up. */
  #onPlaceLeave(event: FocusEvent): void {
    const next = event.relatedTarget;
    if (next instanceof Node && this.#search?.contains(next)) return;
    void this.#settlePlace(false);
  }

  /**
   * Settles the commune field's text: a commune named exactly (one commune of that name or
   * postcode) is chosen; several, or none, are said beside the field (namesakes and the
   * communes of a postcode listed to choose from), and copying waits for a choice.
   */
  async #settlePlace(fromEnter: boolean): Promise<void> {
    const text = this.placeText.trim();
    if (!text || (this.place && communeKey(text) === communeKey(this.place.label))) {
      this.placeProblem = null;
      return;
    }
    const version = this.#placeTextVersion;
    const settling = (async () => {
      let match: CommuneMatch | null;
      try {
        const answer = await this.#apiClient.get<CommuneList>('communes', {
          searchParams: { q: communeQuery(text), limit: COMMUNE_CANDIDATES },
        });
        match = matchCommune(text, answer.items);
      } catch {
        match = null;
      }
      if (version !== this.#placeTextVersion) return; // the person typed on meanwhile
      if (match?.kind === 'one') {
        this.#search?.clear();
        this.#setPlace(match.commune, this.#labelOf(match.commune));
        return;
      }
      this.placeProblem = match ?? { kind: 'unavailable' };
      // Enter asked for an answer: the choices get the focus (the search's list closes).
      if (fromEnter && match?.kind === 'several') this.#focusNext = '.place-choices button';
    })();
    this.#settling = settling;
    await settling;
    if (this.#settling === settling) this.#settling = undefined;
  }

  /** A commune chosen in the list of namesakes or of a postcode's communes. */
  #choosePlace(commune: Commune): void {
    this.#search?.clear();
    this.#setPlace(commune, this.#labelOf(commune));
    this.#focusNext = 'fs-commune-search';
  }

  /**
   * How the field and the list of namesakes write a commune: the server's label where it tells
   * namesakes apart (« Saint-Denis (La Réunion) »), else the name and its postcodes (« Mende (48000) »).
   */
  #labelOf(commune: Commune): string {
    const label = (commune as Commune & { label?: string }).label;
    return label && label !== commune.name ? label : this.#t.communeLabel(commune.name, commune.postcodes);
  }

  /** The place step shows a text that is no commune (yet): the snippet has none, copying is refused. */
  get #placeUnsettled(): boolean {
    const widget = this.#widget;
    return !!widget && this.#hasPlaceStep(widget) && this.placeText.trim() !== '' && !this.place;
  }

  #hasPlaceStep(widget: WidgetDeclaration): boolean {
    return PLACE_ATTRIBUTES.some((name) => this.#declares(widget, name));
  }

  #focusPlace(): void {
    const target = this.renderRoot.querySelector<HTMLElement>('.place-choices button') ?? this.#search;
    target?.focus();
  }

  #setValue(name: string, value: string): void {
    if (name === 'site-id') this.#sitePicked = value !== '';
    this.values = { ...this.values, [name]: value };
    this.#changed();
  }

  #changed(): void {
    const widget = this.#widget;
    if (!widget) return;
    if (!this.noUrlState) {
      const query = toQuery({ tag: this.tag, values: this.values, place: this.place }, widget).toString();
      history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    }
    this.emit<FsConfigurationChangeDetail>('fs-configuration-change', { tag: widget.tag, attributes: attributesOf(widget, this.values) });
  }

  async #copy(variant: SnippetVariant): Promise<void> {
    // A commune typed but not chosen: looked up first (the copy takes the commune it names), or refused.
    if (this.#placeUnsettled && !this.#settling && !this.placeProblem) void this.#settlePlace(false);
    if (this.#settling) await this.#settling;
    await this.updateComplete;
    if (this.#placeUnsettled) {
      this.copyStatus = {};
      await this.updateComplete;
      this.copyStatus = { [variant]: 'refused' };
      return;
    }
    const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${variant}-code`);
    const button = this.renderRoot.querySelector<HTMLButtonElement>(`#${variant}-copy`);
    if (!area) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(area.value);
      copied = true;
    } catch {
      // No Clipboard API here (an http page, a refused permission): select the text instead.
      area.focus();
      area.select();
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      if (copied) button?.focus();
    }
    // Empty first, so the same message is announced again on a second press.
    this.copyStatus = {};
    await this.updateComplete;
    this.copyStatus = { [variant]: copied ? 'copied' : 'selected' };
    this.emit<FsSnippetCopyDetail>('fs-snippet-copy', { variant, tag: this.tag, copied });
  }

  #retry(): void {
    this.#focusNext = 'input[name="widget"]';
    this.reload();
  }

  // -------------------------------------------------------------------------------------------
  // The preview: the real widget, in the light DOM (slot "preview"), rebuilt when its attributes change.

  #syncPreview(): void {
    const widget = this.#widget;
    const attributes = widget ? attributesOf(widget, this.values) : [];
    const key = widget ? JSON.stringify([widget.tag, attributes, this.#apiBase]) : '';
    if (key === this.#previewKey) return;
    const immediate = !this.#previewKey || !widget || JSON.parse(this.#previewKey)[0] !== widget.tag;
    this.#previewKey = key;
    clearTimeout(this.#previewTimer);
    if (immediate) this.#buildPreview(widget, attributes);
    else this.#previewTimer = setTimeout(() => this.#buildPreview(widget, attributes), PREVIEW_DELAY_MS);
  }

  #buildPreview(widget: WidgetDeclaration | undefined, attributes: Array<[string, string]>): void {
    let holder = this.querySelector<HTMLElement>(':scope > [slot="preview"]');
    if (!widget) {
      holder?.remove();
      this.previewState = 'idle';
      return;
    }
    if (!holder) {
      holder = document.createElement('div');
      holder.slot = 'preview';
      this.append(holder);
    }
    const element = document.createElement(widget.tag) as HTMLElement & { now?: Date };
    for (const [name, value] of attributes) element.setAttribute(name, value);
    // The preview talks to the configurator's server and leaves the configurator's address alone.
    if (this.api || this.server) element.setAttribute('api', this.#apiBase);
    if (this.#declares(widget, 'no-url-state')) element.setAttribute('no-url-state', '');
    if (this.now) element.now = this.now;
    holder.replaceChildren(element);
    if (customElements.get(widget.tag)) {
      this.previewState = 'ready';
      return;
    }
    this.previewState = 'loading';
    const key = this.#previewKey;
    const timeout = new Promise<'failed'>((resolve) => setTimeout(() => resolve('failed'), PREVIEW_TIMEOUT_MS));
    void Promise.race([customElements.whenDefined(widget.tag).then(() => 'ready' as const), timeout]).then((outcome) => {
      if (this.#previewKey === key) this.previewState = outcome;
    });
  }

  // -------------------------------------------------------------------------------------------

  #defaults(widget: WidgetDeclaration): Record<string, string> {
    return Object.fromEntries(widget.attributes.map((a) => [a.name, a.default]));
  }

  #declares(widget: WidgetDeclaration, name: string): boolean {
    return widget.attributes.some((a) => a.name === name);
  }

  #snippetInput(widget: WidgetDeclaration): SnippetInput {
    const lang = this.values.lang === 'en' ? 'en' : 'fr';
    const frame = EMBED_WIDGETS[widget.tag];
    const siteId = this.values['site-id'];
    const sites = this.#sites.state;
    const siteName = siteId && sites.status === 'ready' ? sites.data.items.find((s) => s.id === siteId)?.name : undefined;
    const placeName = siteName ?? (this.place && this.#declares(widget, 'commune') ? this.place.label : null);
    return {
      server: this.#server,
      widget,
      attributes: attributesOf(widget, this.values),
      release: this.#releaseInfo,
      frameTitle: this.#t.frameTitle((lang === 'en' ? frame?.titleEn : frame?.title) ?? widget.tag, placeName ?? null),
    };
  }

  #heading(text: string, id?: string, offset = 0, focusable = false): TemplateResult {
    return html`<p class=${offset ? 'subtitle' : 'step-title'} role="heading" aria-level=${headingLevel(this.headingLevel + offset)} id=${id ?? nothing} tabindex=${focusable ? '-1' : nothing}>${text}</p>`;
  }

  override render() {
    const widgets = this.#widgets;
    const widget = this.#widget;
    const placeShown = !!widget && this.#hasPlaceStep(widget);
    let step = 0;
    return html`<div part="base" class="base" data-state=${this.#manifestState(widgets)}>
      ${this.#renderManifestState(widgets)}
      ${
        widgets
          ? html`<form @submit=${(e: Event) => e.preventDefault()} novalidate>
              ${this.#renderWidgetStep(widgets, ++step)} ${placeShown ? this.#renderPlaceStep(widget!, ++step) : nothing}
              ${widget ? this.#renderOptionsStep(widget, ++step) : nothing}
            </form>
            ${widget ? this.#renderPreviewStep(widget, ++step) : html`<slot name="preview" hidden></slot>`}
            ${widget ? this.#renderCodeStep(widget, ++step) : nothing}`
          : nothing
      }
    </div>`;
  }

  #manifestState(widgets: WidgetDeclaration[] | null): string {
    if (widgets) return this.tag ? 'configuring' : 'ready';
    const state = this.#manifestResource.state;
    if (state.status === 'error') return state.error.kind === 'offline' ? 'offline' : 'error';
    if (state.status === 'ready') return 'error'; // an answer that is not a manifest
    return 'loading';
  }

  #renderManifestState(widgets: WidgetDeclaration[] | null): TemplateResult | typeof nothing {
    const t = this.#t;
    const state = this.#manifestResource.state;
    if (widgets) {
      return state.status === 'ready' && state.offline
        ? html`<p class="notice" role="status">${t.offlineStale(formatDate(state.savedAt ?? new Date(), this.i18n.locale))}</p>`
        : nothing;
    }
    const kind = this.#manifestState(widgets);
    if (kind === 'loading') return html`<p class="loading" role="status" aria-busy="true">${t.loading}</p>`;
    return html`<div class="problem" role="alert">
      <p class="problem-title">${kind === 'offline' ? t.offlineTitle : t.errorTitle}</p>
      <p>${kind === 'offline' ? t.offlineBody : t.errorBody}</p>
      <button type="button" class="secondary" part="retry" @click=${this.#retry}>${t.retry}</button>
    </div>`;
  }

  #renderWidgetStep(widgets: WidgetDeclaration[], step: number): TemplateResult {
    const t = this.#t;
    return html`<fieldset class="step" aria-describedby="widget-hint">
      <legend>${this.#heading(t.step(step, t.widgetStep))}</legend>
      <p class="hint" id="widget-hint">${t.widgetHint}</p>
      <div class="widgets" part="widgets">
        ${widgets.map((w) => {
          const text = widgetText(this.#strings, w.tag);
          return html`<label class="widget-choice" data-tag=${w.tag}>
            <input
              type="radio"
              name="widget"
              .value=${w.tag}
              .checked=${live(this.tag === w.tag)}
              aria-describedby=${`about-${w.tag}`}
              @change=${() => this.#chooseWidget(w.tag)}
            />
            <span class="widget-name">${text?.name ?? w.tag}</span>
            <span class="widget-about" id=${`about-${w.tag}`}>${text?.description ?? w.summary}</span>
          </label>`;
        })}
      </div>
      <p class="hint">${t.agentsNote}</p>
    </fieldset>`;
  }

  #renderPlaceStep(widget: WidgetDeclaration, step: number): TemplateResult {
    const t = this.#t;
    const wantsSite = this.#declares(widget, 'site-id');
    return html`<fieldset class="step">
      <legend>${this.#heading(t.step(step, t.placeStep))}</legend>
      <p class="hint">${t.placeHint}</p>
      <fs-commune-search
        api=${this.#apiBase}
        .value=${live(this.placeText)}
        @fs-place-select=${this.#onPlace}
        @input=${this.#onPlaceText}
        @keydown=${this.#onPlaceEnter}
        @keyup=${this.#onPlaceText}
        @focusout=${this.#onPlaceLeave}
      ></fs-commune-search>
      <div class="place-problem" role="alert">${this.#renderPlaceProblem()}</div>
      ${this.placeProblem?.kind === 'several' ? this.#renderPlaceChoices(this.placeProblem) : nothing}
      ${this.place ? html`<p class="chosen">${t.placeChosen(this.place.label)}</p>` : nothing}
      ${wantsSite && this.place ? this.#renderSites() : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </fieldset>`;
  }

  #renderPlaceProblem(): TemplateResult | typeof nothing {
    const problem = this.placeProblem;
    if (!problem) return nothing;
    const t = this.#t;
    const why =
      problem.kind === 'unavailable'
        ? t.placeUnavailable
        : problem.kind === 'several'
          ? problem.by === 'postcode'
            ? t.placeSharedPostcode(problem.communes.length, problem.key)
            : t.placeNamesakes(problem.communes.length, problem.communes[0]!.name)
          : problem.by === 'postcode'
            ? t.placeNoPostcode(problem.key)
            : t.placeNoName(problem.key);
    return html`<p class="problem-inline" id="place-problem">${t.placeProblem(why)}</p>`;
  }

  /**
   * The communes to choose from: namesakes as the search ranks them, each with its postcodes;
   * the communes of a postcode by name (the postcode is said above them).
   */
  #renderPlaceChoices(problem: Extract<PlaceProblem, { kind: 'several' }>): TemplateResult {
    const byPostcode = problem.by === 'postcode';
    const communes = byPostcode ? [...problem.communes].sort((a, b) => a.name.localeCompare(b.name, 'fr')) : problem.communes;
    return html`<ul class="place-choices" aria-labelledby="place-problem">
      ${communes.map(
        (c) =>
          html`<li>
            <button type="button" class="secondary" @click=${() => this.#choosePlace(c)}>
              ${byPostcode ? c.name : this.#labelOf(c)}
            </button>
          </li>`,
      )}
    </ul>`;
  }

  #renderSites(): TemplateResult {
    const t = this.#t;
    const sites = this.#sites.state;
    if (sites.status === 'loading' || sites.status === 'idle') return html`<p class="loading" aria-busy="true">${t.sitesLoading}</p>`;
    if (sites.status === 'error') return html`<p class="problem-inline">${t.sitesError}</p>`;
    const chosen = this.values['site-id'] ?? '';
    const commune = sites.data.origin.commune?.name ?? this.place?.label ?? '';
    return html`<fieldset class="sites" aria-describedby="sites-hint">
      <legend>${t.sitesLegend(commune)}</legend>
      <p class="hint" id="sites-hint">${EMBED_WIDGETS[this.tag]?.nearestFromCommune ? t.sitesHintAuto : t.sitesHint}</p>
      ${sites.data.items.map(
        (s) => html`<label class="site-choice">
          <input type="radio" name="site" .value=${s.id} .checked=${live(chosen === s.id)} @change=${() => this.#setValue('site-id', s.id)} />
          <span>${t.siteOption(s.name, formatDistance(s.distance_km, this.i18n.locale))}</span>
        </label>`,
      )}
      <label class="site-choice">
        <input type="radio" name="site" value="" .checked=${live(chosen === '')} @change=${() => this.#setValue('site-id', '')} />
        <span>${EMBED_WIDGETS[this.tag]?.nearestFromCommune ? t.nearestAuto : t.noSite}</span>
      </label>
    </fieldset>`;
  }

  #renderOptionsStep(widget: WidgetDeclaration, step: number): TemplateResult {
    const t = this.#t;
    const fields = widget.attributes.filter((a) => !NOT_ASKED.includes(a.name));
    // What the place step fills is kept under the advanced settings (a site not among the nearest).
    const isAdvanced = (a: WidgetAttribute) =>
      !!attributeText(this.#strings, widget.tag, a.name)?.advanced || PLACE_ATTRIBUTES.includes(a.name);
    const main = fields.filter((a) => !isAdvanced(a));
    const advanced = fields.filter(isAdvanced);
    return html`<fieldset class="step" aria-describedby="options-hint">
      <legend>${this.#heading(t.step(step, t.optionsStep))}</legend>
      <p class="hint" id="options-hint">${t.optionsHint}</p>
      <div class="fields">${main.map((a) => this.#renderField(widget, a))}</div>
      ${
        advanced.length
          ? html`<details class="advanced">
            <summary>${t.advanced}</summary>
            <div class="fields">${advanced.map((a) => this.#renderField(widget, a))}</div>
          </details>`
          : nothing
      }
    </fieldset>`;
  }

  #renderField(widget: WidgetDeclaration, attribute: WidgetAttribute): TemplateResult {
    const t = this.#t;
    const text: AttributeText = attributeText(this.#strings, widget.tag, attribute.name) ?? {
      label: attribute.name,
      help: attribute.description,
    };
    const id = `field-${attribute.name}`;
    const value = this.values[attribute.name] ?? '';
    const fallback =
      attribute.default && attribute.kind !== 'boolean' ? ` ${t.defaultValue(text.options?.[attribute.default] ?? attribute.default)}` : '';
    const help = html`<p class="hint" id=${`${id}-help`}>${text.help}${fallback}</p>`;
    const onInput = (event: Event) => this.#setValue(attribute.name, (event.target as HTMLInputElement | HTMLSelectElement).value);
    // A text attribute whose values the strings name: a list to pick from, or boxes to tick.
    const named = attribute.kind === 'text' && text.options ? Object.keys(text.options) : null;
    if (named && text.multiple) return this.#renderTicks(attribute, text, named, id, value);
    const choices = attribute.kind === 'enum' ? attribute.options : named;
    if (choices) {
      return html`<div class="field" data-attribute=${attribute.name}>
        <label for=${id}>${text.label}</label>
        ${help}
        <select id=${id} aria-describedby=${`${id}-help`} @change=${onInput}>
          ${choices.includes(attribute.default) ? nothing : html`<option value="" ?selected=${value === ''}>${t.defaultOption}</option>`}
          ${choices.map((o) => html`<option .value=${o} ?selected=${value === o}>${text.options?.[o] ?? o}</option>`)}
        </select>
      </div>`;
    }
    switch (attribute.kind) {
      case 'boolean':
        return html`<div class="field check" data-attribute=${attribute.name}>
          <input
            id=${id}
            type="checkbox"
            .checked=${live(value === 'true')}
            aria-describedby=${`${id}-help`}
            @change=${(e: Event) => this.#setValue(attribute.name, (e.target as HTMLInputElement).checked ? 'true' : '')}
          />
          <label for=${id}>${text.label}</label>
          ${help}
        </div>`;
      default:
        return html`<div class="field" data-attribute=${attribute.name}>
          <label for=${id}>${text.label}</label>
          ${help}
          <input
            id=${id}
            type=${attribute.kind === 'number' ? 'number' : 'text'}
            inputmode=${attribute.kind === 'number' ? 'decimal' : nothing}
            step=${attribute.kind === 'number' ? 'any' : nothing}
            maxlength="200"
            autocomplete="off"
            spellcheck="false"
            .value=${live(value)}
            aria-describedby=${`${id}-help`}
            @input=${onInput}
          />
        </div>`;
    }
  }

  /**
   * A text attribute listing some of its values, comma-separated (the locator's `filters`): a box
   * per value, all ticked by default (the attribute left out), and a box for none of them.
   */
  #renderTicks(attribute: WidgetAttribute, text: AttributeText, named: string[], id: string, value: string): TemplateResult {
    const none = text.multiple!.none;
    const all = named.filter((o) => o !== none);
    const listed = value.split(',').map((v) => v.trim());
    const ticked = value === none ? [] : value.trim() === '' ? all : all.filter((o) => listed.includes(o));
    const set = (list: readonly string[]) =>
      this.#setValue(
        attribute.name,
        list.length === all.length ? '' : list.length === 0 ? none : all.filter((o) => list.includes(o)).join(','),
      );
    const box = (option: string, checked: boolean, onChange: (checked: boolean) => void) =>
      html`<div class="check">
        <input
          id=${`${id}-${option}`}
          type="checkbox"
          .checked=${live(checked)}
          @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)}
        />
        <label for=${`${id}-${option}`}>${text.options?.[option] ?? option}</label>
      </div>`;
    return html`<fieldset class="field ticks" data-attribute=${attribute.name} aria-describedby=${`${id}-help`}>
      <legend>${text.label}</legend>
      <p class="hint" id=${`${id}-help`}>${text.help}</p>
      ${all.map((o) => box(o, ticked.includes(o), (on) => set(on ? [...ticked, o] : ticked.filter((x) => x !== o))))}
      ${box(none, ticked.length === 0, (on) => set(on ? [] : all))}
    </fieldset>`;
  }

  #renderPreviewStep(widget: WidgetDeclaration, step: number): TemplateResult {
    const t = this.#t;
    return html`<section class="step" aria-labelledby="preview-title">
      ${this.#heading(t.step(step, t.previewStep), 'preview-title')}
      <p class="hint">${t.previewHint}</p>
      <p class="alone">
        <a href=${embedUrl(this.#snippetInput(widget))} target="_blank" rel="noopener"
          >${t.openAlone}<span class="visually-hidden"> ${t.newTab}</span></a
        >
      </p>
      <button type="button" class="skip" @click=${() => this.renderRoot.querySelector<HTMLElement>('#code-title')?.focus()}>${t.skipPreview}</button>
      <div class="preview" part="preview" role="region" aria-label=${t.previewLabel} aria-busy=${this.previewState === 'loading' ? 'true' : 'false'}>
        <slot name="preview"></slot>
      </div>
      <p class="preview-status" role="status">${this.previewState === 'loading' ? t.previewLoading : this.previewState === 'failed' ? t.previewFailed : ''}</p>
    </section>`;
  }

  #renderCodeStep(widget: WidgetDeclaration, step: number): TemplateResult {
    const t = this.#t;
    const input = this.#snippetInput(widget);
    const policies = hostPolicies(input);
    const release = this.#releaseInfo;
    const note = t.note({
      origin: new URL(input.server).origin,
      tag: widget.tag,
      version: release?.files['fs-widgets.js'] ? release.version : null,
      scriptPolicy: policies.script,
      framePolicy: policies.frame,
      map: policies.map,
    });
    const releasePending =
      this.release === undefined && (this.#releaseResource.state.status === 'loading' || this.#releaseResource.state.status === 'idle');
    return html`<section class="step" aria-labelledby="code-title">
      ${this.#heading(t.step(step, t.codeStep), 'code-title', 0, true)}
      ${!release && !releasePending ? html`<p class="notice">${t.releaseMissing}</p>` : nothing}
      ${this.#renderSnippet('script', t.scriptTitle, t.scriptHint, t.scriptLabel, t.copyScript, scriptSnippet(input))}
      ${this.#renderSnippet('iframe', t.iframeTitle, t.iframeHint, t.iframeLabel, t.copyIframe, iframeSnippet(input))}
      ${this.#renderSnippet('note', t.noteTitle, t.noteHint, t.noteLabel, t.copyNote, note)}
    </section>`;
  }

  #renderSnippet(variant: SnippetVariant, title: string, hint: string, label: string, copy: string, text: string): TemplateResult {
    const t = this.#t;
    const rows = Math.min(variant === 'note' ? 8 : 6, text.split('\n').length + (variant === 'note' ? 0 : 2));
    const status = this.copyStatus[variant];
    const said = status === 'copied' ? t.copied : status === 'selected' ? t.selected : status === 'refused' ? t.copyRefused : '';
    return html`<div class="snippet" part="snippet" data-variant=${variant} data-status=${status ?? nothing}>
      ${this.#heading(title, `${variant}-title`, 1)}
      <p class="hint" id=${`${variant}-hint`}>${hint}</p>
      <label class="code-label" for=${`${variant}-code`}>${label}</label>
      <textarea id=${`${variant}-code`} readonly rows=${rows} spellcheck="false" aria-describedby=${`${variant}-hint`} .value=${live(text)}></textarea>
      <div class="copy-row">
        <button type="button" class="primary" part="copy" id=${`${variant}-copy`} @click=${() => void this.#copy(variant)}>${copy}</button>
        <p class="copy-status" role="status">${said}</p>
        ${status === 'refused' ? html`<button type="button" class="secondary" @click=${this.#focusPlace}>${t.goToPlace}</button>` : nothing}
      </div>
    </div>`;
  }
}
