import type { FastifyPluginAsync } from 'fastify';
import { isSiteId } from '@fs-widgets/contract/codes';
import { TILE_ORIGINS, externalOrigins, type WidgetDeclaration } from '@fs-widgets/contract/embed';
import type { AppContext } from '../app-context.js';
import { SITE_DATA_CACHE } from '../http/cache-control.js';
import { embedPolicy, type PageAssets } from '../embed/embed-page.js';
import { renderBookingPage, renderSiteNotFoundPage, renderSitePage } from '../embed/site-page.js';

export interface SitePageRoutesOptions {
  ctx: AppContext;
  /** The release's loader and the chunks of the card and the locator (the embed routes know them). */
  assets: PageAssets;
  /** The locator as the manifest declares it, for the origins its map needs; its default tiles without a manifest. */
  locator?: WidgetDeclaration;
  /** The loader and the chunks of `<fs-booking>`, for `/s/<id>/rdv` and `/rdv/<code>` (default: `assets`). */
  bookingAssets?: PageAssets;
}

/** A site's page changes with what its agents publish (a closure): kept a minute at most, as the site's data. */
const PAGE_CACHE = SITE_DATA_CACHE;

/**
 * `/s/<id>`: the short public page of a site (`/s/2983`), the address a poster prints and encodes
 * in its QR code. Under the embed pages' strict policy, framed by this server only; 404 with a
 * French page for an unknown site, 400 for what is no site number. Query parameters are ignored
 * (a QR code reader or a link shortener may add some): the page depends on the path alone.
 */
export const sitePageRoutes: FastifyPluginAsync<SitePageRoutesOptions> = async (app, { ctx, assets, locator, bookingAssets = assets }) => {
  const origins = locator ? externalOrigins(locator, {}) : { img: [TILE_ORIGINS.osm!], connect: [] };
  const policy = embedPolicy(origins, "'self'");

  app.get<{ Params: { id: string } }>('/s/:id', { schema: { hide: true } }, async (request, reply) => {
    reply
      .header('content-security-policy', policy)
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .type('text/html; charset=utf-8');
    const id = request.params.id;
    if (!isSiteId(id))
      return reply
        .code(400)
        .header('cache-control', 'no-store')
        .send(renderSiteNotFoundPage('malformed', id, assets));
    const site = ctx.catalogue().get(id);
    if (!site)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .send(renderSiteNotFoundPage('unknown', id, assets));
    return reply.header('cache-control', PAGE_CACHE).send(renderSitePage(site, assets));
  });

  // Booking at a site: where « Prendre rendez-vous » leads when the host page has no <fs-booking>.
  app.get<{ Params: { id: string } }>('/s/:id/rdv', { schema: { hide: true } }, async (request, reply) => {
    reply
      .header('content-security-policy', policy)
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .type('text/html; charset=utf-8');
    const id = request.params.id;
    const site = isSiteId(id) ? ctx.catalogue().get(id) : undefined;
    if (!site) {
      return reply
        .code(isSiteId(id) ? 404 : 400)
        .header('cache-control', 'no-store')
        .send(renderSiteNotFoundPage(isSiteId(id) ? 'unknown' : 'malformed', id, assets));
    }
    return reply.header('cache-control', PAGE_CACHE).send(renderBookingPage({ site }, bookingAssets));
  });

  // One appointment by its code (the confirmation's and the reminder's link): the element checks
  // the code itself and says what is wrong with a mistyped one. The code is a secret of sorts: the
  // page is never cached and sends no referrer.
  app.get<{ Params: { code: string } }>('/rdv/:code', { schema: { hide: true } }, async (request, reply) =>
    reply
      .header('content-security-policy', policy)
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderBookingPage({ code: request.params.code.slice(0, 40) }, bookingAssets)),
  );
};
