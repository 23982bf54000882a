import { readFileSync } from 'node:fs';
import { createPropertyExpression, featureFilter, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { mercatorX } from '../../src/geo/camera.ts';
import { decodeBasemap } from '../../src/map/basemap.ts';
import {
  AREA_LABEL,
  areaFeatures,
  areaLabels,
  chapterLayers,
  markerScale,
  PLACE,
  sameName,
  routeLabelFeatures,
  MARKER,
  markerImage,
  markerImageName,
  PLACE_LAYERS,
  STATE_SOURCE,
  shapeFeatures,
  storyStyle,
} from '../../src/map/style.ts';
import { MAP_LABEL_MAX, mapLabel } from '../../src/story/rules.ts';
import type { ChapterView } from '../../src/story/types.ts';
import { palette } from './theme.ts';

const view: ChapterView = {
  camera: null,
  focus: ['a', 'b'],
  highlight: ['a', 'r', 'zone'],
  visible: ['a', 'b', 'r', 'zone', 'edge', 'road', 'edge-town'],
  description: '',
  whole: false,
};
const empty = { type: 'FeatureCollection' as const, features: [] };
const features = { places: ['a', 'b', 'edge-town'], areas: ['zone', 'edge', 'far'], routes: ['r', 'road', 'gone'] };
const fonts = { regular: 'r', regularExt: 'x', bold: 'b', italic: 'i' };
const basemap = { countries: empty, borders: empty, departments: empty, labels: empty };
const collection = (...fs: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features: fs });
const line = (id: string, status: string): Feature => ({
  type: 'Feature',
  properties: { id, status, caption: id },
  geometry: {
    type: 'LineString',
    coordinates: [
      [0, 0],
      [1, 1],
    ],
  },
});
const square = (id: string): Feature => ({
  type: 'Feature',
  properties: { id },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ],
  },
});
const chapter = chapterLayers(view, (id) => (id === 'b' ? 'east' : 'west'), features);
const style = storyStyle(
  basemap,
  { places: empty, routes: collection(line('r', 'proposed'), line('road', 'happened')), areas: empty },
  fonts,
  palette,
  chapter.filters,
);
const layer = (id: string) => style.layers.find((l) => l.id === id)!;
const storyLayers = style.layers.filter(
  (l) => 'source' in l && ['places', STATE_SOURCE, 'route-labels', 'area-labels'].includes(l.source as string),
);

/** A layer's paint property, evaluated for a feature in `state` (as MapLibre would draw it). */
function paintOf(layerId: string, property: string, state: Record<string, unknown>): unknown {
  const l = layer(layerId) as { type: string; paint: Record<string, unknown> };
  const spec = (latest as unknown as Record<string, Record<string, unknown>>)[`paint_${l.type}`]![property];
  const parsed = createPropertyExpression(l.paint[property], `${layerId}.paint.${property}`, spec as never);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const feature = { type: 'Feature' as const, properties: {}, geometry: null as never };
  return parsed.value.evaluate({ zoom: 5 }, feature as never, state as never);
}

/** Whether a layer's filter keeps a feature with these properties. */
function keeps(layerId: string, properties: Record<string, unknown>): boolean {
  const filter = featureFilter((layer(layerId) as { filter?: unknown }).filter as never, `${layerId}.filter`);
  return filter.filter({ zoom: 5 }, { type: 1, properties, geometry: [] } as never);
}

