/**
 * Routes are drawn as great circles: the path a plane (or a line on a globe) takes. Editors give
 * only the stops; this file adds the curve.
 */
import { greatCircle } from '@turf/turf';
import type { LineString, MultiLineString, Position } from 'geojson';

/** Points per segment: smooth at continental zoom, small enough for many routes. */
const POINTS_PER_SEGMENT = 64;

const RAD = Math.PI / 180;

/**
 * `latitudeAt(a, b, lon)`: the latitude at which the great circle through positions `a` and `b`
 * meets meridian `lon` (tan φ = (tan φa sin(λ − λb) − tan φb sin(λ − λa)) / sin(λa − λb)).
 */
function latitudeAt([lonA, latA]: Position, [lonB, latB]: Position, lon: number): number {
  const [la, lb, l] = [lonA! * RAD, lonB! * RAD, lon * RAD];
  const d = Math.sin(la - lb);
  if (Math.abs(d) < 1e-12) return (latA! + latB!) / 2;
  const t = (Math.tan(latA! * RAD) * Math.sin(l - lb) - Math.tan(latB! * RAD) * Math.sin(l - la)) / d;
  return Math.atan(t) / RAD;
}

/**
 * `greatCirclePath(line)` returns the line with every segment replaced by its great circle.
 * A segment that crosses the antimeridian comes back split, as a MultiLineString whose parts meet
 * at 180° (turf leaves out the piece between its last point before 180° and its first after: the
 * line had a gap there, and its length came out short by that piece).
 */
export function greatCirclePath(geometry: LineString | MultiLineString): LineString | MultiLineString {
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  const out: Position[][] = [];
  for (const line of lines) {
    let current: Position[] = [];
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1]!;
      const b = line[i]!;
      if (a[0] === b[0] && a[1] === b[1]) continue;
      const arc = greatCircle(a, b, { npoints: POINTS_PER_SEGMENT }).geometry;
      if (arc.type === 'LineString') {
        current.push(...(current.length ? arc.coordinates.slice(1) : arc.coordinates));
      } else {
        // Split at the antimeridian: close the current part with the first piece, each piece ending
        // (and the next starting) on 180°, where the great circle meets it.
        const pieces = arc.coordinates.map((piece) => [...piece]);
        for (let j = 1; j < pieces.length; j++) {
          const before = pieces[j - 1]!;
          const after = pieces[j]!;
          const end = before.at(-1)!;
          const start = after[0]!;
          const edge = end[0]! < 0 ? -180 : 180;
          const lat = latitudeAt(end, start, 180);
          if (Math.abs(end[0]!) !== 180) before.push([edge, lat]);
          if (Math.abs(start[0]!) !== 180) after.unshift([-edge, lat]);
        }
        const [first, ...rest] = pieces;
        current.push(...(current.length ? first!.slice(1) : first!));
        out.push(current);
        current = [];
        for (const piece of rest.slice(0, -1)) out.push(piece);
        current = [...(rest.at(-1) ?? [])];
      }
    }
    if (current.length > 1) out.push(current);
  }
  if (out.length === 1) return { type: 'LineString', coordinates: out[0]! };
  return { type: 'MultiLineString', coordinates: out };
}
