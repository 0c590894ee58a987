import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { KeyFigures, Site } from '@fs-widgets/contract';
import { KEY_FIGURES_MIN_COUNT } from '@fs-widgets/contract/codes';
import { SOURCES } from '@fs-widgets/contract/sources';
import { ApiResource, FsElement, controls, formatDate, stringAttribute, type Locale, headingLevel } from '@fs-widgets/core';
import type { KeyFiguresStrings } from '../strings/key-figures-strings.js';
import '../strings/key-figures-strings.js';
import type { KitStrings } from '../strings/kit-strings.js';
import '../strings/kit-strings.js';
import { keyFiguresStyles } from './key-figures.styles.js';

/**
 * The key figures of the France services network, or of one site, for a town hall's bulletin
 * page or a partner's website: the France services and, apart, their antennas, requests handled
 * this year, the share solved at the first visit, user satisfaction — always with the period and
 * the source.
 *
 * @summary Honest figures: the period ("Du 1er janvier au 27 novembre 2026") and the source
 * are always shown, and a rate is published only from 30 acts or answers ("pas encore assez de
 * réponses" below). Read from `GET /api/v1/stats/key-figures`, public.
 *
 * @csspart base - The widget.
 * @csspart title - The title (a heading of level `heading-level`).
 * @csspart figures - The list of figures.
 * @csspart figure - One figure (its `data-figure`: `sites`, `acts`, `first-visit`, `satisfaction`).
 * @csspart value - The number of a figure.
 * @csspart period - The period and the source.
 * @csspart message - The message of the empty, not-found, error and offline states.
 * @csspart notice - The offline notice shown with a saved copy.
 * @csspart retry - The "Réessayer" button of the error states.
 *
 * @cssprop [--fs-key-figures-accent=var(--fs-color-primary)] - The numbers and the top edge.
 * @cssprop [--fs-key-figures-max-width=48rem] - Widest the widget grows.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-font-family=system-ui] - Design token shared by every widget.
 */
export class FsKeyFigures extends FsElement {
  static override styles = [...FsElement.styles, controls, keyFiguresStyles];

