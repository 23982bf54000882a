/**
 * GeoJSON checks, after RFC 7946: the members a FeatureCollection, a Feature and each geometry must
 * have; positions of two or three finite numbers within longitude and latitude ranges; lines of two
 * positions or more; linear rings of four or more, closed. Then what the story needs of each file
 * alone: the geometry its layer draws, and an id for every feature. A line or ring drawn as written
 * (an area, a straight route) that jumps more than 180° in longitude is a naive crossing of 180°:
 * the map would draw it across the whole world, so it is an error that says where to split it (RFC
 * 7946, section 3.1.9). Warnings, not errors, for what the RFC only recommends (the right-hand rule
 * for rings, at most 6 decimals) and for a point that looks like its longitude and latitude were
 * swapped (inside the story's area, across 180° too, once swapped back).
 */
import { boxesWithoutOne, inBox } from '../geo/longitude.ts';
import { boxAround, isClockwise } from '../geo/shape.ts';
import type { BBox, Layer } from './types.ts';
import { type Issue, printable } from './issues.ts';
import { featureId } from './rules.ts';

/** The geometry types each layer draws. */
export const LAYER_GEOMETRIES: Record<Layer, readonly string[]> = {
  places: ['Point'],
  routes: ['LineString', 'MultiLineString'],
  areas: ['Polygon', 'MultiPolygon'],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** More decimals than this is sub-decimetre precision: RFC 7946 (section 11.2) advises 6. */
const MAX_DECIMALS = 6;

const decimals = (n: number) => {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : s.length - dot - 1;
};

interface Check {
  file: string;
  issues: Issue[];
  /**
   * Whether a segment may not jump more than 180° in longitude (a naive crossing of 180°): lines
   * drawn as written (areas, straight routes), not great-circle routes, which go the short way.
   */
  straight: boolean;
  /** One precision warning per feature is enough. */
  precisionWarned: boolean;
  /** One "projected coordinates" error per file is enough. */
  projectedWarned: boolean;
}

/** A value quoted in a message: short, and never a crash (however deep or cyclic it is). */
function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? '[…]' : String(value);
  }
  return printable(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/** How deep arrays nest in a value (stops counting at 8). */
function depth(value: unknown): number {
  let d = 0;
  let here = value;
  while (Array.isArray(here) && d < 8) {
    d++;
    here = here[0];
  }
  return d;
}

function position(c: Check, value: unknown, path: string, inShape = false): value is number[] {
  if (!Array.isArray(value) || value.length < 2 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
    c.issues.push({
      severity: 'error',
      file: c.file,
      path,
      message: `a position is [longitude, latitude] (two numbers), got ${show(value)}`,
    });
    return false;
  }
  const [lon, lat] = value as [number, number];
  if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000) {
    if (!c.projectedWarned) {
      c.projectedWarned = true;
      c.issues.push({
        severity: 'error',
        file: c.file,
        path,
        message: `[${lon}, ${lat}] looks like projected coordinates (metres), not degrees: GeoJSON needs longitude and latitude (WGS 84); reproject the file, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`,
      });
    }
    return false;
  }
  if (lon < -180 || lon > 180)
    c.issues.push({
      severity: 'error',
      file: c.file,
      path: `${path}[0]`,
      message: `longitude ${lon} is out of range: it must be between -180 and 180${inShape && Math.abs(lon) < 360 ? ` (a line or an area that crosses 180° is split there, not continued past it: see data/README.md)` : ''}`,
    });
  if (lat < -90 || lat > 90)
    c.issues.push({
      severity: 'error',
      file: c.file,
      path: `${path}[1]`,
      message: `latitude ${lat} is out of range: it must be between -90 and 90${Math.abs(lat) <= 180 && Math.abs(lon) <= 90 ? ` (is it [latitude, longitude]? GeoJSON wants [${lat}, ${lon}])` : ''}`,
    });
  if (value.length > 3)
    c.issues.push({
      severity: 'warning',
      file: c.file,
      path,
      message: `a position has ${value.length} numbers; RFC 7946 allows longitude, latitude and an optional altitude`,
    });
  if (!c.precisionWarned && value.some((n) => decimals(n as number) > MAX_DECIMALS)) {
    c.precisionWarned = true;
    c.issues.push({
      severity: 'warning',
      file: c.file,
      path,
      message: `coordinates with more than ${MAX_DECIMALS} decimals (finer than 10 cm) only make the file bigger: round them to 6 or fewer`,
    });
  }
  return true;
}

