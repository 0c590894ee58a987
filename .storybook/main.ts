import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions } from 'vite';

/**
 * Storybook for the component catalogue. Stories live in the root `stories/` folder and import
 * the widgets' TypeScript sources directly (no build needed); the introduction's pages are MDX
 * (`stories/introduction/*.mdx`), shown first (`storySort` in preview.ts).
 */
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|js)'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  // With telemetry on, every start and build waits for a network that is not there.
  core: { disableTelemetry: true },
  async viteFinal(config) {
    return {
      ...config,
      resolve: {
        ...config.resolve,
        // Workspace packages export their sources under the `source` condition
        // (`@fs-widgets/site-locator` → `src/index.ts`), as in the tests and `npm run server`.
        conditions: ['source', ...(config.resolve?.conditions ?? defaultClientConditions)],
      },
      esbuild: {
        ...(typeof config.esbuild === 'object' ? config.esbuild : {}),
        // The sources use TypeScript's legacy decorators (as tsconfig.base.json says); without this,
        // Lit throws "Unsupported decorator location: field".
        tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      },
      // Storybook's own docs and a11y (axe) chunks are about 1 MB: not the widgets' size budget.
      build: { ...config.build, chunkSizeWarningLimit: 1500 },
    };
  },
};

export default config;
