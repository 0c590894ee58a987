/**
 * The server's layers, read from its own imports: routes at the top (HTTP), domain modules
 * under them, shared modules (db, http, auth, dates, privacy) at the bottom. A domain module
 * that reaches up into a route, a module that becomes a hub for unrelated domains, or an import
 * cycle fails here with the files that do it.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each module of src/ (relative path) and the modules of src/ it imports, type-only imports included. */
const graph = new Map<string, string[]>();
for (const file of sourceFiles(SRC)) {
  const text = readFileSync(file, 'utf8');
  const imports = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) =>
    relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
  );
  graph.set(relative(SRC, file), imports);
}
const area = (module: string) => (module.includes('/') ? module.split('/')[0]! : module);

test('no module outside the routes imports a route (problems live in http/, authorization in auth/)', () => {
  const offenders = [...graph].flatMap(([module, imports]) =>
    area(module) === 'routes' || module === 'app.ts' ? [] : imports.filter((i) => area(i) === 'routes').map((i) => `${module} → ${i}`),
  );
  assert.deepEqual(offenders, []);
});

test('feedback/ is a domain, not a hub: only the routes, the key figures, the observatory and the package index use it', () => {
  const allowed = new Set(['routes', 'key-figures', 'observatory', 'feedback', 'index.ts']);
  const offenders = [...graph].flatMap(([module, imports]) =>
    allowed.has(area(module)) ? [] : imports.filter((i) => area(i) === 'feedback').map((i) => `${module} → ${i}`),
  );
  assert.deepEqual(offenders, []);
});

test('no import cycle between the server’s modules', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (module: string, path: string[]) => {
    if (state.get(module) === 'done') return;
    if (state.get(module) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(module)), module].join(' → '));
      return;
    }
    state.set(module, 'visiting');
    for (const next of graph.get(module) ?? []) if (graph.has(next)) visit(next, [...path, module]);
    state.set(module, 'done');
  };
  for (const module of graph.keys()) visit(module, []);
  assert.deepEqual(cycles, []);
});

test('the graph is read (a broken reader would pass the checks above)', () => {
  assert.ok(graph.size > 40, `${graph.size} modules`);
  assert.ok(graph.get('routes/acts.ts')?.includes('demarches/acts.ts'), 'routes/acts.ts imports demarches/acts.ts');
});
