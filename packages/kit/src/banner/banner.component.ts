import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiResource, FsElement, formatDate, formatDistance, safeHref, stringAttribute, headingLevel, MinuteClock } from '@fs-widgets/core';
import {
  embedPageHref,
  shownSite,
  siteDay,
  siteRequest,
  siteSource,
  type ShownSite,
  type SiteAnswer,
  type SiteSource,
} from '../shared/nearest-site.js';
import { siteDayText } from '../shared/site-day-text.js';
import type { KitStrings } from '../strings/kit-strings.js';
import '../strings/kit-strings.js';
import { bannerStyles } from './banner.styles.js';

export type BannerSize = 'strip' | 'square' | 'vertical';
const SIZES: readonly BannerSize[] = ['strip', 'square', 'vertical'];

/**
 * "Besoin d'aide pour vos démarches ?": a banner for a town hall's, an association's or a
 * partner's website, with the nearest France services (to `commune`) or one site (`site-id`):
 * its name, how far it is, whether it is open now or today, and a link.
 *
 * @summary A communication banner in three standard shapes — `strip` (horizontal, like a
 * 728 × 90 leaderboard), `square` (like a 300 × 250 rectangle) and `vertical` (like a 160 × 600
 * skyscraper) — all fluid: they shrink with their column, down to 320 px screens.
 *
 * The link goes to `href` when given; otherwise to the widgets server's own page, next to its
 * API: the locator preset on the commune (`/embed/fs-site-locator?commune=…`), or the site's
 * public page (`/s/<id>`: card, directions, locator). With both `site-id` and `commune`, the site wins.
 *
 * @csspart base - The banner.
 * @csspart title - The headline (a heading of level `heading-level`).
 * @csspart pitch - The sentence under the headline.
 * @csspart site - The site's block: label, name, distance, day.
 * @csspart name - The site's name.
 * @csspart status - Open now / today.
 * @csspart link - The link (styled as a button).
 * @csspart message - The message of the not-found, error and offline states.
 * @csspart notice - The offline notice shown with a saved copy.
 * @csspart retry - The "Réessayer" button of the error states.
 *
 * @cssprop [--fs-banner-accent=var(--fs-color-primary)] - Edge, link background.
 * @cssprop [--fs-banner-background=var(--fs-color-surface)] - Background.
 * @cssprop [--fs-banner-radius=var(--fs-radius)] - Corner radius.
 * @cssprop [--fs-banner-max-width=60rem (strip), 21rem (square), 10rem (vertical)] - Widest the banner grows.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-font-family=system-ui] - Design token shared by every widget.
 */
export class FsBanner extends FsElement {
  static override styles = [...FsElement.styles, bannerStyles];

  readonly #site = new ApiResource<SiteAnswer>(this, () => siteRequest(this.client, this.#source()));

  readonly #clock = new MinuteClock(this);

  /** INSEE code of a commune (e.g. `48095`, Mende): the banner shows its nearest France services. */
  @property({ reflect: true, converter: stringAttribute }) commune = '';

  /** Identifier of a site in the ANCT list (`id_fs`, e.g. `2983`): the banner shows that site. Wins over `commune`. */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** Where the link goes; by default the widgets server's locator (with `commune`) or site page (with `site-id`). */
  @property({ reflect: true, converter: stringAttribute }) href = '';

  /** `strip` (default, horizontal), `square` or `vertical`. */
  @property({ reflect: true }) size: BannerSize = 'strip';

