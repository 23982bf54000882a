import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mercatorX, mercatorY } from '../../src/geo/camera.ts';
import { labelPoint } from '../../src/geo/label-point.ts';

const square = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

describe('labelPoint', () => {
  it('labelPoint(square) is its middle (in Web Mercator), half its side from the edges', () => {
    const p = labelPoint({ type: 'Polygon', coordinates: [square(-90, -1, -88, 1)] })!;
    expect(p.at[0]).toBeCloseTo(-89, 1);
    expect(p.at[1]).toBeCloseTo(0, 1);
    expect(p.radius).toBeCloseTo(mercatorX(-88) - mercatorX(-89), 3);
  });

  it('labelPoint(polygon with a hole) is outside the hole, in the widest part of what is left', () => {
    // A frame, wider on its east side: the name goes there.
    const p = labelPoint({ type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(2, 2, 6, 8).reverse()] })!;
    expect(p.at[0]).toBeGreaterThan(6);
    expect(p.at[0]).toBeLessThan(10);
  });

  it('labelPoint(islands) is in the roomiest island', () => {
    const p = labelPoint({
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1, 1)], [square(5, 0, 9, 4)], [square(20, 0, 21, 1)]],
    })!;
    expect(p.at[0]).toBeCloseTo(7, 0);
    expect(p.at[1]).toBeCloseTo(2, 0);
  });

  it('labelPoint(an area split at 180°) is the middle of the whole, not of one part, and never on the cut', () => {
    // 170°E to 170°W, split at 180° (RFC 7946, 3.1.9): its middle is on 180°, 10° from each edge.
    const p = labelPoint({
      type: 'MultiPolygon',
      coordinates: [[square(170, 50, 180, 60)], [square(-180, 50, -170, 60)]],
    })!;
    expect(Math.abs(p.at[0])).toBeGreaterThan(179);
    expect(p.at[1]).toBeGreaterThan(50);
    expect(p.at[1]).toBeLessThan(60);
    // As far from the edges as the middle of one unsplit box of the same size.
    const whole = labelPoint({ type: 'Polygon', coordinates: [square(-10, 50, 10, 60)] })!;
    expect(p.radius).toBeCloseTo(whole.radius, 4);
  });

  it("labelPoint(the antimeridian story's Bering Sea) is inside it, on the wider, eastern side", () => {
    const areas = JSON.parse(readFileSync(new URL('../fixtures/antimeridian/areas.geojson', import.meta.url), 'utf8'));
    const bering = areas.features.find((f: { id: string }) => f.id === 'bering-sea');
    const p = labelPoint(bering.geometry)!;
    expect(p.at[0]).toBeLessThan(-165);
    expect(p.at[0]).toBeGreaterThan(-180);
    expect(p.at[1]).toBeGreaterThan(54);
    expect(p.at[1]).toBeLessThan(63);
    expect(p.radius).toBeGreaterThan(mercatorY(56) - mercatorY(58));
  });

  it('labelPoint(anything else) is null, and never throws', () => {
    for (const g of [
      null,
      undefined,
      { type: 'Point', coordinates: [0, 0] },
      { type: 'Polygon' },
      { type: 'Polygon', coordinates: 'x' },
      { type: 'Polygon', coordinates: [[[0, 0], 'x', [1, 1]]] },
      { type: 'MultiPolygon', coordinates: [[], [[]]] },
    ])
      expect(labelPoint(g as never)).toBeNull();
    // A degenerate ring (no room at all) still has a point, with no room.
    expect(labelPoint({ type: 'Polygon', coordinates: [square(1, 1, 1, 1)] })!.radius).toBe(0);
  });
});
