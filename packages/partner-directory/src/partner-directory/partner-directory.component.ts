import { isSiteId } from '@fs-widgets/contract/codes';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type {
  Directory,
  DirectoryDemarche,
  DirectoryPartner,
  DirectoryTheme,
  LocalPartner,
  Permanence,
  Site,
  SitePartners,
} from '@fs-widgets/contract';
import {
  ApiResource,
  FsElement,
  controls,
  widgetsServer,
  formatDate,
  recurrenceText,
  safeHref,
  sessionText,
  stringAttribute,
  telHref,
  headingLevel,
} from '@fs-widgets/core';
import { NeedSearch, type NeedResults } from '../search/need-search.js';
import type { PartnerDirectoryStrings } from '../strings/partner-directory-strings.js';
import '../strings/partner-directory-strings.js';
import { partnerDirectoryStyles } from './partner-directory.styles.js';

/** Detail of `fs-need-search`: what the person searched, and how many démarches answer it. */
export interface FsNeedSearchDetail {
  query: string;
  results: number;
}

/** Detail of `fs-demarche-open`: the démarche whose details the person opened. */
export interface FsDemarcheOpenDetail {
  id: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'fs-need-search': CustomEvent<FsNeedSearchDetail>;
    'fs-demarche-open': CustomEvent<FsDemarcheOpenDetail>;
  }
}

type Browse = { kind: 'theme' | 'partner'; id: string };

/** How long typing must pause before the result count is announced and `fs-need-search` fires. */
const ANNOUNCE_DELAY_MS = 600;

const hostOf = (url: string): string => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

/**
 * From a need to the right partner: people come to France services with "renouveler ma carte
 * d'identité", "RSA" or "impôts", not with a partner's name. The widget says which partner handles
 * it, what to bring, whether the France services agent can help complete it at the counter or it
 * needs the partner's office, and gives the official link.
 *
 * @summary A search by need ("Que voulez-vous faire ?", tolerant of missing accents, typos and
 * words typed without spaces), browsing by theme or by national partner, and with `site-id` the
 * site's local partners and next permanences; without it, a link to find the nearest site.
 * Works offline from the copy kept on the device after one visit.
 *
 * @csspart base - The widget.
 * @csspart search - The search form.
 * @csspart results - A list of démarches.
 * @csspart result - One démarche.
 * @csspart badge - Where a démarche is done (at the counter, prepared then finished with the partner, with the partner).
 * @csspart themes - The theme buttons.
 * @csspart partners - The national partner buttons.
 * @csspart back - The "Retour" button of a theme's or a partner's page.
 * @csspart empty - What a search that finds nothing shows.
 * @csspart site - The site's section (`site-id`): its partners, permanences and phone.
 * @csspart permanence - One permanence of the site.
 * @csspart locator-link - The link to find the nearest France services (without `site-id`).
 * @csspart notice - The offline notice shown with a saved copy.
 * @csspart retry - The "Réessayer" buttons of the error states.
 *
 * @cssprop [--fs-partner-directory-accent=var(--fs-color-primary)] - Buttons, links, the focus of the search box.
 * @cssprop [--fs-partner-directory-max-width=48rem] - Widest the widget grows.
 * @cssprop [--fs-partner-directory-counter-color=var(--fs-color-success)] - Badge of what the agent can do at the counter.
 * @cssprop [--fs-partner-directory-partner-color=var(--fs-color-text-muted)] - Badge of what needs the partner.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-font-family=system-ui] - Design token shared by every widget.
 *
 * @fires fs-need-search - The person searched a need (submitted, or paused typing); detail `{ query, results }`. Not fired for the `query` attribute.
 * @fires fs-demarche-open - The person opened a démarche's details; detail `{ id }`.
 */
export class FsPartnerDirectory extends FsElement {
  static override styles = [...FsElement.styles, controls, partnerDirectoryStyles];

  readonly #directory = new ApiResource<Directory>(this, () => ({ client: this.client, path: 'directory' }));

