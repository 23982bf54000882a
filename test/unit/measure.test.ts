import { describe, expect, it } from 'vitest';
import { compassPoint, lineLength, measure, roundDistance } from '../../src/geo/measure.ts';
import { greatCirclePath } from '../../src/geo/routes.ts';

const SAN_SALVADOR: [number, number] = [-89.1872, 13.6894];
const CECOT: [number, number] = [-88.805, 13.5336];

describe('measure', () => {
  it('measure(San Salvador, CECOT) is about 44.8 km at a bearing of 113° (facts.md)', () => {
    const m = measure(SAN_SALVADOR, CECOT);
    expect(m.km).toBeCloseTo(44.8, 1);
    expect(m.miles).toBeCloseTo(27.8, 1);
    expect(Math.round(m.bearing)).toBe(113);
  });

  it('measure(San Salvador, White House) is about 3,047 km', () => {
    expect(measure(SAN_SALVADOR, [-77.0364, 38.8978]).km).toBeCloseTo(3047, -1);
  });
});

describe('compassPoint', () => {
  it('compassPoint(113) is ESE, and wraps around north', () => {
    expect(compassPoint(113)).toBe('ESE');
    expect(compassPoint(359)).toBe('N');
    expect(compassPoint(-90)).toBe('W');
  });
});

describe('roundDistance', () => {
  it('roundDistance(value) rounds as a reader would say it', () => {
    expect(roundDistance(44.8)).toBe(45);
    expect(roundDistance(3047.4)).toBe(3050);
    expect(roundDistance(4.26)).toBe(4.3);
    expect(roundDistance(999.6)).toBe(1000);
  });
});

describe('greatCirclePath', () => {
  it('greatCirclePath(line) keeps the stops and curves between them', () => {
    const path = greatCirclePath({ type: 'LineString', coordinates: [[-77.0364, 38.8978], CECOT] });
    expect(path.type).toBe('LineString');
    const coords = path.coordinates as number[][];
    expect(coords.length).toBeGreaterThan(10);
    expect(coords[0]![0]).toBeCloseTo(-77.0364, 6);
    expect(coords.at(-1)![1]).toBeCloseTo(13.5336, 6);
    // Longer than the straight segment on the map is not required, but never shorter than the geodesic.
    expect(lineLength(path)).toBeCloseTo(measure([-77.0364, 38.8978], CECOT).km, 0);
  });

  it('greatCirclePath(line) joins multi-stop lines without repeating the shared stop', () => {
    const path = greatCirclePath({
      type: 'LineString',
      coordinates: [
        [-77, 38.9],
        [-89.2, 13.7],
        [-66.9, 10.5],
      ],
    });
    const coords = path.coordinates as number[][];
    const repeats = coords.filter((c, i) => i > 0 && c[0] === coords[i - 1]![0] && c[1] === coords[i - 1]![1]);
    expect(repeats).toHaveLength(0);
  });

  it('greatCirclePath(line) splits a route across the antimeridian', () => {
    const path = greatCirclePath({
      type: 'LineString',
      coordinates: [
        [170, 50],
        [-170, 55],
      ],
    });
    expect(path.type).toBe('MultiLineString');
  });

  it('greatCirclePath(line) across 180° has no gap: its parts meet on 180° and it is as long as the geodesic', () => {
    // Yokohama to San Francisco, and the same the other way (west across 180°).
    const stops: [number, number][] = [
      [139.638, 35.4437],
      [-122.4194, 37.7749],
    ];
    for (const coordinates of [stops, [...stops].reverse()]) {
      const path = greatCirclePath({ type: 'LineString', coordinates });
      expect(path.type).toBe('MultiLineString');
      const [a, b] = path.coordinates as number[][][];
      expect(Math.abs(a!.at(-1)![0]!)).toBe(180);
      expect(b![0]![0]).toBe(-a!.at(-1)![0]!);
      expect(b![0]![1]).toBe(a!.at(-1)![1]);
      // Every other segment is short: the line never jumps across the map.
      for (const part of [a!, b!])
        for (let i = 1; i < part.length; i++) expect(Math.abs(part[i]![0]! - part[i - 1]![0]!)).toBeLessThan(10);
      // The geodesic is 8,290.6 km; turf's split alone lost the piece across 180° (8,159 km).
      expect(lineLength(path)).toBeCloseTo(measure(coordinates[0]!, coordinates[1]!).km, 1);
    }
    // Where it crosses: the great circle's own latitude at 180°, north of both ends.
    const crossing = (greatCirclePath({ type: 'LineString', coordinates: stops }).coordinates as number[][][])[1]![0]!;
    expect(crossing[1]).toBeCloseTo(48.0725, 3);
  });
});
