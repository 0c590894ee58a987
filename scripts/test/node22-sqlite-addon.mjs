// Loaded with `--import` (through NODE_OPTIONS, so the test runner's file processes and the
// servers the tests spawn get it too) when the server tests run on Node 22
// (`scripts/test/test-node22.mjs`): `better-sqlite3` resolves to the copy compiled for Node 22's
// ABI by `scripts/test/prepare-node22.mjs`, so the install in node_modules/ keeps its Node 20
// build. The copy holds the same version's JavaScript; its `bindings` still resolves from the
// repository's node_modules/.
import { registerHooks } from 'node:module';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = process.env.FS_NODE22_SQLITE_DIR;
if (!dir || !existsSync(`${dir}/build/Release/better_sqlite3.node`)) {
  throw new Error(
    `FS_NODE22_SQLITE_DIR must be a copy of better-sqlite3 built for this Node (${process.version}); got "${dir ?? ''}". ` +
      'Run `node scripts/test/prepare-node22.mjs` (.ci/run does).',
  );
}
const main = pathToFileURL(`${dir}/lib/index.js`).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'better-sqlite3') return { url: main, format: 'commonjs', shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
