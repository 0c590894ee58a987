/**
 * The embed loader's map of tags to their modules, generated from the widget registry at build
 * time by the Rollup plugin `widgetLoadersPlugin` (scripts/build/widget-registry.mjs).
 */
declare module 'fs-widgets:widget-loaders' {
  export const widgetLoaders: Readonly<Record<string, () => Promise<unknown>>>;
  /**
   * `[files, chunksOf]`: the chunks each widget's chunk imports statically, directly or not
   * (paths relative to the loader, then per tag their indexes in `files`), for the loader to
   * preload them together. Empty outside the embed bundle.
   */
  export const widgetChunks: readonly [files: readonly string[], chunksOf: Readonly<Record<string, readonly number[]>>];
}
