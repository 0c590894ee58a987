import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiResource, FsElement, MinuteClock, formatDate, formatDistance, safeHref, stringAttribute } from '@fs-widgets/core';
import { embedPageHref, shownSite, siteDay, siteRequest, siteSource, type SiteAnswer, type SiteSource } from '../shared/nearest-site.js';
import { siteDayShort } from '../shared/site-day-text.js';
import type { KitStrings } from '../strings/kit-strings.js';
import '../strings/kit-strings.js';
import { badgeStyles } from './badge.styles.js';

/**
 * A compact badge for a sidebar or a footer: « France services à 4 km — ouvert aujourd’hui »,
 * a link to the nearest France services (to `commune`) or to one site (`site-id`).
 *
 * @summary One link, a few words: the distance (from the commune) or the site, whether it is
 * open now or today, and the site's name under it. Same inputs and link as `<fs-banner>`.
 *
 * The link goes to `href` when given; otherwise to the widgets server's own page, next to its
 * API: the locator preset on the commune (`/embed/fs-site-locator?commune=…`), or the site's
 * public page (`/s/<id>`: card, directions, locator). With both `site-id` and `commune`, the site wins.
 *
 * @csspart base - The badge.
 * @csspart link - The link (the whole badge).
 * @csspart label - "France services à 4 km" (or the site's name with `site-id`).
 * @csspart status - "ouvert aujourd’hui".
 * @csspart name - The site's name, under the label (with `commune`).
 * @csspart message - The line under the badge in the not-found, error and offline states.
 * @csspart notice - The offline notice shown with a saved copy.
 * @csspart retry - The "Réessayer" button of the error states.
 *
 * @cssprop [--fs-badge-accent=var(--fs-color-primary)] - Border and text of the link.
 * @cssprop [--fs-badge-background=var(--fs-color-surface)] - Background.
 * @cssprop [--fs-badge-radius=999px] - Corner radius (a pill by default).
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-font-family=system-ui] - Design token shared by every widget.
 */
export class FsBadge extends FsElement {
  static override styles = [...FsElement.styles, badgeStyles];

  readonly #site = new ApiResource<SiteAnswer>(this, () => siteRequest(this.client, this.#source()));

  readonly #clock = new MinuteClock(this);

  /** INSEE code of a commune (e.g. `48095`, Mende): the badge shows its nearest France services. */
  @property({ reflect: true, converter: stringAttribute }) commune = '';

  /** Identifier of a site in the ANCT list (`id_fs`, e.g. `2983`): the badge shows that site. Wins over `commune`. */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** Where the link goes; by default the widgets server's locator (with `commune`) or site page (with `site-id`). */
  @property({ reflect: true, converter: stringAttribute }) href = '';

  /** Frozen "now" for previews, print and tests; the real clock when unset. */
  @property({ attribute: false }) now?: Date;

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
    const s = this.i18n.strings;
    const source = this.#source();
    const st = this.#site.state;
    const base = (content: unknown, state: string) =>
      html`<div part="base" class="base" data-state=${state} aria-busy=${state === 'loading' ? 'true' : nothing}>${content}</div>`;
    switch (st.status) {
      case 'idle':
        return base(this.#link(null, html`<span part="label" class="label">${k.teaser.linkFallback}</span>`), 'idle');
      case 'loading':
        return base(
          html`${this.#link(source, html`<span part="label" class="label">${k.badge.loading}</span>`)}
            <span class="visually-hidden" role="status">${s.common.loading}</span>`,
          'loading',
        );
      case 'error': {
        const kind = st.error.kind;
        if (kind === 'not-found' || kind === 'invalid') {
          const why =
            source?.kind === 'site'
              ? k.teaser.unknownSite(source.id)
              : k.teaser.unknownCommune(source?.kind === 'commune' ? source.insee : '');
          return base(
            html`${this.#link(null, html`<span part="label" class="label">${k.teaser.linkFallback}</span>`)}${this.#message(why, false)}`,
            'not-found',
          );
        }
        const offline = kind === 'offline' || kind === 'timeout';
        return base(
          html`${this.#link(source, html`<span part="label" class="label">${source?.kind === 'site' ? k.teaser.linkSite : k.teaser.linkNearby}</span>`)}
          ${this.#message(offline ? k.badge.offline : k.badge.unavailable, true)}`,
          offline ? 'offline' : 'error',
        );
      }
      case 'ready': {
        const shown = shownSite(st.data);
        if (!shown) {
          return base(
            html`${this.#link(null, html`<span part="label" class="label">${k.teaser.linkFallback}</span>`)}${this.#message(k.teaser.noSite, false)}`,
            'empty',
          );
        }
        const locale = this.i18n.locale;
        const day = siteDay(shown.site, this.now ?? this.#clock.now);
        const label = shown.distanceKm === null ? shown.site.name : k.badge.labelAt(formatDistance(shown.distanceKm, locale));
        return base(
          html`${this.#link(
            source,
            html`<span class="line"
                ><span part="label" class="label">${label}</span> — <span part="status" class="status">${siteDayShort(day, k, this.i18n.strings, locale)}</span></span
              >${shown.distanceKm === null ? nothing : html`${' '}<span part="name" class="name">${shown.site.name}</span>`}`,
            day.kind,
          )}
          ${
            st.offline && st.savedAt
              ? html`<p class="notice" part="notice" role="status">${k.teaser.offlineSaved(formatDate(st.savedAt, locale))}</p>`
              : nothing
          }`,
          'ready',
        );
      }
    }
  }

  #message(text: string, retry: boolean) {
    return html`<p class="message" part="message" role="status">
      ${text}
      ${retry ? html`<button part="retry" class="retry" type="button" @click=${this.reload}>${this.i18n.strings.common.retry}</button>` : nothing}
    </p>`;
  }

  /** The link: `href`, or the widgets server's page for `source` (the locator alone without one). */
  #link(source: SiteSource | null, content: unknown, day?: string) {
    // A `javascript:` or malformed `href` is ignored like an empty one.
    const href = safeHref(this.href) || embedPageHref(this.client.base, source);
    return html`<a class="link" part="link" href=${href} data-day=${day ?? nothing}><span class="dot" aria-hidden="true"></span><span class="text">${content}</span></a>`;
  }
}