function positions(c: Check, value: unknown, path: string, min: number, what: string): value is number[][] {
  if (!Array.isArray(value)) {
    c.issues.push({ severity: 'error', file: c.file, path, message: `expected a list of positions for ${what}` });
    return false;
  }
  let ok = true;
  for (let i = 0; i < value.length; i++) ok = position(c, value[i], `${path}[${i}]`, min > 0) && ok;
  if (value.length < min) {
    c.issues.push({
      severity: 'error',
      file: c.file,
      path,
      message: `${what} needs at least ${min} positions, got ${value.length}`,
    });
    return false;
  }
  return ok;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * `naiveCrossing(line)`: the first segment of a line that jumps more than 180° in longitude (drawn
 * as written, it crosses the whole map the long way; meant, it crosses 180°), with where the short
 * way meets 180°; null when there is none.
 */
export function naiveCrossing(
  line: readonly (readonly number[])[],
): { index: number; from: number; to: number; at: [number, number] } | null {
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1] as [number, number];
    const [x1, y1] = line[i] as [number, number];
    if (Math.abs(x1 - x0) <= 180) continue;
    // The short way: from x0 to x1 ± 360; it meets the meridian at 180 (or -180) on x0's side.
    const edge = x0 < 0 ? -180 : 180;
    const far = x1 + (x0 < 0 ? -360 : 360);
    const t = (edge - x0) / (far - x0);
    return { index: i, from: x0, to: x1, at: [edge, round(y0 + t * (y1 - y0), 4)] };
  }
  return null;
}

/** A naive crossing of 180° in a line or ring, as an error; true when there is one. */
function crossing(c: Check, value: number[][], path: string, what: 'line' | 'ring'): boolean {
  const jump = c.straight ? naiveCrossing(value) : null;
  if (!jump) return false;
  const [edge, lat] = jump.at;
  const pos = (lon: number) => `[${lon}, ${lat}]`;
  const fix =
    what === 'line'
      ? `end this line at ${pos(edge)} and start the next at ${pos(-edge)}, in a MultiLineString (or leave out "path": "straight": a great-circle route takes the short way by itself)`
      : `cut the polygon along 180° into a MultiPolygon of two, one on each side, both closed along the meridian (this edge meets it at ${pos(edge)} and ${pos(-edge)})`;
  c.issues.push({
    severity: 'error',
    file: c.file,
    path: `${path}[${jump.index}]`,
    message: `this ${what} jumps from longitude ${jump.from} to ${jump.to}, ${round(Math.abs(jump.to - jump.from), 4)}° the long way round: the map draws it as written, across the whole map, not across 180°. To cross 180°, split it there (RFC 7946, section 3.1.9): ${fix}`,
  });
  return true;
}

function ring(c: Check, value: unknown, path: string, exterior: boolean): void {
  if (!positions(c, value, path, 4, 'a polygon ring')) return;
  // Drawn the long way round, its winding means nothing: the crossing is the mistake to fix.
  if (crossing(c, value, path, 'ring')) return;
  const first = value[0]!;
  const last = value.at(-1)!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    c.issues.push({
      severity: 'error',
      file: c.file,
      path,
      message: `a polygon ring must be closed: its last position ${show(last)} must repeat the first ${show(first)}`,
    });
    return;
  }
  const clockwise = isClockwise(value);
  if (exterior === clockwise) {
    c.issues.push({
      severity: 'warning',
      file: c.file,
      path,
      message: `${exterior ? 'the outer ring runs clockwise' : 'a hole runs counterclockwise'}; RFC 7946's right-hand rule wants ${exterior ? 'outer rings counterclockwise' : 'holes clockwise'} (most tools accept either; mapshaper -o rfc7946 fixes it)`,
    });
  }
}

