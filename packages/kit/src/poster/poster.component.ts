import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { DayKey, Directory, Permanence, Site, SitePartners, TimeRange, Week } from '@fs-widgets/contract';
import { SOURCES } from '@fs-widgets/contract/sources';
import {
  ApiResource,
  FsElement,
  controls,
  exceptionParts,
  upcomingExceptions,
  widgetsServer,
  bookingPageUrl,
  formatDate,
  loadQrCode,
  nextDatesText,
  permanenceText,
  stringAttribute,
  timeRanges,
  type qrCodeSvg,
  headingLevel,
} from '@fs-widgets/core';
import { DAY_KEYS, hasHours, zonedParts } from '@fs-widgets/opening-hours';
import type { PosterStrings } from '../strings/poster-strings.js';
import '../strings/poster-strings.js';
import { posterStyles } from './poster.styles.js';
import { DEFAULT_PAGE_MARGIN, addPrintPageRule } from './print-page.js';

/** A URL that may wrap after its slashes and before its query, not inside a word, nor after a one-letter segment (`s/2983` stays whole). */
function breakable(url: string) {
  const pieces = url.split(/(?<=\/)(?!\/)|(?=\?)/);
  return pieces.map((piece, i) => (i && pieces[i - 1]!.length > 2 ? html`<wbr />${piece}` : piece));
}

