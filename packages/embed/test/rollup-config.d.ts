declare module '*/rollup.config.mjs' {
  import type { RollupOptions } from 'rollup';
  export const embedBundle: RollupOptions;
  export const frameScripts: RollupOptions[];
  export const libraryBuilds: RollupOptions[];
  const config: () => RollupOptions[];
  export default config;
}