describe('chapterLayers', () => {
  const filters = new Map(chapter.filters.map((l) => [l.layer, JSON.stringify(l.filter)]));
  const states = new Map(chapter.states.map((s) => [`${s.source}/${s.id}`, s.state]));

  it('chapterLayers(view) puts highlighted places in the prominent layer of their side', () => {
    expect(filters.get('place-highlight-west')).toBe(JSON.stringify(['in', ['get', 'id'], ['literal', ['a']]]));
    expect(filters.get('place-highlight-east')).toBe(JSON.stringify(['in', ['get', 'id'], ['literal', []]]));
  });

  it('chapterLayers(view) puts the other visible places in the quiet layer', () => {
    expect(keeps('place-context-east', { id: 'b' })).toBe(true);
    expect(keeps('place-context-west', { id: 'b' })).toBe(false);
    expect(keeps('place-context-west', { id: 'edge-town' })).toBe(true);
    expect(keeps('place-context-west', { id: 'a' })).toBe(false);
    // An area or a route is not a place.
    expect(keeps('place-context-west', { id: 'edge' })).toBe(false);
  });

  it('chapterLayers(view) leaves the filter of a layer whose features the chapter does not change as it was', () => {
    // Another route highlighted, the same places in another order: only the route labels change.
    const next = chapterLayers(
      { ...view, highlight: ['r', 'a', 'zone'].reverse(), visible: [...view.visible].reverse() },
      (id) => (id === 'b' ? 'east' : 'west'),
      features,
    );
    const again = chapterLayers(
      { ...view, highlight: ['a', 'road', 'zone'] },
      (id) => (id === 'b' ? 'east' : 'west'),
      features,
    );
    const changed = (other: typeof chapter) =>
      other.filters.filter((f) => JSON.stringify(f.filter) !== filters.get(f.layer)).map((f) => f.layer);
    expect(changed(next)).toEqual([]);
    expect(changed(again)).toEqual(['route-label']);
  });

  it('chapterLayers(view) labels the highlighted routes only', () => {
    expect(keeps('route-label', { id: 'r' })).toBe(true);
    expect(keeps('route-label', { id: 'road' })).toBe(false);
  });

  it('chapterLayers(view, sideOf, features) gives every area and route a state: visible, and highlighted', () => {
    expect(Object.fromEntries(states)).toEqual({
      'shapes/zone': { visible: true, highlight: true },
      'shapes/edge': { visible: true, highlight: false },
      'shapes/far': { visible: false, highlight: false },
      'shapes/r': { visible: true, highlight: true },
      'shapes/road': { visible: true, highlight: false },
      'shapes/gone': { visible: false, highlight: false },
    });
  });

  it('chapterLayers(view) filters every story layer of the style that is not drawn by state', () => {
    const byState = storyLayers.filter((l) => (l as { source: string }).source === STATE_SOURCE);
    // And the basemap's names, which give way to the names of highlighted areas.
    expect([...filters.keys()].sort()).toEqual(
      [...storyLayers.filter((l) => !byState.includes(l)).map((l) => l.id), 'country-label', 'department-label'].sort(),
    );
    expect(PLACE_LAYERS.every((id) => filters.has(id))).toBe(true);
    // What a filter hides can neither take label room nor be clicked: no symbol is drawn by state.
    expect(byState.map((l) => l.type).sort()).toEqual(['fill', 'line', 'line', 'line']);
  });
});

