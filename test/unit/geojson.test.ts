// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { validateLayer } from '../../src/story/validate.ts';
import { storyArea } from '../../src/story/geojson.ts';
import { boxAround, boxAroundOthers, isClockwise } from '../../src/geo/shape.ts';

const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (id: unknown, type: string, coordinates: unknown) => ({
  type: 'Feature',
  ...(id === undefined ? {} : { id }),
  properties: { name: 'N' },
  geometry: { type, coordinates },
});
const messages = (layer: 'places' | 'routes' | 'areas', value: unknown) =>
  validateLayer(layer, value, 'f.geojson').map((i) => `${i.path}: ${i.message}`);

describe('validateLayer', () => {
  it('validateLayer(layer, value) names a colour that is not #rrggbb or #rgb, CSS text included', () => {
    const colored = (color: unknown) => ({ ...feature('a', 'Point', [1, 2]), properties: { name: 'N', color } });
    expect(messages('places', collection(colored('#b5361d'), colored('#abc')))).toEqual([]);
    expect(messages('places', collection(colored('red; background-image: url(https://example.com/x)')))).toEqual([
      expect.stringMatching(/^features\[0\]\.properties\.color: .*a colour written #rrggbb or #rgb, like "#b5361d"/),
    ]);
  });

  it('validateLayer(layer, value) says which features have no id chapters could name, after the rest', () => {
    expect(
      messages(
        'places',
        collection(
          feature(undefined, 'Point', [1, 2]),
          feature('  ', 'Point', [1, 2, 3, 4]),
          feature(7, 'Point', [1, 2]),
        ),
      ),
    ).toEqual([
      'features[1].geometry.coordinates: a position has 4 numbers; RFC 7946 allows longitude, latitude and an optional altitude',
      'features[0].id: this feature has no "id": give it a unique string id so chapters can name it',
      'features[1].id: this feature has no "id": give it a unique string id so chapters can name it',
    ]);
  });

  it('validateLayer(layer, value) names the geometry the layer draws, even when the coordinates are wrong too', () => {
    expect(messages('places', collection(feature('x', 'LineString', [[1, 2]])))).toEqual([
      'features[0].geometry.coordinates: a line needs at least 2 positions, got 1',
      'features[0].geometry.type: the places layer draws Points, not a LineString',
    ]);
  });

  it('validateLayer(layer, value) says once that a collection has no features list', () => {
    expect(messages('routes', { type: 'FeatureCollection', features: null })).toEqual([
      'features: missing required field "features": the list of features',
    ]);
  });
});

describe('storyArea', () => {
  it('storyArea(collections)(except) is the box around the areas and routes, else the other places', () => {
    const places = collection(
      feature('a', 'Point', [1, 2]),
      feature('b', 'Point', [5, 8]),
      feature('c', 'Point', [3, -4]),
    );
    const routes = collection(
      feature('r', 'LineString', [
        [0, 0],
        [10, 1],
      ]),
    );
    expect(storyArea([places, routes])()).toEqual([0, 0, 10, 1]);
    expect(storyArea([places, routes])(places.features[2])).toEqual([0, 0, 10, 1]);
    const area = storyArea([places]);
    expect(area()).toEqual([1, -4, 5, 8]);
    expect(area(places.features[2])).toEqual([1, 2, 5, 8]);
    expect(area(places.features[1])).toEqual([1, -4, 3, 2]);
    expect(area(places.features[0])).toEqual([3, -4, 5, 8]);
    expect(storyArea([collection(feature('a', 'Point', [1, 2]))])()).toBeNull();
    // Two places: each would be judged by the other alone, which is no area.
    const two = collection(feature('a', 'Point', [1, 2]), feature('b', 'Point', [3, 4]));
    expect(storyArea([two])()).toEqual([1, 2, 3, 4]);
    expect(storyArea([two])(two.features[0])).toBeNull();
  });

  it('storyArea(collections) leaves out features it cannot measure, and ignores a feature\'s own "bbox"', () => {
    const places = collection(
      feature('a', 'Point', [1, 2]),
      feature('b', 'Point', ['x', 'y']),
      { ...feature('c', 'Point', [3, 4]), bbox: [-100, -100, 100, 100] },
      feature('d', 'Point', null),
    );
    expect(storyArea([places])()).toEqual([1, 2, 3, 4]);
    expect(storyArea([places])(places.features[0])).toBeNull();
  });
});

describe('boxAroundOthers', () => {
  it('boxAroundOthers(features, min)(except) is the box around all features but one', () => {
    const points = [
      [0, 0],
      [10, 0],
      [10, 0],
      [5, -3],
      [2, 7],
    ].map((c, i) => feature(String(i), 'Point', c));
    const others = boxAroundOthers(points);
    expect(others()).toEqual([0, -3, 10, 7]);
    expect(others(points[0])).toEqual([2, -3, 10, 7]);
    // Two features on the east side: leaving one out keeps the other.
    expect(others(points[1])).toEqual([0, -3, 10, 7]);
    expect(others(points[3])).toEqual([0, 0, 10, 7]);
    expect(others(points[4])).toEqual([0, -3, 10, 0]);
    expect(others({})).toEqual([0, -3, 10, 7]);
    expect(boxAroundOthers(points.slice(0, 2), 2)(points[0])).toBeNull();
    expect(boxAroundOthers([])()).toBeNull();
  });

  it('boxAroundOthers(features) is the same box as boxAround(features), leaving each one out in turn', () => {
    let seed = 3;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed / 2147483647) * 360 - 180;
    };
    const features = Array.from({ length: 200 }, (_, i) =>
      i % 7 === 0
        ? feature(String(i), 'LineString', [
            [random() / 2, random() / 4],
            [random() / 2, random() / 4],
          ])
        : feature(String(i), 'Point', [random() / 2, random() / 4]),
    );
    const others = boxAroundOthers(features);
    expect(others()).toEqual(boxAround(features));
    for (const f of features) expect(others(f)).toEqual(boxAround(features.filter((g) => g !== f)));
  });
});

describe('boxAround', () => {
  it('boxAround(features) is [west, south, east, north], or null when nothing can be measured', () => {
    expect(boxAround([feature('a', 'Point', [1, 2]), feature('b', 'Point', [-3, 4])])).toEqual([-3, 2, 1, 4]);
    expect(boxAround([])).toBeNull();
    expect(boxAround([feature('a', 'Point', ['x', 2])])).toBeNull();
    expect(boxAround([feature('a', 'LineString', null)])).toBeNull();
  });
});

describe('isClockwise', () => {
  it('isClockwise(ring) tells the direction of a closed ring', () => {
    const ccw = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(isClockwise(ccw)).toBe(false);
    expect(isClockwise([...ccw].reverse())).toBe(true);
  });
});
