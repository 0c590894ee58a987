import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Directory, ItinerantStop, Site, SitePartners, TimeRange } from '@fs-widgets/contract';
import { SOURCES } from '@fs-widgets/contract/sources';
import {
  ApiResource,
  bookingPageUrl,
  exceptionParts,
  MinuteClock,
  FsElement,
  formatClockTime,
  formatDate,
  formatDayAndDate,
  stringAttribute,
  telHref,
  timeRanges,
  headingLevel,
  reopeningText,
  sessionDays,
  stopSessionText,
  upcomingExceptions,
  verifiedText,
} from '@fs-widgets/core';
import { openingStatus, weekWithDates, zonedParts, type DayWithDate, type OpeningStatus } from '@fs-widgets/opening-hours';
import { siteCardStyles } from './site-card.styles.js';
import { SITE_CARD_PART, type SiteCardStrings } from './site-card-strings.js';

/**
 * "Your France services": one site's card, for a town hall's or a partner's page.
 *
 * @summary Name, kind, address, phone and e-mail links, the week's hours with today
 * highlighted, open-now status, appointment information and the site's comment; what the site
 * publishes itself: its exceptional closures and hours (they override the week), its offers, a
 * bus's stops and the permanences it holds elsewhere with their next sessions, the date its
 * information was last checked. Works offline from the copy kept on the device after one visit.
 *
 * @csspart base - The card.
 * @csspart header - Kind, name and open-now status.
 * @csspart name - The site's name (a heading).
 * @csspart status - The open-now line.
 * @csspart details - Address, phone and e-mail.
 * @csspart booking - « Prendre rendez-vous en ligne », where the site takes online bookings.
 * @csspart hours - The table of the next 7 days' hours.
 * @csspart exceptions - The closures and exceptional hours of the next 60 days.
 * @csspart offers - The site's offers (point justice, Wi-Fi…) and its local partners.
 * @csspart stops - A bus's stops or the site's permanences in other communes, with their next sessions.
 * @csspart verified - « Informations vérifiées le … ».
 * @csspart notice - The offline notice shown with a saved copy.
 * @csspart retry - The "Réessayer" button of the error states.
 *
 * @cssprop [--fs-site-card-accent=var(--fs-color-primary)] - Top border, links, today's row.
 * @cssprop [--fs-site-card-background=var(--fs-color-surface)] - Card background.
 * @cssprop [--fs-site-card-radius=var(--fs-radius)] - Corner radius.
 * @cssprop [--fs-site-card-max-width=40rem] - Widest the card grows.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-font-family=system-ui] - Design token shared by every widget.
 */
export class FsSiteCard extends FsElement {
  static override styles = [...FsElement.styles, siteCardStyles];

