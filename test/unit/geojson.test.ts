// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { validateLayer } from '../../src/story/validate.ts';
import { naiveCrossing, storyArea, storyAreas } from '../../src/story/geojson.ts';
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

describe('across 180°', () => {
  const withProps = (properties: Record<string, unknown>, type: string, coordinates: unknown) => ({
    type: 'Feature',
    id: 'x',
    properties: { name: 'N', ...properties },
    geometry: { type, coordinates },
  });

  it('naiveCrossing(line) finds the first segment that jumps more than 180°, and where the short way meets 180°', () => {
    expect(
      naiveCrossing([
        [-176.6581, 51.88],
        [174.1136, 52.7122],
      ]),
    ).toEqual({ index: 1, from: -176.6581, to: 174.1136, at: [-180, 52.1814] });
    expect(
      naiveCrossing([
        [170, 0],
        [179, 1],
        [-179, 2],
        [-170, 3],
      ]),
    ).toEqual({ index: 2, from: 179, to: -179, at: [180, 1.5] });
    // Split at 180° (RFC 7946), or exactly half the world: no naive crossing.
    expect(
      naiveCrossing([
        [174.1136, 52.7122],
        [180, 52.18],
      ]),
    ).toBeNull();
    expect(
      naiveCrossing([
        [-90, 0],
        [90, 0],
      ]),
    ).toBeNull();
  });

  it('a straight route or an area drawn across 180° unsplit is an error; a great-circle route is not (it goes the short way)', () => {
    const jump = [
      [-178, 51],
      [177, 52],
    ];
    expect(messages('routes', collection(withProps({ path: 'straight' }, 'LineString', jump)))).toEqual([
      expect.stringMatching(
        /^features\[0\]\.geometry\.coordinates\[1\]: this line jumps from longitude -178 to 177, 355° the long way round.*split it there \(RFC 7946, section 3\.1\.9\): end this line at \[-180, 51\.4\] and start the next at \[180, 51\.4\]/,
      ),
    ]);
    expect(messages('routes', collection(withProps({}, 'LineString', jump)))).toEqual([]);
    expect(messages('routes', collection(withProps({ path: 'great-circle' }, 'MultiLineString', [jump])))).toEqual([]);
    expect(
      messages(
        'routes',
        collection(
          withProps({ path: 'straight' }, 'MultiLineString', [
            [
              [0, 0],
              [1, 1],
            ],
            jump,
          ]),
        ),
      ),
    ).toEqual([expect.stringMatching(/^features\[0\]\.geometry\.coordinates\[1\]\[1\]: this line jumps/)]);
  });

  it('an area drawn across 180° unsplit gets the crossing named, not "the outer ring runs clockwise"', () => {
    const ring = [
      [177, 51],
      [-178, 51],
      [-178, 53],
      [177, 53],
      [177, 51],
    ];
    expect(isClockwise(ring)).toBe(true);
    const found = messages('areas', collection(withProps({}, 'Polygon', [ring])));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^features\[0\]\.geometry\.coordinates\[0\]\[1\]: this ring jumps from longitude 177 to -178/,
    );
    expect(found[0]).toMatch(/MultiPolygon of two/);
    expect(found[0]).not.toMatch(/clockwise/);
    // Split at 180° as RFC 7946 says: valid, counterclockwise parts, no warning.
    const split = [
      [
        [
          [177, 51],
          [180, 51],
          [180, 53],
          [177, 53],
          [177, 51],
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
    ];
    expect(messages('areas', collection(withProps({}, 'MultiPolygon', split)))).toEqual([]);
  });

  it('a line continued past 180° is out of range, with the way to draw it', () => {
    expect(
      messages(
        'routes',
        collection(
          withProps({ path: 'straight' }, 'LineString', [
            [178, 51],
            [183, 52],
          ]),
        ),
      ),
    ).toEqual([
      'features[0].geometry.coordinates[1][0]: longitude 183 is out of range: it must be between -180 and 180 (a line or an area that crosses 180° is split there, not continued past it: see data/README.md)',
    ]);
    expect(messages('places', collection(feature('p', 'Point', [183, 52])))).toEqual([
      'features[0].geometry.coordinates[0]: longitude 183 is out of range: it must be between -180 and 180',
    ]);
  });

  it('storyArea is the smallest box across 180° (not the whole world), and the swap check reads it', () => {
    const areas = collection(
      withProps({}, 'MultiPolygon', [
        [
          [
            [100, 0],
            [180, 0],
            [180, 60],
            [100, 60],
            [100, 0],
          ],
        ],
        [
          [
            [-180, 0],
            [-20, 0],
            [-20, 60],
            [-180, 60],
            [-180, 0],
          ],
        ],
      ]),
    );
    expect(storyArea([areas])).toEqual([100, 0, -20, 60]);
    // [40, -70] is not in the area (its longitude is in the gap from -20° to 100°); [-70, 40] is: swapped.
    const swapped = validateLayer('places', collection(feature('p', 'Point', [40, -70])), 'f.geojson', () =>
      storyArea([areas]),
    ).map((i) => i.message);
    expect(swapped).toEqual([
      expect.stringMatching(/^\[40, -70\] is outside the story's area, but \[-70, 40\] is inside it/),
    ]);
    expect(
      validateLayer('places', collection(feature('p', 'Point', [-70, 40])), 'f.geojson', () => storyArea([areas])),
    ).toEqual([]);
  });

  it('storyAreas(collections)(feature) is storyArea(collections, feature), the shapes measured once', () => {
    const places = collection(
      feature('a', 'Point', [170, 50]),
      feature('b', 'Point', [-170, 55]),
      feature('c', 'Point', [1, 2]),
    );
    const routes = collection(
      feature('r', 'LineString', [
        [175, 51],
        [-175, 52],
      ]),
    );
    for (const cs of [[places], [places, routes]]) {
      const around = storyAreas(cs);
      for (const f of [...places.features, ...routes.features]) expect(around(f)).toEqual(storyArea(cs, f));
    }
    expect(storyAreas([places, routes])(places.features[0])).toEqual([175, 51, -175, 52]);
  });

  it('storyAreas(collections)(place) is storyArea(collections, place) for places alone, across 180° too', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    // Longitudes that make the choice hard: clusters on both sides of 180°, ±180 itself, repeats,
    // a regular grid (equal gaps), and a few far away; now and then a position that is not one.
    const longitude = () =>
      pick([
        () => 170 + random() * 20 - (random() < 0.5 ? 360 : 0),
        () => pick([180, -180, 179.5, -179.5]),
        () => Math.round(random() * 8) * 45 - 180,
        () => random() * 360 - 180,
        () => -100 + random() * 10,
      ])();
    for (let k = 0; k < 300; k++) {
      const n = 1 + Math.floor(random() * 12);
      const places = collection(
        ...Array.from({ length: n }, (_, i) =>
          feature(String(i), 'Point', random() < 0.05 ? ['x', 1] : [longitude(), Math.round(random() * 8) * 10 - 40]),
        ),
      );
      const cs = random() < 0.3 ? [places, collection()] : [places];
      const around = storyAreas(cs);
      for (const f of [...places.features, {}])
        expect(around(f), JSON.stringify(places.features.map((p) => (p as { geometry: unknown }).geometry))).toEqual(
          storyArea(cs, f),
        );
    }
  });

  it('storyAreas(collections) judges 50,000 places alone in a small part of the time of one storyArea each', () => {
    const places = collection(
      ...Array.from({ length: 50_000 }, (_, i) => feature(String(i), 'Point', [((i * 7919) % 36000) / 100 - 180, 0])),
    );
    const t0 = performance.now();
    const around = storyAreas([places]);
    for (const f of places.features) around(f);
    const all = performance.now() - t0;
    const t1 = performance.now();
    for (const f of places.features.slice(0, 10)) storyArea([places], f);
    const each = (performance.now() - t1) / 10;
    // One storyArea per place (as before) is 50,000 times `each`: minutes.
    expect(all, `50,000 places: ${all.toFixed(0)} ms; one storyArea: ${each.toFixed(1)} ms`).toBeLessThan(
      (50_000 * each) / 20,
    );
  }, 60_000);
});
