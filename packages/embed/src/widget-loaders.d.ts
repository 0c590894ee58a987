/**
 * The embed loader's map of tags to their modules, generated from the widget registry at build
 * time by the Rollup plugin `widgetLoadersPlugin` (scripts/build/widget-registry.mjs).
 */
declare module 'fs-widgets:widget-loaders' {
  export const widgetLoaders: Readonly<Record<string, () => Promise<unknown>>>;
}
