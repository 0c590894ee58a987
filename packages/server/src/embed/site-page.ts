import type { ExceptionalHours, Site } from '@fs-widgets/contract';
import { EMBED_WIDGETS, escapeHtml } from '@fs-widgets/contract/embed';
import { addDays } from '@fs-widgets/opening-hours';
import { localDay } from '../dates/local-day.js';
import { loaderTags, pageHead, placeholder, type PageAssets } from './embed-page.js';

/**
 * The public page of one site, `/s/<id>`: what the poster's QR code opens and what it prints
 * under it (short enough to type). The site's card (hours, open now, address, phone), the way
 * there, and the locator on its commune for the other sites around (its own title, « Trouver une
 * France services », is the page's second heading). The same skeleton as the
 * embed pages (`pageHead`, `/embed-page.css`, the loader with its chunks, the placeholders) and
 * the same strict policy (routes/site-page.ts), but a page of its own: indexable, with a
 * description, laid out by `/site-page.css`.
 */

/** The page's own style sheet, after `/embed-page.css` (which gives the placeholders and `.visually-hidden`). */
const STYLESHEET = '\n    <link rel="stylesheet" href="/site-page.css" />';

/**
 * Directions on OpenStreetMap to the site, the start left for the visitor to give (or to take
 * from their position): no third party learns who looks at the page until they follow the link.
 */
export function directionsTo(site: Pick<Site, 'location'>): string {
  const { lat, lon } = site.location;
  return `https://www.openstreetmap.org/directions?route=%3B${lat.toFixed(6)}%2C${lon.toFixed(6)}`;
}

/** "Rue du Faubourg Montbel, préfecture, 48000 Mende": the address on one line. */
function addressLine(site: Site): string {
  const { street, complement, postcode, commune } = site.address;
  return [street, complement, `${postcode} ${commune}`].filter(Boolean).join(', ');
}

/** The title and description of a site's page, as search engines and shared links show them. */
export function sitePageMeta(site: Site): { title: string; description: string } {
  const where = site.address.commune;
  return {
    title: `${site.name} — horaires, adresse et itinéraire`,
    description: site.itinerant
      ? `${site.name} (France services itinérante) : horaires, lieux de passage, téléphone, et les autres France services autour de ${where}.`
      : `${site.name}, ${addressLine(site)} : horaires d’ouverture, téléphone, itinéraire, et les autres France services autour de ${where}.`,
  };
}

/** How far ahead the page lists closures and exceptional hours: two months, as the card and the poster. */
const NOTICE_DAYS = 60;

const dayMonth = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** « 24 décembre », « 1er janvier », with the year when it is not this year's: « 4 janvier 2027 ». */
function dateFr(date: string, today: string): string {
  const text = (date.slice(0, 4) === today.slice(0, 4) ? dayMonth : dayMonthYear).format(new Date(`${date}T12:00:00Z`));
  return text.replace(/^1(\s)/, '1er$1');
}

/** « 9 h », « 13 h 30 ». */
const clockFr = (hhmm: string) => {
  const [h, m] = hhmm.split(':');
  return m === '00' ? `${Number(h)} h` : `${Number(h)} h ${m}`;
};

/**
 * One exception in plain French: « Fermé exceptionnellement le 24 décembre (congés) », « Fermé
 * exceptionnellement du 24 décembre au 2 janvier 2027 (congés) », « Horaires exceptionnels le
 * 31 décembre : 9 h – 12 h (inventaire) ».
 */
export function exceptionFr(
  exception: Pick<ExceptionalHours, 'starts_on' | 'ends_on' | 'closed' | 'hours' | 'reason'>,
  today: string,
): string {
  const when =
    exception.starts_on === exception.ends_on
      ? `le ${dateFr(exception.starts_on, today)}`
      : `du ${dateFr(exception.starts_on, today)} au ${dateFr(exception.ends_on, today)}`;
  const reason = exception.reason.trim() ? ` (${exception.reason.trim()})` : '';
  if (exception.closed) return `Fermé exceptionnellement ${when}${reason}`;
  const hours = exception.hours.map((range) => `${clockFr(range.opens)} – ${clockFr(range.closes)}`).join(' et ');
  return `Horaires exceptionnels ${when} : ${hours}${reason}`;
}

/** « Informations vérifiées le 7 décembre 2026 », the day in the site's time zone. */
export function verifiedFr(verifiedAt: string, timeZone: string): string {
  const text = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(new Date(verifiedAt));
  return `Informations vérifiées le ${text.replace(/^1(\s)/, '1er$1')}`;
}

/**
 * What the site published of itself, written in the page (readable before the widgets load, and
 * by search engines): its closures and exceptional hours under way or starting within two
 * months, and when an agent last confirmed its information.
 */