describe('storyStyle: areas and routes drawn by state', () => {
  it('storyStyle(...) hides an area or route that has no state, so none shows before the first chapter is set', () => {
    expect(paintOf('area-fill', 'fill-opacity', {})).toBe(0);
    expect(paintOf('area-line', 'line-opacity', {})).toBe(0);
    expect(paintOf('route-line', 'line-opacity', {})).toBe(0);
    expect(paintOf('route-line-proposed', 'line-opacity', {})).toBe(0);
  });

  it('storyStyle(...) outlines visible areas and fills highlighted ones', () => {
    expect(paintOf('area-line', 'line-opacity', { visible: true, highlight: false })).toBe(0.8);
    expect(paintOf('area-fill', 'fill-opacity', { visible: true, highlight: false })).toBe(0);
    expect(paintOf('area-fill', 'fill-opacity', { visible: true, highlight: true })).toBe(0.22);
  });

  it('storyStyle(...) draws visible routes, dashed when proposed, each in one of the two line layers', () => {
    expect(paintOf('route-line', 'line-opacity', { visible: true, highlight: false })).toBe(1);
    expect(paintOf('route-line-proposed', 'line-opacity', { visible: true, highlight: false })).toBe(1);
    expect(paintOf('route-line-proposed', 'line-opacity', { visible: false, highlight: false })).toBe(0);
    const [r, road] = shapeFeatures({
      areas: empty,
      routes: collection(line('r', 'proposed'), line('road', 'happened')),
    }).features.map((f) => f.properties!);
    expect(keeps('route-line-proposed', r!)).toBe(true);
    expect(keeps('route-line', r!)).toBe(false);
    expect(keeps('route-line', road!)).toBe(true);
    expect(keeps('route-line-proposed', road!)).toBe(false);
    // An area is neither.
    const [zone] = shapeFeatures({ areas: collection(square('zone')), routes: empty }).features.map(
      (f) => f.properties!,
    );
    expect(keeps('route-line', zone!)).toBe(false);
    expect(keeps('area-line', zone!)).toBe(true);
    expect(keeps('area-fill', zone!)).toBe(true);
    expect(keeps('area-fill', road!)).toBe(false);
  });

  it("storyStyle(...) keys the state sources' features by the story's ids, and labels routes from a copy", () => {
    expect(style.sources[STATE_SOURCE]).toMatchObject({ promoteId: 'id' });
    const ids = (source: string) =>
      (style.sources[source] as { data: FeatureCollection }).data.features.map((f) => f.properties?.id);
    expect(ids(STATE_SOURCE)).toEqual(['r', 'road']);
    expect(layer('route-label')).toMatchObject({ source: 'route-labels' });
    expect(ids('route-labels')).toEqual(['r', 'road']);
  });

  it("storyStyle(...) draws the layers of each tile-clipped source in one run (MapLibre draws a source's clipping masks again at each change of source)", () => {
    const clipped = style.layers
      .filter((l) => l.type === 'fill' || l.type === 'line')
      .map((l) => (l as { source: string }).source);
    const runs = clipped.filter((source, i) => source !== clipped[i - 1]);
    expect(runs).toEqual([...new Set(runs)]);
    expect(runs).toEqual(['basemap', STATE_SOURCE]);
  });

  it('storyStyle(...) is a valid MapLibre style', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });
});

describe('storyStyle', () => {
  it('storyStyle(...) uses bundled fonts only: font-faces, no glyphs URL, no remote source', () => {
    const style = storyStyle(
      basemap,
      { places: empty, routes: empty, areas: empty },
      {
        regular: '/r.woff2',
        regularExt: '/x.woff2',
        bold: '/b.woff2',
        italic: '/i.woff2',
      },
      palette,
    );
    expect(style.glyphs).toBeUndefined();
    expect(Object.keys(style['font-faces']!)).toEqual(['Noto Sans Regular', 'Noto Sans Bold', 'Noto Sans Italic']);
    expect(JSON.stringify(style.sources)).not.toMatch(/https?:/);
    const fonts = new Set(
      style.layers.flatMap((l) => (l.layout as { 'text-font'?: string[] } | undefined)?.['text-font'] ?? []),
    );
    for (const f of fonts) expect(style['font-faces']).toHaveProperty(f);
  });
});

