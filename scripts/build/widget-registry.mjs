// The widget registry (packages/contract/src/widgets.ts) for the build and test scripts, which
// are plain Node modules: loaded through tsx, so the TypeScript file stays the one source.
import { tsImport } from 'tsx/esm/api';

const ROOT = new URL('../../', import.meta.url);

/** `{ WIDGETS, widgetName, widgetModule, widgetSource }` of the registry. */
export function loadWidgetRegistry() {
  return tsImport(new URL('packages/contract/src/widgets.ts', ROOT).href, import.meta.url);
}

/** The id the embed loader imports its map of tags to lazily imported modules from. */
export const WIDGET_LOADERS_ID = 'fs-widgets:widget-loaders';

/**
 * Rollup plugin: the embed loader's map (`import { widgetLoaders } from 'fs-widgets:widget-loaders'`),
 * one `() => import('@fs-widgets/<package>/<name>.js')` per element of the registry, so each
 * widget becomes a chunk of its own that a page fetches the first time it shows the widget.
 */
export function widgetLoadersPlugin() {
  const resolved = `\0${WIDGET_LOADERS_ID}`;
  return {
    name: 'fs-widgets: widget loaders',
    resolveId: (id) => (id === WIDGET_LOADERS_ID ? resolved : null),
    async load(id) {
      if (id !== resolved) return null;
      const { WIDGETS, widgetModule } = await loadWidgetRegistry();
      // Sorted by package: neighbouring imports share their text, which compresses better.
      const entries = [...WIDGETS]
        .sort((a, b) => a.package.localeCompare(b.package) || a.tag.localeCompare(b.tag))
        .map((w) => `  ${JSON.stringify(w.tag)}: () => import(${JSON.stringify(widgetModule(w))}),`);
      return `export const widgetLoaders = {\n${entries.join('\n')}\n};\n`;
    },
  };
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
