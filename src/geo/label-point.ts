/**
 * Where an area's name goes: its pole of inaccessibility, the point inside it farthest from its
 * edges (Agafonkin's polylabel algorithm: a quadtree of cells searched best first), found in Web
 * Mercator, so the name looks centred on the map, and across 180° as anywhere else: an area split
 * at 180° (RFC 7946, section 3.1.9) is searched as one, with its parts side by side and no edge
 * along the cut. Pure arithmetic, no turf, for the map's style and the still map.
 */
import { mercatorX, mercatorY } from './camera.ts';
import { cutOutline, wrapLongitude } from './longitude.ts';

type Position = readonly number[];

export interface LabelPoint {
  /** [longitude, latitude], the longitude in [-180, 180]. */
  at: [number, number];
  /**
   * The distance from there to the nearest edge, as a fraction of the world's width in Web
   * Mercator: 512·2^zoom·radius CSS pixels at a zoom (MapLibre's 512 px tiles).
   */
  radius: number;
}

/** The polygons of an area (Polygon or MultiPolygon) as lists of rings of finite positions; [] for anything else. */
function polygonsOf(geometry: { type?: unknown; coordinates?: unknown } | null | undefined): Position[][][] {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const rings = (polygon: unknown) =>
    list(polygon)
      .map((ring) =>
        list(ring).filter(
          (p): p is Position =>
            Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]) && Math.abs(p[1] as number) <= 90,
        ),
      )
      .filter((ring) => ring.length >= 3);
  if (geometry?.type === 'Polygon') return [rings(geometry.coordinates)].filter((p) => p.length > 0);
  if (geometry?.type === 'MultiPolygon')
    return list(geometry.coordinates)
      .map(rings)
      .filter((p) => p.length > 0);
  return [];
}

/** Squared distance from (px, py) to the segment a-b. */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  let x = ax;
  let y = ay;
  const dx = bx - ax;
  const dy = by - ay;
  if (dx !== 0 || dy !== 0) {
    const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
    x += dx * t;
    y += dy * t;
  }
  return (px - x) ** 2 + (py - y) ** 2;
}

interface Cell {
  x: number;
  y: number;
  /** Half the cell's side. */
  h: number;
  /** Signed distance from the centre to the edges (negative: outside). */
  d: number;
  /** The best distance a point in this cell can have. */
  max: number;
}

/**
 * `labelPoint(geometry)`: where a Polygon's or MultiPolygon's name goes (see the top of the file),
 * or null for anything else (a dropped file's mistakes included). For a MultiPolygon of islands it is
 * in the roomiest one. `precision` is a fraction of the area's larger side (default 1%).
 */
export function labelPoint(
  geometry: { type?: unknown; coordinates?: unknown } | null | undefined,
  precision = 0.01,
): LabelPoint | null {
  const polygons = polygonsOf(geometry);
  if (polygons.length === 0) return null;
  // The edges along 180° are the cut of a split area: not edges of the area.
  const outline = cutOutline({ type: 'MultiPolygon', coordinates: polygons });
  const cut = outline !== null;
  // Split at 180°: the parts east of it are moved a world to the east, beside the others.
  const shift = (polygon: Position[][]) => {
    if (!cut) return 0;
    let sum = 0;
    let n = 0;
    for (const p of polygon[0]!) {
      sum += p[0]!;
      n++;
    }
    return sum / n < 0 ? 360 : 0;
  };
  const toXY = (p: Position, k: number): [number, number] => [mercatorX(p[0]! + k), mercatorY(p[1]!)];
  const rings: [number, number][][] = [];
  for (const polygon of polygons) {
    const k = shift(polygon);
    for (const ring of polygon) rings.push(ring.map((p) => toXY(p, k)));
  }
  const lines: [number, number][][] = outline
    ? outline.coordinates.map((line) => {
        // Each line belongs to the side of 180° its points are on.
        const k = line.every((p) => p[0]! <= 0) && line.some((p) => p[0]! < 0) ? 360 : 0;
        return line.map((p) => toXY(p, k));
      })
    : rings;

  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  const width = x1 - x0;
  const height = y1 - y0;
  const back = (x: number, y: number): LabelPoint => ({
    at: [wrapLongitude(x * 360 - 180), (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI],
    radius: 0,
  });
  if (!(width > 0 && height > 0)) return back(x0, y0);
  // Square cells as wide as the area's smaller side (at most 64 of them along the longer one).
  const size = Math.max(Math.min(width, height), Math.max(width, height) / 64);

  // Inside by the even-odd rule over every ring (a hole is outside, a part beside another inside).
  const inside = (px: number, py: number) => {
    let yes = false;
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [ax, ay] = ring[i]!;
        const [bx, by] = ring[j]!;
        if (ay > py !== by > py && px < ((bx - ax) * (py - ay)) / (by - ay) + ax) yes = !yes;
      }
    return yes;
  };
  const distance = (px: number, py: number) => {
    let min = Infinity;
    for (const line of lines)
      for (let i = 1; i < line.length; i++) {
        const d = segmentDistance2(px, py, line[i - 1]![0], line[i - 1]![1], line[i]![0], line[i]![1]);
        if (d < min) min = d;
      }
    return (inside(px, py) ? 1 : -1) * Math.sqrt(min);
  };
  const cell = (x: number, y: number, h: number): Cell => {
    const d = distance(x, y);
    return { x, y, h, d, max: d + h * Math.SQRT2 };
  };

  // A max-heap of cells by the best distance they may hold.
  const heap: Cell[] = [];
  const push = (c: Cell) => {
    heap.push(c);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.max >= heap[i]!.max) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  };
  const pop = (): Cell => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]!.max > heap[m]!.max) m = l;
        if (r < heap.length && heap[r]!.max > heap[m]!.max) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };

  const h = size / 2;
  for (let x = x0; x < x1; x += size) for (let y = y0; y < y1; y += size) push(cell(x + h, y + h, h));
  let best = cell(x0 + width / 2, y0 + height / 2, 0);
  const tolerance = Math.max(width, height) * precision;
  while (heap.length > 0) {
    const c = pop();
    if (c.d > best.d) best = c;
    if (c.max - best.d <= tolerance) continue;
    const q = c.h / 2;
    push(cell(c.x - q, c.y - q, q));
    push(cell(c.x + q, c.y - q, q));
    push(cell(c.x - q, c.y + q, q));
    push(cell(c.x + q, c.y + q, q));
  }
  return { ...back(best.x, best.y), radius: Math.max(0, best.d) };
}
