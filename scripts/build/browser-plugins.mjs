// The Rollup plugins of every browser bundle: the embed bundle (rollup.config.mjs) and the size
// report measure exactly the same build.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';
import { widgetLoadersPlugin } from './widget-registry.mjs';

/**
 * The embed loader's map from the widget registry (with each widget's chunks, which the loader
 * preloads together), workspace sources (`source` condition), Lit's production build, the markup
 * and CSS inside `html`/`css` templates minified, then the code.
 */
export function browserPlugins({ root = process.cwd(), tsconfig = 'tsconfig.esbuild.json' } = {}) {
  return [
    widgetLoadersPlugin({ preload: true }),
    nodeResolve({
      exportConditions: ['source', 'production', 'browser'],
      browser: true,
      rootDir: root,
      // For entries written outside the repository (the size report's floors).
      modulePaths: [`${root}/node_modules`, `${root}/packages/core/node_modules`],
    }),
    // Our own sources only: third-party packages ship as they are (and their templates may use
    // constructs the minifier cannot parse, which it reports on the console).
    // `conservativeCollapse`: runs of whitespace become one space, never nothing — text next to a
    // binding or an inline element ("Ouvert aujourd’hui ${time}") keeps its space in production.
    minifyTemplateLiterals({
      filter: (id) => /\/packages\/[^/]+\/src\/.*\.ts$/.test(id) && !id.includes('node_modules'),
      options: { minifyOptions: { conservativeCollapse: true } },
    }),
    esbuild({ target: 'es2021', tsconfig, minify: true, legalComments: 'none' }),
  ];
}
