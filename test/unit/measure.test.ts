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
});
