/**
 * Shape questions the checker asks of GeoJSON, answered by turf. Pure, and they never throw: input
 * here is whatever an editor wrote.
 */
import { bbox, booleanClockwise } from '@turf/turf';
import type { BBox } from '../story/types.ts';

/**
 * `boxAround(features)` is the [west, south, east, north] box around GeoJSON features; null when it
 * cannot be measured (no features, or coordinates that are not numbers).
 */
export function boxAround(features: readonly unknown[]): BBox | null {
  if (features.length === 0) return null;
  try {
    const box = bbox({ type: 'FeatureCollection', features: [...features] } as Parameters<typeof bbox>[0]);
    return box.length === 4 && box.every(Number.isFinite) ? (box as BBox) : null;
  } catch {
    return null;
  }
}

/** `isClockwise(ring)` is true when a closed ring of [longitude, latitude] positions runs clockwise. */
export function isClockwise(ring: readonly (readonly number[])[]): boolean {
  return booleanClockwise(ring as [number, number][]);
}
