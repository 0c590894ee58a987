// Google's store locator (<gmpx-store-locator>, @googlemaps/extended-component-library)
// bundled and measured exactly like ours, by scripts/bench/size-report.mjs's `measure`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KB, measure } from './size-report.mjs';
import { ROOT, table } from './lib.mjs';

const GOOGLE_PKG = '@googlemaps/extended-component-library';
/** The package's `exports` entry of the store locator (lib/store_locator/store_locator.js). */
const GOOGLE_ENTRY = `${GOOGLE_PKG}/store_locator.js`;

/**
 * "Without Lit": what a page that already loads Lit shares (lit, lit-html, lit-element,
 * @lit/reactive-element). Google's @lit/context is not Lit itself and stays counted; ours
 * imports nothing else from @lit/*, so the same rule measures both.
 */
const litCore = [/^lit(-html|-element)?($|\/)/, /^@lit\/reactive-element($|\/)/];

const ours = 'packages/site-locator/src/site-locator/site-locator.ts';

export async function compareWithGoogle() {
  const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', GOOGLE_PKG, 'package.json'), 'utf8')).version;
  const code = `import '${GOOGLE_ENTRY}';`;
  const entries = [
    { name: '<gmpx-store-locator> with Lit', code },
    { name: '<gmpx-store-locator> without Lit', code, external: litCore },
    { name: '<fs-site-locator> with Lit', input: ours },
    { name: '<fs-site-locator> without Lit', input: ours, external: litCore },
  ];
  const results = [];
  for (const entry of entries) results.push({ entry, size: await measure(entry) });
  const kb = (n) => (n / KB).toFixed(1);
  const pct = (a, b) => `${a <= b ? '' : '+'}${(((a - b) / b) * 100).toFixed(0)} %`;
  const rows = results.map(({ entry, size }) => [
    entry.name,
    kb(size.min),
    kb(size.gzip),
    kb(size.brotli),
    size.lazy ? `+ ${kb(size.lazy.gzip)} KB gzip lazy` : '',
  ]);
  const [gWith, gWithout, oWith, oWithout] = results.map((r) => r.size.gzip);
  return {
    version,
    results,
    text: [
      `${GOOGLE_PKG} ${version}, entry '${GOOGLE_ENTRY}' (lib/store_locator/store_locator.js),`,
      'bundled like ours: Rollup + node-resolve (production, browser), esbuild minify, code splitting;',
      'initial chunks (entry + static imports), min+gzip level 9, brotli quality 11. KB = 1024 bytes.',
      '',
      table(['entry', 'min KB', 'gzip KB', 'brotli KB', 'loaded on demand'], rows, 'lrrrl'),
      '',
      `gzip, <fs-site-locator> vs <gmpx-store-locator>: ${pct(oWith, gWith)} with Lit, ${pct(oWithout, gWithout)} without Lit.`,
      'Not counted for <gmpx-store-locator>: the Google Maps JavaScript API, which it loads at run time',
      'from maps.googleapis.com (not measured: not reachable from this machine), and which needs a',
      'Google Maps Platform API key (a Google Cloud project with billing). It also takes its listings',
      'as JavaScript data; ours fetches them from its own server.',
    ].join('\n'),
  };
}
