import { isSiteId } from '@fs-widgets/contract/codes';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { ProblemType } from '@fs-widgets/contract';
import { TILE_ORIGINS } from '@fs-widgets/contract/embed';
import { WIDGET_CHUNKS_FILE } from '@fs-widgets/contract/widgets';
import type { AppContext } from '../app-context.js';
import { findCommune } from '../communes/commune-search.js';
import {
  embedPolicy,
  pageExternalOrigins,
  readEmbedRequest,
  renderBadRequestPage,
  renderEmbedPage,
  renderUnknownWidgetPage,
} from '../embed/embed-page.js';
import { loadWidgetManifest } from '../embed/widget-manifest.js';
import { PINNED_FILES, prepareWidgetReleases } from '../embed/widget-release.js';
import { sitePageRoutes } from './site-page.js';
import { HttpProblem } from '../http/problem.js';
import { sendRepresentation } from '../http/compression.js';
import { strongEtag } from '../http/etag.js';
import { loadWordPressPlugin, WORDPRESS_ZIP_NAME } from '../embed/wordpress-plugin.js';
import { originOf } from '../exports/data-inclusion.js';

export interface EmbedRoutesOptions {
  ctx: AppContext;
  /** The built widgets (`packages/embed/dist/`), also served unversioned at `/widgets/` (the latest). */
  distDir: string;
  /** `custom-elements.json` (written by `npm run analyze`). */
  manifestPath: string;
  /** Where each release is kept and served from (`FS_WIDGETS_ARCHIVE`, `var/widgets/` by default). */
  archiveDir: string;
  /** `public/` of the server: the configurator's page. */
  publicDir: string;
  /** The WordPress plugin's zip (`npm run build:wordpress`: `dist/france-services-widgets.zip`). */
  wordpressZip: string;
}

