// Builds every package's ESM output (dist/, one file per module, dependencies external) and
// the one-script embed bundle packages/embed/dist/fs-widgets.js (everything inlined, minified).
// Types come from `tsc -b` (npm run build:types).
import { builtinModules } from 'node:module';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const tsconfig = 'tsconfig.wtr.json';
const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

const library = (pkg, inputs) => ({
  input: Object.fromEntries(inputs.map((i) => [i.replace(/^src\//, '').replace(/\.ts$/, ''), `packages/${pkg}/${i}`])),
  external,
  plugins: [esbuild({ target: 'es2022', tsconfig })],
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

/** The embed bundle: what a town hall's page loads with one script tag. */
export const embedBundle = {
  input: 'packages/embed/src/index.ts',
  plugins: [
    nodeResolve({ exportConditions: ['source', 'production', 'browser'], browser: true }),
    esbuild({ target: 'es2021', tsconfig, minify: true, legalComments: 'none' }),
  ],
  output: { file: 'packages/embed/dist/fs-widgets.js', format: 'es', sourcemap: true, inlineDynamicImports: true },
};

export default [
  library('contract', ['src/index.ts', 'src/sources.ts']),
  library('core', ['src/index.ts', 'src/opening-hours/index.ts']),
  library('site-locator', ['src/index.ts', 'src/site-card/site-card.ts']),
  library('embed', ['src/index.ts']),
  {
    ...library('server', ['src/index.ts', 'src/main.ts', 'src/cli.ts']),
    external: (id) => external(id) || builtinModules.includes(id),
  },
  embedBundle,
];
