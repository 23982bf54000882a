/**
 * The marks both maps draw alike, the interactive one (style.ts, for MapLibre) and the still one
 * (src/still): the fonts' names, where a route's caption and an area's name go, which side of a
 * marker its label tries first, and the markers' sizes. Plain data and functions, no style: the
 * still's code loads these without the MapLibre style.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Position } from 'geojson';
import { labelPoint } from '../geo/label-point.ts';
import { mapLabel } from '../story/rules.ts';

export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_BOLD = 'Noto Sans Bold';
export const FONT_ITALIC = 'Noto Sans Italic';

/**
 * `labelLine(geometry)`: the line a route's caption goes along: the route itself, or of a route in
 * parts (one split at 180°) its longest part, so the caption is written once.
 */
export function labelLine(geometry: LineString | MultiLineString): Position[] {
  if (geometry.type === 'LineString') return geometry.coordinates;
  const length = (line: Position[]) =>
    line.reduce((sum, p, i) => (i ? sum + Math.hypot(p[0]! - line[i - 1]![0]!, p[1]! - line[i - 1]![1]!) : 0), 0);
  return geometry.coordinates.reduce<Position[]>((a, b) => (length(b) > length(a) ? b : a), []);
}

/**
 * A highlighted area is named on the map (its `label`, else its `name`), at its pole of
 * inaccessibility (geo/label-point.ts) once it is big enough there to hold a name: its inscribed
 * circle at least `minPx` across. Its name is placed after the places' markers and labels, and
 * moves off them: it tries its own point first, then the sides around it, `offset` em away (enough
 * to clear a marker standing on the point). Where it is drawn, it stands in for the basemap's name
 * of the same place ("EL SALVADOR" for a highlighted El Salvador: see `replaces`), so a place is
 * never named twice.
 */
export const AREA_LABEL = {
  font: FONT_BOLD,
  size: 13,
  spacing: 0.04,
  offset: 1.2,
  maxWidth: 8,
  halo: 1.5,
  minPx: 30,
} as const;
export const AREA_ANCHORS = [
  'center',
  'top',
  'bottom',
  'left',
  'right',
  'top-left',
  'top-right',
  'bottom-left',
  'bottom-right',
] as const;

/** An area's name on the map: see AREA_LABEL. */
export interface AreaLabel {
  id: string;
  /** The text (the area's label or name, cut as mapLabel cuts it). */
  text: string;
  /** Where it goes, [longitude, latitude]. */
  at: [number, number];
  /** The zoom from which the area holds its name (AREA_LABEL.minPx). */
  minzoom: number;
  /** The names of the basemap's labels that name the same place (inside the area, with the same words). */
  replaces: string[];
}

/** The words of a name, to compare: without accents, case, punctuation, "the", "of" and "and". */
function wordsOf(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && w !== 'the' && w !== 'of' && w !== 'and');
}

/**
 * `sameName(a, b)`: whether two names name the same place: every word of the shorter one is a word
 * of the other, or the start of one ("Rep." of "Republic"). "United States" and "United States of
 * America", "Guantánamo Bay (US)" and "US Naval Base Guantánamo Bay" do; "El Salvador" and "San
 * Salvador" do not.
 */
export function sameName(a: string, b: string): boolean {
  const [short, long] = [wordsOf(a), wordsOf(b)].sort((x, y) => x.length - y.length) as [string[], string[]];
  if (short.length === 0) return false;
  return short.every((w) =>
    long.some((v) => v === w || (w.length >= 2 && v.startsWith(w)) || (v.length >= 2 && w.startsWith(v))),
  );
}

/** Whether a position is inside a Polygon or MultiPolygon (even-odd: holes are outside). */
function insideArea(geometry: Feature['geometry'] | null | undefined, [x, y]: Position): boolean {
  const polygons =
    geometry?.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry?.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  let yes = false;
  for (const ring of polygons.flat())
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[i] as [number, number];
      const [bx, by] = ring[j] as [number, number];
      if (ay > y! !== by > y! && x! < ((bx - ax) * (y! - ay)) / (by - ay) + ax) yes = !yes;
    }
  return yes;
}

const areaLabelCache = new WeakMap<object, WeakMap<object, AreaLabel[]>>();

/**
 * `areaLabels(areas, basemapLabels)`: each area's name on the map (see AREA_LABEL), worked out once
 * per pair of collections. Areas without a shape, an id or a name have none.
 */
