/**
 * Distances and directions, as numbers: geometry is turf's. Words for them are format.ts's.
 */
import { bearing as turfBearing, distance as turfDistance, length as turfLength } from '@turf/turf';
import type { LineString, MultiLineString } from 'geojson';
import type { LngLat } from '../story/types.ts';

const COMPASS = ['N', 'NNE', 'NE', 'ENE', 'E', 'ESE', 'SE', 'SSE', 'S', 'SSW', 'SW', 'WSW', 'W', 'WNW', 'NW', 'NNW'];

export interface Measure {
  /** Great-circle distance in kilometres (turf's haversine, mean Earth radius). */
  km: number;
  miles: number;
  /** Initial bearing in degrees clockwise from north, 0 to 360. */
  bearing: number;
}

/** `measure(from, to)` returns the straight-line (great-circle) distance and initial bearing. */
export function measure(from: LngLat, to: LngLat): Measure {
  const km = turfDistance(from, to, { units: 'kilometers' });
  const miles = turfDistance(from, to, { units: 'miles' });
  const b = turfBearing(from, to);
  return { km, miles, bearing: (b + 360) % 360 };
}

/** `compassPoint(113)` returns `'ESE'`: the nearest of the 16 compass points. */
export function compassPoint(degrees: number): string {
  const index = Math.round((((degrees % 360) + 360) % 360) / 22.5) % 16;
  return COMPASS[index]!;
}

/**
 * `roundDistance(44.8)` returns `45`: whole units below 1,000, then to the nearest ten, as a
 * reader would say it. Tiny distances keep one decimal.
 */
export function roundDistance(value: number): number {
  if (value < 10) return Math.round(value * 10) / 10;
  if (value < 1000) return Math.round(value);
  return Math.round(value / 10) * 10;
}

/** `lineLength(line)` is the length of a line along the Earth's surface, in kilometres. */
export function lineLength(geometry: LineString | MultiLineString): number {
  return turfLength({ type: 'Feature', properties: {}, geometry }, { units: 'kilometers' });
}
