import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { SiteList } from '@fs-widgets/contract';
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
/** Values kept when the person switches to another widget. */
const CARRIED_OVER = ['site-id', 'lang', 'theme'];

/**
 * The configurator: a person with no developer picks a widget, types their commune, checks the
 * preview and copies the code for their website — a script tag (pinned version, Subresource
 * Integrity) or an iframe for CMSes that strip scripts — with a note for their web provider.
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
 * @fires fs-snippet-copy - The person pressed a "Copier" button; detail `{ variant, tag, copied }`.
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

  /** The widget chosen (its tag), or '' before the person chooses. */
  @state() private tag = '';

  /** Each attribute's value as its field holds it (a checkbox: 'true' or ''). */
  @state() private values: Record<string, string> = {};

  /** The commune chosen in the place step. */
  @state() private place: Configuration['place'] = null;

  /** What the status line under each copyable text says. */
  @state() private copyStatus: Partial<Record<SnippetVariant, string>> = {};

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
    this.place = { insee: commune.insee, label: event.detail.label };
    const widget = this.#widget;
    const values = { ...this.values };
    if (widget && this.#declares(widget, 'commune')) values.commune = commune.insee;
    if (widget && this.#declares(widget, 'site-id')) values['site-id'] = '';
    this.#sitePicked = false;
    this.values = values;
    this.announcement =
      widget && this.#declares(widget, 'site-id') ? this.#t.sitesLoading : this.#t.placeChosen(event.detail.label, commune.insee);
    this.#changed();
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
    this.copyStatus = { [variant]: copied ? this.#t.copied : this.#t.selected };
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
    const placeShown = !!widget && PLACE_ATTRIBUTES.some((name) => this.#declares(widget, name));
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
      <fs-commune-search api=${this.#apiBase} @fs-place-select=${this.#onPlace}></fs-commune-search>
      ${this.place ? html`<p class="chosen">${t.placeChosen(this.place.label, this.place.insee)}</p>` : nothing}
      ${wantsSite && this.place ? this.#renderSites() : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </fieldset>`;
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
    const fields = widget.attributes;
    const main = fields.filter((a) => !attributeText(this.#strings, widget.tag, a.name)?.advanced);
    const advanced = fields.filter((a) => attributeText(this.#strings, widget.tag, a.name)?.advanced);
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
      case 'enum':
        return html`<div class="field" data-attribute=${attribute.name}>
          <label for=${id}>${text.label}</label>
          ${help}
          <select id=${id} aria-describedby=${`${id}-help`} @change=${onInput}>
            ${attribute.options.includes(attribute.default) ? nothing : html`<option value="" ?selected=${value === ''}>${t.defaultOption}</option>`}
            ${attribute.options.map((o) => html`<option .value=${o} ?selected=${value === o}>${text.options?.[o] ?? o}</option>`)}
          </select>
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

  #renderPreviewStep(widget: WidgetDeclaration, step: number): TemplateResult {
    const t = this.#t;
    const name = widgetText(this.#strings, widget.tag)?.name ?? widget.tag;
    return html`<section class="step" aria-labelledby="preview-title">
      ${this.#heading(t.step(step, t.previewStep), 'preview-title')}
      <p class="hint">${t.previewHint}</p>
      <p class="alone"><a href=${embedUrl(this.#snippetInput(widget))} target="_blank" rel="noopener">${t.openAlone(name)}</a></p>
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
    const rows = Math.min(variant === 'note' ? 14 : 6, text.split('\n').length + (variant === 'note' ? 0 : 2));
    const status = this.copyStatus[variant];
    return html`<div class="snippet" part="snippet" data-variant=${variant} data-status=${status ? (status === this.#t.copied ? 'copied' : 'selected') : nothing}>
      ${this.#heading(title, `${variant}-title`, 1)}
      <p class="hint" id=${`${variant}-hint`}>${hint}</p>
      <label class="code-label" for=${`${variant}-code`}>${label}</label>
      <textarea id=${`${variant}-code`} readonly rows=${rows} spellcheck="false" aria-describedby=${`${variant}-hint`} .value=${live(text)}></textarea>
      <div class="copy-row">
        <button type="button" class="primary" part="copy" id=${`${variant}-copy`} @click=${() => void this.#copy(variant)}>${copy}</button>
        <p class="copy-status" role="status">${this.copyStatus[variant] ?? ''}</p>
      </div>
    </div>`;
  }
}
