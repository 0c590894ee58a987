// The widget registry (packages/contract/src/widgets.ts) for the build and test scripts, which
// are plain Node modules: loaded through tsx, so the TypeScript file stays the one source.
import { posix } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const ROOT = new URL('../../', import.meta.url);

/** `{ WIDGETS, widgetName, widgetModule, widgetSource }` of the registry. */
export function loadWidgetRegistry() {
  return tsImport(new URL('packages/contract/src/widgets.ts', ROOT).href, import.meta.url);
}

/** The id the embed loader imports its map of tags to lazily imported modules from. */
export const WIDGET_LOADERS_ID = 'fs-widgets:widget-loaders';

/** Stands in the generated module for the table of chunks, until the chunks have names (`renderChunk`). */
const CHUNKS_MARKER = '__FS_WIDGET_CHUNKS__';

/**
 * Rollup plugin: the embed loader's map (`import { widgetLoaders } from 'fs-widgets:widget-loaders'`),
 * one `() => import('@fs-widgets/<package>/<name>.js')` per element of the registry, so each
 * widget becomes a chunk of its own that a page fetches the first time it shows the widget.
 *
 * With `preload` (the browser bundles), the module also exports `widgetChunks`: `[files, chunksOf]`,
 * the chunks each widget's chunk imports statically, directly or not (`files`: paths relative to
 * the loader; `chunksOf[tag]`: indexes in `files`), written into the loader once Rollup has named
 * the chunks. The loader asks for them all (`<link rel="modulepreload">`) while it imports the
 * widget, so a page fetches all of a widget's code in one round trip instead of discovering its
 * imports chunk after chunk. Without it (the packages' own builds, for bundlers) the table is empty.
 */
export function widgetLoadersPlugin({ preload = false } = {}) {
  const resolved = `\0${WIDGET_LOADERS_ID}`;
  /** Each tag's module, as Rollup resolved it (its chunk is found by it). */
  const moduleIds = new Map();
  return {
    name: 'fs-widgets: widget loaders',
    resolveId: (id) => (id === WIDGET_LOADERS_ID ? resolved : null),
    async load(id) {
      if (id !== resolved) return null;
      const { WIDGETS, widgetModule } = await loadWidgetRegistry();
      // Sorted by package: neighbouring imports share their text, which compresses better.
      const sorted = [...WIDGETS].sort((a, b) => a.package.localeCompare(b.package) || a.tag.localeCompare(b.tag));
      const entries = sorted.map((w) => `  ${JSON.stringify(w.tag)}: () => import(${JSON.stringify(widgetModule(w))}),`);
      if (preload) {
        for (const w of sorted) {
          const module = await this.resolve(widgetModule(w), resolved);
          if (!module) this.error(`Cannot resolve ${widgetModule(w)} (<${w.tag}>)`);
          moduleIds.set(w.tag, module.id);
        }
      }
      const chunks = preload ? JSON.stringify(CHUNKS_MARKER) : '[[], {}]';
      return `export const widgetLoaders = {\n${entries.join('\n')}\n};\nexport const widgetChunks = ${chunks};\n`;
    },
    async generateBundle(_options, bundle) {
      if (!preload) return;
      const { WIDGET_CHUNKS_FILE } = await loadWidgetRegistry();
      // The same lists with their final names, for the server's embed pages: each widget's own
      // chunk first, then what it imports (`<link rel="modulepreload">` for all of them in the
      // page's HTML, so they are fetched with the loader instead of after it).
      const loader = Object.values(bundle).find((c) => c.type === 'chunk' && c.moduleIds.includes(resolved));
      if (!loader) return;
      const files = {};
      for (const [tag, id] of moduleIds) {
        const own = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId === id);
        if (!own) continue;
        const deps = new Set();
        const visit = (fileName) => {
          for (const dep of bundle[fileName]?.imports ?? []) {
            if (deps.has(dep) || !bundle[dep]) continue;
            deps.add(dep);
            visit(dep);
          }
        };
        visit(own.fileName);
        deps.delete(loader.fileName);
        deps.delete(own.fileName);
        files[tag] = [own.fileName, ...[...deps].sort()];
      }
      this.emitFile({ type: 'asset', fileName: WIDGET_CHUNKS_FILE, source: `${JSON.stringify(files, null, 1)}\n` });
    },
    renderChunk(code, chunk, _options, meta) {
      if (!preload || !chunk.moduleIds.includes(resolved)) return null;
      const marker = JSON.stringify(CHUNKS_MARKER);
      if (!code.includes(marker)) this.error(`The table of chunks is missing from ${chunk.fileName}`);
      const table = chunksTable(chunk, meta.chunks, moduleIds);
      // Same lines, and nothing after the marker on its line: the source map stays right.
      return { code: code.replace(marker, () => table), map: null };
    },
  };
}

/**
 * `[files, chunksOf]` for the loader `chunk`: per tag, every chunk its widget's chunk imports
 * statically (transitively), but the loader itself and the widget's own chunk. File names still
 * hold Rollup's hash placeholders: Rollup puts the final names in, as for the loader's imports.
 */
function chunksTable(loader, chunks, moduleIds) {
  const all = Object.values(chunks);
  const dir = posix.dirname(loader.fileName);
  const perTag = [];
  const files = new Set();
  for (const [tag, id] of moduleIds) {
    const own = all.find((c) => c.facadeModuleId === id) ?? all.find((c) => c.moduleIds.includes(id));
    if (!own) throw new Error(`No chunk holds <${tag}> (${id})`);
    const deps = new Set();
    const visit = (fileName) => {
      for (const dep of chunks[fileName]?.imports ?? []) {
        if (deps.has(dep) || !chunks[dep]) continue; // external imports are not ours to fetch
        deps.add(dep);
        visit(dep);
      }
    };
    visit(own.fileName);
    deps.delete(loader.fileName);
    deps.delete(own.fileName);
    const relative = [...deps].map((f) => posix.relative(dir, f));
    relative.forEach((f) => files.add(f));
    perTag.push([tag, relative]);
  }
  const list = [...files].sort();
  const index = new Map(list.map((f, i) => [f, i]));
  const chunksOf = Object.fromEntries(
    perTag.filter(([, deps]) => deps.length).map(([tag, deps]) => [tag, deps.map((f) => index.get(f)).sort((a, b) => a - b)]),
  );
  return JSON.stringify([list, chunksOf]);
}

/**
 * The same map for web-test-runner's dev server (the component tests import the embed loader
 * from source): served as a module whose bare imports the dev server resolves like any other.
 */
export function widgetLoadersDevServerPlugin() {
  const path = '/__fs-widgets/widget-loaders.js';
  const rollupPlugin = widgetLoadersPlugin();
  return {
    name: 'fs-widgets: widget loaders (dev server)',
    resolveImport: ({ source }) => (source === WIDGET_LOADERS_ID ? path : undefined),
    async serve(context) {
      if (context.path === path) return { body: await rollupPlugin.load(`\0${WIDGET_LOADERS_ID}`), type: 'js' };
      return undefined;
    },
  };
}