  readonly #site = new ApiResource<Site>(this, () =>
    !this.site && this.siteId.trim() ? { client: this.client, path: `sites/${encodeURIComponent(this.siteId.trim())}` } : undefined,
  );

  /**
   * The partners' names of its stops held by a partner (`offer: 'partner'`): the directory for a
   * national partner (`caf`), the site's own list for a local one (`local:<id>`); and the labels
   * of the themes its local partners help with (« Emploi et chômage »). Fetched only when a stop
   * names a national partner or a local partner has themes.
   */
  readonly #directory = new ApiResource<Directory>(this, () => {
    const site = this.#shown();
    return site?.stops.some((stop) => stop.partner && !stop.partner.startsWith('local:')) ||
      (site?.local_partners as Site['local_partners'] | undefined)?.some((partner) => partner.themes.length > 0)
      ? { client: this.client, path: 'directory' }
      : undefined;
  });

  readonly #sitePartners = new ApiResource<SitePartners>(this, () => {
    const site = this.#shown();
    return site?.stops.some((stop) => stop.partner?.startsWith('local:'))
      ? { client: this.client, path: `sites/${encodeURIComponent(site.id)}/partners` }
      : undefined;
  });

  /** Ticks every minute so "open now" stays true while the page stays open. */
  readonly #clock = new MinuteClock(this);

  /** Identifier of the site in the ANCT list (`id_fs`), e.g. `2983` for Mende. */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** Level of the site name's heading in the host page's outline (2 to 6). */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /**
   * The site itself, when the page already has it (the locator's results, a server-rendered
   * page): shown as is, nothing is fetched. `site-id` is ignored while it is set.
   */
  @property({ attribute: false }) site?: Site;

  /**
   * Where « Prendre rendez-vous en ligne » leads, for a site that takes online bookings: an
   * `http(s)` address where `{id}` stands for the site's id (a page of yours holding
   * `<fs-booking>`); by default the booking page of the widgets' server (`/s/<id>/rdv`); `none`
   * shows no link (the booking widget itself shows the card so).
   */
  @property({ attribute: 'booking-url', reflect: true, converter: stringAttribute }) bookingUrl = '';

  /** Frozen "now" for previews, print and tests; the real clock when unset. */
  @property({ attribute: false }) now?: Date;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
  }

  /** The site shown: the `site` property, or the one loaded. */
  #shown(): Site | undefined {
    if (this.site) return this.site;
    const st = this.#site.state;
    return st.status === 'ready' ? st.data : undefined;
  }

  /** A stop's partner by name (« CAF », « Mission locale »); null while unknown. */
  #partnerName(partner: string): string | null {
    if (partner.startsWith('local:')) {
      const st = this.#sitePartners.state;
      return st.status === 'ready' ? (st.data.local.find((p) => p.id === partner.slice(6))?.name ?? null) : null;
    }
    const st = this.#directory.state;
    return st.status === 'ready' ? (st.data.partners.find((p) => p.id === partner)?.short_name ?? null) : null;
  }

  /** Loads the site again (after an error, or to refresh). */
  reload(): void {
    this.#site.retry();
  }

  /** This element's texts, in its language. */
  private get texts(): SiteCardStrings['siteCard'] {
    return this.i18n.part<SiteCardStrings>(SITE_CARD_PART).siteCard;
  }

  override render() {
    const s = this.i18n.strings;
    if (this.site) return this.#renderSite(this.site);
    const st = this.#site.state;
    switch (st.status) {
      case 'idle':
        return this.#message(this.texts.noSiteTitle, this.texts.noSiteBody, false);
      case 'loading':
        return html`<div part="base" class="card loading" aria-busy="true">
          <p class="visually-hidden" role="status">${s.common.loading}</p>
          <span class="skeleton short" aria-hidden="true"></span>
          <span class="skeleton title" aria-hidden="true"></span>
          <span class="skeleton" aria-hidden="true"></span>
          <span class="skeleton short" aria-hidden="true"></span>
        </div>`;
      case 'error':
        if (st.error.kind === 'not-found' || st.error.kind === 'invalid') {
          return this.#message(this.texts.notFoundTitle, this.texts.notFoundBody(this.siteId.trim()), false);
        }
        if (st.error.kind === 'offline') return this.#message(s.common.offlineTitle, s.common.offlineNoData, true);
        return this.#message(s.common.errorTitle, s.common.errorBody, true);
      case 'ready':
        return this.#renderSite(st.data, st.offline ? st.savedAt : undefined);
    }
  }

  #message(title: string, body: string, retry: boolean) {
    return html`<div part="base" class="card message" role="status">
      ${this.#heading(title, 'title')}
      <p>${body}</p>
      ${retry ? html`<button part="retry" type="button" @click=${this.reload}>${this.i18n.strings.common.retry}</button>` : nothing}
    </div>`;
  }

  #heading(text: string, className: string, id?: string) {
    return html`<div role="heading" aria-level=${this.headingLevel} class=${className} part=${className === 'name' ? 'name' : nothing} id=${id ?? nothing}>${text}</div>`;
  }

  #renderSite(site: Site, offlineSince?: Date) {
    const s = this.i18n.strings;
    const locale = this.i18n.locale;
    const now = this.now ?? this.#clock.now;
    const options = { now, department: site.address.department, timeZone: site.time_zone, exceptions: site.exceptions };
    const status = openingStatus(site.hours, options);
    const days = weekWithDates(site.hours, options);
    const today = zonedParts(now, site.time_zone).date;
    const { address } = site;
    return html`<article part="base" class="card" aria-labelledby="name">
      <header part="header">
        <p class="kind">${s.kinds[site.kind]}</p>
        ${this.#heading(site.name, 'name', 'name')}
        ${
          // A bus or roaming site without published stops: an opening time without a place misleads.
          site.itinerant && site.stops.length === 0 ? nothing : html`<p class="status" part="status">${this.#status(status, today)}</p>`
        }
      </header>
      ${
        offlineSince
          ? html`<p class="notice" part="notice" role="status">${s.common.offlineStale(formatDate(offlineSince, locale))}</p>`
          : nothing
      }
      ${site.itinerant ? html`<p class="itinerant">${this.texts.itinerant}</p>` : nothing} ${this.#exceptions(site, today)}
      <div class="columns">
        <div>
          <dl part="details">
            <dt>${this.texts.address}</dt>
            <dd>
              <address>
                ${address.street}${address.complement ? html`<br />${address.complement}` : nothing}<br />${address.postcode}
                ${address.commune}
              </address>
            </dd>
            ${
              site.road_access.reach === 'road' || site.road_access.reach === 'unknown'
                ? nothing
                : html`<dt>${this.texts.access}</dt>
                    <dd class="reach">${this.texts.reach[site.road_access.reach]}</dd>`
            }
            ${
              site.phone
                ? html`<dt>${this.texts.phone}</dt>
                  <dd><a href=${telHref(site.phone)} aria-label=${this.texts.phoneLink(site.phone)}>${site.phone}</a></dd>`
                : nothing
            }
            ${
              site.email
                ? html`<dt>${this.texts.email}</dt>
                  <dd><a href=${`mailto:${site.email}`} aria-label=${this.texts.emailLink(site.email)}>${site.email}</a></dd>`
                : nothing
            }
          </dl>
          <p class="appointment">${site.appointment ? this.texts.appointmentYes : this.texts.appointmentNo}</p>
          ${
            site.booking && this.bookingUrl.trim() !== 'none'
              ? html`<p class="booking">
                  <a part="booking" class="booking-link" href=${bookingPageUrl(site.id, this.api, this.bookingUrl)}>${this.texts.booking}</a>
                </p>`
              : nothing
          }
        </div>
        <section aria-labelledby="hours-title">
          <h3 class="subtitle" id="hours-title">${this.texts.hoursTitle}</h3>
          ${
            status.state === 'unknown'
              ? html`<p>${s.hours.unknown}</p>`
              : html`<table part="hours">
                <caption class="visually-hidden">${s.hours.tableCaption}</caption>
                <thead class="visually-hidden">
                  <tr><th scope="col">${s.hours.dayColumn}</th><th scope="col">${s.hours.hoursColumn}</th></tr>
                </thead>
                <tbody>
                  ${days.map(
                    (d) => html`<tr class=${d.today ? 'today' : ''} aria-current=${d.today ? 'date' : nothing}>
                      <th scope="row">
                        ${formatDayAndDate(d.date, locale)}${d.today ? html`<span class="visually-hidden">, ${s.hours.today}</span>` : nothing}
                      </th>
                      <td class=${d.holiday || d.ranges.length === 0 ? 'closed-day' : ''}>${this.#day(d)}</td>
                    </tr>`,
                  )}
                </tbody>
              </table>`
          }
          ${site.hours_source === 'site' && status.state !== 'unknown' ? html`<p class="hours-source">${s.siteInfo.hoursFromSite}</p>` : nothing}
        </section>
      </div>
      ${this.#offers(site)} ${this.#stops(site, today)}
      ${
        site.comment
          ? html`<section class="comment" aria-labelledby="comment-title">
            <h3 class="subtitle" id="comment-title">${this.texts.comment}</h3>
            <p>${site.comment}</p>
          </section>`
          : nothing
      }
      ${site.verified_at ? html`<p class="verified" part="verified">${verifiedText(site.verified_at, s, locale, site.time_zone)}</p>` : nothing}
      <p class="source">${s.common.source(SOURCES.sites.attribution)}</p>
    </article>`;
  }

  /** One day of the week's table: its hours, a public holiday, or the exception that replaces them (with its reason). */
  #day(d: DayWithDate) {
    const s = this.i18n.strings;
    if (d.exception) {
      const reason = d.exception.reason.trim() ? ` ${s.exceptions.reason(d.exception.reason.trim())}` : '';
      return d.exception.closed
        ? `${s.exceptions.dayClosed}${reason}`
        : html`${this.#ranges(d.ranges)}<span class="exceptional">${s.exceptions.hours}${reason}</span>`;
    }
    if (d.holiday) return `${s.hours.holidayClosed.replace(/\)$/, '')} – ${s.holidays[d.holiday]})`;
    return this.#ranges(d.ranges);
  }

  /**
   * The closures and exceptional hours of the next 60 days, above the details: a visitor
   * planning a trip for next week needs « Fermé du 24 décembre au 2 janvier » before the week.
   */
  #exceptions(site: Site, today: string) {
    const upcoming = upcomingExceptions(site.exceptions, today);
    if (upcoming.length === 0) return nothing;
    const s = this.i18n.strings;
    return html`<section class="exceptions" part="exceptions" aria-labelledby="exceptions-title">
      <h3 class="subtitle" id="exceptions-title">${s.exceptions.upcomingTitle}</h3>
      <ul>
        ${upcoming.map((e) => {
          const { head, detail } = exceptionParts(e, s, this.i18n.locale, today);
          return html`<li class=${e.closed ? 'closure' : 'other-hours'}><strong>${head}</strong> ${detail}</li>`;
        })}
      </ul>
    </section>`;
  }

  /** The typed offers its agents publish, then its local partners: their names (a link to their website) and what they help with. */
  #offers(site: Site) {
    // A record kept offline from before local partners were published has none.
    const localPartners = (site.local_partners as Site['local_partners'] | undefined) ?? [];
    if (site.offers.length === 0 && localPartners.length === 0) return nothing;
    const s = this.i18n.strings;
    return html`<section class="offers" part="offers" aria-labelledby="offers-title">
      <h3 class="subtitle" id="offers-title">${this.texts.offersTitle}</h3>
      <ul>
        ${site.offers.map((offer) => html`<li data-offer=${offer}>${s.offers[offer]}</li>`)}
        ${localPartners.map((partner) => {
          const themes = this.#themeLabels(partner.themes);
          return html`<li data-local-partner=${partner.id}>
            ${
              partner.website && /^https?:\/\//.test(partner.website)
                ? html`<a href=${partner.website} aria-label=${this.texts.localPartnerWebsite(partner.name)}>${partner.name}</a>`
                : partner.name
            }<span class="partner-role">, ${themes ? this.texts.localPartnerFor(themes) : this.texts.localPartner}</span>
          </li>`;
        })}
      </ul>
    </section>`;
  }

  /** « Emploi et chômage, Justice et accès au droit » from the directory's themes; null while unknown (or none). */
  #themeLabels(themes: readonly string[]): string | null {
    const st = this.#directory.state;
    if (themes.length === 0 || st.status !== 'ready') return null;
    const english = this.i18n.locale.startsWith('en');
    const labels = themes.flatMap((id) => {
      const theme = st.data.themes.find((t) => t.id === id);
      return theme ? [english ? theme.label_en : theme.label] : [];
    });
    return labels.length > 0 ? labels.join(', ') : null;
  }

  /** A bus's stops, or the permanences a site holds in other communes: where, what is offered there, the next sessions. */
  #stops(site: Site, today: string) {
    if (site.stops.length === 0) return nothing;
    const s = this.i18n.strings;
    const locale = this.i18n.locale;
    const offer = (stop: ItinerantStop) => {
      const partner = stop.offer === 'partner' && stop.partner ? this.#partnerName(stop.partner) : null;
      return [partner ? s.stops.partnerNamed(partner) : s.stops.offers[stop.offer], stop.note?.trim()].filter(Boolean).join(' — ');
    };
    return html`<section class="stops" part="stops" aria-labelledby="stops-title">
      <h3 class="subtitle" id="stops-title">${site.itinerant ? this.texts.stopsTitleItinerant : this.texts.stopsTitlePermanences}</h3>
      <ul>
        ${site.stops.map(
          (stop) => html`<li data-stop=${stop.id}>
            <strong>${stop.address.commune}</strong> — ${stop.name}${stop.address.street ? html`, ${stop.address.street}` : nothing}
            <br /><span class="offer">${offer(stop)}</span>
            ${
              stop.next.length === 0
                ? html`<br /><span class="next none">${s.stops.none}</span>`
                : html`<ul class="next">
                    ${sessionDays(stop.next).map((day) => html`<li>${stopSessionText(day, s, locale, today)}</li>`)}
                  </ul>`
            }
          </li>`,
        )}
      </ul>
    </section>`;
  }

  #ranges(ranges: TimeRange[]) {
    // One range per line (styles), the separator only spoken: the same markup as the poster's week.
    return timeRanges(ranges, this.i18n.strings, this.i18n.locale);
  }

  #status(status: OpeningStatus, today: string): TemplateResult | typeof nothing {
    const s = this.i18n.strings;
    const locale = this.i18n.locale;
    const t = (hhmm: string) => formatClockTime(hhmm, locale);
    if (status.state === 'unknown') return nothing;
    if (status.state === 'open') {
      return html`<span class="badge open">${s.hours.openNow}</span>
        <span>${s.hours.closesAt(t(status.closesAt))}${status.reopensAt ? html`, ${s.hours.reopensAt(t(status.reopensAt))}` : nothing}</span>`;
    }
    const next = status.next;
    if (status.reason === 'exception' && status.exception) {
      // « Fermé exceptionnellement aujourd’hui (congés) », then when it reopens.
      const { head, detail } = exceptionParts(status.exception, s, locale, today);
      return html`<span class="badge closed">${head}</span>
        <span>${detail} — ${reopeningText(next, s, locale)}</span>`;
    }
    const when = !next
      ? s.hours.noNextOpening
      : next.inDays === 0
        ? s.hours.opensToday(t(next.time))
        : next.inDays === 1
          ? s.hours.opensTomorrow(t(next.time))
          : s.hours.opensOn(s.days[next.day], t(next.time));
    return html`<span class="badge closed">${s.hours.closedNow}</span>
      <span>${status.holiday ? `${s.holidays[status.holiday]} · ` : ''}${when}</span>`;
  }
}
