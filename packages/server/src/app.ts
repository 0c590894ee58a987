import { existsSync } from 'node:fs';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_PREFIX } from '@fs-widgets/contract';
import type { AppContext } from './app-context.js';
import { registerCompression, sendRepresentation } from './http/compression.js';
import { strongEtag } from './http/etag.js';
import { frameworkErrors, registerProblemHandlers } from './http/problem.js';
import { communesRoutes } from './routes/communes.js';
import { directoryRoutes } from './routes/directory.js';
import { embedRoutes, IMMUTABLE_CACHE } from './routes/embed.js';
import { exportsRoutes } from './routes/exports.js';
import { actsRoutes } from './routes/acts.js';
import { appointmentsRoutes } from './routes/appointments.js';
import { agendaRoutes } from './routes/agenda.js';
import { appointmentStatsRoutes } from './routes/appointment-stats.js';
import { activityStatsRoutes } from './routes/activity-stats.js';
import { casesRoutes } from './routes/cases.js';
import { feedbackRoutes } from './routes/feedback.js';
import { keyFiguresRoutes } from './routes/key-figures.js';
import { metaRoutes } from './routes/meta.js';
import { outreachRoutes } from './routes/outreach.js';
import { satisfactionStatsRoutes } from './routes/satisfaction-stats.js';
import { sitesRoutes } from './routes/sites.js';
import { siteInfoRoutes } from './routes/site-info.js';
import { siteAccessRoutes } from './routes/site-access.js';
import { carriersRoutes } from './routes/carriers.js';
import { departementOutlinesRoutes } from './routes/departement-outlines.js';
import { coverageRoutes } from './routes/coverage.js';
import { observatoryRoutes } from './routes/observatory.js';
import { PUBLIC_DIR, REPO_ROOT } from './paths.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's CORS settings, over the app's (@fastify/cors reads them). */
    cors?: FastifyCorsOptions | false;
    /** `Cache-Control` of this route's 200 answers to GET; `no-store` (private data) also means no ETag. */
    cacheControl?: string;
  }
}

export interface AppOptions {
  ctx: AppContext;
  logger?: FastifyServerOptions['logger'];
  corsOrigin?: string;
  /** Fastify's `trustProxy` (`FS_TRUST_PROXY`): whether `X-Forwarded-For` gives the client's IP. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Serve the demo page and the built widgets (off in API-only tests). */
  serveStatic?: boolean;
  /**
   * Where the widgets come from (tests give fixtures): the build (`packages/embed/dist/`), the
   * custom elements manifest, the folder each release is kept in (`FS_WIDGETS_ARCHIVE`), and the
   * WordPress plugin's zip (`npm run build:wordpress`).
   */
  widgets?: { distDir?: string; manifestPath?: string; archiveDir?: string; wordpressZip?: string };
}

/**
 * The demo page runs under the strict policy a careful host page would set: the widgets need
 * no inline script, no eval and no inline style.
 */
export const DEMO_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";

/** Public data changes only when the list is re-imported: let browsers and CDNs keep it a while. */
const PUBLIC_CACHE = 'public, max-age=300, stale-while-revalidate=3600';

/**
 * How long browsers and CDNs keep a file of `/widgets/`: the chunks carry their content's hash
 * in their name (a new build, a new name), so they are kept a year without asking again; the
 * loader and the two frame scripts keep their name from one build to the next, so they are
 * kept a short while, then revalidated with their ETag (a 304 when unchanged).
 */
export function widgetCacheControl(path: string): string {
  return /[\\/]chunks[\\/][^\\/]+-[\w-]{8}\.js(?:\.map)?(?:\.br|\.gz)?$/.test(path) ? IMMUTABLE_CACHE : LOADER_CACHE;
}

/** The unversioned loader: short-lived, so a deployment reaches pages within minutes. */
export const LOADER_CACHE = 'public, max-age=300';