function polygon(c: Check, value: unknown, path: string): void {
  if (!Array.isArray(value) || value.length === 0) {
    c.issues.push({
      severity: 'error',
      file: c.file,
      path,
      message: 'a polygon is a list of rings (the outline, then any holes)',
    });
    return;
  }
  for (const [i, r] of value.entries()) ring(c, r, `${path}[${i}]`, i === 0);
}

function line(c: Check, value: unknown, path: string): void {
  if (positions(c, value, path, 2, 'a line')) crossing(c, value, path, 'line');
}

/** A list of parts (lines, polygons), each checked by `part`. */
function parts(c: Check, cs: unknown, at: string, type: string, part: (v: unknown, p: string) => void): void {
  if (!Array.isArray(cs))
    c.issues.push({ severity: 'error', file: c.file, path: at, message: `a ${type} has a list of coordinates` });
  else for (const [i, v] of cs.entries()) part(v, `${at}[${i}]`);
}

/** Each geometry type with coordinates: how deep its arrays nest, and how they are checked. */
const COORDINATES: Record<string, { depth: number; check: (c: Check, cs: unknown, at: string) => void }> = {
  Point: { depth: 1, check: (c, cs, at) => void position(c, cs, at) },
  MultiPoint: { depth: 2, check: (c, cs, at) => void positions(c, cs, at, 0, 'a MultiPoint') },
  LineString: { depth: 2, check: (c, cs, at) => void line(c, cs, at) },
  MultiLineString: {
    depth: 3,
    check: (c, cs, at) => parts(c, cs, at, 'MultiLineString', (v, p) => line(c, v, p)),
  },
  Polygon: { depth: 3, check: (c, cs, at) => polygon(c, cs, at) },
  MultiPolygon: { depth: 4, check: (c, cs, at) => parts(c, cs, at, 'MultiPolygon', (v, p) => polygon(c, v, p)) },
};

const GEOMETRY_TYPES = [...Object.keys(COORDINATES), 'GeometryCollection'];

function geometry(c: Check, g: unknown, path: string): void {
  if (!isObj(g)) {
    c.issues.push({
      severity: 'error',
      file: c.file,
      path,
      message: 'expected a geometry object with "type" and "coordinates"',
    });
    return;
  }
  if (typeof g.type !== 'string' || !GEOMETRY_TYPES.includes(g.type)) {
    c.issues.push({
      severity: 'error',
      file: c.file,
      path: `${path}.type`,
      message: `${show(g.type)} is not a GeoJSON geometry type (${GEOMETRY_TYPES.join(', ')})`,
    });
    return;
  }
  if (g.type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries))
      c.issues.push({
        severity: 'error',
        file: c.file,
        path: `${path}.geometries`,
        message: 'a GeometryCollection needs a "geometries" list',
      });
    else for (const [i, x] of g.geometries.entries()) geometry(c, x, `${path}.geometries[${i}]`);
    return;
  }
  const at = `${path}.coordinates`;
  if (!('coordinates' in g)) {
    c.issues.push({ severity: 'error', file: c.file, path: at, message: `missing required field "coordinates"` });
    return;
  }
  const cs = g.coordinates;
  const { depth: wanted, check } = COORDINATES[g.type]!;
  // One message for a whole geometry written with a bracket level too many or too few.
  const got = depth(cs);
  if (Array.isArray(cs) && cs.length > 0 && got !== wanted) {
    c.issues.push({
      severity: 'error',
      file: c.file,
      path: at,
      message: `a ${g.type}'s coordinates nest ${wanted} lists deep, these nest ${got}: a level of [ ] is ${got < wanted ? 'missing' : 'too many'}`,
    });
    return;
  }
  if (Array.isArray(cs) && cs.length === 0) {
    c.issues.push({
      severity: 'warning',
      file: c.file,
      path: at,
      message: `this ${g.type} has no coordinates, so nothing is drawn`,
    });
    return;
  }
  check(c, cs, at);
}

