// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { validateLayer } from '../../src/story/validate.ts';
import { storyArea } from '../../src/story/geojson.ts';
import { boxAround, isClockwise } from '../../src/geo/shape.ts';

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
  it('storyArea(collections, except) is the box around the areas and routes, else the other places', () => {
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
    expect(storyArea([places, routes])).toEqual([0, 0, 10, 1]);
    expect(storyArea([places], places.features[2])).toEqual([1, 2, 5, 8]);
    expect(storyArea([collection(feature('a', 'Point', [1, 2]))])).toBeNull();
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