/** The address as a person types it: without `https://`, which browsers add (`http://` stays: they would not). */
function typed(url: string): string {
  return url.replace(/^https:\/\//, '');
}

/** Consecutive days with the same hours, on one row of the poster (« Du lundi au jeudi »). */
function dayGroups(week: Week): Array<{ days: DayKey[]; ranges: readonly TimeRange[] }> {
  const groups: Array<{ days: DayKey[]; ranges: readonly TimeRange[]; key: string }> = [];
  for (const day of DAY_KEYS) {
    const key = week[day].map((r) => `${r.opens}-${r.closes}`).join(',');
    const last = groups.at(-1);
    if (last && last.key === key) last.days.push(day);
    else groups.push({ days: [day], ranges: week[day], key });
  }
  return groups.map(({ days, ranges }) => ({ days, ranges }));
}

/** The scales the sheet's large type may take (`--_k`, poster.styles.ts), largest first: the largest that fits is kept. */
const FIT_SCALES = Array.from({ length: 17 }, (_, i) => Math.round((1 - i * 0.03) * 100) / 100);

/** Names longer than this get a smaller size, so that the longest of the list (97 characters) takes three lines, not six. */
const LONG_NAME = 40;
const VERY_LONG_NAME = 70;

/** What the poster shows at most, so that it always fits its one page. */
const MAX_PERMANENCES = 3;
const MAX_DATES = 2;
const MAX_LOCAL = 6;
/** Closures and exceptional hours printed (the next 60 days' first ones). */
const MAX_EXCEPTIONS = 2;

/**
 * A printable A4 poster of one France services site for a notice board (town hall, library, La
 * Poste office): "Besoin d'aide pour vos démarches ? France services vous accompagne", the town
 * hall's logo when it gives one, the site's name, its address and phone and its opening hours in
 * large type (read from two metres), the partners one can meet there in the words people use
 * (« Impôts », « Caisse d'allocations familiales (CAF) »…), its exceptional closures and hours of
 * the next two months (« Fermé exceptionnellement du 24 décembre au 2 janvier (congés) »), the local partners and their next
 * permanences, and a QR code to the site's short public page (`/s/2983` on the widgets' server:
 * its card, directions, the locator around it), that address printed under it.
 *
 * On screen it is a preview of the sheet, scaled to the width it is given, with an "Imprimer
 * l'affiche" button. In print, the sheet fills the page box exactly, whatever its margins.
 * `@page` rules do not apply inside a shadow root: the page that prints it says
 * `@page { size: A4 portrait; margin: … }` (the `/embed/fs-poster` page does), and the button
 * adds `@page { size: A4 portrait; margin: 12mm }` to the document for its own print only.
 *
 * Neutral and independent: never presented as an official State document.
 *
 * @summary A one-page A4 poster with the site's hours, partners and a QR code, to print.
 *
 * @slot logo - The town hall's logo or photo (an `<img>` with its `alt`), instead of the `logo` attribute.
 *
 * @csspart base - The whole widget (toolbar and sheet, or the message of a state).
 * @csspart toolbar - Above the sheet, not printed: the print button and notices.
 * @csspart print - The "Imprimer l'affiche" button.
 * @csspart notice - The offline or partial-data notice (not printed).
 * @csspart retry - The "Réessayer" buttons.
 * @csspart sheet - The poster itself: what is printed.
 * @csspart header - The band with the title.
 * @csspart logo - The logo's place beside the address, only when there is a logo.
 * @csspart name - The site's name.
 * @csspart contact - Address and phone.
 * @csspart hours - The table of the week's hours (days with the same hours on one row).
 * @csspart exceptions - The exceptional closures and hours of the next 60 days (the first two), under the week.
 * @csspart partners - The national partners' section.
 * @csspart local - The local partners and next permanences.
 * @csspart qr - The QR code (an SVG, always black on white).
 * @csspart qr-text - What scanning the code does.
 * @csspart url - The QR code's address in clear text.
 * @csspart booking - « Prendre rendez-vous en ligne » and the booking page's address, where the site takes online bookings.
 * @csspart footer - Date, source and the not-official line.
 *
 * @cssprop [--fs-poster-accent=var(--fs-color-primary)] - Title band and headings.
 * @cssprop [--fs-poster-on-accent=var(--fs-color-on-primary)] - Text on the title band.
 * @cssprop [--fs-poster-page-margin=12mm] - The page margin the print button asks for (the sheet fills the page box, whatever its margins).
 * @cssprop [--fs-poster-max-width=210mm] - Widest the on-screen preview grows.
 * @cssprop [--fs-color-primary=#1c5d6e] - Design token shared by every widget.
 * @cssprop [--fs-font-family=system-ui] - Design token shared by every widget.
 */
export class FsPoster extends FsElement {
  static override styles = [...FsElement.styles, controls, posterStyles];

  readonly #site = new ApiResource<Site>(this, () =>
    this.#siteId ? { client: this.client, path: `sites/${encodeURIComponent(this.#siteId)}` } : undefined,
  );

  readonly #partners = new ApiResource<SitePartners>(this, () =>
    this.#siteId ? { client: this.client, path: `sites/${encodeURIComponent(this.#siteId)}/partners` } : undefined,
  );

  readonly #directory = new ApiResource<Directory>(this, () => (this.#siteId ? { client: this.client, path: 'directory' } : undefined));

  /** The QR code maker, fetched when the element connects (it weighs more than the poster). */
  @state() private qrCode?: typeof qrCodeSvg;

  /** The maker could not be fetched (offline): the address is printed alone. */
  @state() private qrFailed = false;

  /** The `logo` image did not load: no logo tile rather than a broken image. */
  @state() private logoFailed = false;

  /** Something is in the `logo` slot. */
  @state() private logoSlotted = false;

  /** Identifier of the site in the ANCT list (`id_fs`), e.g. `2983` for Mende. */
  @property({ attribute: 'site-id', reflect: true, converter: stringAttribute }) siteId = '';

  /** INSEE code of the commune the locator opens on (`qr-target="locator"`); the site's commune when unset. */
  @property({ reflect: true, converter: stringAttribute }) commune = '';

  /**
   * Where the QR code leads: `site` (default), the site's short public page on the widgets'
   * server (`/s/2983`: its card, directions, the locator around it), or `locator`, the locator on
   * the commune (`/embed/fs-site-locator?commune=…`), for a poster that should also serve neighbours.
   */
  @property({ attribute: 'qr-target', reflect: true }) qrTarget: 'site' | 'locator' = 'site';

  /** Another address for the QR code (the town hall's own page, say): an `http(s)` URL, relative ones resolved against the page. */
  @property({ reflect: true, converter: stringAttribute }) href = '';

  /**
   * The town hall's logo or photo, printed beside the address: an `http(s)` URL, relative ones
   * resolved against the page (on the `/embed/fs-poster` page its origin is allowed as an image).
   * None by default, and no empty box then. The `logo` slot takes precedence.
   */
  @property({ reflect: true, converter: stringAttribute }) logo = '';

  /** What the logo says, for screen readers (« Mairie de Mende »); empty, the logo counts as decoration. */
  @property({ attribute: 'logo-alt', reflect: true, converter: stringAttribute }) logoAlt = '';

  /** Level of the poster's title in the host page's outline (2 to 6); its sections are one level below. */
  @property({ attribute: 'heading-level', type: Number, reflect: true }) headingLevel = 2;

  /** Frozen "now" for previews and tests (the date printed at the bottom); the real clock when unset. */
  @property({ attribute: false }) now?: Date;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#loadQrCode();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('headingLevel')) {
      this.headingLevel = headingLevel(this.headingLevel);
    }
    if (changed.has('logo')) this.logoFailed = false;
    this.logoSlotted = this.querySelector(':scope > [slot="logo"]') !== null;
  }

  protected override updated(): void {
    this.#fit();
  }

  /**
   * Picks the largest scale of the large type (`--_k`, poster.styles.ts; its rank in `data-fit`)
   * that lets the content fit the sheet: nothing below its edge, nothing cut in the partners'
   * column. The sheet is drawn in units of its own width, so what fits in the preview fits on
   * paper (whose page box is never squatter): measured after each render, before paint, a few
   * synchronous layouts at most. Set through the CSSOM, which a strict CSP allows. Not measured
   * while the element has no box (hidden): the largest scale stays.
   */
  #fit(): void {
    const page = this.renderRoot.querySelector<HTMLElement>('.page');
    if (!page || page.clientHeight === 0) return;
    const partners = page.querySelector<HTMLElement>('.partners-column');
    for (const [step, scale] of FIT_SCALES.entries()) {
      page.style.setProperty('--_k', String(scale));
      page.dataset.fit = String(step);
      const overflows =
        page.scrollHeight > page.clientHeight + 1 || (partners !== null && partners.scrollHeight > partners.clientHeight + 1);
      if (!overflows) return;
    }
  }

  get #siteId(): string {
    return this.siteId.trim();
  }

  get #t(): PosterStrings['poster'] {
    return this.i18n.part<PosterStrings>('kit-poster').poster;
  }

  #loadQrCode(): void {
    if (this.qrCode) return;
    this.qrFailed = false;
    loadQrCode().then(
      (make) => (this.qrCode = make),
      () => (this.qrFailed = true),
    );
  }

  /** The address in the QR code, and what it leads to: `href`, else the site's page or the locator on the widgets' server. */
  #qrTarget(site: Site): { url: string; leadsTo: 'own' | 'site' | 'locator' } {
    const own = this.href.trim();
    if (own) {
      try {
        const url = new URL(own, document.baseURI);
        if (url.protocol === 'https:' || url.protocol === 'http:') return { url: url.href, leadsTo: 'own' };
      } catch {
        /* not a URL: the default below */
      }
    }
    // The embed pages of the server the API belongs to (built by the server's embed routes).
    const server = widgetsServer(this.api);
    if (this.qrTarget === 'locator') {
      const url = new URL('embed/fs-site-locator', server);
      url.searchParams.set('commune', this.commune.trim() || site.address.insee_commune);
      return { url: url.href, leadsTo: 'locator' };
    }
    // The site's short public page (packages/server/src/routes/site-page.ts): short enough to type.
    return { url: new URL(`s/${encodeURIComponent(site.id)}`, server).href, leadsTo: 'site' };
  }

  /** The `logo` attribute as an image address, when it is an http(s) one. */
  #logoUrl(): string | null {
    const logo = this.logo.trim();
    if (!logo || this.logoFailed) return null;
    try {
      const url = new URL(logo, document.baseURI);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch {
      return null;
    }
  }

  #onLogoSlotChange = (event: Event) => {
    this.logoSlotted = (event.target as HTMLSlotElement).assignedElements().length > 0;
  };

  /** Prints the page with the A4 page rule, for this print only (`@page` cannot come from a shadow root). */
  #print = () => {
    const margin = getComputedStyle(this).getPropertyValue('--fs-poster-page-margin').trim() || DEFAULT_PAGE_MARGIN;
    const release = addPrintPageRule(margin);
    window.addEventListener('afterprint', release, { once: true });
    window.print();
  };

  /** Loads again what failed or came from the offline copy (the "Réessayer" buttons); the QR code maker too. */
  reload(): void {
    for (const resource of [this.#site, this.#partners, this.#directory]) {
      const st = resource.state;
      if (st.status === 'error' || (st.status === 'ready' && st.offline)) resource.retry();
    }
    if (this.qrFailed) this.#loadQrCode();
  }

  override render() {
    const s = this.i18n.strings;
    const t = this.#t;
    if (!this.#siteId) return this.#message(t.noSiteTitle, t.noSiteBody, 'no-site', false);
    const site = this.#site.state;
    if (site.status === 'error') {
      if (site.error.kind === 'not-found' || site.error.kind === 'invalid') {
        return this.#message(t.notFoundTitle, t.notFoundBody(this.#siteId), 'not-found', false);
      }
      if (site.error.kind === 'offline' || site.error.kind === 'timeout') {
        return this.#message(s.common.offlineTitle, s.common.offlineNoData, 'offline', true);
      }
      return this.#message(s.common.errorTitle, s.common.errorBody, 'error', true);
    }
    const partners = this.#partners.state;
    const directory = this.#directory.state;
    const waiting = [site, partners, directory].some((st) => st.status === 'idle' || st.status === 'loading');
    if (site.status !== 'ready' || waiting) {
      return html`<div part="base" class="base-poster" data-state="loading" aria-busy="true">
        <p class="visually-hidden" role="status">${s.common.loading}</p>
        <div class="sheet skeleton" part="sheet" aria-hidden="true"></div>
      </div>`;
    }
    const offline = [site, partners, directory].find((st) => st.status === 'ready' && st.offline);
    const partial = partners.status === 'error' || directory.status === 'error';
    const savedAt = offline?.status === 'ready' ? offline.savedAt : undefined;
    const data =
      partners.status === 'ready' && directory.status === 'ready' ? { partners: partners.data, directory: directory.data } : undefined;
    return html`<div part="base" class="base-poster" data-state=${offline ? 'offline' : 'ready'}>
      <div class="toolbar" part="toolbar">
        <button type="button" class="primary" part="print" aria-describedby="print-hint" @click=${this.#print}>${t.print}</button>
        <span class="hint" id="print-hint">${t.printHint}</span>
        ${
          offline
            ? html`<p class="notice" part="notice" role="status">${s.common.offlineStale(formatDate(savedAt ?? new Date(), this.i18n.locale))}</p>`
            : nothing
        }
        ${
          partial
            ? html`<p class="notice" part="notice" role="status">${t.partnersUnavailable}</p>
              <button type="button" class="secondary" part="retry" @click=${this.reload}>${s.common.retry}</button>`
            : nothing
        }
      </div>
      ${this.#sheet(site.data, data, savedAt)}
    </div>`;
  }

  #message(title: string, body: string, state: string, retry: boolean) {
    return html`<div part="base" class="base message" role="status" data-state=${state}>
      ${this.#heading(title, this.headingLevel, 'message-title')}
      <p>${body}</p>
      ${retry ? html`<button type="button" class="primary" part="retry" @click=${this.reload}>${this.i18n.strings.common.retry}</button>` : nothing}
    </div>`;
  }

  #heading(text: unknown, level: number, className: string, id?: string) {
    return html`<div role="heading" aria-level=${headingLevel(level)} class=${className} id=${id ?? nothing}>${text}</div>`;
  }

  #sheet(site: Site, data: { partners: SitePartners; directory: Directory } | undefined, savedAt: Date | undefined) {
    const s = this.i18n.strings;
    const t = this.#t;
    const locale = this.i18n.locale;
    const sub = this.headingLevel + 1;
    const { address } = site;
    const { url, leadsTo } = this.#qrTarget(site);
    const qrText = { own: t.qrOwn, site: t.qrSite, locator: t.qrLocator }[leadsTo];
    const logoUrl = this.#logoUrl();
    const withLogo = this.logoSlotted || logoUrl !== null;
    const nameSize = site.name.length > VERY_LONG_NAME ? 'very-long' : site.name.length > LONG_NAME ? 'long' : 'short';
    return html`<article class="sheet" part="sheet" aria-labelledby="poster-title">
      <div class="page" data-fit="0">
        <header class="header" part="header">
          <div role="heading" aria-level=${this.headingLevel} id="poster-title" class="title">
            <span class="kicker">${t.kicker}</span> <span class="claim">${t.title}</span>
          </div>
          <p class="pitch">${t.pitch}</p>
        </header>
        <!-- Not a landmark: the site's name heads it, and a page that also shows the site's own
             widgets (its card, its partners) would have two regions of the same name. -->
        <div class="site">
          ${site.kind === 'fixed' ? nothing : html`<p class="kind">${s.kinds[site.kind]}</p>`}
          <div role="heading" aria-level=${headingLevel(sub)} class="name" part="name" id="site-name" lang="fr" data-size=${nameSize}
            >${site.name}</div
          >
          <div class=${withLogo ? 'contact-row with-logo' : 'contact-row'}>
            <p class="contact" part="contact">
              <span class="address" lang="fr"
                >${address.street}${address.complement ? html`, ${address.complement}` : nothing}<br />${address.postcode}
                ${address.commune}</span
              >
              ${site.phone ? html`<span class="phone"><span class="visually-hidden">${t.phone} : </span>${site.phone}</span>` : nothing}
            </p>
            <div class="logo" part="logo" ?hidden=${!withLogo}>
              <slot name="logo" @slotchange=${this.#onLogoSlotChange}
                >${logoUrl ? html`<img src=${logoUrl} alt=${this.logoAlt.trim()} @error=${() => (this.logoFailed = true)} />` : nothing}</slot
              >
            </div>
          </div>
          ${site.itinerant ? html`<p class="itinerant">${t.itinerant}</p>` : nothing}
        </div>
        <section class="hours" aria-labelledby="hours-title">
          ${this.#heading(t.hoursTitle, sub, 'subtitle', 'hours-title')} ${this.#hours(site)} ${this.#exceptions(site)}
        </section>
        <div class="bottom">
          <div class="partners-column">
            <section class="national" part="partners" aria-labelledby="national-title">
              ${this.#heading(t.national, sub, 'subtitle', 'national-title')}
              ${data ? this.#national(data.partners, data.directory) : html`<p>${t.partnersUnavailable}</p>`}
            </section>
            ${data && (data.partners.local.length || data.partners.permanences.length) ? this.#local(data.partners, data.directory) : nothing}
          </div>
          <div class="qr-block">
            ${
              this.qrCode
                ? this.qrCode(url, t.qrLabel(url))
                : html`<div class="qr qr-pending" part="qr" data-failed=${this.qrFailed ? 'true' : 'false'} aria-hidden="true"></div>`
            }
            <p class="qr-text" part="qr-text">${qrText}</p>
            <p class="qr-type">${t.qrType}</p>
            <p class="url" part="url"><a href=${url}>${breakable(typed(url))}</a></p>
            ${
              site.booking
                ? html`<p class="booking" part="booking">
                    ${t.booking}
                    <a href=${bookingPageUrl(site.id, this.api)}>${breakable(typed(bookingPageUrl(site.id, this.api)))}</a>
                  </p>`
                : nothing
            }
          </div>
        </div>
        <footer class="footer" part="footer">
          <p>
            ${t.updatedOn(formatDate(savedAt ?? this.now ?? new Date(), locale))} ${s.common.source(SOURCES.sites.attribution)}.
            ${t.notOfficial}
          </p>
        </footer>
      </div>
    </article>`;
  }

  /** The week, days with the same hours on one row (« Du lundi au jeudi »), Monday first: fewer rows, larger type. */
  #hours(site: Site) {
    const s = this.i18n.strings;
    const t = this.#t;
    if (!hasHours(site.hours)) return html`<p>${s.hours.unknown}</p>`;
    const capital = (text: string) => text.charAt(0).toLocaleUpperCase(s.locale) + text.slice(1);
    const label = (days: DayKey[]) => {
      const first = s.days[days[0]!];
      const last = s.days[days.at(-1)!];
      return capital(days.length === 1 ? first : days.length === 2 ? t.dayPair(first, last) : t.dayRange(first, last));
    };
    return html`<table part="hours">
        <caption class="visually-hidden">${t.hoursCaption}</caption>
        <tbody>
          ${dayGroups(site.hours).map(
            ({ days, ranges }) => html`<tr class=${ranges.length ? '' : 'closed-day'} data-days=${days.join(' ')}>
              <th scope="row">${label(days)}</th>
              <td><span class="ranges">${timeRanges(ranges, s, this.i18n.locale)}</span></td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p class="note">${t.holidays} ${site.appointment ? t.appointmentYes : t.appointmentNo}.</p>`;
  }

  /**
   * The closures and exceptional hours of the next 60 days, always with their dates (a printed
   * sheet stays up for weeks: « aujourd’hui » would lie tomorrow).
   */
  #exceptions(site: Site) {
    const s = this.i18n.strings;
    const today = zonedParts(this.now ?? new Date(), site.time_zone).date;
    const upcoming = upcomingExceptions(site.exceptions, today).slice(0, MAX_EXCEPTIONS);
    if (upcoming.length === 0) return nothing;
    return html`<div class="exceptions" part="exceptions">
      <ul aria-label=${s.exceptions.upcomingTitle}>
        ${upcoming.map((e) => {
          const { head, detail } = exceptionParts(e, s, this.i18n.locale);
          return html`<li><strong>${head}</strong> ${detail}</li>`;
        })}
      </ul>
    </div>`;
  }

  /** A national partner in the words of the people reading the poster; the directory's short name for one the strings do not know. */
  #partnerName(id: string, directory: Directory): string {
    return (this.#t.partners as Record<string, string | undefined>)[id] ?? directory.partners.find((p) => p.id === id)?.short_name ?? id;
  }

  #national(sp: SitePartners, directory: Directory) {
    return html`<ul class="national-list" lang=${this.i18n.locale}>
      ${sp.national.map((id) => html`<li data-partner=${id}>${this.#partnerName(id, directory)}</li>`)}
    </ul>`;
  }

  #local(sp: SitePartners, directory: Directory) {
    const t = this.#t;
    const permanences = sp.permanences.slice(0, MAX_PERMANENCES);
    const hidden = sp.permanences.length - permanences.length;
    // The local partners no permanence shown names already.
    const named = new Set(permanences.map((p) => p.local_partner_id));
    const others = sp.local.filter((p) => !named.has(p.id));
    const local = others.slice(0, MAX_LOCAL);
    return html`<section class="local" part="local" aria-labelledby="local-title">
      ${this.#heading(t.localTitle, this.headingLevel + 1, 'subtitle', 'local-title')}
      ${
        permanences.length
          ? html`<ul class="permanences">
              ${permanences.map((p) => this.#permanence(p, sp, directory))}
            </ul>
            ${hidden > 0 ? html`<p class="note">${t.more(hidden)}</p>` : nothing}`
          : nothing
      }
      ${
        local.length
          ? html`<p>
            <span class="label">${permanences.length ? t.localOthers : t.local} :</span>
            <span lang="fr">${local.map((p) => p.name).join(', ')}</span>${
              others.length > local.length ? html` ${t.more(others.length - local.length)}` : '.'
            }
          </p>`
          : nothing
      }
    </section>`;
  }

  /**
   * One permanence in the words every widget uses (core `permanenceText`, `nextDatesText`): the
   * rule, which stays true as long as the poster is up, then its next dates.
   */
  #permanence(p: Permanence, sp: SitePartners, directory: Directory) {
    const s = this.i18n.strings;
    const locale = this.i18n.locale;
    const who = p.partner ? this.#partnerName(p.partner, directory) : (sp.local.find((x) => x.id === p.local_partner_id)?.name ?? '');
    const next = nextDatesText({ recurrence: p.recurrence, next: p.next.slice(0, MAX_DATES) }, s, locale);
    return html`<li data-permanence=${p.id}>
      <strong lang=${p.partner ? locale : 'fr'}>${who}</strong> — ${permanenceText(p, s, locale)}.${next ? html` <span class="next">${next}</span>` : nothing}
    </li>`;
  }
}