/**
 * `collectionIssues(layer, value, file, area, checkProperties)` checks a layer's FeatureCollection.
 * `area` is the story's area, for spotting swapped coordinates; `checkProperties` checks a
 * feature's properties (with the path to prefix).
 */
export function collectionIssues(
  layer: Layer,
  value: unknown,
  file: string,
  area: (feature: unknown) => BBox | null,
  checkProperties: (properties: unknown, path: string[] | (string | number)[]) => Issue[],
): Issue[] {
  const c: Check = { file, issues: [], straight: true, precisionWarned: false, projectedWarned: false };
  if (value === undefined || value === null) return c.issues;
  if (!isObj(value) || value.type !== 'FeatureCollection') {
    c.issues.push({
      severity: 'error',
      file,
      path: '',
      message: `expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}) of ${layer}`,
    });
    return c.issues;
  }
  if (!Array.isArray(value.features)) {
    c.issues.push({
      severity: 'error',
      file,
      path: 'features',
      message: 'missing required field "features": the list of features',
    });
    return c.issues;
  }
  // Missing ids are listed after the file's other issues (the order files given inline keep: they
  // have no line numbers to be sorted by).
  const withoutId: Issue[] = [];
  value.features.forEach((f: unknown, i: number) => {
    const path = `features[${i}]`;
    c.precisionWarned = false;
    if (!isObj(f)) {
      c.issues.push({ severity: 'error', file, path, message: 'expected a Feature object' });
      return;
    }
    if (f.type !== 'Feature')
      c.issues.push({
        severity: 'error',
        file,
        path: `${path}.type`,
        message: `a feature needs "type": "Feature", got ${show(f.type)}`,
      });
    if (!('properties' in f))
      c.issues.push({
        severity: 'error',
        file,
        path: `${path}.properties`,
        message: 'missing required field "properties" (with at least a "name")',
      });
    else for (const issue of checkProperties(f.properties, ['features', i, 'properties'])) c.issues.push(issue);
    if (!('geometry' in f)) {
      c.issues.push({
        severity: 'error',
        file,
        path: `${path}.geometry`,
        message: `missing required field "geometry": the ${layer} layer draws ${LAYER_GEOMETRIES[layer].join(' or ')}s`,
      });
      return;
    }
    if (f.geometry === null) {
      c.issues.push({
        severity: 'error',
        file,
        path: `${path}.geometry`,
        message: `"geometry" is null (allowed by GeoJSON, but there is nothing to draw): the ${layer} layer draws ${LAYER_GEOMETRIES[layer].join(' or ')}s`,
      });
      return;
    }
    const before = c.issues.length;
    // Routes are great circles unless they say "straight" (src/geo/routes.ts): those cross 180° by themselves.
    c.straight = layer !== 'routes' || (isObj(f.properties) && f.properties.path === 'straight');
    geometry(c, f.geometry, `${path}.geometry`);
    const g = f.geometry as Obj;
    const clean = c.issues.length === before;
    if (typeof g.type === 'string' && GEOMETRY_TYPES.includes(g.type) && !LAYER_GEOMETRIES[layer].includes(g.type)) {
      c.issues.push({
        severity: 'error',
        file,
        path: `${path}.geometry.type`,
        message: `the ${layer} layer draws ${LAYER_GEOMETRIES[layer].join(' or ')}s, not a ${g.type}`,
      });
    }
    if (clean && g.type === 'Point') {
      const box = area(f);
      if (box) swapped(c, g.coordinates as number[], `${path}.geometry.coordinates`, box);
    }
    // Chapters name features by id; a feature the map could draw but nothing can name is left off.
    if (f.type === 'Feature' && isObj(f.geometry) && featureId(f.id) === null) {
      withoutId.push({
        severity: 'error',
        file,
        path: `${path}.id`,
        message: 'this feature has no "id": give it a unique string id so chapters can name it',
      });
    }
  });
  return [...c.issues, ...withoutId];
}