function siteNotices(site: Site, now: Date): string {
  const today = localDay(now, site.time_zone);
  const last = addDays(today, NOTICE_DAYS);
  const soon = site.exceptions.filter((e) => e.ends_on >= today && e.starts_on <= last);
  const list =
    soon.length === 0
      ? ''
      : `<section class="site-page-exceptions" aria-labelledby="exceptions-title">
        <h2 id="exceptions-title">Fermetures et horaires exceptionnels</h2>
        <ul>
          ${soon.map((e) => `<li>${escapeHtml(exceptionFr(e, today))}</li>`).join('\n          ')}
        </ul>
      </section>`;
  const verified = site.verified_at ? `<p class="site-page-verified">${escapeHtml(verifiedFr(site.verified_at, site.time_zone))}</p>` : '';
  return [list, verified].filter(Boolean).join('\n      ');
}

/** The page of a site: its card, its closures and exceptional hours, the way there, the locator on its commune. */
export function renderSitePage(site: Site, assets: PageAssets, now: Date = new Date()): string {
  const { title, description } = sitePageMeta(site);
  const name = escapeHtml(site.name);
  const card = EMBED_WIDGETS['fs-site-card']!.title;
  const locator = EMBED_WIDGETS['fs-site-locator']!.title;
  // A bus or roaming site has no counter at its address (the list gives its carrier's): no directions there.
  const directions = site.itinerant
    ? `<p>Cette France services se déplace : ses lieux et jours de passage sont sur sa fiche, ci-dessus, ou demandez-les par téléphone.</p>`
    : `<p class="site-page-address">${escapeHtml(addressLine(site))}</p>
        <p><a class="site-page-directions" href="${escapeHtml(directionsTo(site))}">Voir l’itinéraire</a> sur la carte OpenStreetMap</p>`;
  return `${pageHead('fr', title, { description, indexable: true, extra: STYLESHEET + loaderTags(assets) })}
  <body data-page="site">
    <main class="site-page">
      <h1 class="visually-hidden">${name}</h1>
      <fs-site-card site-id="${escapeHtml(site.id)}">${placeholder(card, site.name, 'fr')}</fs-site-card>
      ${siteNotices(site, now)}
      <section class="site-page-way" aria-labelledby="way-title">
        <h2 id="way-title">${site.itinerant ? 'Où la trouver' : 'Comment y aller'}</h2>
        ${directions}
      </section>
      <div class="site-page-around">
        <fs-site-locator commune="${escapeHtml(site.address.insee_commune)}" no-url-state>${placeholder(locator, site.address.commune, 'fr')}</fs-site-locator>
      </div>
    </main>
  </body>
</html>
`;
}

/**
 * `/s/<id>/rdv`: booking at a site (what « Prendre rendez-vous » of the locator, the card and the
 * poster lead to when the host page has no `<fs-booking>` of its own), and `/rdv/<code>`: one
 * appointment, to cancel or move it (the link of the confirmation and of the reminder). The
 * element does the rest; the site's name is in the title only when the page names a site.
 */
export function renderBookingPage(target: { site: Site } | { code: string }, assets: PageAssets): string {
  const booking = EMBED_WIDGETS['fs-booking']!.title;
  const title = 'site' in target ? `Prendre rendez-vous — ${target.site.name}` : 'Mon rendez-vous France services';
  const attribute = 'site' in target ? `site-id="${escapeHtml(target.site.id)}"` : `code="${escapeHtml(target.code)}"`;
  return `${pageHead('fr', title, { extra: STYLESHEET + loaderTags(assets) })}
  <body data-page="booking">
    <main class="site-page">
      <h1 class="visually-hidden">${escapeHtml(title)}</h1>
      <fs-booking ${attribute}>${placeholder(booking, 'site' in target ? target.site.name : null, 'fr')}</fs-booking>
    </main>
  </body>
</html>
`;
}

/**
 * The page for an address that names no site: unknown (404) or not a site's number at all (400,
 * a mistyped address). It says so in plain French, and offers the locator to find one anyway.
 */
export function renderSiteNotFoundPage(kind: 'unknown' | 'malformed', id: string, assets: PageAssets): string {
  const title = kind === 'unknown' ? 'France services introuvable' : 'Adresse incorrecte';
  const shown = escapeHtml(id.length > 40 ? `${id.slice(0, 40)}…` : id);
  const why =
    kind === 'unknown'
      ? `Aucune France services ne porte le numéro ${shown}. L’adresse a peut-être été mal recopiée, ou cette France services a fermé ou changé de numéro.`
      : `« ${shown} » n’est pas un numéro de France services. L’adresse d’une France services se termine par son numéro, par exemple <code>/s/2983</code> : vérifiez l’adresse recopiée.`;
  const locator = EMBED_WIDGETS['fs-site-locator']!.title;
  return `${pageHead('fr', title, { extra: STYLESHEET + loaderTags(assets) })}
  <body data-page="site">
    <main class="site-page">
      <h1>${title}</h1>
      <p>${why}</p>
      <div class="site-page-around">
        <fs-site-locator no-url-state>${placeholder(locator, null, 'fr')}</fs-site-locator>
      </div>
    </main>
  </body>
</html>
`;
}