  readonly #figures = new ApiResource<KeyFigures>(this, () => ({
    client: this.client,
    path: 'stats/key-figures',
    searchParams: { site: this.siteId.trim() || undefined, year: this.year.trim() || undefined },
  }));

  /** The site's name, for the title only (the figures do not wait for it). */
  readonly #site = new ApiResource<Site>(this, () =>
    this.siteId.trim() ? { client: this.client, path: `sites/${encodeURIComponent(this.siteId.trim())}` } : undefined,
  );

  /** A site (`id_fs`, e.g. `2983`); the whole network when unset. */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** A calendar year (e.g. `2025`); the current year, up to today, when unset. */
  @property({ reflect: true, converter: stringAttribute }) year = '';

  /** Level of the title's heading in the host page's outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
  }

  /** Loads the figures again (after an error, or to refresh). */
  reload(): void {
    this.#figures.retry();
    if (this.#site.state.status === 'error') this.#site.retry();
  }

  /** Its own words, and the teaser's for a site that does not exist (the banner's and the badge's part). */
  get #k(): KeyFiguresStrings & Pick<KitStrings, 'teaser'> {
    return { ...this.i18n.part<KeyFiguresStrings>('kit-key-figures'), teaser: this.i18n.part<KitStrings>('kit').teaser };
  }

  #percent(share: number): string {
    return new Intl.NumberFormat(this.i18n.strings.locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
  }

  #number(n: number): string {
    return new Intl.NumberFormat(this.i18n.strings.locale).format(n);
  }

  /** "1er janvier", "27 novembre 2026"; "1 January", "27 November 2026". */
  #longDate(date: string, withYear: boolean, locale: Locale): string {
    const text = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      ...(withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    }).format(new Date(`${date}T12:00:00Z`));
    return locale === 'fr' ? text.replace(/^1 /, '1er ') : text;
  }

  #title() {
    const k = this.#k.keyFigures;
    const site = this.#site.state;
    const text = !this.siteId.trim() ? k.titleNetwork : site.status === 'ready' ? k.titleSite(site.data.name) : k.titleSiteUnnamed;
    return html`<div class="title" part="title" role="heading" aria-level=${this.headingLevel}>${text}</div>`;
  }

  override render() {
    const s = this.i18n.strings;
    const k = this.#k;
    const st = this.#figures.state;
    switch (st.status) {
      case 'idle':
      case 'loading':
        return html`<div part="base" class="base" aria-busy="true">
          ${this.#title()}
          <p class="visually-hidden" role="status">${s.common.loading}</p>
          <div class="figures" aria-hidden="true">
            <span class="skeleton"></span><span class="skeleton"></span><span class="skeleton"></span>
          </div>
        </div>`;
      case 'error': {
        const { kind, problem } = st.error;
        const param = problem?.invalid_params?.[0]?.name;
        if (kind === 'not-found' || (kind === 'invalid' && param !== 'year')) {
          return this.#message(k.teaser.unknownSite(this.siteId.trim()), false, 'not-found');
        }
        if (kind === 'invalid') return this.#message(k.keyFigures.invalidYear(this.year.trim()), false, 'invalid');
        const offline = kind === 'offline' || kind === 'timeout';
        return this.#message(offline ? s.common.offlineNoData : s.common.errorBody, true, offline ? 'offline' : 'error');
      }
      case 'ready': {
        const figures = st.data;
        const empty = figures.acts === 0 && figures.satisfaction.answers === 0;
        return html`<div part="base" class="base" data-state=${empty ? 'empty' : 'ready'}>
          ${this.#title()}
          ${
            st.offline && st.savedAt
              ? html`<p class="notice" part="notice" role="status">${s.common.offlineStale(formatDate(st.savedAt, this.i18n.locale))}</p>`
              : nothing
          }
          ${this.#list(figures, empty)}
          ${empty ? html`<p class="message" part="message">${k.keyFigures.empty}</p>` : nothing}
          ${
            !empty && (figures.first_visit_share === null || figures.satisfaction.satisfied_share === null)
              ? html`<p class="note">${k.keyFigures.minimumNote(KEY_FIGURES_MIN_COUNT)}</p>`
              : nothing
          }
          ${this.#period(figures)}
        </div>`;
      }
    }
  }

  #list(figures: KeyFigures, empty: boolean) {
    const k = this.#k.keyFigures;
    const items = [];
    if (figures.sites !== null) items.push(this.#sites(figures));
    if (!empty) {
      items.push(this.#figure('acts', this.#number(figures.acts), k.acts(figures.acts)));
      items.push(
        figures.first_visit_share === null
          ? this.#pending('first-visit', k.firstVisitHeading)
          : this.#figure('first-visit', this.#percent(figures.first_visit_share), k.firstVisit),
      );
      items.push(
        figures.satisfaction.satisfied_share === null
          ? this.#pending('satisfaction', k.satisfactionHeading)
          : this.#figure(
              'satisfaction',
              this.#percent(figures.satisfaction.satisfied_share),
              k.satisfied,
              k.satisfiedOf(this.#number(figures.satisfaction.answers)),
            ),
      );
    }
    return items.length ? html`<ul class="figures" part="figures">${items}</ul>` : nothing;
  }

  /** "2 721 France services et 124 antennes": the antennas are extra sites of one France services, not France services. */
  #sites(figures: KeyFigures) {
    const k = this.#k.keyFigures;
    const { main_sites: main, antennas } = figures;
    // A copy saved before the split has neither count: its total is said to be both.
    if (main == null || antennas == null) return this.#figure('sites', this.#number(figures.sites ?? 0), k.sitesAndAntennas);
    return this.#figure('sites', this.#number(main), k.sites, antennas > 0 ? k.antennas(this.#number(antennas), antennas) : undefined);
  }

  #figure(name: string, value: string, label: string, detail?: string) {
    // The spaces are bound values: the build's template minifier drops white space between tags.
    return html`<li class="figure" part="figure" data-figure=${name}>
      <span class="value" part="value">${value}</span>${' '}<span class="label">${label}</span>${
        detail ? html`${' '}<span class="detail">${detail}</span>` : nothing
      }
    </li>`;
  }

  #pending(name: string, heading: string) {
    return html`<li class="figure pending" part="figure" data-figure=${name}>
      <span class="label strong">${heading}</span>${' '}<span class="detail">${this.#k.keyFigures.notEnough}</span>
    </li>`;
  }

  /** "Du 1er janvier au 27 novembre 2026 — source : …", and for the network the list's attribution. */
  #period(figures: KeyFigures) {
    const k = this.#k.keyFigures;
    const locale = this.i18n.locale;
    const { from, to } = figures.scope;
    const sameYear = from.slice(0, 4) === to.slice(0, 4);
    const period = k.period(this.#longDate(from, !sameYear, locale), this.#longDate(to, true, locale));
    return html`<p class="period" part="period">
      ${`${period} — ${k.source}.`}${figures.sites !== null ? ` ${k.sitesSource(SOURCES.sites.attribution)}` : ''}
    </p>`;
  }

  #message(text: string, retry: boolean, state: string) {
    return html`<div part="base" class="base" data-state=${state}>
      ${this.#title()}
      <p class="message" part="message" role="status">${text}</p>
      ${
        retry
          ? html`<button part="retry" class="secondary" type="button" @click=${() => this.reload()}>${this.i18n.strings.common.retry}</button>`
          : nothing
      }
    </div>`;
  }
}
