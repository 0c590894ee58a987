declare module '*/rollup.config.mjs' {
  import type { RollupOptions } from 'rollup';
  export const embedBundle: RollupOptions;
  const config: () => RollupOptions[];
  export default config;
}
