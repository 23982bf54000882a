/**
 * The map's style, as plain data: the offline basemap (Natural Earth countries, El Salvador's
 * departments, label points) under the story's areas, routes and places. No MapLibre import here;
 * the map view hands this to MapLibre and, per chapter, the filters from `chapterLayers`.
 */
import type { ExpressionSpecification, FilterSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { ChapterView } from '../story/types.ts';
import { COLORS, KIND_COLORS } from './colors.ts';

export { COLORS, KIND_COLORS };

export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_BOLD = 'Noto Sans Bold';
export const FONT_ITALIC = 'Noto Sans Italic';

export interface FontUrls {
  regular: string;
  regularExt: string;
  bold: string;
  italic: string;
}

/** Unicode ranges of the fontsource subsets (from @fontsource/noto-sans/400.css). */
const LATIN = [
  'U+0000-00FF',
  'U+0131',
  'U+0152-0153',
  'U+02BB-02BC',
  'U+02C6',
  'U+02DA',
  'U+02DC',
  'U+0304',
  'U+0308',
  'U+0329',
  'U+2000-206F',
  'U+20AC',
  'U+2122',
  'U+2191',
  'U+2193',
  'U+2212',
  'U+2215',
  'U+FEFF',
  'U+FFFD',
];
const LATIN_EXT = [
  'U+0100-02BA',
  'U+02BD-02C5',
  'U+02C7-02CC',
  'U+02CE-02D7',
  'U+02DD-02FF',
  'U+1D00-1DBF',
  'U+1E00-1E9F',
  'U+1EF2-1EFF',
  'U+2020',
  'U+20A0-20AB',
  'U+20AD-20C0',
  'U+2113',
  'U+2C60-2C7F',
  'U+A720-A7FF',
];

export interface BasemapGeoJSON {
  countries: FeatureCollection;
  borders: FeatureCollection;
  departments: FeatureCollection;
  labels: FeatureCollection;
}

export interface StoryGeoJSON {
  places: FeatureCollection;
  routes: FeatureCollection;
  areas: FeatureCollection;
}

const NONE: FilterSpecification = ['==', ['get', 'id'], '\u0000none'];

const inIds = (ids: readonly string[]): ExpressionSpecification => ['in', ['get', 'id'], ['literal', [...ids]]];

/**
 * `storyStyle(basemap, story, fonts)` returns the complete MapLibre style. Story layers start
 * hidden (filtered to nothing); `chapterLayers` shows what a chapter declares.
 */
export function storyStyle(basemap: BasemapGeoJSON, story: StoryGeoJSON, fonts: FontUrls): StyleSpecification {
  const markerColor: ExpressionSpecification = [
    'coalesce',
    ['get', 'color'],
    [
      'match',
      ['get', 'kind'],
      ...Object.entries(KIND_COLORS).flat(),
      COLORS.accent,
    ] as unknown as ExpressionSpecification,
  ];
  const layers: LayerSpecification[] = [
    { id: 'water', type: 'background', paint: { 'background-color': COLORS.water } },
    { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': COLORS.land } },
    {
      id: 'area-fill',
      type: 'fill',
      source: 'areas',
      filter: NONE,
      paint: { 'fill-color': ['coalesce', ['get', 'color'], COLORS.areaFill], 'fill-opacity': 0.22 },
    },
    {
      id: 'coast',
      type: 'line',
      source: 'countries',
      paint: { 'line-color': COLORS.coast, 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.4, 8, 1] },
    },
    {
      id: 'departments',
      type: 'line',
      source: 'departments',
      minzoom: 6.5,
      paint: { 'line-color': COLORS.department, 'line-width': 0.8, 'line-dasharray': [3, 2] },
    },
    {
      id: 'borders',
      type: 'line',
      source: 'borders',
      paint: { 'line-color': COLORS.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 8, 1.4] },
    },
    {
      id: 'area-line',
      type: 'line',
      source: 'areas',
      filter: NONE,
      paint: { 'line-color': ['coalesce', ['get', 'color'], COLORS.accent], 'line-width': 1.6, 'line-opacity': 0.8 },
    },
    {
      id: 'route-line',
      type: 'line',
      source: 'routes',
      filter: NONE,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': [
          'coalesce',
          ['get', 'color'],
          ['match', ['get', 'status'], 'proposed', COLORS.proposed, COLORS.happened],
        ],
        'line-width': 2.5,
      },
    },
    {
      id: 'route-line-proposed',
      type: 'line',
      source: 'routes',
      filter: NONE,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['coalesce', ['get', 'color'], COLORS.proposed],
        'line-width': 2.5,
        'line-dasharray': [2, 1.5],
      },
    },
    {
      id: 'route-label',
      type: 'symbol',
      source: 'routes',
      filter: NONE,
      layout: {
        'symbol-placement': 'line-center',
        'text-field': ['get', 'caption'],
        'text-font': [FONT_REGULAR],
        'text-size': 12,
        'text-offset': [0, -0.9],
        'text-max-angle': 40,
      },
      paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.5 },
    },
    {
      id: 'sea-label',
      type: 'symbol',
      source: 'labels',
      filter: ['==', ['get', 'kind'], 'sea'],
      layout: {
        'text-field': ['get', 'name'],
        'text-font': [FONT_ITALIC],
        'text-size': ['interpolate', ['linear'], ['zoom'], 2, 11, 6, 14],
        'text-letter-spacing': 0.12,
        'text-max-width': 6,
      },
      paint: { 'text-color': COLORS.sea },
    },
    {
      // Country names give way to department names in close-ups.
      id: 'country-label',
      type: 'symbol',
      source: 'labels',
      maxzoom: 7.5,
      filter: [
        'all',
        ['==', ['get', 'kind'], 'country'],
        ['<=', ['get', 'rank'], ['step', ['zoom'], 1, 2.5, 2, 3.5, 3, 4.5, 4, 5.5, 6]],
      ],
      layout: {
        'text-field': ['upcase', ['get', 'name']],
        'text-font': [FONT_REGULAR],
        'text-size': ['interpolate', ['linear'], ['zoom'], 2, 10, 6, 13],
        'text-letter-spacing': 0.08,
        'text-max-width': 7,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': COLORS.label, 'text-halo-color': COLORS.halo, 'text-halo-width': 1.2 },
    },
    {
      id: 'department-label',
      type: 'symbol',
      source: 'labels',
      minzoom: 7.5,
      filter: ['==', ['get', 'kind'], 'department'],
      layout: { 'text-field': ['get', 'name'], 'text-font': [FONT_ITALIC], 'text-size': 11, 'text-max-width': 6 },
      paint: { 'text-color': '#635b50', 'text-halo-color': COLORS.halo, 'text-halo-width': 1 },
    },
    ...placeLayers(markerColor),
  ];
  return {
    version: 8,
    name: 'story-map',
    sources: {
      countries: { type: 'geojson', data: basemap.countries, attribution: 'Made with Natural Earth' },
      borders: { type: 'geojson', data: basemap.borders },
      departments: { type: 'geojson', data: basemap.departments },
      labels: { type: 'geojson', data: basemap.labels },
      areas: { type: 'geojson', data: story.areas },
      routes: { type: 'geojson', data: story.routes },
      places: { type: 'geojson', data: story.places },
    },
    'font-faces': {
      [FONT_REGULAR]: [
        { url: fonts.regular, 'unicode-range': LATIN },
        { url: fonts.regularExt, 'unicode-range': LATIN_EXT },
      ],
      [FONT_BOLD]: [{ url: fonts.bold, 'unicode-range': LATIN }],
      [FONT_ITALIC]: [{ url: fonts.italic, 'unicode-range': LATIN }],
    },
    layers,
  };
}

