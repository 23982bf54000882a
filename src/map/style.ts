/**
 * The map's style, as plain data: the offline basemap (Natural Earth countries, El Salvador's
 * departments, label points) under the story's areas, routes and places, in the colours of the
 * palette (src/theme.css). No MapLibre here, only its style specification's types; the map view
 * hands this to MapLibre and, per chapter, the filters and feature states from `chapterLayers`.
 */
import unicode from '@fontsource/noto-sans/unicode.json';
import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import type { Feature, FeatureCollection } from 'geojson';
import { cutOutline } from '../geo/longitude.ts';
import { MAP_LABEL_MAX } from '../story/rules.ts';
import type { ChapterView, Layer } from '../story/types.ts';
import type { Palette } from './palette.ts';
import {
  FONT_REGULAR,
  FONT_BOLD,
  FONT_ITALIC,
  labelLine,
  AREA_LABEL,
  AREA_ANCHORS,
  type AreaLabel,
  areaLabels,
  SIDES,
  type Side,
  ANCHORS,
  PLACE,
  ICON_ZOOMS,
  type PlaceLayerKind,
  MARKER,
} from './marks.ts';

// The marks the still shares (marks.ts) are part of the style's own API too.
export * from './marks.ts';

export interface FontUrls {
  regular: string;
  regularExt: string;
  bold: string;
  italic: string;
}

/** The Unicode ranges of the bundled font files (fontsource's latin and latin-ext subsets). */
const LATIN = unicode.latin.split(',');
const LATIN_EXT = unicode['latin-ext'].split(',');

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
  /** The areas' names and where they go (default: `areaLabels(areas, basemap.labels)`). */
  areaLabels?: readonly AreaLabel[];
}

const NONE: FilterSpecification = ['==', ['get', 'id'], '\u0000none'];

/** Set on an area split at 180°: its own rings are filled, not outlined (see areaFeatures). */
const CUT = 'sm:cut';
/** Set on the outline drawn for such an area instead. */
const OUTLINE = 'sm:outline';

/** `routeLabelFeatures(routes)`: the route-labels source: each route along its labelLine. */
export function routeLabelFeatures(routes: FeatureCollection): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: routes.features.map((f) =>
      f.geometry?.type === 'MultiLineString'
        ? { ...f, geometry: { type: 'LineString', coordinates: labelLine(f.geometry) } }
        : f,
    ),
  };
}

/**
 * `areaFeatures(areas)`: the areas source's features. An area split at 180° (RFC 7946, section
 * 3.1.9) is two polygons meeting along the meridian; outlining those would draw the cut as a line,
 * so the area is filled from its polygons and outlined from `cutOutline` (the same id, so the same
 * feature state), which leaves the cut out. Other areas are outlined from their own rings.
 */
export function areaFeatures(areas: FeatureCollection): FeatureCollection {
  const features: Feature[] = [];
  // A dropped file is drawn with its mistakes: whatever is not a feature with a geometry passes as it is.
  for (const f of Array.isArray(areas.features) ? areas.features : []) {
    const outline = f && typeof f === 'object' && f.geometry ? cutOutline(f.geometry) : null;
    if (!outline) {
      features.push(f);
      continue;
    }
    features.push({ ...f, properties: { ...f.properties, [CUT]: true } });
    features.push({ ...f, properties: { ...f.properties, [OUTLINE]: true }, geometry: outline as Feature['geometry'] });
  }
  return { type: 'FeatureCollection', features };
}

/** `areaLabelFeatures(labels)`: the area-labels source (one point per area: its id, text and minzoom). */
export function areaLabelFeatures(labels: readonly AreaLabel[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: labels.map((l) => ({
      type: 'Feature',
      properties: { id: l.id, text: l.text, minzoom: l.minzoom },
      geometry: { type: 'Point', coordinates: l.at },
    })),
  };
}