function swapped(c: Check, [lon, lat]: number[], path: string, area: BBox): void {
  if (inBox(area, lon!, lat!) || !inBox(area, lat!, lon!)) return;
  c.issues.push({
    severity: 'warning',
    file: c.file,
    path,
    message: `[${lon}, ${lat}] is outside the story's area, but [${lat}, ${lon}] is inside it: GeoJSON puts longitude first, were they swapped?`,
  });
}

/**
 * `storyAreas(collections)`: storyArea for each feature judged, measured once: the box of the areas
 * and routes is the same for every place; a story of places alone judges each against all the
 * others (boxesWithoutOne: sorted once, then constant time a place), so checking every place stays
 * linear, not one measurement of the whole story per place.
 */
export function storyAreas(collections: readonly unknown[]): (except: unknown) => BBox | null {
  const isShape = (f: unknown) =>
    isObj(f) && isObj(f.geometry) && typeof f.geometry.type === 'string' && f.geometry.type !== 'Point';
  const shapes = collections.some((fc) => isObj(fc) && Array.isArray(fc.features) && fc.features.some(isShape));
  if (shapes) {
    let box: BBox | null | undefined;
    return (except) => {
      if (isShape(except)) return storyArea(collections, except);
      if (box === undefined) box = storyArea(collections);
      return box;
    };
  }
  // Places alone: storyArea's rules, worked out once. Every usable feature is a Point here.
  const features = collections
    .flatMap((fc) => (isObj(fc) && Array.isArray(fc.features) ? fc.features : []))
    .filter((f): f is Obj => isObj(f) && isObj(f.geometry) && typeof f.geometry.type === 'string');
  const index = new Map<unknown, number>();
  const good: number[][] = [];
  /** For each feature, its place among the measurable ones (-1: not measurable, which spoils any box it is in). */
  const slot: number[] = [];
  let twice = false;
  for (const f of features) {
    twice ||= index.has(f);
    index.set(f, slot.length);
    const cs = (f.geometry as Obj).coordinates;
    const ok = Array.isArray(cs) && Number.isFinite(cs[0]) && Number.isFinite(cs[1]);
    slot.push(ok ? good.length : -1);
    if (ok) good.push(cs as number[]);
  }
  // The same feature object listed twice: left out wherever it is, as storyArea does.
  if (twice) return (except) => storyArea(collections, except);
  const bad = slot.filter((k) => k < 0).length;
  const without = boxesWithoutOne(good);
  return (except) => {
    const i = index.get(except);
    const left = features.length - (i === undefined ? 0 : 1);
    // At least two other places, all of them measurable.
    if (left < 2 || bad - (i !== undefined && slot[i]! < 0 ? 1 : 0) > 0) return null;
    return without(i === undefined ? -1 : slot[i]!);
  };
}

/**
 * `storyArea(collections, except)` is the box around the story's areas and routes (the shapes that
 * frame it), or, when it has neither, around its other places (all but `except`, the one being
 * judged); null when nothing can be measured.
 */
export function storyArea(collections: readonly unknown[], except?: unknown): BBox | null {
  const usable = (g: unknown) => isObj(g) && typeof g.type === 'string';
  const features = collections
    .flatMap((fc) => (isObj(fc) && Array.isArray(fc.features) ? fc.features : []))
    .filter((f): f is Obj => isObj(f) && f !== except && usable(f.geometry));
  const framing = features.filter((f) => (f.geometry as Obj).type !== 'Point');
  return boxAround(framing.length ? framing : features.length >= 2 ? features : []);
}