/**
 * Labels go on the side of a marker that faces the middle of the map, so a place near an edge is
 * never labelled off-screen. MapLibre tries a symbol's anchors in order (and keeps a label where it
 * was while it still fits), so each place layer comes twice: for places west of the camera's
 * centre, trying the right side first, and for places east of it, trying the left side first.
 */
export const SIDES = ['west', 'east'] as const;
export type Side = (typeof SIDES)[number];

const ANCHORS: Record<
  Side,
  ('left' | 'right' | 'top' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right')[]
> = {
  // `left` anchors the text's left edge at the marker: the text sits to its right.
  west: ['left', 'top', 'bottom', 'top-left', 'bottom-left', 'right'],
  east: ['right', 'top', 'bottom', 'top-right', 'bottom-right', 'left'],
};

function placeLayers(markerColor: ExpressionSpecification): LayerSpecification[] {
  const image: ExpressionSpecification = ['match', ['get', 'precision'], 'approximate', 'ring', 'dot'];
  const label: ExpressionSpecification = ['coalesce', ['get', 'label'], ['get', 'name']];
  // Context places (shown, not highlighted) first, so highlighted ones are drawn and placed on top.
  const context = SIDES.map(
    (side): LayerSpecification => ({
      id: `place-context-${side}`,
      type: 'symbol',
      source: 'places',
      filter: NONE,
      layout: {
        'icon-image': image,
        'icon-size': 0.55,
        'icon-allow-overlap': true,
        'text-field': label,
        'text-font': [FONT_REGULAR],
        'text-size': 12,
        'text-variable-anchor': ANCHORS[side],
        'text-radial-offset': 0.7,
        'text-justify': 'auto',
        'text-optional': true,
        'text-max-width': 9,
      },
      paint: {
        'icon-color': COLORS.context,
        'icon-halo-color': '#ffffff',
        'icon-halo-width': 1.5,
        'text-color': COLORS.context,
        'text-halo-color': COLORS.halo,
        'text-halo-width': 1.5,
      },
    }),
  );
  const highlight = SIDES.map(
    (side): LayerSpecification => ({
      id: `place-highlight-${side}`,
      type: 'symbol',
      source: 'places',
      filter: NONE,
      layout: {
        'icon-image': image,
        'icon-size': 0.8,
        'icon-allow-overlap': true,
        'text-field': label,
        'text-font': [FONT_BOLD],
        'text-size': 14,
        'text-variable-anchor': ANCHORS[side],
        'text-radial-offset': 0.8,
        'text-justify': 'auto',
        'text-optional': true,
        'text-max-width': 10,
      },
      paint: {
        'icon-color': markerColor,
        'icon-halo-color': '#ffffff',
        'icon-halo-width': 2,
        'text-color': '#1f1c18',
        'text-halo-color': COLORS.halo,
        'text-halo-width': 2,
      },
    }),
  );
  return [...context, ...highlight];
}

/** The layers a reader can click to go to a place's chapter. */
export const PLACE_LAYERS = SIDES.flatMap((side) => [`place-context-${side}`, `place-highlight-${side}`]);

/** A layer's filter for one chapter. */
export interface LayerFilter {
  layer: string;
  filter: FilterSpecification;
}

/**
 * `chapterLayers(view, sideOf)` returns the filter of every story layer for a chapter: highlighted
 * features in the prominent layers, the rest of the visible ones in the quiet layers, and each
 * place in the layer for its side of the map (see SIDES).
 */
export function chapterLayers(view: ChapterView, sideOf: (id: string) => Side): LayerFilter[] {
  const quiet = view.visible.filter((id) => !view.highlight.includes(id));
  const visible = inIds(view.visible);
  const on = (ids: readonly string[], side: Side) => inIds(ids.filter((id) => sideOf(id) === side));
  return [
    { layer: 'area-fill', filter: inIds(view.highlight) },
    { layer: 'area-line', filter: visible },
    { layer: 'route-line', filter: ['all', visible, ['!=', ['get', 'status'], 'proposed']] },
    { layer: 'route-line-proposed', filter: ['all', visible, ['==', ['get', 'status'], 'proposed']] },
    { layer: 'route-label', filter: inIds(view.highlight) },
    ...SIDES.flatMap((side) => [
      { layer: `place-context-${side}`, filter: on(quiet, side) },
      { layer: `place-highlight-${side}`, filter: on(view.highlight, side) },
    ]),
  ];
}

/**
 * `sdfCircle(size, ring)` draws a marker as a signed distance field (alpha 192 at the edge, as
 * MapLibre expects), so one image serves every colour and halo. `ring` makes it hollow, for
 * approximate locations.
 */
export function sdfCircle(size: number, ring = false): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  const radius = size / 2 - size / 6;
  const thickness = size / 8;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const inside = ring ? Math.min(radius - d, d - (radius - thickness)) : radius - d;
      const value = Math.max(0, Math.min(255, Math.round(192 + inside * (64 / (size / 12)))));
      data.set([0, 0, 0, value], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}