describe('marker images', () => {
  const red = [181, 54, 29, 1] as const;
  const white = [255, 255, 255, 1] as const;
  const at = (image: ReturnType<typeof markerImage>, cssX: number) => {
    const k = MARKER.pixelRatio;
    const i = ((MARKER.size / 2) * k * image.width + Math.round((MARKER.size / 2 + cssX) * k)) * 4;
    return [...image.data.slice(i, i + 4)];
  };

  it('markerImage(dot, colour, outline) is a dot of its colour, ringed in the outline colour, clear outside', () => {
    const dot = markerImage(false, red, white);
    expect(dot.width).toBe(MARKER.size * MARKER.pixelRatio);
    expect(at(dot, 0)).toEqual([181, 54, 29, 255]);
    expect(at(dot, MARKER.radius + MARKER.outline / 2)).toEqual([255, 255, 255, 255]);
    expect(at(dot, MARKER.radius + MARKER.outline + 1)[3]).toBe(0);
  });

  it('markerImage(ring, …) is hollow: clear in its middle, its colour in the ring, outlined on both sides', () => {
    const ring = markerImage(true, red, white);
    expect(at(ring, 0)[3]).toBe(0);
    expect(at(ring, MARKER.radius - MARKER.ring / 2)).toEqual([181, 54, 29, 255]);
    expect(at(ring, MARKER.radius + MARKER.outline / 2)).toEqual([255, 255, 255, 255]);
    expect(at(ring, MARKER.radius - MARKER.ring - MARKER.outline / 2)).toEqual([255, 255, 255, 255]);
  });

  it("markerImageName(name) reads the shape and colour back from the place layers' image names", () => {
    expect(markerImageName('marker:dot:#2b2b2b')).toEqual({ ring: false, color: '#2b2b2b' });
    expect(markerImageName('marker:ring:rgb(1, 2, 3)')).toEqual({ ring: true, color: 'rgb(1, 2, 3)' });
    expect(markerImageName('dot')).toBeNull();
    const l = layer('place-highlight-west') as { layout: Record<string, unknown> };
    const spec = (latest as unknown as Record<string, Record<string, unknown>>).layout_symbol!['icon-image'];
    const parsed = createPropertyExpression(l.layout['icon-image'], 'icon-image', spec as never);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    const image = (properties: Record<string, unknown>) =>
      String(parsed.value.evaluate({ zoom: 5 }, { type: 1, properties, geometry: [] } as never));
    expect(markerImageName(image({ kind: 'prison' }))).toEqual({ ring: false, color: palette.kinds.prison });
    expect(markerImageName(image({ kind: 'lake', precision: 'approximate', color: '#123456' }))).toEqual({
      ring: true,
      color: '#123456',
    });
  });
});

describe('storyStyle: labels a story cannot overflow', () => {
  it("draws a place's label cut as mapLabel cuts it (MAP_LABEL_MAX characters, then …), short ones whole", () => {
    const l = layer(PLACE_LAYERS[0]!) as { layout: Record<string, unknown> };
    const spec = (latest as unknown as Record<string, Record<string, unknown>>).layout_symbol!['text-field'];
    const parsed = createPropertyExpression(l.layout['text-field'], 'text-field', spec as never);
    if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
    const drawn = (properties: Record<string, unknown>) =>
      String(parsed.value.evaluate({ zoom: 5 }, { type: 1, properties, geometry: [] } as never));
    const long = 'Ciudad '.repeat(3000);
    expect(drawn({ name: 'San Salvador' })).toBe('San Salvador');
    expect(drawn({ name: 'San Salvador', label: 'S. Salvador' })).toBe('S. Salvador');
    expect(drawn({ name: long })).toBe(mapLabel(long));
    expect(mapLabel(long)).toHaveLength(MAP_LABEL_MAX);
    expect(mapLabel(long).endsWith('…')).toBe(true);
    expect(mapLabel('x'.repeat(MAP_LABEL_MAX))).toBe('x'.repeat(MAP_LABEL_MAX));
  });
});

