/**
 * Longitudes on a circle: the 180th meridian (the antimeridian) is a line like any other. Boxes
 * follow RFC 7946 (section 5.2): `[west, south, east, north]` with west and east in [-180, 180],
 * and west > east for a box that crosses 180° (`[170, 50, -170, 60]` is 20° wide). Pure arithmetic,
 * no turf: the fit (camera.ts), the checker (story/geojson.ts) and the still map use it.
 */
import type { BBox } from '../story/types.ts';

/** `wrapLongitude(185)` is -175: the same meridian in [-180, 180) (180 itself stays 180). */
export function wrapLongitude(lon: number): number {
  if (lon >= -180 && lon <= 180) return lon;
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/**
 * `longitudeDelta(from, to)` is the shorter way from one meridian to another, in degrees east
 * (negative: west), in (-180, 180]: `longitudeDelta(175, -175)` is 10.
 */
export function longitudeDelta(from: number, to: number): number {
  const d = ((((to - from) % 360) + 540) % 360) - 180;
  return d === -180 ? 180 : d;
}

/** `boxWidth(box)` is how many degrees of longitude a box spans (across 180° when west > east). */
export function boxWidth([west, , east]: BBox): number {
  return west <= east ? east - west : east - west + 360;
}

/** `crossesAntimeridian(box)` is true for a box whose west edge is east of its east edge. */
export function crossesAntimeridian(box: BBox): boolean {
  return box[0] > box[2];
}

/** `inLongitudes(box, lon)`: whether a longitude lies between the box's west and east edges (across 180° too). */
export function inLongitudes([west, , east]: BBox, lon: number): boolean {
  if (west <= east) return lon >= west && lon <= east;
  return lon >= west || lon <= east;
}

/** `inBox(box, lon, lat)`: whether a position lies in the box (across 180° too). */
export function inBox(box: BBox, lon: number, lat: number): boolean {
  return lat >= box[1] && lat <= box[3] && inLongitudes(box, lon);
}

/**
 * An arc of meridians: from `start` (degrees east of 180°W, 0 to 360) eastwards to `end` (start plus
 * 0 to 360), with the longitudes of its two ends as written (so a box has the editor's numbers).
 */
interface Arc {
  start: number;
  end: number;
  west: number;
  east: number;
}

const fromWest = (lon: number): number => (((lon + 180) % 360) + 360) % 360;

/**
 * Collects what a run of positions covers in longitude: each position, and between two
 * consecutive ones the shorter way round (a segment never spans more than 180°; one that jumps
 * further, a naive crossing, is taken as the short way it was meant to go: the checker names it).
 */
export class LongitudeSpan {
  #arcs: Arc[] = [];
  #south = Infinity;
  #north = -Infinity;

  /** Adds a line (or ring) of [longitude, latitude] positions; a single position is a point. */
  addLine(positions: readonly (readonly number[])[]): void {
    let last: number | null = null;
    for (const p of positions) {
      const [lon, lat] = p as [number, number];
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) throw new TypeError('not a position');
      this.#south = Math.min(this.#south, lat);
      this.#north = Math.max(this.#north, lat);
      const here = wrapLongitude(lon);
      if (last === null) this.#arcs.push({ start: fromWest(here), end: fromWest(here), west: here, east: here });
      else {
        const d = longitudeDelta(last, here);
        const [west, east] = d >= 0 ? [last, here] : [here, last];
        const start = fromWest(west);
        this.#arcs.push({ start, end: start + Math.abs(d), west, east });
      }
      last = here;
    }
  }

  /**
   * The smallest box holding everything added: the longitudes are the circle less its widest gap.
   * Of two equal gaps, the box that does not cross 180° wins. Null when nothing was added.
   */
  box(): BBox | null {
    if (this.#arcs.length === 0) return null;
    const arcs = [...this.#arcs].sort((a, b) => a.start - b.start);
    // Merge overlapping arcs in order, then the last one into the first ones across 360°.
    const merged: Arc[] = [];
    for (const arc of arcs) {
      const last = merged.at(-1);
      if (last && arc.start <= last.end) {
        if (arc.end > last.end) Object.assign(last, { end: arc.end, east: arc.east });
      } else merged.push({ ...arc });
    }
    const tail = merged.at(-1)!;
    while (merged.length > 1 && tail.end - 360 >= merged[0]!.start) {
      const head = merged.shift()!;
      if (head.end + 360 > tail.end) Object.assign(tail, { end: head.end + 360, east: head.east });
    }
    const south = this.#south;
    const north = this.#north;
    if (merged.length === 1 && tail.end - tail.start >= 360) return [-180, south, 180, north];
    // The widest gap between the end of one arc and the start of the next (the last's next is the first).
    let best: BBox | null = null;
    let bestGap = -Infinity;
    for (let i = 0; i < merged.length; i++) {
      const here = merged[i]!;
      const next = merged[(i + 1) % merged.length]!;
      const gap = (i + 1 < merged.length ? next.start : next.start + 360) - here.end;
      const box: BBox = [next.west, south, here.east, north];
      const wider = gap > bestGap + 1e-9;
      const tie =
        Math.abs(gap - bestGap) <= 1e-9 && best !== null && crossesAntimeridian(best) && !crossesAntimeridian(box);
      if (wider || tie) {
        best = box;
        bestGap = gap;
      }
    }
    // A box from 180 round to -180 (or touching them) is written the way that does not cross.
    if (best && best[0] === 180 && best[2] !== 180) best[0] = -180;
    if (best && best[2] === -180 && best[0] !== -180) best[2] = 180;
    return best;
  }
}

type Geometry = { type?: unknown; coordinates?: unknown; geometries?: unknown };

/** Adds a GeoJSON geometry's lines, rings and points to a span; throws on a malformed one. */
function addGeometry(span: LongitudeSpan, g: Geometry | null | undefined): void {
  if (!g || typeof g !== 'object') return;
  const cs = g.coordinates as unknown;
  const list = (v: unknown): unknown[] => {
    if (!Array.isArray(v)) throw new TypeError('not a list');
    return v;
  };
  switch (g.type) {
    case 'Point':
      span.addLine([list(cs) as number[]]);
      break;
    case 'MultiPoint':
      for (const p of list(cs)) span.addLine([list(p) as number[]]);
      break;
    case 'LineString':
      span.addLine(list(cs) as number[][]);
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of list(cs)) span.addLine(list(line) as number[][]);
      break;
    case 'MultiPolygon':
      for (const polygon of list(cs)) for (const ring of list(polygon)) span.addLine(list(ring) as number[][]);
      break;
    case 'GeometryCollection':
      for (const x of list(g.geometries)) addGeometry(span, x as Geometry);
      break;
  }
}

/**
 * `spanBox(features)`: the smallest [west, south, east, north] box around GeoJSON features,
 * geometries or collections, across 180° when that is smaller (west > east); null when there is
 * nothing to measure or a coordinate is not a number.
 */
export function spanBox(items: readonly unknown[]): BBox | null {
  const span = new LongitudeSpan();
  const add = (item: unknown): void => {
    if (!item || typeof item !== 'object') return;
    const o = item as { type?: unknown; features?: unknown; geometry?: unknown };
    if (o.type === 'FeatureCollection') for (const f of Array.isArray(o.features) ? o.features : []) add(f);
    else if (o.type === 'Feature') addGeometry(span, o.geometry as Geometry);
    else addGeometry(span, o as Geometry);
  };
  try {
    for (const item of items) add(item);
  } catch {
    return null;
  }
  const box = span.box();
  return box?.every(Number.isFinite) ? box : null;
}

type Position = readonly number[];

/** On the same 180° meridian: both positions at 180, or both at -180. */
const alongAntimeridian = (a: Position, b: Position) => Math.abs(a[0]!) === 180 && a[0] === b[0];

/**
 * `outlineOf(rings)`: the lines that outline polygon rings, less their edges along the 180°
 * meridian. An area split at 180° (RFC 7946, section 3.1.9) is two polygons that meet there; its
 * outline is the coast of the whole, with no seam where it was cut.
 */
export function outlineOf(rings: readonly (readonly Position[])[]): Position[][] {
  const lines: Position[][] = [];
  for (const ring of rings) {
    const pieces: Position[][] = [];
    let line: Position[] = [];
    for (let i = 0; i < ring.length; i++) {
      const p = ring[i]!;
      if (i > 0 && alongAntimeridian(ring[i - 1]!, p)) {
        if (line.length > 1) pieces.push(line);
        line = [];
      }
      line.push(p);
    }
    if (line.length > 1) pieces.push(line);
    // A cut ring whose start is not on the cut: its last piece runs on into its first.
    const first = pieces[0];
    const last = pieces.at(-1);
    if (pieces.length > 1 && first && last && first[0] === ring[0] && last.at(-1) === ring.at(-1)) {
      pieces.shift();
      pieces[pieces.length - 1] = [...last, ...first.slice(1)];
    }
    lines.push(...pieces);
  }
  return lines;
}

/**
 * `cutOutline(geometry)`: for a Polygon or MultiPolygon with an edge along the 180° meridian (split
 * there), its outline without those edges as a MultiLineString; null for any other geometry, whose
 * own rings are its outline.
 */
export function cutOutline(geometry: {
  type: string;
  coordinates?: unknown;
}): { type: 'MultiLineString'; coordinates: Position[][] } | null {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const polygons =
    geometry.type === 'Polygon'
      ? [list(geometry.coordinates)]
      : geometry.type === 'MultiPolygon'
        ? list(geometry.coordinates).map(list)
        : [];
  // Whatever an editor wrote (a dropped file is drawn with its mistakes): only lists of positions count.
  const rings = polygons
    .flat()
    .map((ring) => list(ring).filter((p): p is Position => Array.isArray(p) && typeof p[0] === 'number'));
  const cut = rings.some((ring) => ring.some((p, i) => i > 0 && alongAntimeridian(ring[i - 1]!, p)));
  return cut ? { type: 'MultiLineString', coordinates: outlineOf(rings) } : null;
}