/** The basemap's country names, fewer as the map zooms out; department names from zoom 7.5. */
export const COUNTRY_LABEL_FILTER: FilterSpecification = [
  'all',
  ['==', ['get', 'kind'], 'country'],
  ['<=', ['get', 'rank'], ['step', ['zoom'], 1, 2.5, 2, 3.5, 3, 4.5, 4, 5.5, 6]],
];
export const DEPARTMENT_LABEL_FILTER: FilterSpecification = ['==', ['get', 'kind'], 'department'];

/** Features whose `id` is one of `ids`, in one order for the same set (MapLibre lays a layer out again when its filter differs). */
const inIds = (ids: readonly string[]): ExpressionSpecification => ['in', ['get', 'id'], ['literal', [...ids].sort()]];

/** `opacity` where the feature's state has `key` set, else 0 (nothing set: hidden). */
const shownWhen = (key: keyof StoryFeatureState, opacity: number): ExpressionSpecification => [
  'case',
  ['boolean', ['feature-state', key], false],
  opacity,
  0,
];

/** The property that tells which of the basemap's collections a feature of the `basemap` source comes from. */
const PART = 'sm:part';
type BasemapPart = 'countries' | 'borders' | 'departments';
const basemapPart = (part: BasemapPart): FilterSpecification => ['==', ['get', PART], part];

/**
 * `basemapFeatures(basemap)`: the countries, borders and departments in one collection, each
 * feature marked with its part: one source instead of three, so a new zoom lays out, sends and
 * masks one set of tiles for them (the labels stay a source of their own: chapters filter them).
 */
export function basemapFeatures(basemap: BasemapGeoJSON): FeatureCollection {
  const parts: BasemapPart[] = ['countries', 'borders', 'departments'];
  return {
    type: 'FeatureCollection',
    features: parts.flatMap((part) =>
      basemap[part].features.map((f) => ({ ...f, properties: { ...f.properties, [PART]: part } })),
    ),
  };
}

/** The basemap's credit, the only attribution of the style (MapLibre parses it as HTML: trusted-types.ts allows it). */
export const BASEMAP_ATTRIBUTION = 'Made with Natural Earth';

/**
 * `storyStyle(basemap, story, fonts, palette, filters)` returns the complete MapLibre style. Story
 * layers show what `filters` and the feature states (both from `chapterLayers`) declare, and nothing
 * without them: the map is made showing its first chapter, so it draws once, not once empty and again
 * for the chapter.
 *
 * Areas and routes are drawn whole in every chapter, each feature's opacity following its state
 * (`visible`, `highlight`), so a chapter change only sets states: it does not lay their tiles out
 * again in the worker, and their shader programs are compiled when the map is first drawn, not the
 * first time a chapter shows one. Labels and places are filtered instead: a hidden label must not
 * take room from the others (placement ignores opacity), nor be found by a click. The route labels
 * read a copy of the routes (`route-labels`), so that filtering them leaves the lines' tiles alone.
 *
 * The lines and fills come from two sources, the basemap's and the story's shapes, each drawn in one
 * run of layers (area fills over the borders, not under them): MapLibre draws the tiles' clipping
 * masks of a source again at each change of source, and for every frame of a flight.
 */
