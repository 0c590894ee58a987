// Copies the départements' outlines of the ANCT's France services map into the server's data,
// simplified for a choropleth: `node scripts/data/departement-outlines.mjs [source.geojson]`.
// Source: ANCT — contours des départements, carte France services (anct-carto), Licence Ouverte.
// Each ring is simplified (Douglas-Peucker, 0.01° ≈ 800 m) and its coordinates rounded to
// 1/1000 of a degree (≈ 100 m): the outlines stay recognisable at a département's zoom, and the
// file drops from 1 MB to about 180 KB (55 KB gzip). Properties kept: `code` (INSEE) and `name`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = process.argv[2] ?? join(ROOT, '..', 'shared', 'data', 'departements', 'geom_dep-anct-carto.geojson');
const target = join(ROOT, 'packages', 'server', 'data', 'departements', 'departements.geojson');
const TOLERANCE = 0.01;

/** Squared distance from p to the segment a–b (degrees, flat: fine at this scale). */
function segmentDistance2([px, py], [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  const x = ax + t * dx - px;
  const y = ay + t * dy - py;
  return x * x + y * y;
}

function douglasPeucker(points, tolerance2) {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let index = -1;
    let max = tolerance2;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistance2(points[i], points[first], points[last]);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

const round = (n) => Math.round(n * 1000) / 1000;

/** A closed ring, simplified; a ring too small to keep its shape (an islet) is dropped (null). */
function ring(points) {
  const simple = douglasPeucker(points, TOLERANCE * TOLERANCE).map(([x, y]) => [round(x), round(y)]);
  const unique = simple.filter((p, i) => i === 0 || p[0] !== simple[i - 1][0] || p[1] !== simple[i - 1][1]);
  return unique.length >= 4 ? unique : null;
}

function polygon(rings) {
  const kept = rings.map(ring);
  return kept[0] ? kept.filter(Boolean) : null;
}

const input = JSON.parse(readFileSync(source, 'utf8'));
let before = 0;
let after = 0;
const count = (a) => (typeof a[0] === 'number' ? 1 : a.reduce((n, b) => n + count(b), 0));
const features = input.features.map((f) => {
  const { type, coordinates } = f.geometry;
  before += count(coordinates);
  const polygons = (type === 'Polygon' ? [coordinates] : coordinates).map(polygon).filter(Boolean);
  const geometry = polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };
  after += count(geometry.coordinates);
  return { type: 'Feature', properties: { code: f.properties.insee_dep, name: f.properties.lib_dep }, geometry };
});
const output = {
  type: 'FeatureCollection',
  attribution: 'ANCT — contours des départements, carte France services',
  licence: 'Licence Ouverte / Etalab 2.0',
  features,
};
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(output)}\n`);
console.log(
  `${features.length} départements, ${before} → ${after} points, ${(JSON.stringify(output).length / 1024).toFixed(0)} KB → ${target}`,
);
