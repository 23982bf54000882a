// Builds data/examples/panama-canal/areas.geojson: Panama and Nicaragua from Natural Earth
// (world-atlas countries-10m, public domain, as the basemap), simplified, rounded to 1e-4 degrees (about 10 m),
// outer rings counterclockwise (RFC 7946). Run: node scripts/example-areas.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { rewind, simplify, truncate } from '@turf/turf';

const require = createRequire(import.meta.url);
const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8'));
const AREAS = [
  { id: 'panama', key: '591', name: 'Panama', kind: 'country' },
  { id: 'nicaragua', key: '558', name: 'Nicaragua', kind: 'country' },
];
const features = AREAS.map(({ id, key, name, kind }) => {
  const g = world.objects.countries.geometries.find((x) => x.id === key);
  if (!g) throw new Error(`no country ${key} in world-atlas`);
  let f = feature(world, g);
  f = simplify(f, { tolerance: 0.004, highQuality: true });
  f = truncate(f, { precision: 4, coordinates: 2 });
  f = rewind(f);
  return {
    type: 'Feature',
    id,
    properties: { name, kind, source: 'Natural Earth 1:10m via world-atlas' },
    geometry: f.geometry,
  };
});
const out = new URL('../data/examples/panama-canal/areas.geojson', import.meta.url);
writeFileSync(out, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
console.log(`${out.pathname}: ${readFileSync(out).length} bytes`);