describe('areas split at 180°', () => {
  const polygon = (id: string, coordinates: number[][][][]): Feature => ({
    type: 'Feature',
    id,
    properties: { id, name: id },
    geometry: { type: 'MultiPolygon', coordinates },
  });
  const split = polygon('bering', [
    [
      [
        [180, 63],
        [170, 60],
        [180, 52],
        [180, 63],
      ],
    ],
    [
      [
        [-180, 52],
        [-168, 54],
        [-180, 63],
        [-180, 52],
      ],
    ],
  ]);
  const whole = polygon('peru', [
    [
      [
        [-81.3, -18.4],
        [-68.7, -18.4],
        [-68.7, -0.1],
        [-81.3, -18.4],
      ],
    ],
  ]);

  it('areaFeatures(areas) fills a split area from its polygons and outlines it without the cut, with the same id', () => {
    const out = areaFeatures(collection(whole, split)).features;
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(whole);
    const [fill, outline] = [out[1]!, out[2]!];
    expect(fill.geometry).toBe(split.geometry);
    expect(outline.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [180, 63],
          [170, 60],
          [180, 52],
        ],
        [
          [-180, 52],
          [-168, 54],
          [-180, 63],
        ],
      ],
    });
    // The same id (so the same feature state, with promoteId); the fill layer skips the outline, the
    // line layer the split polygons.
    expect(fill.properties!.id).toBe('bering');
    expect(outline.properties!.id).toBe('bering');
    // As the map's source has them.
    const shapes = shapeFeatures({ areas: collection(whole, split), routes: empty }).features;
    const keepsOf = (id: string, f: Feature) =>
      keeps(id, shapes[out.indexOf(f)]!.properties as Record<string, unknown>);
    expect([keepsOf('area-fill', whole), keepsOf('area-fill', fill), keepsOf('area-fill', outline)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([keepsOf('area-line', whole), keepsOf('area-line', fill), keepsOf('area-line', outline)]).toEqual([
      true,
      false,
      true,
    ]);
    // No antialiased fill edge along the cut (it would draw a hairline there).
    expect((layer('area-fill') as { paint: Record<string, unknown> }).paint['fill-antialias']).toBe(false);
  });

  it('areaFeatures(collection) passes whatever is not an area split at 180° as it is, and never throws', () => {
    const junk = [null, 1, { type: 'Feature' }, { type: 'Feature', geometry: { type: 'Polygon', coordinates: 7 } }];
    const odd = { type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[['x', [179, 1], [180, 2]]], 3] } };
    expect(areaFeatures({ type: 'FeatureCollection', features: [...junk, odd] } as never).features).toEqual([
      ...junk,
      odd,
    ]);
    expect(areaFeatures({ type: 'FeatureCollection' } as never).features).toEqual([]);
  });

  it('routeLabelFeatures(routes) captions a route split at 180° once, along its longest part', () => {
    const split: Feature = {
      type: 'Feature',
      properties: { id: 'crossing', caption: '8,290 km' },
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [139.6, 35.4],
            [160, 44],
            [180, 48.07],
          ],
          [
            [-180, 48.07],
            [-150, 46],
            [-122.4, 37.8],
          ],
        ],
      },
    };
    const [labelled, plain] = routeLabelFeatures(collection(split, line('road', 'happened'))).features;
    expect(labelled!.geometry).toEqual({
      type: 'LineString',
      coordinates: [
        [-180, 48.07],
        [-150, 46],
        [-122.4, 37.8],
      ],
    });
    expect(labelled!.properties).toBe(split.properties);
    expect(plain).toEqual(line('road', 'happened'));
  });
});

