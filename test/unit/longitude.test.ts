import { bbox as turfBbox } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import {
  boxWidth,
  crossesAntimeridian,
  cutOutline,
  inBox,
  longitudeDelta,
  outlineOf,
  spanBox,
  wrapLongitude,
} from '../../src/geo/longitude.ts';
import { boxAround } from '../../src/geo/shape.ts';
import type { BBox } from '../../src/story/types.ts';

const point = (lon: number, lat: number) => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
const line = (type: string, coordinates: unknown) => ({
  type: 'Feature',
  properties: {},
  geometry: { type, coordinates },
});

// Places on both sides of 180° (GeoNames / Wikipedia coordinates).
const SHEMYA = point(174.1136, 52.7122);
const AMCHITKA = point(179.2, 51.45);
const ADAK = point(-176.6581, 51.88);

describe('longitudes on a circle', () => {
  it('wrapLongitude(lon) gives the same meridian in [-180, 180]', () => {
    expect(wrapLongitude(185)).toBe(-175);
    expect(wrapLongitude(-185)).toBe(175);
    expect(wrapLongitude(540)).toBe(-180);
    expect(wrapLongitude(180)).toBe(180);
    expect(wrapLongitude(-180)).toBe(-180);
    expect(wrapLongitude(-89.5)).toBe(-89.5);
  });

  it('longitudeDelta(from, to) is the shorter way, east positive', () => {
    expect(longitudeDelta(175, -175)).toBe(10);
    expect(longitudeDelta(-175, 175)).toBe(-10);
    expect(longitudeDelta(-89, -88)).toBe(1);
    expect(longitudeDelta(0, 180)).toBe(180);
    expect(longitudeDelta(185, -175)).toBe(0);
  });

  it('inBox(box, lon, lat) and boxWidth(box) read a box across 180° (west > east) as RFC 7946 does', () => {
    const box: BBox = [170, 50, -170, 60];
    expect(crossesAntimeridian(box)).toBe(true);
    expect(boxWidth(box)).toBe(20);
    expect(inBox(box, 175, 55)).toBe(true);
    expect(inBox(box, -175, 55)).toBe(true);
    expect(inBox(box, 180, 55)).toBe(true);
    expect(inBox(box, 0, 55)).toBe(false);
    expect(inBox(box, 175, 61)).toBe(false);
    expect(inBox([-92, 5, -70, 42], -80, 10)).toBe(true);
    expect(inBox([-92, 5, -70, 42], 175, 10)).toBe(false);
  });
});