/** Each widget's chunks in a release, or none (a build before this file existed: the loader still preloads them). */
function readWidgetChunks(path: string, warn: (message: string) => void): Record<string, string[]> {
  if (!existsSync(path)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const safe = /^chunks\/[\w.-]+\.js$/;
    const entries = Object.entries(parsed as Record<string, unknown>).filter(
      (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((f) => typeof f === 'string' && safe.test(f)),
    );
    return Object.fromEntries(entries);
  } catch (err) {
    warn(`${path} is not readable JSON (${(err as Error).message}): embed pages will not preload their widget's chunks.`);
    return {};
  }
}

/** A release's files never change (a new version gets a new URL): browsers and CDNs keep them a year. */
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** Embed pages and the manifest change with a deployment: short caching, revalidated with the ETag. */
const PAGE_CACHE = 'public, max-age=300';

const INSEE = /^(\d{5}|2[AB]\d{3})$/;

/**
 * What host pages load: the configurator (`/configurateur`), the embed pages (`/embed/<tag>`),
 * each site's public page (`/s/<id>`, routes/site-page.ts),
 * the widgets of each release at `/widgets/v<version>/` (immutable) with their Subresource
 * Integrity (`/widgets/integrity.json`), and the custom elements manifest.
 */
export const embedRoutes: FastifyPluginAsync<EmbedRoutesOptions> = async (
  app,
  { ctx, distDir, manifestPath, archiveDir, publicDir, wordpressZip },
) => {
  const releases = prepareWidgetReleases({ distDir, manifestPath, archiveDir, version: ctx.version, warn: (m) => app.log.warn(m) });
  const manifest = loadWidgetManifest(manifestPath);
  const current = releases.current;
  const widgetsBase = current ? `/widgets/v${current.version}/` : '/widgets/';

  for (const release of releases.all) {
    await app.register(fastifyStatic, {
      root: release.dir,
      prefix: `/widgets/v${release.version}/`,
      decorateReply: false,
      index: false,
      preCompressed: true,
      // Never revalidated (a new version gets a new URL): no validators to send with each file.
      etag: false,
      lastModified: false,
      acceptRanges: false,
      immutable: true,
      maxAge: '365d',
    });
  }

  const chunksOf = current ? readWidgetChunks(join(current.dir, WIDGET_CHUNKS_FILE), (m) => app.log.warn(m)) : {};

  const integrity = current
    ? JSON.stringify({
        version: current.version,
        files: Object.fromEntries(
          PINNED_FILES.filter((f) => current.integrity[f]).map((f) => [
            f,
            { url: `/widgets/v${current.version}/${f}`, integrity: current.integrity[f] },
          ]),
        ),
        releases: releases.all.map((r) => r.version),
      })
    : null;
  const integrityEtag = integrity ? strongEtag(integrity) : '';

  app.get('/widgets/integrity.json', async (request, reply) => {
    if (!integrity) {
      throw new HttpProblem(404, ProblemType.notFound, 'Not found', 'The widgets are not built on this server: run `npm run build`.');
    }
    reply.header('cache-control', 'public, max-age=60').type('application/json; charset=utf-8');
    return reply.send(sendRepresentation(app.compressedCopies, request, reply, integrity, integrityEtag));
  });

  app.get('/widgets/custom-elements.json', async (request, reply) => {
    if (!manifest) {
      throw new HttpProblem(404, ProblemType.notFound, 'Not found', 'No custom elements manifest on this server: run `npm run analyze`.');
    }
    reply.header('cache-control', PAGE_CACHE).type('application/json; charset=utf-8');
    return reply.send(sendRepresentation(app.compressedCopies, request, reply, manifest.body, manifest.etag));
  });

  /** The name of the place an embed page shows, for its title: the commune, or the site. */
  async function placeOf(values: Record<string, string>): Promise<string | null> {
    const site = values['site-id'];
    if (site && isSiteId(site)) {
      const found = ctx.catalogue().get(site);
      if (found) return found.name;
    }
    const commune = values.commune?.toUpperCase();
    if (commune && INSEE.test(commune)) return (await findCommune(ctx.db, commune))?.name ?? null;
    return null;
  }

  app.get<{ Params: { tag: string } }>('/embed/:tag', async (request, reply) => {
    // Framable by any site, strict otherwise; never X-Frame-Options.
    reply.header('content-security-policy', embedPolicy()).header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.type('text/html; charset=utf-8');
    const widgets = manifest ? [...manifest.embeddable.keys()] : [];
    const widget = manifest?.embeddable.get(request.params.tag);
    if (!widget) {
      return reply.code(404).header('cache-control', 'no-store').send(renderUnknownWidgetPage(request.params.tag, widgets));
    }
    const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
    const embed = readEmbedRequest(widget, query);
    if (!embed.ok) return reply.code(400).header('cache-control', 'no-store').send(renderBadRequestPage(embed));
    const page = renderEmbedPage(embed, await placeOf(embed.values), {
      widgetsBase,
      loaderIntegrity: current?.integrity['fs-widgets.js'],
      chunks: chunksOf[widget.tag],
    });
    return reply
      .header('content-security-policy', embedPolicy(pageExternalOrigins(embed)))
      .header('cache-control', PAGE_CACHE)
      .send(page);
  });

  // Each site's short public page (`/s/2983`, what the poster prints): its card and the locator, from this release.
  await app.register(sitePageRoutes, {
    ctx,
    assets: {
      widgetsBase,
      loaderIntegrity: current?.integrity['fs-widgets.js'],
      chunks: [...new Set([...(chunksOf['fs-site-card'] ?? []), ...(chunksOf['fs-site-locator'] ?? [])])],
    },
    locator: manifest?.embeddable.get('fs-site-locator'),
    bookingAssets: { widgetsBase, loaderIntegrity: current?.integrity['fs-widgets.js'], chunks: chunksOf['fs-booking'] ?? [] },
  });

  // The WordPress plugin, set for this server: its address is the plugin's default server.
  const wordpress = loadWordPressPlugin(wordpressZip);
  app.get(`/wordpress/${WORDPRESS_ZIP_NAME}`, async (request, reply) => {
    if (!wordpress) {
      throw new HttpProblem(
        404,
        ProblemType.notFound,
        'Not found',
        'The WordPress plugin is not built on this server: run `npm run build:wordpress`.',
      );
    }
    const origin = originOf(request.protocol, request.host);
    if (!origin) throw new HttpProblem(400, ProblemType.validation, 'Bad request', 'The request’s Host is not a host name.');
    const body = wordpress.zipFor(origin);
    return reply
      .header('cache-control', 'no-cache')
      .header('etag', strongEtag(body))
      .header('content-disposition', `attachment; filename="${WORDPRESS_ZIP_NAME}"`)
      .header('x-plugin-version', wordpress.version)
      .type('application/zip')
      .send(body);
  });

  // The configurator: the site's own page (framed by itself only), where a preview may show a map.
  const configuratorFile = join(publicDir, 'configurateur', 'index.html');
  const configuratorPage = existsSync(configuratorFile) ? readFileSync(configuratorFile) : null;
  const configuratorPolicy = embedPolicy({ img: ['data:', ...Object.values(TILE_ORIGINS)], connect: [] }, "'self'");
  app.get('/configurateur', async (_request, reply) => {
    if (!configuratorPage) throw new HttpProblem(404, ProblemType.notFound, 'Not found', 'The configurator page is missing.');
    return reply
      .header('content-security-policy', configuratorPolicy)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(configuratorPage);
  });
  app.get('/configurateur/', async (_request, reply) => reply.redirect('/configurateur', 301));
};