describe('names of highlighted areas', () => {
  const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
  const base = decodeBasemap(read('data/basemap/americas.json') as Topology);
  const areas = read('data/areas.geojson') as FeatureCollection;
  const labels = areaLabels(areas, base.labels);
  const of = (id: string) => labels.find((l) => l.id === id)!;

  it('sameName(a, b) matches names of the same place, whatever the words left out, the accents and the case', () => {
    expect(sameName('United States of America', 'United States')).toBe(true);
    expect(sameName('Guantánamo Bay (US)', 'US Naval Base Guantanamo Bay')).toBe(true);
    expect(sameName('Dominican Rep.', 'Dominican Republic')).toBe(true);
    expect(sameName('EL SALVADOR', 'El Salvador')).toBe(true);
    expect(sameName('San Salvador', 'El Salvador')).toBe(false);
    expect(sameName('Santa Ana', 'San Vicente')).toBe(false);
    expect(sameName('', 'Panama')).toBe(false);
  });

  it("areaLabels(areas, basemap labels) names each area once: it stands in for the basemap's name of the same place inside it", () => {
    expect(of('el-salvador').replaces).toEqual(['El Salvador']);
    expect(of('united-states').replaces).toEqual(['United States of America']);
    expect(of('san-vicente-department').replaces).toEqual(['San Vicente']);
    expect(of('cuba').replaces).toEqual(['Cuba']);
    // The departments' names inside El Salvador are names of other places.
    expect(of('el-salvador').replaces).not.toContain('San Salvador');
    expect(of('el-salvador').text).toBe('El Salvador');
    // Worked out once per story and basemap.
    expect(areaLabels(areas, base.labels)).toBe(labels);
  });

  it('areaLabels(...) names an area from the zoom where it holds a name (its inscribed circle 30 px across)', () => {
    for (const l of labels) {
      const f = areas.features.find((a) => a.id === l.id)!;
      expect(f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon').toBe(true);
    }
    // The naval base (a few km) is named only in close-ups: not on a map of the Caribbean.
    expect(of('guantanamo-lease').minzoom).toBeGreaterThan(7);
    expect(of('el-salvador').minzoom).toBeGreaterThan(4);
    expect(of('el-salvador').minzoom).toBeLessThan(5);
    expect(of('united-states').minzoom).toBe(0);
    expect(AREA_LABEL.minPx).toBe(30);
  });

  it("areaLabels(...) uses the area's label, else its name, and skips areas that have neither or no shape", () => {
    const square = [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ],
    ];
    const got = areaLabels(
      {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            id: 'a',
            properties: { name: 'Long name', label: 'Short' },
            geometry: { type: 'Polygon', coordinates: square },
          },
          { type: 'Feature', id: 'b', properties: {}, geometry: { type: 'Polygon', coordinates: square } },
          { type: 'Feature', id: 'c', properties: { name: 'C' }, geometry: null as never },
        ],
      },
      base.labels,
    );
    expect(got.map((l) => [l.id, l.text])).toEqual([['a', 'Short']]);
  });

  it("chapterLayers(..., labels) names the chapter's highlighted areas from their zoom, and hides the basemap's names they stand in for", () => {
    const view: ChapterView = {
      camera: null,
      focus: ['el-salvador'],
      highlight: ['el-salvador'],
      visible: ['el-salvador', 'cuba'],
      description: '',
      whole: false,
    };
    const { filters } = chapterLayers(
      view,
      () => 'west',
      { places: [], areas: ['el-salvador', 'cuba'], routes: [] },
      labels,
    );
    const filterOf = (id: string) =>
      featureFilter(filters.find((f) => f.layer === id)!.filter as never, `${id}.filter`);
    const keepsAt = (id: string, zoom: number, properties: Record<string, unknown>) =>
      filterOf(id).filter({ zoom }, { type: 1, properties, geometry: [] } as never);
    const z = of('el-salvador').minzoom;
    expect(keepsAt('area-label', Math.ceil(z), { id: 'el-salvador', minzoom: z })).toBe(true);
    expect(keepsAt('area-label', Math.floor(z), { id: 'el-salvador', minzoom: z })).toBe(false);
    // Cuba is shown, not highlighted: not named by the story.
    expect(keepsAt('area-label', 8, { id: 'cuba', minzoom: of('cuba').minzoom })).toBe(false);
    // The basemap's "El Salvador" gives way where the story names it; other countries keep theirs.
    const country = (name: string) => ({ kind: 'country', name, rank: 1 });
    expect(keepsAt('country-label', Math.ceil(z), country('El Salvador'))).toBe(false);
    expect(keepsAt('country-label', Math.floor(z), country('El Salvador'))).toBe(true);
    expect(keepsAt('country-label', Math.ceil(z), country('Cuba'))).toBe(true);
    expect(keepsAt('department-label', 8, { kind: 'department', name: 'San Salvador' })).toBe(true);
    // Without labels, the basemap's layers keep their own filters.
    const plain = chapterLayers(view, () => 'west', { places: [], areas: [], routes: [] });
    expect(plain.filters.find((f) => f.layer === 'country-label')!.filter).toEqual(
      (layer('country-label') as { filter: unknown }).filter,
    );
  });

  it('storyStyle(...) draws the area names above the basemap names and below the places (placed after their markers)', () => {
    const ids = style.layers.map((l) => l.id);
    const at = ids.indexOf('area-label');
    expect(at).toBeGreaterThan(ids.indexOf('country-label'));
    expect(at).toBeGreaterThan(ids.indexOf('department-label'));
    expect(at).toBeLessThan(Math.min(...PLACE_LAYERS.map((id) => ids.indexOf(id))));
    const areaLayout = (layer('area-label') as { layout: Record<string, unknown> }).layout;
    expect(areaLayout['text-variable-anchor']).toContain('center');
    // Far enough from its point to clear a marker standing on it (MapLibre's box of a marker: its 24 px image, plus 2 px).
    expect(AREA_LABEL.offset * AREA_LABEL.size - (7 / 24) * AREA_LABEL.size).toBeGreaterThan(
      12 * markerScale('highlight', 22) + 2,
    );
  });
});