export async function buildApp({
  ctx,
  logger = false,
  corsOrigin = '*',
  trustProxy = false,
  serveStatic = true,
  widgets: widgetPaths = {},
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy,
    bodyLimit: 64 * 1024,
    // Query strings are small; a long one is an abuse, not a search.
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerProblemHandlers(app);
  // Before the routes (it hooks each as it is added); its per-route onSend runs after the app's
  // hook below, which compresses cacheable API answers once per ETag.
  await registerCompression(app);

  // Read-only for browsers by default; the routes that accept writes from widgets say so in their config (feedback, acts, cases).
  await app.register(cors, { origin: corsOrigin, methods: ['GET', 'HEAD', 'OPTIONS'] });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'France services widgets API',
        version: ctx.version,
        description:
          'Public API behind the France services widgets: sites of the France services network, communes, data sources. Errors are RFC 9457 problem+json. Independent open-source project, not an official State service.',
        license: { name: 'MIT' },
      },
      tags: [
        { name: 'sites', description: 'France services sites (ANCT list)' },
        { name: 'communes', description: 'Communes and postcodes' },
        { name: 'meta', description: 'Data sources and attribution' },
        { name: 'satisfaction', description: 'Satisfaction answers, their public figures and the agents’ export' },
        { name: 'demarches', description: 'Démarche tracker: the agents’ acts and activity figures, follow-up cases and their codes' },
        {
          name: 'directory',
          description: 'Partner directory: national partners and common démarches, each site’s local partners and permanences',
        },
        { name: 'exports', description: 'The network’s data in national formats (data·inclusion)' },
        { name: 'figures', description: 'Public key figures of the network and of each site (communication kit)' },
        {
          name: 'site-admin',
          description: 'A site’s own administration: its agents’ and managers’ access, its history; the sites nobody verified',
        },
        {
          name: 'observatory',
          description: 'The network observatory: views of a département, a carrier or the network for their observers; carriers',
        },
        {
          name: 'appointments',
          description:
            'Booking an appointment at a site without an account: what can be booked, free slots, the booking code; agents’ settings, agenda and statistics',
        },
      ],
      components: {
        securitySchemes: {
          bearerToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'A token `fsw_<id>.<secret>` made with `npm run server -- token create` (docs/security.md).',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // Pages that set their own policy keep it (the embed pages are framable by any site).
    if (
      !request.url.startsWith('/api/') &&
      String(reply.getHeader('content-type') ?? '').startsWith('text/html') &&
      !reply.hasHeader('content-security-policy')
    ) {
      reply.header('content-security-policy', DEMO_CSP);
    }
    if (request.url.startsWith(API_PREFIX) && (request.method === 'GET' || request.method === 'HEAD')) {
      const cacheControl = request.routeOptions.config?.cacheControl ?? PUBLIC_CACHE;
      reply.header('cache-control', reply.statusCode === 200 ? cacheControl : 'no-store');
      // A strong ETag lets a widget or a CDN revalidate its copy for a 304 without a body.
      if (reply.statusCode === 200 && cacheControl !== 'no-store' && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        // Compressed once per ETag and kept; @fastify/compress leaves it as it is.
        return sendRepresentation(app.compressedCopies, request, reply, payload, strongEtag(payload));
      }
    }
    return payload;
  });

  await app.register(
    async (api) => {
      await api.register(sitesRoutes, { ctx });
      await api.register(communesRoutes, { ctx });
      await api.register(metaRoutes, { ctx });
      await api.register(feedbackRoutes, { ctx });
      await api.register(satisfactionStatsRoutes, { ctx });
      await api.register(keyFiguresRoutes, { ctx });
      await api.register(actsRoutes, { ctx });
      await api.register(casesRoutes, { ctx });
      await api.register(activityStatsRoutes, { ctx });
      await api.register(directoryRoutes, { ctx });
      await api.register(siteInfoRoutes, { ctx });
      await api.register(outreachRoutes, { ctx });
      await api.register(exportsRoutes, { ctx });
      await api.register(siteAccessRoutes, { ctx });
      await api.register(carriersRoutes, { ctx });
      await api.register(departementOutlinesRoutes);
      await api.register(coverageRoutes, { ctx });
      await api.register(observatoryRoutes, { ctx });
      await api.register(appointmentsRoutes, { ctx });
      await api.register(agendaRoutes, { ctx });
      await api.register(appointmentStatsRoutes, { ctx });
    },
    { prefix: API_PREFIX },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (serveStatic) {
    const widgets = widgetPaths.distDir ?? `${REPO_ROOT}packages/embed/dist/`;
    if (existsSync(PUBLIC_DIR)) await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: '/' });
    if (existsSync(widgets)) {
      await app.register(fastifyStatic, {
        root: widgets,
        prefix: '/widgets/',
        decorateReply: false,
        // The `.br` and `.gz` written beside each file at build (scripts/build/precompress.mjs).
        preCompressed: true,
        setHeaders: (reply, path) => {
          const cacheControl = widgetCacheControl(path);
          reply.header('cache-control', cacheControl);
          // Never revalidated: validators would be bytes on every response for nothing.
          if (cacheControl === IMMUTABLE_CACHE) reply.removeHeader('etag').removeHeader('last-modified').removeHeader('accept-ranges');
        },
      });
    }
    // Browsers ask every page's origin for an icon: no icon (the look stays neutral), and no 404 in the console.
    app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(204).header('cache-control', 'public, max-age=86400').send(),
    );
    // The configurator, the embed pages, the versioned widgets with their integrity, the manifest.
    await app.register(embedRoutes, {
      ctx,
      distDir: widgets,
      manifestPath: widgetPaths.manifestPath ?? `${REPO_ROOT}custom-elements.json`,
      archiveDir: widgetPaths.archiveDir ?? `${REPO_ROOT}var/widgets/`,
      publicDir: PUBLIC_DIR,
      wordpressZip: widgetPaths.wordpressZip ?? `${REPO_ROOT}dist/france-services-widgets.zip`,
    });
  }
  return app;
}
