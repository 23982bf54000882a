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

/**
 * `boxAroundOthers(features, min)` measures each feature once and returns `others(except)`: the
 * [west, south, east, north] box around all the features but `except` (all of them without it), or
 * null when fewer than `min` measurable features are left. A feature that cannot be measured
 * (coordinates that are not numbers) is left out. Linear in the features; each answer is then
 * constant time (the two outermost features on each side are kept).
 */
export function boxAroundOthers(features: readonly unknown[], min = 1): (except?: unknown) => BBox | null {
  type Side = { index: number; value: number; next: number };
  // west and south keep their smallest values, east and north their largest (stored negated).
  const sides: Side[] = [0, 1, 2, 3].map(() => ({ index: -1, value: Infinity, next: Infinity }));
  const measured = new Map<unknown, number>();
  features.forEach((feature, index) => {
    let box: number[];
    try {
      // recompute: a feature's own "bbox" member is the editor's claim, not its coordinates.
      box = bbox(feature as Parameters<typeof bbox>[0], { recompute: true });
    } catch {
      return;
    }
    if (box.length !== 4 || !box.every(Number.isFinite)) return;
    measured.set(feature, index);
    box.forEach((v, k) => {
      const side = sides[k]!;
      const value = k < 2 ? v : -v;
      if (value < side.value) {
        side.next = side.value;
        side.value = value;
        side.index = index;
      } else if (value < side.next) side.next = value;
    });
  });
  return (except) => {
    const left = measured.get(except);
    if (measured.size - (left === undefined ? 0 : 1) < Math.max(1, min)) return null;
    const [w, s, e, n] = sides.map((side) => (side.index === left ? side.next : side.value)) as BBox;
    return [w, s, -e, -n];
  };
}

/** `isClockwise(ring)` is true when a closed ring of [longitude, latitude] positions runs clockwise. */
export function isClockwise(ring: readonly (readonly number[])[]): boolean {
  return booleanClockwise(ring as [number, number][]);
}
