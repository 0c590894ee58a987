#!/usr/bin/env node
// Size report: min+gzip (and brotli) of each entry a page can load, against the budgets.
// Usage: npm run size   (exits 1 when an entry is over its budget)
// Also a module: `npm run bench` (scripts/bench/run.mjs) imports `sizeReport`, `measure` and
// `formatSizeTable` to print the same report and to measure other libraries the same way.
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { browserPlugins } from '../build/browser-plugins.mjs';
import { loadWidgetRegistry } from '../build/widget-registry.mjs';

export const KB = 1024;

/** The repository's root: entries are resolved from it whatever the working directory. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What a page loads at first, in KB of min+gzip, against each element's budget in the widget
 * registry (packages/contract/src/widgets.ts): Lit not counted (a page has it once for all its
 * widgets). What is fetched on demand (the map with Leaflet when a person opens it, the English
 * strings on an English page, the QR code maker) is reported apart. Plus the loader, a card
 * with Lit (a page that embeds one card alone), and the floors of the libraries.
 */
export const withoutLit = [/^lit/, /^@lit\//];
const { WIDGETS, widgetSource } = await loadWidgetRegistry();
export const entries = [
  // The loader's map names every element of the registry and the chunks each one preloads, so it
  // grows with the registry: 1.9 KB gzip with 15 elements, 2.2 KB with 18 (the site admin and the
  // closure and outreach editors of issue 16), 2.3 KB with 20 (issue 17's network observatory and
  // coverage map), measured on 2026-12-07 with `npm run size`.
  { name: 'fs-widgets.js (the embed loader; widgets on demand)', input: 'packages/embed/src/index.ts', budget: 2.5 },
  { name: '<fs-site-card> with Lit', input: widgetSource({ tag: 'fs-site-card', package: 'site-locator' }), budget: 30 },
  ...WIDGETS.map((w) => ({ name: `<${w.tag}> without Lit`, tag: w.tag, input: widgetSource(w), external: withoutLit, budget: w.budgetKb })),
  { name: 'floor: Lit (LitElement, html, css)', code: "export { LitElement, html, css } from 'lit';" },
  { name: 'floor: idb', code: "export { openDB } from 'idb';" },
];

/**
 * Bundles one entry like the embed bundle is built (node-resolve with the `production` and
 * `browser` conditions, esbuild minify, code splitting) and measures what a page loads at first
 * (the entry and the chunks it imports statically) and, apart, the chunks loaded on demand.
 *
 * An entry is `{ name, input }` (a file, relative to the repository) or `{ name, code }` (a
 * module's source, for a package's export); `external` lists what the page already has.
 */
export async function measure(entry) {
  let input = entry.input && resolve(ROOT, entry.input);
  let tmp;
  try {
    if (entry.code) {
      tmp = mkdtempSync(join(tmpdir(), 'fs-size-'));
      input = join(tmp, `${entry.name.replace(/\W+/g, '-')}.js`);
      writeFileSync(input, entry.code);
    }
    const bundle = await rollup({
      input,
      external: (id) => (entry.external ?? []).some((re) => re.test(id)),
      plugins: browserPlugins({ root: ROOT, tsconfig: join(ROOT, 'tsconfig.esbuild.json') }),
      onwarn: () => {},
    });
    const { output } = await bundle.generate({ format: 'es' });
    await bundle.close();
    const chunks = output.filter((o) => o.type === 'chunk');
    const entryChunk = chunks.find((c) => c.isEntry);
    // What the page loads at first: the entry and the chunks it imports statically.
    const initial = new Set([entryChunk.fileName]);
    for (const name of initial) for (const dep of chunks.find((c) => c.fileName === name)?.imports ?? []) initial.add(dep);
    const sizeOf = (list) => {
      const code = Buffer.concat(list.map((c) => Buffer.from(c.code)));
      return {
        min: code.length,
        gzip: list.reduce((sum, c) => sum + gzipSync(Buffer.from(c.code), { level: 9 }).length, 0),
        brotli: list.reduce(
          (sum, c) => sum + brotliCompressSync(Buffer.from(c.code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
          0,
        ),
      };
    };
    const lazy = chunks.filter((c) => !initial.has(c.fileName));
    return { ...sizeOf(chunks.filter((c) => initial.has(c.fileName))), lazy: lazy.length ? sizeOf(lazy) : null };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/** Measures every entry: `{ results: [{ entry, size, status: '' | 'ok' | 'OVER' }], over }`. */
export async function sizeReport(list = entries) {
  const results = [];
  for (const entry of list) {
    const size = await measure(entry);
    const status = entry.budget === undefined ? '' : size.gzip <= entry.budget * KB ? 'ok' : 'OVER';
    results.push({ entry, size, status });
  }
  return { results, over: results.filter((r) => r.status === 'OVER').length };
}

/** The report as a text table (KB = 1024 bytes). */
export function formatSizeTable(results) {
  const rows = results.map(({ entry, size, status }) => [
    entry.name,
    (size.min / KB).toFixed(1),
    (size.gzip / KB).toFixed(1),
    (size.brotli / KB).toFixed(1),
    entry.budget === undefined ? '' : `${entry.budget}`,
    status,
    size.lazy ? `+ ${(size.lazy.gzip / KB).toFixed(1)} KB gzip on demand` : '',
  ]);
  const header = ['entry', 'min KB', 'gzip KB', 'brotli KB', 'budget KB (gzip)', '', 'loaded on demand'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function overBudgetMessage(over) {
  return `${over} entr${over > 1 ? 'ies are' : 'y is'} over budget.`;
}

// Run as a script (`node scripts/bench/size-report.mjs`, `npm run size`): print, exit 1 when over budget.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { results, over } = await sizeReport();
  console.log(formatSizeTable(results));
  if (over) {
    console.error(`\n${overBudgetMessage(over)}`);
    process.exitCode = 1;
  }
}
