import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rollup, type OutputChunk, type RollupOptions } from 'rollup';
import { WIDGETS } from '@fs-widgets/contract/widgets';
// The real build configuration of the one-script embed, not a copy of it.
import { embedBundle } from '../../../rollup.config.mjs';

test('the embed is a small loader: its own code stays in fs-widgets.js, every widget, the map and English come on demand', async () => {
  const options = embedBundle as RollupOptions;
  const bundle = await rollup({ ...options, onwarn: () => {} });
  const { output } = await bundle.generate({ ...(options.output as object), sourcemap: false });
  await bundle.close();
  const chunks = output.filter((o): o is OutputChunk => o.type === 'chunk');
  const entry = chunks.find((c) => c.fileName === 'fs-widgets.js');
  assert.ok(entry, 'fs-widgets.js is emitted');
  // The API base is computed from the script's own URL: that code must stay in fs-widgets.js,
  // not move to a chunk under chunks/ (it would then point at /widgets/api/v1).
  assert.match(entry.code, /"\.\.\/api\/v1",import\.meta\.url/);
  // From a pinned release (/widgets/v<version>/fs-widgets.js) the API is one level further up.
  assert.match(entry.code, /"\.\.\/\.\.\/api\/v1"/);
  // What a page loads at first is the loader alone: no Lit, no widget.
  assert.deepEqual(entry.imports, [], 'the loader imports nothing statically');
  assert.ok(!Object.keys(entry.modules).some((m) => /node_modules\/(lit|@lit|idb)\//.test(m)), 'no library in the loader');
  for (const { tag } of WIDGETS) assert.ok(entry.code.includes(`"${tag}"`), `the loader knows <${tag}>`);
  // Each widget is a chunk of its own, fetched on demand.
  assert.ok(entry.dynamicImports.length >= WIDGETS.length, `${entry.dynamicImports.length} lazy imports for ${WIDGETS.length} elements`);
  const initial = new Set([entry.fileName, ...entry.imports]);
  const lazy = chunks.filter((c) => !initial.has(c.fileName));
  assert.ok(
    lazy.some((c) => Object.keys(c.modules).some((m) => m.includes('leaflet-src.esm.js'))),
    'Leaflet is a lazy chunk',
  );
  assert.ok(
    lazy.some((c) => Object.keys(c.modules).some((m) => m.endsWith('strings.en.ts'))),
    'English is a lazy chunk',
  );
  // The QR code encoder (the poster's, the démarche receipt's) comes alone, when a code is first drawn.
  const qr = chunks.filter((c) => Object.keys(c.modules).some((m) => m.endsWith('qr-encoder.ts')));
  assert.ok(
    qr.length === 1 && Object.keys(qr[0]!.modules).every((m) => m.endsWith('qr-encoder.ts')),
    'the QR code encoder is a chunk of its own',
  );
  for (const c of chunks.filter((c) => initial.has(c.fileName))) {
    assert.ok(!Object.keys(c.modules).some((m) => m.includes('leaflet')), `${c.fileName} does not hold Leaflet`);
  }
  for (const c of lazy) assert.match(c.fileName, /^chunks\//);
});

test('the loader knows each widget’s chunks: every chunk its chunk imports statically, to fetch them all in one round trip', async () => {
  const options = embedBundle as RollupOptions;
  const bundle = await rollup({ ...options, onwarn: () => {} });
  const { output } = await bundle.generate({ ...(options.output as object), sourcemap: false });
  await bundle.close();
  const chunks = new Map(output.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
  const entry = chunks.get('fs-widgets.js')!;
  // The table as the plugin writes it (JSON: esbuild's minifier leaves it as it is), final names in.
  const literal = /\[\[(?:"[^"]*",?)*\],\{(?:"[^"]*":\[[\d,]*\],?)*\}\]/.exec(entry.code)?.[0];
  assert.ok(literal, 'the loader holds the table of chunks');
  const [files, chunksOf] = JSON.parse(literal) as [string[], Record<string, number[]>];
  assert.ok(!literal.includes('!~{'), 'no hash placeholder is left');
  for (const file of files) assert.ok(chunks.has(file), `${file} is a chunk of the build (relative to the loader)`);
  for (const { tag } of WIDGETS) {
    const own = new RegExp(`"${tag}":\\(\\)=>import\\("\\./([^"]+)"\\)`).exec(entry.code)?.[1];
    assert.ok(own && chunks.has(own), `<${tag}> has a chunk of its own`);
    const expected = new Set<string>();
    const visit = (file: string) => {
      for (const dep of chunks.get(file)!.imports) {
        if (expected.has(dep)) continue;
        expected.add(dep);
        visit(dep);
      }
    };
    visit(own);
    expected.delete('fs-widgets.js');
    expected.delete(own);
    const listed = (chunksOf[tag] ?? []).map((i) => files[i]!);
    assert.deepEqual(listed.sort(), [...expected].sort(), `<${tag}>: its chunk's static imports, all of them`);
    // Only what runs when the widget is shown: what it loads on demand stays out — Leaflet itself
    // (the maps' stylesheet rules, plain CSS in core, are part of the element's styles), the QR
    // encoder, the English strings.
    for (const file of listed) {
      const modules = Object.keys(chunks.get(file)!.modules);
      assert.ok(
        !modules.some((m) => /node_modules\/leaflet\/|qr-encoder\.ts$|strings\.en\.ts$/.test(m)),
        `${file}, preloaded for <${tag}>, is not lazy`,
      );
    }
  }
  // The check above would pass on a wrong name: Leaflet is in the build under the name it looks for.
  assert.ok(
    [...chunks.values()].some((c) => Object.keys(c.modules).some((m) => /node_modules\/leaflet\//.test(m))),
    'Leaflet is a module of the build, under node_modules/leaflet/',
  );
  // The locator needs more than its own chunk: Lit and the core, the base element, the commune
  // search, the opening status.
  assert.ok((chunksOf['fs-site-locator'] ?? []).length >= 4, 'the locator preloads its imports');
});
