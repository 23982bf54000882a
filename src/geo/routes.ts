/**
 * Routes are drawn as great circles: the path a plane (or a line on a globe) takes. Editors give
 * only the stops; this file adds the curve.
 */
import { greatCircle } from '@turf/turf';
import type { LineString, MultiLineString, Position } from 'geojson';

/** Points per segment: smooth at continental zoom, small enough for many routes. */
const POINTS_PER_SEGMENT = 64;

/**
 * `greatCirclePath(line)` returns the line with every segment replaced by its great circle.
 * A segment that crosses the antimeridian comes back split, as a MultiLineString.
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
        // Split at the antimeridian: close the current part with the first piece.
        const [first, ...rest] = arc.coordinates;
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