describe('spanBox: the smallest box, across 180° when that is smaller', () => {
  it('places on both sides of 180° get a box 9° wide, not the 356° of a naive box', () => {
    const box = spanBox([SHEMYA, AMCHITKA, ADAK])!;
    expect(box).toEqual([174.1136, 51.45, -176.6581, 52.7122]);
    expect(boxWidth(box)).toBeCloseTo(9.2283, 4);
    // A naive box (turf's) spans the whole other side of the world.
    const naive = turfBbox({ type: 'FeatureCollection', features: [SHEMYA, AMCHITKA, ADAK] } as never);
    expect(naive[2] - naive[0]).toBeCloseTo(355.8581, 4);
  });

  it('a shape split at 180° (RFC 7946, 3.1.9) is measured as one', () => {
    const split = line('MultiPolygon', [
      [
        [
          [180, 51],
          [176, 51],
          [176, 53],
          [180, 53],
          [180, 51],
        ],
      ],
      [
        [
          [-180, 51],
          [-178, 51],
          [-178, 53],
          [-180, 53],
          [-180, 51],
        ],
      ],
    ]);
    expect(spanBox([split])).toEqual([176, 51, -178, 53]);
    // A great-circle route, split by turf where it crosses.
    const route = line('MultiLineString', [
      [
        [139.6, 35.4],
        [170, 47],
        [180, 48.5],
      ],
      [
        [-180, 48.5],
        [-150, 47],
        [-122.4, 37.8],
      ],
    ]);
    expect(spanBox([route])).toEqual([139.6, 35.4, -122.4, 48.5]);
  });

  it('a segment that jumps more than 180° is taken the short way (the checker names it as a mistake)', () => {
    const naive = line('LineString', [
      [-178, 51],
      [177, 52],
    ]);
    expect(spanBox([naive])).toEqual([177, 51, -178, 52]);
  });

  it('the Americas are boxed as before: west <= east, the same numbers as turf', () => {
    const features = [point(-89.1872, 13.6894), point(-77.0364, 38.8978), point(-66.8792, 10.488), point(-165.4, 64.5)];
    expect(spanBox(features)).toEqual(turfBbox({ type: 'FeatureCollection', features } as never));
  });

  it('of two equal gaps, the box that does not cross 180° wins', () => {
    expect(spanBox([point(-170, 0), point(10, 5)])).toEqual([-170, 0, 10, 5]);
    expect(spanBox([point(10, 5), point(-170, 0)])).toEqual([-170, 0, 10, 5]);
  });

  it('a line round the whole world spans every longitude; one place spans none', () => {
    const round = line('LineString', [
      [-180, 60],
      [-90, 61],
      [0, 62],
      [90, 61],
      [180, 60],
    ]);
    expect(spanBox([round])).toEqual([-180, 60, 180, 62]);
    expect(spanBox([point(179.5, 1)])).toEqual([179.5, 1, 179.5, 1]);
  });

  it('spanBox gives null for nothing, or for coordinates that are not numbers (never throws)', () => {
    expect(spanBox([])).toBeNull();
    expect(spanBox([line('LineString', [['a', 1]])])).toBeNull();
    expect(spanBox([line('Polygon', 7)])).toBeNull();
    expect(boxAround([])).toBeNull();
    expect(boxAround([{ type: 'FeatureCollection', features: [SHEMYA, ADAK] }])).toEqual([
      174.1136, 51.88, -176.6581, 52.7122,
    ]);
  });
});

describe('outlines of areas split at 180°', () => {
  const west = [
    [180, 63.2],
    [170, 60],
    [174, 52.4],
    [180, 51.9],
    [180, 63.2],
  ];
  const east = [
    [-180, 51.9],
    [-168, 53.7],
    [-173, 65.4],
    [-180, 63.2],
    [-180, 51.9],
  ];

  it('outlineOf(rings) leaves out the edges along the meridian, and only those', () => {
    expect(outlineOf([west, east])).toEqual([
      [
        [180, 63.2],
        [170, 60],
        [174, 52.4],
        [180, 51.9],
      ],
      [
        [-180, 51.9],
        [-168, 53.7],
        [-173, 65.4],
        [-180, 63.2],
      ],
    ]);
    // A ring cut in its middle is one line, from after the cut round to before it.
    const rotated = [...west.slice(1, 4), west[0]!, west[1]!];
    expect(outlineOf([rotated])).toEqual([
      [
        [180, 63.2],
        [170, 60],
        [174, 52.4],
        [180, 51.9],
      ],
    ]);
  });

  it('cutOutline(geometry) is null for an area with no edge along 180°', () => {
    expect(cutOutline({ type: 'MultiPolygon', coordinates: [[west], [east]] })?.coordinates).toHaveLength(2);
    expect(
      cutOutline({
        type: 'Polygon',
        coordinates: [
          [
            [-81.3, -18.4],
            [-68.7, -18.4],
            [-68.7, -0.1],
            [-81.3, -18.4],
          ],
        ],
      }),
    ).toBeNull();
    // Touching 180° at one vertex is no edge along it.
    expect(
      cutOutline({
        type: 'Polygon',
        coordinates: [
          [
            [170, 0],
            [180, 1],
            [170, 2],
            [170, 0],
          ],
        ],
      }),
    ).toBeNull();
    expect(
      cutOutline({
        type: 'LineString',
        coordinates: [
          [180, 0],
          [180, 1],
        ],
      }),
    ).toBeNull();
  });
});
