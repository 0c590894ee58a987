// Component tests: real Chromium (Debian's, never a downloaded one) against the real server
// on a real SQLite file with the real data (test-support/real-server.mjs), through a proxy whose
// network the tests can cut (test-support/test-network.mjs). See docs/reliability.md.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, findChromium, freePort } from './scripts/test/chromium.mjs';
import { realServer } from './test-support/real-server.mjs';
import { testNetwork } from './test-support/test-network.mjs';
import { widgetLoadersDevServerPlugin } from './scripts/build/widget-registry.mjs';

const chromePath = findChromium();

const apiPort = await freePort();
const apiOrigin = `http://127.0.0.1:${apiPort}`;
const dataDir = mkdtempSync(join(tmpdir(), 'fs-widgets-wtr-'));

export default {
  files: ['packages/*/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'development'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [testNetwork({ apiOrigin, dataDir })],
  plugins: [
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.esbuild.json', target: 'es2022' }),
    widgetLoadersDevServerPlugin(),
    realServer({ apiOrigin, apiPort, dataDir }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="fr">
      <head><script>window.FS_TEST_API = ${JSON.stringify(`${apiOrigin}/api/v1`)}; window.FS_TEST_SEED = ${JSON.stringify(process.env.FS_TEST_SEED ?? '')};</script></head>
      <body><script type="module" src="${testFramework}"></script></body>
    </html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: CHROMIUM_ARGS,
      },
      // No HTTP cache between test files: the public answers are cacheable for a minute, and a
      // file must not see figures another file read before this one's writes. (The widgets' own
      // offline copies are IndexedDB, which the tests clear themselves.)
      async createPage({ browser }) {
        const page = await browser.newPage();
        await page.setCacheEnabled(false);
        return page;
      },
    }),
  ],
};
