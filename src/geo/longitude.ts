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

/** Gaps this close are equal to LongitudeSpan.box() (its tolerance, 1e-9, with room for a tie's tie). */
const NEAR = 1e-8;

/**
 * `boxesWithoutOne(positions)` measures points once and returns `without(i)`: the box that
 * LongitudeSpan.box() gives for all of them but the i-th (all of them for -1), across 180° too.
 * Sorted once (n log n); each answer then looks only at the gaps next to the point left out and the
 * widest few, so judging every point against all the others stays near linear. The positions must
 * be finite [longitude, latitude] pairs.
 */
export function boxesWithoutOne(positions: readonly (readonly number[])[]): (without: number) => BBox | null {
  const n = positions.length;
  const here = positions.map((p) => wrapLongitude(p[0]!));
  // Points at the same meridian are one arc (LongitudeSpan merges them): its longitude as written
  // is its first point's (the second's, once the first is left out).
  const order = positions.map((_, i) => i).sort((a, b) => fromWest(here[a]!) - fromWest(here[b]!) || a - b);
  const groups: { at: number; first: number; second: number; count: number }[] = [];
  const groupOf = new Array<number>(n);
  for (const i of order) {
    const at = fromWest(here[i]!);
    const last = groups.at(-1);
    if (last && last.at === at) {
      if (last.count === 1) last.second = i;
      last.count++;
    } else groups.push({ at, first: i, second: -1, count: 1 });
    groupOf[i] = groups.length - 1;
  }
  const m = groups.length;
  // gaps[k]: from group k east to group k + 1 (the last one's: round to the first).
  const gaps = groups.map((g, k) => (k + 1 < m ? groups[k + 1]!.at : groups[0]!.at + 360) - g.at);
  const widest = gaps.map((_, k) => k).sort((a, b) => gaps[b]! - gaps[a]! || a - b);
  // The southernmost and northernmost two (a tie keeps its value when one is left out).
  const lats = positions.map((p) => p[1]!);
  const byLat = positions.map((_, i) => i).sort((a, b) => lats[a]! - lats[b]!);
  const south = (skip: number) => lats[byLat[0] === skip ? byLat[1]! : byLat[0]!]!;
  const north = (skip: number) => lats[byLat[n - 1] === skip ? byLat[n - 2]! : byLat[n - 1]!]!;

  const westOf = (k: number, skip: number) => here[groups[k]!.first === skip ? groups[k]!.second : groups[k]!.first]!;

  type Gap = { order: number; gap: number; west: number; east: number };
  const gapAt = (k: number): Gap => ({ order: k, gap: gaps[k]!, west: (k + 1) % m, east: k });
  /** LongitudeSpan.box()'s choice among gaps in order: the widest; of equal ones, one that does not cross 180°. */
  const choose = (candidates: readonly Gap[], skip: number): Gap => {
    let best: Gap | null = null;
    let bestBox: BBox | null = null;
    for (const c of candidates) {
      const b: BBox = [westOf(c.west, skip), 0, westOf(c.east, skip), 0];
      const wider = best === null || c.gap > best.gap + 1e-9;
      const tie =
        best !== null && Math.abs(c.gap - best.gap) <= 1e-9 && crossesAntimeridian(bestBox!) && !crossesAntimeridian(b);
      if (wider || tie) {
        best = c;
        bestBox = b;
      }
    }
    return best!;
  };
  // With every point: the choice among all the gaps (a point that shares its meridian changes no gap).
  const all =
    m > 1
      ? choose(
          gaps.map((_, k) => gapAt(k)),
          -1,
        )
      : null;

  return (without) => {
    const left = without >= 0 && without < n ? without : -1;
    if (n - (left >= 0 ? 1 : 0) === 0) return null;
    const s = south(left);
    const nn = north(left);
    const alone = left >= 0 && groups[groupOf[left]!]!.count === 1 ? groupOf[left]! : -1;
    let box: BBox;
    if (m - (alone >= 0 ? 1 : 0) === 1) {
      const lon = westOf(alone === 0 ? 1 : 0, left);
      box = [lon, s, lon, nn];
    } else {
      let chosen = all!;
      if (alone >= 0) {
        // The point was an arc of its own: the gaps on either side of it become one.
        const before = (alone - 1 + m) % m;
        const after = (alone + 1) % m;
        // In its place among the gaps: where the gap before it was (the last, when it is the first).
        const merged: Gap = {
          order: alone === 0 ? m : before,
          gap: gaps[before]! + gaps[alone]!,
          west: after,
          east: before,
        };
        const removed = (k: number) => k === before || k === alone;
        let top = merged.gap;
        for (const k of widest) {
          if (removed(k)) continue;
          top = Math.max(top, gaps[k]!);
          break;
        }
        // Only gaps about as wide as the widest can be chosen; past a few dozen equal ones (points on
        // a regular grid of meridians) the first of them in order stands for them.
        const candidates: Gap[] = merged.gap >= top - NEAR ? [merged] : [];
        for (const k of widest) {
          if (gaps[k]! < top - NEAR || candidates.length > 64) break;
          if (!removed(k)) candidates.push(gapAt(k));
        }
        candidates.sort((a, b) => a.order - b.order);
        chosen = choose(candidates, left);
      }
      box = [westOf(chosen.west, left), s, westOf(chosen.east, left), nn];
    }
    if (box[0] === 180 && box[2] !== 180) box[0] = -180;
    if (box[2] === -180 && box[0] !== -180) box[2] = 180;
    return box.every(Number.isFinite) ? box : null;
  };
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
