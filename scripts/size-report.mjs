#!/usr/bin/env node
// Size report: min+gzip (and brotli) of each entry a page can load, against the budgets.
// Usage: npm run size   (exits 1 when an entry is over its budget)
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const KB = 1024;

/** Budgets in KB of min+gzip. The embed budget covers every widget, Leaflet excluded. */
const entries = [
  { name: 'fs-widgets.js (embed: every widget)', input: 'packages/embed/src/index.ts', budget: 40 },
  { name: '<fs-site-card> alone', input: 'packages/site-locator/src/site-card/site-card.ts', budget: 30 },
  { name: '<fs-site-card> without Lit', input: 'packages/site-locator/src/site-card/site-card.ts', external: [/^lit/, /^@lit\//], budget: 22 },
  { name: 'floor: Lit (LitElement, html, css)', code: "export { LitElement, html, css } from 'lit';" },
  { name: 'floor: ky', code: "export { default } from 'ky';" },
  { name: 'floor: idb', code: "export { openDB } from 'idb';" },
];

const tmp = join(tmpdir(), `fs-size-${process.pid}`);
mkdirSync(tmp, { recursive: true });

async function measure(entry) {
  let input = entry.input;
  if (entry.code) {
    input = join(tmp, `${entry.name.replace(/\W+/g, '-')}.js`);
    writeFileSync(input, entry.code);
  }
  const bundle = await rollup({
    input,
    external: (id) => (entry.external ?? []).some((re) => re.test(id)),
    plugins: [
      nodeResolve({ exportConditions: ['source', 'production', 'browser'], browser: true, rootDir: process.cwd(), modulePaths: [join(process.cwd(), 'node_modules')] }),
      esbuild({ target: 'es2021', tsconfig: 'tsconfig.wtr.json', minify: true, legalComments: 'none' }),
    ],
    onwarn: () => {},
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  const code = Buffer.from(output[0].code);
  return {
    min: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

let over = 0;
const rows = [];
for (const entry of entries) {
  const size = await measure(entry);
  const status = entry.budget === undefined ? '' : size.gzip <= entry.budget * KB ? 'ok' : 'OVER';
  if (status === 'OVER') over++;
  rows.push([
    entry.name,
    (size.min / KB).toFixed(1),
    (size.gzip / KB).toFixed(1),
    (size.brotli / KB).toFixed(1),
    entry.budget === undefined ? '' : `${entry.budget}`,
    status,
  ]);
}
rmSync(tmp, { recursive: true, force: true });

const header = ['entry', 'min KB', 'gzip KB', 'brotli KB', 'budget KB (gzip)', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (over) {
  console.error(`\n${over} entr${over > 1 ? 'ies are' : 'y is'} over budget.`);
  process.exitCode = 1;
}
