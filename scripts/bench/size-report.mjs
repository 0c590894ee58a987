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

export const KB = 1024;

/** The repository's root: entries are resolved from it whatever the working directory. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Budgets in KB of min+gzip, for what a page loads at first. What is fetched on demand (the map
 * with Leaflet when a person opens it, the English strings on an English page) is reported apart.
 */
export const withoutLit = [/^lit/, /^@lit\//];
export const withoutLitAndLeaflet = [...withoutLit, /^leaflet/, /^supercluster/];
export const entries = [
  { name: 'fs-widgets.js (the embed loader; widgets on demand)', input: 'packages/embed/src/index.ts', budget: 2 },
  { name: '<fs-site-card> alone', input: 'packages/site-locator/src/site-card/site-card.ts', budget: 30 },
  { name: '<fs-site-card> without Lit', input: 'packages/site-locator/src/site-card/site-card.ts', external: withoutLit, budget: 22 },
  { name: '<fs-site-locator> with Lit', input: 'packages/site-locator/src/site-locator/site-locator.ts' },
  {
    name: '<fs-site-locator> without Lit and Leaflet',
    input: 'packages/site-locator/src/site-locator/site-locator.ts',
    external: withoutLitAndLeaflet,
    budget: 25,
  },
  { name: '<fs-satisfaction> without Lit', input: 'packages/satisfaction/src/satisfaction/satisfaction.ts', external: withoutLit, budget: 20 },
  { name: '<fs-satisfaction-results> without Lit', input: 'packages/satisfaction/src/satisfaction-results/satisfaction-results.ts', external: withoutLit, budget: 20 },
  // The agents' tool, on the sites' intranets and counter tablets: more features, a looser budget.
  { name: '<fs-demarche-log> without Lit', input: 'packages/demarches/src/demarche-log/demarche-log.ts', external: withoutLit, budget: 28 },
  { name: '<fs-demarche-tracker> without Lit', input: 'packages/demarches/src/demarche-tracker/demarche-tracker.ts', external: withoutLit, budget: 22 },
  // Agents' tool too (intranet, counter tablet), on the one page where they edit: the lists with
  // their dates in plain words, the token screens and every state, and its French texts (3.4 KB,
  // field-level errors included). Its two forms (recurrence builder, checks, ~3 KB) are fetched
  // once the lists are shown, so they count as loaded on demand; below the log's 28 KB, as it has
  // no outbox, no QR code and no receipt. Measured 22.9 KB: budget 24.
  { name: '<fs-partner-editor> without Lit', input: 'packages/demarches/src/partner-editor/partner-editor.ts', external: withoutLit, budget: 24 },
  // The core of a data widget is about 14 KB (ky, idb, strings, tokens). On top: the need search,
  // which runs in the browser over the catalogue so it answers each keystroke without a request
  // and works offline (≈ 2 KB), three views (search, theme, partner) and the site's section with
  // its permanences (≈ 4 KB), styles and French strings (≈ 2.5 KB). Measured 22.4 KB: budget 23.
  { name: '<fs-partner-directory> without Lit', input: 'packages/partner-directory/src/partner-directory/partner-directory.ts', external: withoutLit, budget: 23 },
  // The communication kit, on town halls', associations' and La Poste's pages. Each is the core of
  // a data widget (≈ 14 KB: ky, idb, tokens, core strings) plus the kit's one French strings part
  // (≈ 1.6 KB, shared by the four kit elements: a page showing two of them downloads it once) and
  // the element itself (≈ 1.5–2 KB with its styles). The banner and the badge also carry the
  // opening-hours logic for "open now / today" (≈ 2.4 KB: public holidays, time zones), as the
  // site card does. Measured 19.3, 18.4 and 16.3 KB: budgets 20, 20 and 18.
  { name: '<fs-banner> without Lit', input: 'packages/kit/src/banner/banner.ts', external: withoutLit, budget: 20 },
  { name: '<fs-badge> without Lit', input: 'packages/kit/src/badge/badge.ts', external: withoutLit, budget: 20 },
  { name: '<fs-key-figures> without Lit', input: 'packages/kit/src/key-figures/key-figures.ts', external: withoutLit, budget: 18 },
  // The poster: the core (≈ 14 KB) and the kit's strings part, three reads (site, partners,
  // catalogue), the core's permanence wording, and the sheet with its print rules (≈ 3.5 KB with
  // styles). The QR code generator (qrcode-generator, 7.5 KB) is not counted: the core fetches it
  // on demand, when the poster is first shown (reported as loaded on demand, with the English
  // strings). Measured 19.7 KB: budget 20.
  { name: '<fs-poster> without Lit', input: 'packages/kit/src/poster/poster.ts', external: withoutLit, budget: 20 },
  // A page tool, not a widget for the public: loaded only on /configurateur (by a secretary, once).
  // On top of the core (≈ 14 KB): the commune search it reuses (≈ 2.8 KB), the manifest reader and
  // attribute checks shared with the server (≈ 1.9 KB), the generated form, preview and snippets
  // (≈ 6.5 KB with styles), and the French texts (≈ 5.4 KB: the label and help of every attribute
  // of every public widget, and the technical note; it grows with the library). Measured 28.0 KB.
  // Previews load their widgets apart, through the page's loader.
  { name: '<fs-configurator> without Lit', input: 'packages/configurator/src/configurator/configurator.ts', external: withoutLit, budget: 30 },
  { name: 'floor: Lit (LitElement, html, css)', code: "export { LitElement, html, css } from 'lit';" },
  { name: 'floor: ky', code: "export { default } from 'ky';" },
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
        brotli: list.reduce((sum, c) => sum + brotliCompressSync(Buffer.from(c.code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0),
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
  const line = (r) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
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
