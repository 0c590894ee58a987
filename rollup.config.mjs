// Builds every package's ESM output (dist/, one file per module, dependencies external) and
// the one-script embed bundle packages/embed/dist/fs-widgets.js (everything inlined, minified).
// Types come from `tsc -b` (npm run build:types). Each package's inputs are its `exports` (the
// `source` condition), the `./*.js` pattern standing for its elements in the widget registry
// (packages/contract/src/widgets.ts): nothing here lists a widget.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import { browserPlugins } from './scripts/build/browser-plugins.mjs';
import { precompress } from './scripts/build/precompress.mjs';
import { loadWidgetRegistry, widgetLoadersPlugin, WIDGET_LOADERS_ID } from './scripts/build/widget-registry.mjs';

const tsconfig = 'tsconfig.esbuild.json';

const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && id !== WIDGET_LOADERS_ID;

const { WIDGETS, widgetSource } = await loadWidgetRegistry();

/**
 * A package's source entries: every `source` target of its `exports`, the `./*.js` pattern
 * expanded to the package's elements in the registry.
 */
function packageInputs(pkg) {
  const { exports = {} } = JSON.parse(readFileSync(`packages/${pkg}/package.json`, 'utf8'));
  const inputs = [];
  for (const [subpath, target] of Object.entries(exports)) {
    const source = typeof target === 'object' ? target.source : undefined;
    if (!source) continue;
    if (subpath.includes('*')) {
      for (const w of WIDGETS.filter((w) => w.package === pkg)) inputs.push(widgetSource(w).replace(`packages/${pkg}/`, ''));
    } else inputs.push(source.replace(/^\.\//, ''));
  }
  return inputs;
}

const library = (pkg, inputs) => ({
  input: Object.fromEntries(inputs.map((i) => [i.replace(/^src\//, '').replace(/\.ts$/, ''), `packages/${pkg}/${i}`])),
  external,
  plugins: [esbuild({ target: 'es2022', tsconfig }), widgetLoadersPlugin()],
  output: {
    dir: `packages/${pkg}/dist`,
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: `packages/${pkg}/src`,
    sourcemap: true,
  },
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
});

/** The modules of the embed bundle's shared `core` chunk (see `manualChunks` below). */
const SHARED_CHUNK = new RegExp(
  [
    // Lit without its directives (`live`: the partner directory and the configurator only).
    /node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\/(?!directives?[/.-])/,
    /node_modules\/idb\//,
    // The tokens but the key figures’ (three widgets) and the forms’ (the démarche and appointment widgets).
    /packages\/core\/src\/(storage\/|tokens\/(?!figures|forms))/,
    /packages\/core\/src\/base\/(heading-level|safe-href|events|define|fs-element)\.ts$/,
    /packages\/core\/src\/api\/(api-base|api-client|api-error|api-resource|response-cache|widgets-server)\.ts$/,
    // The idempotency key (about 150 bytes): the booking widget sends its write at once, without
    // the outbox’s chunk (2.9 KB brotli and a request): its page 30.7 → 27.8 KB, 9 → 8 requests.
    /packages\/core\/src\/outbox\/idempotency-key\.ts$/,
    /packages\/core\/src\/i18n\/(format|locale|strings\.fr|time-ranges)\.ts$/,
    /packages\/contract\/src\/(codes|sources)\.ts$/,
    /packages\/opening-hours\/src\/week\.ts$/,
  ]
    .map((r) => r.source)
    .join('|'),
);

/**
 * The opening hours the public widgets read, in two chunks: `hours` (local dates and time zones,
 * and the words of exceptional closures: the card, locator, banner, badge and poster) and
 * `status` (open now, the next opening, public holidays, the clock that keeps them true, a bus's
 * next visit: all of them but the poster).
 */
const HOURS_CHUNK = /packages\/opening-hours\/src\/(time-zone|department)\.ts$|packages\/core\/src\/i18n\/exception-text\.ts$/;
const STATUS_CHUNK =
  /packages\/opening-hours\/src\/(status|exceptions|holidays|time-of-day)\.ts$|packages\/core\/src\/(i18n\/stop-text|base\/minute-clock)\.ts$/;
/**
 * The rest of `@fs-widgets/opening-hours` (its index, recurrences, OSM and ANCT hours: the agents'
 * editors). Named, or Rollup would put the index, which `exception-text.ts` imports, into `hours`
 * with all it re-exports, and `hours` would then import `status`.
 */
const OPENING_HOURS_REST = /packages\/opening-hours\/src\/[\w-]+\.ts$/;

/** Which shared chunk a module of the embed bundle goes to (undefined: Rollup decides). */
function manualChunk(id) {
  if (SHARED_CHUNK.test(id)) return 'core';
  if (HOURS_CHUNK.test(id)) return 'hours';
  if (STATUS_CHUNK.test(id)) return 'status';
  if (OPENING_HOURS_REST.test(id)) return 'opening-hours';
  return undefined;
}

/** The embed bundle: what a town hall's page loads with one script tag. */
export const embedBundle = {
  input: 'packages/embed/src/index.ts',
  // Keep the entry's own code in fs-widgets.js (not a facade over a shared chunk): it computes
  // the API base from its own URL (import.meta.url), which must be the script's.
  preserveEntrySignatures: 'allow-extension',
  // Brotli and gzip copies beside each file, sent as they are by the server.
  plugins: [...browserPlugins({ tsconfig }), precompress()],
  output: {
    dir: 'packages/embed/dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: 'fs-widgets.js',
    // Lazy parts (the map and Leaflet), fetched relative to fs-widgets.js when first needed.
    chunkFileNames: 'chunks/[name]-[hash].js',
    // One shared chunk for what nearly every widget loads (Lit, idb, the API client, the tokens,
    // the shared words and small helpers) instead of a dozen chunks of a few hundred bytes: each
    // request costs about 340 bytes of headers and compresses worse alone. Measured with
    // scripts/bench/page-weight.mjs: the locator's page 31.1 → 29.7 KB on the wire, 14 → 10
    // requests. The week, its time ranges and the data sources' credit joined it in issue 15 (0.5 KB
    // brotli, read by seven widgets): the poster's page 30.3 → 28.9 KB and 16 → 13 requests, the
    // card's 24.5 → 23.0, the widgets that do not read them 0.1–0.2 KB more.
    // After issue 16, the base element, api-base and widgets-server joined it too (the loader no
    // longer imports api-base: it leaves its base in a global), Lit's directives, the key
    // figures' tokens and the minute clock left it, and the opening hours became two chunks
    // (`hours`, `status`) instead of four: the locator's page 35.9 → 34.1 KB and 13 → 10
    // requests, the banner's 30.5 → 26.8, the poster's 33.1 → 29.3 (with the strings parts of
    // that change). With five chunks and its first answer, all of the locator's requests leave at
    // once on a browser's six connections to a server (a seventh waited a round trip: 562 ms on
    // Fast 3G).
    manualChunks: manualChunk,
  },
};

/**
 * The two classic scripts of the iframe variant, next to fs-widgets.js: `fs-iframe-resize.js`
 * (on the host page: fits each iframe to its widget) and `embed-frame.js` (on the embed page:
 * reports the widget's height). No module, no chunk: a CMS may only allow a plain script tag.
 */
export const frameScripts = [
  ['packages/embed/src/iframe-resize.ts', 'packages/embed/dist/fs-iframe-resize.js'],
  ['packages/embed/src/embed-frame.ts', 'packages/embed/dist/embed-frame.js'],
].map(([input, file]) => ({
  input,
  plugins: [...browserPlugins({ tsconfig }), precompress()],
  output: { file, format: 'iife', sourcemap: true },
}));

export default () => {
  // Chunk names carry a content hash: clear the old ones so dist/ holds one build only.
  rmSync('packages/embed/dist/chunks', { recursive: true, force: true });
  return builds;
};

/** Each package's own build, its dist/ (what `npm pack` ships with the types): the packed-packages test builds them elsewhere. */
export const libraryBuilds = [
  ...readdirSync('packages')
    // `packages/wordpress` is a WordPress plugin (PHP and plain JS), not an npm package to build.
    .filter((pkg) => pkg !== 'server' && existsSync(`packages/${pkg}/package.json`))
    .map((pkg) => library(pkg, packageInputs(pkg))),
  {
    ...library('server', packageInputs('server').concat(['src/main.ts', 'src/cli.ts'])),
    external: (id) => external(id) || builtinModules.includes(id),
  },
];

const builds = [...libraryBuilds, embedBundle, ...frameScripts];
