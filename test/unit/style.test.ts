import { createPropertyExpression, featureFilter, latest, validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  areaFeatures,
  chapterLayers,
  routeLabelFeatures,
  PLACE_LAYERS,
  sdfCircle,
  STATE_SOURCES,
  storyStyle,
} from '../../src/map/style.ts';
import { MAP_LABEL_MAX, mapLabel } from '../../src/story/rules.ts';
import type { ChapterView } from '../../src/story/types.ts';
import { palette } from './theme.ts';

const view: ChapterView = {
  camera: null,
  focus: ['a', 'b'],
  highlight: ['a', 'r', 'zone'],
  visible: ['a', 'b', 'r', 'zone', 'edge', 'road'],
  description: '',
};
const empty = { type: 'FeatureCollection' as const, features: [] };
const features = { areas: ['zone', 'edge', 'far'], routes: ['r', 'road', 'gone'] };
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
  (l) => 'source' in l && ['places', 'routes', 'route-labels', 'areas'].includes(l.source as string),
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
    expect(filters.get('place-highlight-west')).toBe(
      JSON.stringify(['in', ['get', 'id'], ['literal', ['a', 'r', 'zone']]]),
    );
    expect(filters.get('place-highlight-east')).toBe(JSON.stringify(['in', ['get', 'id'], ['literal', []]]));
  });

  it('chapterLayers(view) puts the other visible places in the quiet layer', () => {
    expect(keeps('place-context-east', { id: 'b' })).toBe(true);
    expect(keeps('place-context-west', { id: 'b' })).toBe(false);
    expect(keeps('place-context-west', { id: 'edge' })).toBe(true);
    expect(keeps('place-context-west', { id: 'a' })).toBe(false);
  });

  it('chapterLayers(view) labels the highlighted routes only', () => {
    expect(keeps('route-label', { id: 'r' })).toBe(true);
    expect(keeps('route-label', { id: 'road' })).toBe(false);
  });

  it('chapterLayers(view, sideOf, features) gives every area and route a state: visible, and highlighted', () => {
    expect(Object.fromEntries(states)).toEqual({
      'areas/zone': { visible: true, highlight: true },
      'areas/edge': { visible: true, highlight: false },
      'areas/far': { visible: false, highlight: false },
      'routes/r': { visible: true, highlight: true },
      'routes/road': { visible: true, highlight: false },
      'routes/gone': { visible: false, highlight: false },
    });
  });

  it('chapterLayers(view) filters every story layer of the style that is not drawn by state', () => {
    const byState = storyLayers.filter((l) => STATE_SOURCES.includes((l as { source: string }).source as never));
    expect([...filters.keys()].sort()).toEqual(
      storyLayers
        .filter((l) => !byState.includes(l))
        .map((l) => l.id)
        .sort(),
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
    expect(keeps('route-line-proposed', { id: 'r', status: 'proposed' })).toBe(true);
    expect(keeps('route-line', { id: 'r', status: 'proposed' })).toBe(false);
    expect(keeps('route-line', { id: 'road', status: 'happened' })).toBe(true);
    expect(keeps('route-line-proposed', { id: 'road', status: 'happened' })).toBe(false);
  });

  it("storyStyle(...) keys the state sources' features by the story's ids, and labels routes from a copy", () => {
    for (const source of STATE_SOURCES) expect(style.sources[source]).toMatchObject({ promoteId: 'id' });
    expect(layer('route-label')).toMatchObject({ source: 'route-labels' });
    expect(style.sources['route-labels']).toMatchObject({
      data: style.sources.routes && (style.sources.routes as { data: unknown }).data,
    });
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

describe('sdfCircle', () => {
  it('sdfCircle(size) is opaque inside, 192 at the edge and 0 far outside', () => {
    const { data, width } = sdfCircle(48);
    const alpha = (x: number, y: number) => data[(y * width + x) * 4 + 3]!;
    expect(alpha(24, 24)).toBe(255);
    expect(alpha(0, 0)).toBe(0);
    const edge = alpha(24 + 16, 24);
    expect(Math.abs(edge - 192)).toBeLessThan(40);
  });
  it('sdfCircle(size, ring) is hollow: its middle is outside the shape (below the 192 edge, and any halo)', () => {
    const { data, width } = sdfCircle(48, true);
    expect(data[(24 * width + 24) * 4 + 3]).toBeLessThan(64);
    expect(data[(24 * width + 24 + 13) * 4 + 3]).toBeGreaterThan(192);
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
    const keepsOf = (id: string, f: Feature) => keeps(id, f.properties as Record<string, unknown>);
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