  /** Level of the headline's heading in the host page's outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Frozen "now" for previews, print and tests; the real clock when unset. */
  @property({ attribute: false }) now?: Date;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    if (changed.has('size') && !SIZES.includes(this.size)) this.size = 'strip';
  }

  /** Loads the site again (after an error, or to refresh). */
  reload(): void {
    this.#site.retry();
  }

  #source(): SiteSource | null {
    return siteSource(this.commune, this.siteId);
  }

  get #k(): KitStrings {
    return this.i18n.part<KitStrings>('kit');
  }

  override render() {
    const k = this.#k;
    const st = this.#site.state;
    const source = this.#source();
    return html`<div part="base" class="base" aria-busy=${st.status === 'loading' ? 'true' : nothing}>
      <div class="intro">
        <div class="title" part="title" role="heading" aria-level=${this.headingLevel}>${k.banner.title}</div>
        <p class="pitch" part="pitch">${k.banner.pitch}</p>
      </div>
      ${this.#body(source)}
    </div>`;
  }

  #body(source: SiteSource | null) {
    const s = this.i18n.strings;
    const k = this.#k;
    const st = this.#site.state;
    switch (st.status) {
      case 'idle':
        return this.#link(null);
      case 'loading':
        return html`<div class="site" part="site">
            <p class="visually-hidden" role="status">${s.common.loading}</p>
            <span class="skeleton short" aria-hidden="true"></span>
            <span class="skeleton" aria-hidden="true"></span>
          </div>
          ${this.#link(source)}`;
      case 'error': {
        const kind = st.error.kind;
        if (kind === 'not-found' || kind === 'invalid') {
          const body =
            source?.kind === 'site'
              ? k.teaser.unknownSite(source.id)
              : k.teaser.unknownCommune(source?.kind === 'commune' ? source.insee : '');
          return this.#message(body, false, null);
        }
        return this.#message(kind === 'offline' || kind === 'timeout' ? s.common.offlineNoData : s.common.errorBody, true, source);
      }
      case 'ready': {
        const shown = shownSite(st.data);
        if (!shown) return this.#message(k.teaser.noSite, false, null);
        return html`${this.#siteBlock(shown, source)}
          ${
            st.offline && st.savedAt
              ? html`<p class="notice" part="notice" role="status">${k.teaser.offlineSaved(formatDate(st.savedAt, this.i18n.locale))}</p>`
              : nothing
          }
          ${this.#link(source)}`;
      }
    }
  }

  #siteBlock(shown: ShownSite, source: SiteSource | null) {
    const s = this.i18n.strings;
    const k = this.#k;
    const locale = this.i18n.locale;
    const day = siteDay(shown.site, this.now ?? this.#clock.now);
    const text = siteDayText(day, k, s, locale);
    const distance =
      shown.distanceKm === null
        ? ''
        : shown.communeName
          ? k.teaser.distanceFrom(formatDistance(shown.distanceKm, locale), shown.communeName)
          : k.teaser.distance(formatDistance(shown.distanceKm, locale));
    return html`<div class="site" part="site">
      <p class="label">${source?.kind === 'commune' ? k.banner.nearest : k.banner.yours}</p>
      <p class="name" part="name">${shown.site.name}</p>
      ${distance ? html`<p class="distance">${distance}</p>` : nothing}
      <p class="status" part="status" data-day=${day.kind}>
        <span class="dot" aria-hidden="true"></span>
        <span><strong>${text.state}</strong>${text.detail ? ` ${text.detail}` : ''}</span>
      </p>
    </div>`;
  }

  #message(body: string, retry: boolean, linkSource: SiteSource | null) {
    return html`<div class="site" part="site">
        <p class="message" part="message" role="status">${body}</p>
        ${
          retry
            ? html`<button part="retry" class="retry" type="button" @click=${this.reload}>${this.i18n.strings.common.retry}</button>`
            : nothing
        }
      </div>
      ${this.#link(linkSource)}`;
  }

  /** The link: `href`, or the widgets server's page for `source` (the locator alone without one). */
  #link(source: SiteSource | null) {
    const k = this.#k.teaser;
    // A `javascript:` or malformed `href` is ignored like an empty one.
    const href = safeHref(this.href) || embedPageHref(this.client.base, source);
    const text = source?.kind === 'site' ? k.linkSite : source?.kind === 'commune' ? k.linkNearby : k.linkFallback;
    return html`<a class="link" part="link" href=${href}>${text}</a>`;
  }
}