export function areaLabels(areas: FeatureCollection, basemapLabels: FeatureCollection): AreaLabel[] {
  const byLabels = areaLabelCache.get(areas) ?? new WeakMap<object, AreaLabel[]>();
  areaLabelCache.set(areas, byLabels);
  const cached = byLabels.get(basemapLabels);
  if (cached) return cached;
  const named = (Array.isArray(basemapLabels.features) ? basemapLabels.features : []).flatMap((f) => {
    const p = (f?.properties ?? {}) as { name?: unknown; kind?: unknown };
    return f?.geometry?.type === 'Point' &&
      typeof p.name === 'string' &&
      (p.kind === 'country' || p.kind === 'department')
      ? [{ name: p.name, at: f.geometry.coordinates }]
      : [];
  });
  const labels: AreaLabel[] = [];
  for (const f of Array.isArray(areas.features) ? areas.features : []) {
    const p = (f?.properties ?? {}) as { name?: unknown; label?: unknown };
    const name = typeof p.label === 'string' && p.label ? p.label : typeof p.name === 'string' ? p.name : '';
    const point = f && (typeof f.id === 'string' || typeof f.id === 'number') && name ? labelPoint(f.geometry) : null;
    if (!point || !(point.radius > 0)) continue;
    labels.push({
      id: String(f.id),
      text: mapLabel(name),
      at: point.at,
      minzoom: Math.max(0, Math.log2(AREA_LABEL.minPx / (2 * point.radius * 512))),
      replaces: named
        .filter((n) => insideArea(f.geometry, n.at) && (sameName(n.name, name) || sameName(n.name, String(p.name))))
        .map((n) => n.name),
    });
  }
  byLabels.set(basemapLabels, labels);
  return labels;
}

/**
 * Labels go on the side of a marker that faces the middle of the map, so a place near an edge is
 * never labelled off-screen. MapLibre tries a symbol's anchors in order (and keeps a label where it
 * was while it still fits), so each place layer comes twice: for places west of the camera's
 * centre, trying the right side first, and for places east of it, trying the left side first.
 */
export const SIDES = ['west', 'east'] as const;
export type Side = (typeof SIDES)[number];

export const ANCHORS: Record<
  Side,
  ('left' | 'right' | 'top' | 'bottom' | 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right')[]
> = {
  // `left` anchors the text's left edge at the marker: the text sits to its right.
  west: ['left', 'top', 'bottom', 'top-left', 'bottom-left', 'right'],
  east: ['right', 'top', 'bottom', 'top-right', 'bottom-right', 'left'],
};

/**
 * The two kinds of place layer: places shown for context (quiet), and highlighted places (bold,
 * bigger, in their kind's colour). Context layers come first, so highlighted places are drawn and
 * placed on top.
 *
 * Markers always show (`icon-allow-overlap`), so near places overlap when the map is zoomed out.
 * Each marker is an image of its own colour with its ring (markerImage): the ring of the upper of
 * two near markers parts them, as a coin lying on another. (With one signed-distance-field image
 * for every colour, MapLibre draws all the halos of a layer under all its dots: two near dots
 * merged into one blob.) The dots are small, and smaller still on a map of a continent: `icon`
 * scales the 24 px image (MARKER) from `icon[0]` at zoom ICON_ZOOMS[0] to `icon[1]` at
 * ICON_ZOOMS[1]. So more than half of the lower of two places 10 km apart shows from zoom 5 on
 * (4 px apart there at 14°N; at zoom 6, 8 px apart, nearly all of it; before, a dot of 6.4 px hid
 * most of another up to zoom 6): see the markers' tests in test/unit/style.test.ts.
 */
export const PLACE = {
  context: { icon: [0.3, 0.45], font: FONT_REGULAR, size: 12, offset: 0.6, maxWidth: 9, halo: 1.5 },
  highlight: { icon: [0.36, 0.6], font: FONT_BOLD, size: 14, offset: 0.7, maxWidth: 10, halo: 2 },
} as const;
export const ICON_ZOOMS = [4, 8] as const;

/** `markerScale(kind, zoom)`: the `icon-size` of a place layer's markers at a zoom (see PLACE). */
export function markerScale(kind: PlaceLayerKind, zoom: number): number {
  const [a, b] = PLACE[kind].icon;
  const t = Math.max(0, Math.min(1, (zoom - ICON_ZOOMS[0]) / (ICON_ZOOMS[1] - ICON_ZOOMS[0])));
  return a + (b - a) * t;
}
export type PlaceLayerKind = keyof typeof PLACE;

/**
 * The marker image, in CSS px (MapLibre's `icon-size` scales it): 24 px square, drawn at pixel
 * ratio 2; a dot of radius 8 ringed 2 px wide in the marker halo's colour, or for an approximate
 * place a ring of that radius, 3 px thick, with the halo's colour on both sides.
 */
export const MARKER = { size: 24, pixelRatio: 2, radius: 8, outline: 2, ring: 3 } as const;