  readonly #site = new ApiResource<Site>(this, () =>
    this.#siteId ? { client: this.client, path: `sites/${encodeURIComponent(this.#siteId)}` } : undefined,
  );

  readonly #sitePartners = new ApiResource<SitePartners>(this, () =>
    this.#siteId ? { client: this.client, path: `sites/${encodeURIComponent(this.#siteId)}/partners` } : undefined,
  );

  #index?: { data: Directory; search: NeedSearch };
  #lastResults?: { search: NeedSearch; query: string; results: NeedResults };
  #announceTimer?: ReturnType<typeof setTimeout>;
  /** What gets the focus after the next render (a view's heading, the button a view was opened from). */
  #focusNext?: string;
  /** The button a theme's or partner's page was opened from, to go back to. */
  #opener?: string;

  /** The theme's or the partner's page shown, if any. */
  @state() private browse: Browse | null = null;

  /** Démarches whose details are open (by list and id). */
  @state() private expanded: ReadonlySet<string> = new Set();

  /** The polite announcement of the result count (after typing pauses). */
  @state() private announcement = '';

  /**
   * A site (`id_fs` of the ANCT list): adds its section (local partners, next permanences, phone)
   * and its phone when a search finds nothing.
   */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /**
   * Page to find the nearest France services, shown without `site-id`. Defaults to the widgets'
   * server's page with the locator (the origin of the API, `/`).
   */
  @property({ attribute: 'locator-url', reflect: true, converter: stringAttribute }) locatorUrl = '';

  /** The need searched (a page about taxes can open on "impôts"); follows what the person types. */
  @property({ converter: stringAttribute }) query = '';

  /** Level of the title's heading in the host page's outline (2 to 6); the widget's own headings follow it. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  get #siteId(): string {
    const id = this.siteId.trim();
    return isSiteId(id) ? id : '';
  }

  get #t(): PartnerDirectoryStrings['partnerDirectory'] {
    return this.i18n.part<PartnerDirectoryStrings>('partner-directory').partnerDirectory;
  }

  get #en(): boolean {
    return this.i18n.locale === 'en';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
  }

  protected override updated(): void {
    if (!this.#focusNext) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
    if (target) {
      this.#focusNext = undefined;
      target.focus();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }

  // -------------------------------------------------------------------------------------------
  // Handlers: the person's actions (programmatic changes fire nothing).

  #onInput(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
    this.browse = null;
    this.#announceLater();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.browse = null;
    this.#announceNow();
  }

  #search(query: string): void {
    this.query = query;
    this.browse = null;
    this.#focusNext = '#need';
    this.#announceNow();
  }

  #announceLater(): void {
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => this.#announceNow(), ANNOUNCE_DELAY_MS);
  }

  #announceNow(): void {
    clearTimeout(this.#announceTimer);
    const data = this.#directory.state.status === 'ready' ? this.#directory.state.data : undefined;
    const query = this.query.trim();
    if (!data || query.length < 2) {
      this.announcement = '';
      return;
    }
    const count = this.#results(data, query).demarches.length;
    this.announcement = this.#t.resultsCount(count, query);
    this.emit<FsNeedSearchDetail>('fs-need-search', { query, results: count });
  }

  #open(browse: Browse): void {
    this.#opener = `[data-opener="${browse.kind}:${browse.id}"]`;
    this.browse = browse;
    this.#focusNext = '#view-title';
  }

  #back(): void {
    this.browse = null;
    this.#focusNext = this.#opener ?? '#need';
  }

  #toggle(key: string, id: string): void {
    const next = new Set(this.expanded);
    if (next.has(key)) next.delete(key);
    else {
      next.add(key);
      this.emit<FsDemarcheOpenDetail>('fs-demarche-open', { id });
    }
    this.expanded = next;
  }

  #retry(): void {
    this.reload();
  }

  /** Loads the catalogue and the site's information again (after an error, or to refresh). */
  reload(): void {
    this.#directory.retry();
    this.#site.retry();
    this.#sitePartners.retry();
  }

  // -------------------------------------------------------------------------------------------
  // Data.

  #results(data: Directory, query: string): NeedResults {
    if (this.#index?.data !== data) this.#index = { data, search: new NeedSearch(data) };
    const search = this.#index.search;
    const last = this.#lastResults;
    if (last && last.search === search && last.query === query) return last.results;
    const results = search.search(query);
    this.#lastResults = { search, query, results };
    return results;
  }

  /** The default page to find the nearest France services: the widgets' server, which hosts the locator. */
  get #locatorHref(): string {
    // A `javascript:` or malformed `locator-url` is ignored like an empty one.
    const own = safeHref(this.locatorUrl);
    return own || widgetsServer(this.api);
  }

  // -------------------------------------------------------------------------------------------
  // Rendering.

  #heading(
    text: string | TemplateResult,
    offset: number,
    options: { id?: string; className?: string; focusable?: boolean; lang?: string } = {},
  ) {
    return html`<div
      role="heading"
      aria-level=${headingLevel(this.headingLevel + offset)}
      class=${options.className ?? `h${Math.min(offset, 3)}`}
      id=${options.id ?? nothing}
      tabindex=${options.focusable ? '-1' : nothing}
      lang=${options.lang ?? nothing}
    >
      ${text}
    </div>`;
  }

  override render() {
    const s = this.i18n.strings;
    const t = this.#t;
    const st = this.#directory.state;
    const title = this.#heading(t.title, 0, { className: 'title' });
    if (st.status === 'idle' || st.status === 'loading') {
      return html`<div part="base" class="base" aria-busy="true">
        ${title}
        <p class="visually-hidden" role="status">${s.common.loading}</p>
        <span class="skeleton wide" aria-hidden="true"></span>
        <span class="skeleton" aria-hidden="true"></span>
        <span class="skeleton short" aria-hidden="true"></span>
      </div>`;
    }
    if (st.status === 'error') {
      const offline = st.error.kind === 'offline' || st.error.kind === 'timeout';
      return html`<div part="base" class="base" data-state=${offline ? 'offline' : 'error'}>
        ${title}
        <div role="status">
          <p class="message-title">${offline ? s.common.offlineTitle : s.common.errorTitle}</p>
          <p>${offline ? s.common.offlineNoData : s.common.errorBody}</p>
        </div>
        <button part="retry" type="button" class="primary" @click=${this.#retry}>${s.common.retry}</button>
        ${this.#contact(false)}
      </div>`;
    }
    const data = st.data;
    const query = this.query.trim();
    return html`<div part="base" class="base" data-state="ready">
      ${title}
      <p class="intro">${t.intro}</p>
      ${
        st.offline && st.savedAt
          ? html`<p class="notice" part="notice" role="status">${s.common.offlineStale(formatDate(st.savedAt, this.i18n.locale))}</p>`
          : nothing
      }
      <form role="search" part="search" class="search" @submit=${this.#onSubmit}>
        <label for="need">${t.searchLabel}</label>
        <p id="need-hint" class="hint">${t.searchHint}</p>
        <div class="search-row">
          <input
            id="need"
            name="need"
            type="search"
            autocomplete="off"
            spellcheck="false"
            enterkeyhint="search"
            aria-describedby="need-hint"
            .value=${live(this.query)}
            @input=${this.#onInput}
          />
          <button type="submit" class="primary">${t.searchButton}</button>
        </div>
      </form>
      <p class="visually-hidden" role="status">${this.announcement}</p>
      <div class="view">
        ${
          this.browse
            ? this.browse.kind === 'theme'
              ? this.#themePage(data, this.browse.id)
              : this.#partnerPage(data, this.browse.id)
            : query.length >= 2
              ? this.#resultsView(data, query)
              : this.#home(data)
        }
      </div>
      ${this.#siteSection(data)}
      <p class="footer">${t.updatedOn(formatDate(data.updated_on, this.i18n.locale))} ${t.independent}</p>
    </div>`;
  }

  #home(data: Directory) {
    const t = this.#t;
    return html`<section aria-labelledby="themes-title" class="browse-themes">
        ${this.#heading(t.browseThemes, 1, { id: 'themes-title' })} ${this.#themeButtons(data)}
      </section>
      <section aria-labelledby="partners-title" class="browse-partners">
        ${this.#heading(t.browsePartners, 1, { id: 'partners-title' })}
        <p>${t.partnersIntro}</p>
        <ul class="tiles" part="partners">
          ${data.partners.map(
            (p) => html`<li>
              <button type="button" class="tile" data-opener=${`partner:${p.id}`} @click=${() => this.#open({ kind: 'partner', id: p.id })}>
                <span class="tile-title" lang="fr">${p.short_name}</span>
                ${p.name !== p.short_name ? html`<span class="tile-sub" lang="fr">${p.name}</span>` : nothing}
              </button>
            </li>`,
          )}
        </ul>
      </section>`;
  }

  #themeButtons(data: Directory) {
    const t = this.#t;
    return html`<ul class="tiles" part="themes">
      ${data.themes.map((theme) => {
        const n = data.demarches.filter((d) => d.theme === theme.id).length;
        return html`<li>
          <button type="button" class="tile" data-opener=${`theme:${theme.id}`} @click=${() => this.#open({ kind: 'theme', id: theme.id })}>
            <span class="tile-title">${this.#themeLabel(theme)}</span>
            <span class="tile-sub">${t.demarcheCount(n)}</span>
          </button>
        </li>`;
      })}
    </ul>`;
  }

  #themeLabel(theme: DirectoryTheme): string {
    return this.#en ? theme.label_en : theme.label;
  }

  #backButton() {
    return html`<button type="button" part="back" class="secondary back" @click=${this.#back}>
      <span aria-hidden="true">←</span> ${this.#t.back}
    </button>`;
  }

  #themePage(data: Directory, id: string) {
    const theme = data.themes.find((th) => th.id === id);
    if (!theme) return this.#home(data);
    const demarches = data.demarches.filter((d) => d.theme === id);
    return html`<section aria-labelledby="view-title" class="page" data-theme=${id}>
      ${this.#backButton()} ${this.#heading(this.#themeLabel(theme), 1, { id: 'view-title', focusable: true })}
      <p>${this.#t.themeDemarches(demarches.length)}</p>
      ${this.#demarcheList(data, demarches, `theme-${id}`, 2)}
    </section>`;
  }

  #partnerPage(data: Directory, id: string) {
    const partner = data.partners.find((p) => p.id === id);
    if (!partner) return this.#home(data);
    const t = this.#t;
    const demarches = data.demarches.filter((d) => d.partners.includes(partner.id));
    const permanences =
      this.#sitePartners.state.status === 'ready' ? this.#sitePartners.state.data.permanences.filter((p) => p.partner === partner.id) : [];
    return html`<section aria-labelledby="view-title" class="page" data-partner=${id}>
      ${this.#backButton()} ${this.#heading(partner.name, 1, { id: 'view-title', focusable: true, lang: 'fr' })}
      <p lang=${this.#en ? 'en' : 'fr'}>${this.#en ? partner.description_en : partner.description}</p>
      ${this.#heading(t.handles, 2)}
      <ul class="handles" lang="fr">
        ${partner.handles.map((h) => html`<li>${h}</li>`)}
      </ul>
      <p>${this.#externalLink(partner.website, t.website, t.websiteLabel(partner.short_name))}</p>
      ${this.#heading(t.onlineServices, 2)}
      <ul class="links">
        ${partner.online_services.map((o) => html`<li>${this.#externalLink(o.url, o.label, t.newTab(o.label), 'fr')}</li>`)}
      </ul>
      ${
        permanences.length && this.#site.state.status === 'ready'
          ? html`${this.#heading(`${t.site.permanences} — ${this.#site.state.data.name}`, 2)}
            <ul class="permanences">
              ${permanences.map((p) => this.#permanence(data, p, []))}
            </ul>`
          : nothing
      }
      ${this.#heading(t.partnerDemarches, 2)}
      ${demarches.length ? this.#demarcheList(data, demarches, `partner-${id}`, 3) : html`<p>${t.noDemarches}</p>`}
    </section>`;
  }

  #resultsView(data: Directory, query: string) {
    const t = this.#t;
    const results = this.#results(data, query);
    if (results.demarches.length === 0) return this.#empty(data, query);
    return html`<section aria-labelledby="view-title" class="results-view">
      ${this.#heading(t.resultsHeading(query), 1, { id: 'view-title' })}
      <p class="count">${t.resultsCount(results.demarches.length, query)}</p>
      ${
        results.partners.length
          ? html`<p class="partner-hits">
            ${t.partnerHits}
            ${results.partners.map(
              ({ partner }) =>
                html`<button
                  type="button"
                  class="secondary small"
                  data-opener=${`partner:${partner.id}`}
                  aria-label=${t.seePartner(partner.short_name)}
                  @click=${() => this.#open({ kind: 'partner', id: partner.id })}
                >
                  ${partner.short_name}
                </button>`,
            )}
          </p>`
          : nothing
      }
      ${this.#demarcheList(
        data,
        results.demarches.map((hit) => hit.demarche),
        'search',
        2,
      )}
    </section>`;
  }

  #empty(data: Directory, query: string) {
    const t = this.#t;
    return html`<section aria-labelledby="view-title" class="empty" part="empty">
      ${this.#heading(t.emptyTitle(query), 1, { id: 'view-title' })}
      <p>${t.emptySpelling}</p>
      <p>${t.emptyExamples}</p>
      <ul class="examples">
        ${t.examples.map(
          (example) =>
            html`<li><button type="button" class="secondary small" lang="fr" @click=${() => this.#search(example)}>${example}</button></li>`,
        )}
      </ul>
      <p>${t.emptyBrowse}</p>
      ${this.#themeButtons(data)} ${this.#contact(true)}
    </section>`;
  }

  /**
   * "Call the site" (with `site-id` and its phone), else the link to find the nearest one; with
   * `lead`, the sentence that says an agent will direct the person (a search that found nothing).
   */
  #contact(lead: boolean) {
    const t = this.#t;
    const site = this.#site.state.status === 'ready' ? this.#site.state.data : undefined;
    if (site?.phone) {
      return html`<p class="contact">
        ${lead ? html`${t.emptyCallSite(site.name)} ` : nothing}<a href=${telHref(site.phone)} aria-label=${t.site.phoneLink(site.phone)}
          >${site.phone}</a
        >
      </p>`;
    }
    return html`<p class="contact">
      ${lead ? html`${t.emptyCallNearest} ` : nothing}<a part="locator-link" href=${this.#locatorHref}>${t.locator}</a>
    </p>`;
  }

  #partnerNames(data: Directory, ids: readonly string[]): string {
    return ids.map((id) => data.partners.find((p) => p.id === id)?.short_name ?? id).join(', ');
  }

  #demarcheList(data: Directory, demarches: DirectoryDemarche[], list: string, offset: number) {
    return html`<ol class="results" part="results">
      ${demarches.map((d) => this.#demarche(data, d, list, offset))}
    </ol>`;
  }

  #demarche(data: Directory, d: DirectoryDemarche, list: string, offset: number) {
    const t = this.#t;
    const key = `${list}:${d.id}`;
    const open = this.expanded.has(key);
    const detailsId = `details-${list}-${d.id}`;
    return html`<li class="result" part="result" data-demarche=${d.id}>
      ${this.#heading(
        html`<button type="button" class="toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${detailsId} @click=${() => this.#toggle(key, d.id)}>
          <span class="chevron" aria-hidden="true"></span>${this.#en ? d.title_en : d.title}
        </button>`,
        offset,
        { className: 'result-title' },
      )}
      <p class="summary">${this.#en ? d.summary_en : d.summary}</p>
      <p class="meta">
        <span class="badge" part="badge" data-help=${d.help}>${t.help[d.help]}</span>
        <span class="partner-names">${t.partnersLabel(d.partners.length)} <span lang="fr">${this.#partnerNames(data, d.partners)}</span></span>
      </p>
      <div class="details" id=${detailsId} ?hidden=${!open}>
        <p class="help-note" lang="fr">${d.help_note}</p>
        ${this.#heading(
          html`${t.documentsTitle}${t.frenchOnly ? html` <span class="muted">${t.frenchOnly}</span>` : nothing}`,
          offset + 1,
          {
            className: 'h3',
          },
        )}
        ${
          d.documents.length
            ? html`<ul class="documents" lang="fr">
              ${d.documents.map((doc) => html`<li>${doc}</li>`)}
            </ul>`
            : html`<p>${t.noDocuments}</p>`
        }
        ${d.online ? html`<p class="online">${t.online} ${this.#externalLink(d.online.url, d.online.label, t.newTab(d.online.label), 'fr')}</p>` : nothing}
        <p class="source">${t.source} ${this.#externalLink(d.source, hostOf(d.source), t.sourceLink(hostOf(d.source)))}</p>
      </div>
    </li>`;
  }

  /** A link to an official page: a new tab, said in its accessible name. */
  #externalLink(url: string, text: string, label: string, lang?: string) {
    return html`<a href=${url} target="_blank" rel="noopener noreferrer" aria-label=${label} lang=${lang ?? nothing}>${text}</a>`;
  }

  // -------------------------------------------------------------------------------------------
  // The site's section.

  #siteSection(data: Directory) {
    const t = this.#t;
    const given = this.siteId.trim();
    if (given && !this.#siteId) {
      // A `site-id` no site can have (a typo in the snippet): said, as for an unknown site, not silently dropped.
      return html`<section part="site" class="site" data-state="error">
        <p role="status">${t.site.notFound(given)}</p>
        <p><a part="locator-link" class="locator-link" href=${this.#locatorHref}>${t.locator}</a></p>
      </section>`;
    }
    if (!this.#siteId) {
      return html`<section class="locator" aria-labelledby="locator-title">
        ${this.#heading(t.locator, 1, { id: 'locator-title', className: 'visually-hidden' })}
        <p>${t.locatorIntro}</p>
        <p><a part="locator-link" class="locator-link" href=${this.#locatorHref}>${t.locator}</a></p>
      </section>`;
    }
    const site = this.#site.state;
    const partners = this.#sitePartners.state;
    if (site.status === 'idle' || site.status === 'loading') {
      return html`<section part="site" class="site" aria-busy="true">
        <p class="visually-hidden">${this.i18n.strings.common.loading}</p>
        <span class="skeleton wide" aria-hidden="true"></span>
        <span class="skeleton short" aria-hidden="true"></span>
      </section>`;
    }
    if (site.status === 'error') {
      const notFound = site.error.kind === 'not-found' || site.error.kind === 'invalid';
      return html`<section part="site" class="site" data-state="error">
        <p role="status">${notFound ? t.site.notFound(this.#siteId) : t.site.unavailable}</p>
        ${notFound ? nothing : html`<button part="retry" type="button" class="secondary" @click=${this.#retry}>${this.i18n.strings.common.retry}</button>`}
        <p><a part="locator-link" class="locator-link" href=${this.#locatorHref}>${t.locator}</a></p>
      </section>`;
    }
    const info = site.data;
    return html`<section part="site" class="site" aria-labelledby="site-title" data-state="ready">
      <p class="kicker">${t.site.kicker}</p>
      ${this.#heading(info.name, 1, { id: 'site-title', lang: 'fr' })}
      ${
        partners.status === 'ready'
          ? this.#sitePartnersBody(data, partners.data)
          : partners.status === 'error'
            ? html`<p role="status">${t.site.unavailable}</p>
              <button part="retry" type="button" class="secondary" @click=${this.#retry}>${this.i18n.strings.common.retry}</button>`
            : html`<p aria-busy="true">${this.i18n.strings.common.loading}</p>`
      }
      ${
        info.phone
          ? html`<p class="call">
            ${t.site.call} <a href=${telHref(info.phone)} aria-label=${t.site.phoneLink(info.phone)}>${info.phone}</a>
          </p>`
          : nothing
      }
    </section>`;
  }

  #sitePartnersBody(data: Directory, sp: SitePartners) {
    const t = this.#t;
    return html`<p>${t.site.national} <span lang="fr">${this.#partnerNames(data, sp.national)}</span>.</p>
      ${
        sp.local.length
          ? html`${this.#heading(t.site.local, 2)}
            <ul class="local">
              ${sp.local.map((lp) => this.#localPartner(lp))}
            </ul>`
          : nothing
      }
      ${this.#heading(t.site.permanences, 2)}
      ${
        sp.permanences.length
          ? html`<ul class="permanences">
            ${sp.permanences.map((p) => this.#permanence(data, p, sp.local))}
          </ul>`
          : html`<p>${t.site.noPermanences}</p>`
      }`;
  }

  #localPartner(lp: LocalPartner) {
    const t = this.#t;
    return html`<li class="local-partner" data-local-partner=${lp.id}>
      <strong lang="fr">${lp.name}</strong>
      ${lp.description ? html`<span lang="fr"> — ${lp.description}</span>` : nothing}
      ${
        lp.phone || lp.website
          ? html`<span class="local-links">
            ${lp.phone ? html`<a href=${telHref(lp.phone)} aria-label=${t.site.localPhone(lp.name, lp.phone)}>${lp.phone}</a>` : nothing}
            ${lp.website ? this.#externalLink(lp.website, hostOf(lp.website), t.site.localWebsite(hostOf(lp.website), lp.name)) : nothing}
          </span>`
          : nothing
      }
    </li>`;
  }

  #permanence(data: Directory, p: Permanence, local: LocalPartner[]) {
    const { strings, locale } = this.i18n;
    const who: DirectoryPartner | LocalPartner | undefined = p.partner
      ? data.partners.find((x) => x.id === p.partner)
      : local.find((x) => x.id === p.local_partner_id);
    const name = who ? ('short_name' in who ? who.short_name : who.name) : (p.partner ?? '');
    return html`<li class="permanence" part="permanence" data-permanence=${p.id}>
      <p class="who"><strong lang="fr">${name}</strong> — ${recurrenceText(p.recurrence, strings)}</p>
      ${p.by_appointment && p.recurrence.freq !== 'appointment' ? html`<p class="badge appointment">${strings.permanences.appointment}</p>` : nothing}
      ${
        p.recurrence.freq === 'appointment'
          ? nothing
          : p.next.length
            ? html`<ul class="dates">
              ${p.next.map((n) => html`<li><time datetime=${n.date}>${sessionText(n, strings, locale)}</time></li>`)}
            </ul>`
            : html`<p class="muted">${strings.permanences.noNext}</p>`
      }
      ${p.note ? html`<p class="note" lang="fr">${p.note}</p>` : nothing}
    </li>`;
  }
}