describe('markers of near places', () => {
  /** The share of a marker of radius r that shows under another whose ring reaches R, d px away. */
  function shows(r: number, R: number, d: number): number {
    if (d >= r + R) return 1;
    if (d <= Math.abs(R - r)) return R >= r ? 0 : 1 - (R * R) / (r * r);
    const a = r * r * Math.acos((d * d + r * r - R * R) / (2 * d * r));
    const b = R * R * Math.acos((d * d + R * R - r * r) / (2 * d * R));
    const c = 0.5 * Math.sqrt((-d + r + R) * (d + r - R) * (d - r + R) * (d + r + R));
    return 1 - (a + b - c) / (Math.PI * r * r);
  }
  /** Pixels between two places 10 km apart at 14°N (an east-west pair) at a zoom. */
  const tenKm = (zoom: number) => {
    const degrees = 10 / (111.32 * Math.cos((14 * Math.PI) / 180));
    return (mercatorX(degrees) - mercatorX(0)) * 512 * 2 ** zoom;
  };

  it('markerScale(kind, zoom) shrinks the markers on maps of a continent, highlighted ones bigger than quiet ones', () => {
    expect(markerScale('highlight', 2)).toBe(PLACE.highlight.icon[0]);
    expect(markerScale('highlight', 12)).toBe(PLACE.highlight.icon[1]);
    for (const z of [2, 5, 6, 9]) expect(markerScale('highlight', z)).toBeGreaterThan(markerScale('context', z));
    expect(markerScale('highlight', 6)).toBeCloseTo((PLACE.highlight.icon[0] + PLACE.highlight.icon[1]) / 2, 6);
    const icon = (layer('place-highlight-west') as { layout: Record<string, unknown> }).layout['icon-size'];
    expect(JSON.stringify(icon)).toContain(JSON.stringify(PLACE.highlight.icon[1]));
  });

  it('two places 10 km apart both show, more than half of each, from zoom 5 (on the old markers, most of one was hidden)', () => {
    for (const upper of ['highlight', 'context'] as const)
      for (const lower of ['highlight', 'context'] as const)
        for (const zoom of [5, 5.8, 6, 7, 9]) {
          const r = MARKER.radius * markerScale(lower, zoom);
          const R = (MARKER.radius + MARKER.outline) * markerScale(upper, zoom);
          expect(shows(r, R, tenKm(zoom)), `${lower} under ${upper} at ${zoom}`).toBeGreaterThan(0.5);
          // Its middle shows too, from zoom 5.5.
          if (zoom >= 5.5) expect(tenKm(zoom)).toBeGreaterThan(R);
        }
    // The markers before (a dot of 6.4 px ringed by 2 px) hid most of another at 5.8.
    expect(shows(6.4, 8.4, tenKm(5.8))).toBeLessThan(0.5);
  });
});
