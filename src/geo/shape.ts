/**
 * Shape questions the checker asks of GeoJSON, answered by turf (boxes by longitude.ts, which knows
 * about 180°). Pure, and they never throw: input here is whatever an editor wrote.
 */
import { booleanClockwise } from '@turf/turf';
import type { BBox } from '../story/types.ts';
import { spanBox } from './longitude.ts';

/**
 * `boxAround(features)` is the smallest [west, south, east, north] box around GeoJSON features,
 * across 180° (west > east) when that is smaller (longitude.ts); null when it cannot be measured
 * (no features, or coordinates that are not numbers).
 */
export function boxAround(features: readonly unknown[]): BBox | null {
  return features.length === 0 ? null : spanBox(features);
}

/** `isClockwise(ring)` is true when a closed ring of [longitude, latitude] positions runs clockwise. */
export function isClockwise(ring: readonly (readonly number[])[]): boolean {
  return booleanClockwise(ring as [number, number][]);
}