export function storyStyle(
  basemap: BasemapGeoJSON,
  story: StoryGeoJSON,
  fonts: FontUrls,
  palette: Palette,
  filters: readonly LayerFilter[] = [],
): StyleSpecification {
  const markerColor = [
    'coalesce',
    ['get', 'color'],
    ['match', ['get', 'kind'], ...Object.entries(palette.kinds).flat(), palette.accent],
  ] as unknown as ExpressionSpecification;
  const layers: LayerSpecification[] = [
    { id: 'water', type: 'background', paint: { 'background-color': palette.water } },
    {
      id: 'land',
      type: 'fill',
      source: 'basemap',
      filter: basemapPart('countries'),
      paint: { 'fill-color': palette.land },
    },
    {
      id: 'coast',
      type: 'line',
      source: 'basemap',
      filter: basemapPart('countries'),
      paint: { 'line-color': palette.coast, 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.4, 8, 1] },
    },
    {
      id: 'departments',
      type: 'line',
      source: 'basemap',
      filter: basemapPart('departments'),
      minzoom: 6.5,
      paint: { 'line-color': palette.department, 'line-width': 0.8, 'line-dasharray': [3, 2] },
    },
    {
      id: 'borders',
      type: 'line',
      source: 'basemap',
      filter: basemapPart('borders'),
      paint: { 'line-color': palette.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 8, 1.4] },
    },
    {
      id: 'area-fill',
      type: 'fill',
      source: STATE_SOURCE,
      filter: ['all', shapeOf('areas'), ['!=', ['get', OUTLINE], true]],
      paint: {
        // No antialiased edge: it would draw the cut of an area split at 180° as a hairline. The area's
        // line (drawn whenever its fill is) covers the other edges.
        'fill-antialias': false,
        'fill-color': ['coalesce', ['get', 'color'], palette.area],
        'fill-opacity': shownWhen('highlight', 0.22),
      },
    },
    {
      id: 'area-line',
      type: 'line',
      source: STATE_SOURCE,
      filter: ['all', shapeOf('areas'), ['!=', ['get', CUT], true]],
      paint: {
        'line-color': ['coalesce', ['get', 'color'], palette.accent],
        'line-width': 1.6,
        'line-opacity': shownWhen('visible', 0.8),
      },
    },
    {
      id: 'route-line',
      type: 'line',
      source: STATE_SOURCE,
      filter: ['all', shapeOf('routes'), ['!=', ['get', 'status'], 'proposed']],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': [
          'coalesce',
          ['get', 'color'],
          ['match', ['get', 'status'], 'proposed', palette.proposed, palette.happened],
        ],
        'line-width': 2.5,
        'line-opacity': shownWhen('visible', 1),
      },
    },
    {
      id: 'route-line-proposed',
      type: 'line',
      source: STATE_SOURCE,
      filter: ['all', shapeOf('routes'), ['==', ['get', 'status'], 'proposed']],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': ['coalesce', ['get', 'color'], palette.proposed],
        'line-width': 2.5,
        'line-dasharray': [2, 1.5],
        'line-opacity': shownWhen('visible', 1),
      },
    },
    {
      id: 'route-label',
      type: 'symbol',
      source: 'route-labels',
      filter: NONE,
      layout: {
        'symbol-placement': 'line-center',
        'text-field': ['get', 'caption'],
        'text-font': [FONT_REGULAR],
        'text-size': 12,
        'text-offset': [0, -0.9],
        'text-max-angle': 40,
      },
      paint: { 'text-color': palette.label, 'text-halo-color': palette.halo, 'text-halo-width': 1.5 },
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
      paint: { 'text-color': palette.sea },
    },
    {
      // Country names give way to department names in close-ups.
      id: 'country-label',
      type: 'symbol',
      source: 'labels',
      maxzoom: 7.5,
      filter: COUNTRY_LABEL_FILTER,
      layout: {
        'text-field': ['upcase', ['get', 'name']],
        'text-font': [FONT_REGULAR],
        'text-size': ['interpolate', ['linear'], ['zoom'], 2, 10, 6, 13],
        'text-letter-spacing': 0.08,
        'text-max-width': 7,
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': palette.label, 'text-halo-color': palette.halo, 'text-halo-width': 1.2 },
    },
    {
      id: 'department-label',
      type: 'symbol',
      source: 'labels',
      minzoom: 7.5,
      filter: DEPARTMENT_LABEL_FILTER,
      layout: { 'text-field': ['get', 'name'], 'text-font': [FONT_ITALIC], 'text-size': 11, 'text-max-width': 6 },
      paint: { 'text-color': palette.departmentLabel, 'text-halo-color': palette.halo, 'text-halo-width': 1 },
    },
    {
      // Above the basemap's names (placed before them), below the places (placed after them: see AREA_LABEL).
      id: 'area-label',
      type: 'symbol',
      source: 'area-labels',
      filter: NONE,
      layout: {
        'text-field': ['get', 'text'],
        'text-font': [AREA_LABEL.font],
        'text-size': AREA_LABEL.size,
        'text-letter-spacing': AREA_LABEL.spacing,
        'text-max-width': AREA_LABEL.maxWidth,
        'text-variable-anchor': [...AREA_ANCHORS],
        'text-radial-offset': AREA_LABEL.offset,
        'text-justify': 'center',
      },
      paint: {
        'text-color': palette.highlightText,
        'text-halo-color': palette.halo,
        'text-halo-width': AREA_LABEL.halo,
      },
    },
    ...(['context', 'highlight'] as const).flatMap((kind) =>
      SIDES.map((side) =>
        placeLayer(kind, side, {
          marker: kind === 'highlight' ? markerColor : palette.context,
          text: kind === 'highlight' ? palette.highlightText : palette.context,
          halo: palette.halo,
        }),
      ),
    ),
  ];
  for (const { layer, filter } of filters) {
    const spec = layers.find((l) => l.id === layer);
    if (spec && spec.type !== 'background') spec.filter = filter;
  }
  return {
    version: 8,
    name: 'story-map',
    sources: {
      basemap: { type: 'geojson', data: basemapFeatures(basemap), attribution: BASEMAP_ATTRIBUTION },
      labels: { type: 'geojson', data: basemap.labels },
      // Feature states are keyed by the story's ids (unique across its layers).
      [STATE_SOURCE]: { type: 'geojson', data: shapeFeatures(story), promoteId: 'id' },
      'route-labels': { type: 'geojson', data: routeLabelFeatures(story.routes) },
      'area-labels': {
        type: 'geojson',
        data: areaLabelFeatures(story.areaLabels ?? areaLabels(story.areas, basemap.labels)),
      },
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

/** `placeLayer(kind, side, colors)` is one place layer (see PLACE and SIDES). */
function placeLayer(
  kind: PlaceLayerKind,
  side: Side,
  colors: { marker: ExpressionSpecification | string; text: string; halo: string },
): LayerSpecification {
  const d = PLACE[kind];
  return {
    id: `place-${kind}-${side}`,
    type: 'symbol',
    source: 'places',
    filter: NONE,
    layout: {
      // `marker:dot:#2b2b2b`: the map view draws each image the first time it is asked for (markerImage).
      'icon-image': [
        'concat',
        MARKER_IMAGE_PREFIX,
        ['match', ['get', 'precision'], 'approximate', 'ring', 'dot'],
        ':',
        colors.marker,
      ],
      'icon-size': ['interpolate', ['linear'], ['zoom'], ICON_ZOOMS[0], d.icon[0], ICON_ZOOMS[1], d.icon[1]],
      'icon-allow-overlap': true,
      'text-field': shortened(['coalesce', ['get', 'label'], ['get', 'name']]),
      'text-font': [d.font],
      'text-size': d.size,
      'text-variable-anchor': ANCHORS[side],
      'text-radial-offset': d.offset,
      'text-justify': 'auto',
      'text-optional': true,
      'text-max-width': d.maxWidth,
    },
    paint: {
      'text-color': colors.text,
      'text-halo-color': colors.halo,
      'text-halo-width': d.halo,
    },
  };
}

/** The layers a reader can click to go to a place's chapter. */
export const PLACE_LAYERS = SIDES.flatMap((side) =>
  (Object.keys(PLACE) as PlaceLayerKind[]).map((kind) => `place-${kind}-${side}`),
);

/**
 * `shortened(text)`: a label expression cut as `mapLabel` cuts it (MAP_LABEL_MAX characters, then
 * "…"), so that a story's long name never reaches MapLibre's text layout whole (a 20,000-character
 * label overflows it).
 */
function shortened(text: ExpressionSpecification): ExpressionSpecification {
  return [
    'let',
    'text',
    text,
    [
      'case',
      ['>', ['length', ['var', 'text']], MAP_LABEL_MAX],
      ['concat', ['slice', ['var', 'text'], 0, MAP_LABEL_MAX - 1], '…'],
      ['var', 'text'],
    ],
  ];
}

/** A layer's filter for one chapter. */
export interface LayerFilter {
  layer: string;
  filter: FilterSpecification;
}

/** What an area or a route shows in a chapter (its opacity follows: see storyStyle). */
export interface StoryFeatureState {
  /** Drawn at all: area outlines, route lines. */
  visible: boolean;
  /** Drawn prominently: area fills. */
  highlight: boolean;
}

/**
 * The source of the features drawn by state rather than filtered: the story's areas and routes, in
 * one source so that a frame draws its tiles' clipping masks once for both (MapLibre draws them
 * again at each change of source between layers).
 */
export const STATE_SOURCE = 'shapes';
/** The story layers drawn by state. */
export const STATE_LAYERS = ['areas', 'routes'] as const;
export type StateLayer = (typeof STATE_LAYERS)[number];
/** The property that tells areas from routes in the STATE_SOURCE. */
const SHAPE = 'sm:shape';
const shapeOf = (layer: StateLayer): ExpressionSpecification => ['==', ['get', SHAPE], layer];

/** `shapeFeatures(story)`: the STATE_SOURCE's features: the areaFeatures and the routes, each marked with its layer. */
export function shapeFeatures(story: Pick<StoryGeoJSON, 'areas' | 'routes'>): FeatureCollection {
  const marked = (layer: StateLayer, collection: FeatureCollection) =>
    collection.features.map((f) => ({ ...f, properties: { ...f.properties, [SHAPE]: layer } }));
  return {
    type: 'FeatureCollection',
    features: [...marked('areas', areaFeatures(story.areas)), ...marked('routes', story.routes)],
  };
}

/** One feature's state for a chapter. */
export interface FeatureStateOf {
  source: typeof STATE_SOURCE;
  id: string;
  state: StoryFeatureState;
}

/** A chapter's map state: the filters of the label and place layers, the states of areas and routes. */
export interface ChapterLayers {
  filters: LayerFilter[];
  states: FeatureStateOf[];
}

/**
 * `chapterLayers(view, sideOf, features, labels)` returns what a chapter shows: the filter of every
 * filtered story layer (highlighted places in the prominent layers, the rest of the visible ones in
 * the quiet layers, each place in the layer for its side of the map, see SIDES; labels of
 * highlighted routes; names of highlighted areas from their zoom, and the basemap's names without
 * those they stand in for, see AREA_LABEL), and the state of every area and route of `features`
 * (the story's ids, by source).
 *
 * Each filter names only the ids of its own source, so that a chapter which changes nothing a
 * layer shows leaves that layer's filter as it was: MapLibre then does not lay its tiles out again.
 */
export function chapterLayers(
  view: ChapterView,
  sideOf: (id: string) => Side,
  features: Readonly<Record<Layer, readonly string[]>>,
  labels: readonly AreaLabel[] = [],
): ChapterLayers {
  const places = new Set(features.places);
  const routes = new Set(features.routes);
  const quiet = view.visible.filter((id) => places.has(id) && !view.highlight.includes(id));
  const on = (ids: readonly string[], side: Side) => inIds(ids.filter((id) => places.has(id) && sideOf(id) === side));
  const visible = new Set(view.visible);
  const highlight = new Set(view.highlight);
  // MapLibre evaluates a filter's zoom at the tile's zoom (a whole number); the still does the same.
  const named = labels.filter((l) => highlight.has(l.id));
  const replaced = named
    .filter((l) => l.replaces.length > 0)
    .map(
      (l): ExpressionSpecification => [
        'all',
        ['in', ['get', 'name'], ['literal', l.replaces]],
        ['>=', ['zoom'], l.minzoom],
      ],
    );
  const basemap = (filter: FilterSpecification): FilterSpecification =>
    replaced.length ? ['all', filter as ExpressionSpecification, ['!', ['any', ...replaced]]] : filter;
  return {
    filters: [
      { layer: 'route-label', filter: inIds(view.highlight.filter((id) => routes.has(id))) },
      {
        layer: 'area-label',
        filter: ['all', inIds(named.map((l) => l.id)), ['>=', ['zoom'], ['get', 'minzoom']]],
      },
      { layer: 'country-label', filter: basemap(COUNTRY_LABEL_FILTER) },
      { layer: 'department-label', filter: basemap(DEPARTMENT_LABEL_FILTER) },
      ...SIDES.flatMap((side) => [
        { layer: `place-context-${side}`, filter: on(quiet, side) },
        { layer: `place-highlight-${side}`, filter: on(view.highlight, side) },
      ]),
    ],
    states: STATE_LAYERS.flatMap((layer) =>
      features[layer].map((id) => ({
        source: STATE_SOURCE,
        id,
        state: { visible: visible.has(id), highlight: highlight.has(id) },
      })),
    ),
  };
}

/** The start of a marker image's name: `marker:dot:<colour>` or `marker:ring:<colour>`. */
export const MARKER_IMAGE_PREFIX = 'marker:';

/** `markerImageName(name)`: the shape and colour a marker image's name asks for, or null for another image. */
export function markerImageName(name: string): { ring: boolean; color: string } | null {
  const m = /^marker:(dot|ring):(.+)$/s.exec(name);
  return m ? { ring: m[1] === 'ring', color: m[2]! } : null;
}

export type RGBA = readonly [r: number, g: number, b: number, a: number];

/**
 * `markerImage(ring, fill, outline)`: a marker (see MARKER) as RGBA pixels, not premultiplied, for
 * `map.addImage(name, image, {pixelRatio: MARKER.pixelRatio})`: its colour `fill` over its ring in
 * `outline` (colours 0-255, alpha 0-1), antialiased over one pixel.
 */
export function markerImage(
  ring: boolean,
  fill: RGBA,
  outline: RGBA,
): { width: number; height: number; data: Uint8Array } {
  const k = MARKER.pixelRatio;
  const size = MARKER.size * k;
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  // Coverage of the disc of radius r (image px) at distance d from the centre.
  const disc = (r: number, d: number) => Math.max(0, Math.min(1, r - d + 0.5));
  const r = MARKER.radius * k;
  const o = MARKER.outline * k;
  const t = MARKER.ring * k;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const colour = ring ? disc(r, d) - disc(r - t, d) : disc(r, d);
      const all = ring ? disc(r + o, d) - disc(r - t - o, d) : disc(r + o, d);
      const edge = all - colour;
      const a = colour * fill[3] + edge * outline[3];
      if (a <= 0) continue;
      const i = (y * size + x) * 4;
      for (let j = 0; j < 3; j++)
        data[i + j] = Math.round((colour * fill[3] * fill[j]! + edge * outline[3] * outline[j]!) / a);
      data[i + 3] = Math.round(a * 255);
    }
  return { width: size, height: size, data };
}

/**
 * `overlayLayers(source, color, halo)` draws a GeoJSON file (its areaFeatures) over the story in one colour (preview mode:
 * a file the editor dropped on the page): areas filled, lines, and points as circles. The layers
 * are named after the source (`dropped-fill`, `dropped-line`, `dropped-point`).
 */
export function overlayLayers(source: string, color: string, halo: string): LayerSpecification[] {
  return [
    {
      id: `${source}-fill`,
      type: 'fill',
      source,
      filter: ['all', ['==', ['geometry-type'], 'Polygon'], ['!=', ['get', OUTLINE], true]],
      // As the story's areas (areaFeatures): no antialiased edge along a cut at 180°; the line covers the others.
      paint: { 'fill-color': color, 'fill-opacity': 0.25, 'fill-antialias': false },
    },
    {
      id: `${source}-line`,
      type: 'line',
      source,
      filter: ['all', ['!=', ['geometry-type'], 'Point'], ['!=', ['get', CUT], true]],
      paint: { 'line-color': color, 'line-width': 2 },
    },
    {
      id: `${source}-point`,
      type: 'circle',
      source,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-color': color, 'circle-radius': 6, 'circle-stroke-color': halo, 'circle-stroke-width': 2 },
    },
  ];
}
