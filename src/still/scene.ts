/**
 * The static map of a chapter, as data: what the interactive map (src/map/style.ts) draws for the
 * chapter, projected into the CSS pixels of a map of `size` at `camera`. Pure: no DOM, no MapLibre;
 * the template (template.ts) turns it into SVG, in the browser or in the build's prerender.
 *
 * Projection: MapLibre's own Web Mercator arithmetic (512 px tiles, src/geo/camera.ts), applied as
 * a planar transform (d3's geoTransform), then clipped in pixels (geoClipRectangle). Not d3's
 * spherical geoMercator: it reads polygon rings with the opposite winding to RFC 7946 (our files'
 * rings would fill the whole world) and resamples edges as great circles, where MapLibre draws
 * straight lines in Mercator. A planar transform draws what MapLibre draws, vertex for vertex.
 * Like MapLibre (with `renderWorldCopies`), the world repeats every 360° of longitude: each shape
 * and place is drawn in every copy of the world the map shows, so a camera at 180° sees both sides
 * (and a shape given past 180°, like the basemap's western Aleutians at -187°, where it belongs).
 * Bearing rotates about the map's centre, as in MapLibre. Pitch is drawn flat (as if 0): a tilted
 * camera would need MapLibre's perspective matrix; no chapter of ours tilts, and the still is a
 * stand-in until the map loads.
 */
import { type GeoStream, geoClipRectangle, geoPath } from 'd3';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { mercatorX, mercatorY } from '../geo/camera.ts';
import { cutOutline, longitudeDelta } from '../geo/longitude.ts';
import type { BasemapGeoJSON } from '../map/style.ts';
import { routeCaption } from '../story/format.ts';
import { mapLabel } from '../story/rules.ts';
import {
  AREA_ANCHORS,
  AREA_LABEL,
  areaLabels,
  labelLine,
  MARKER,
  markerScale,
  ANCHORS as STYLE_ANCHORS,
  PLACE as STYLE_PLACE,
} from '../map/marks.ts';
import type { Camera, ChapterView, LngLat, RouteFeature, Story } from '../story/types.ts';

export interface Size {
  width: number;
  height: number;
}

/** The fonts labels are drawn in (style.ts: FONT_REGULAR, FONT_BOLD, FONT_ITALIC). */
export type LabelFont = 'regular' | 'bold' | 'italic';

/** `measure(text, font, size)`: the width in px of one line of text (no letter spacing). */
export type Measure = (text: string, font: LabelFont, size: number) => number;

export interface StillOptions {
  basemap: BasemapGeoJSON;
  story: Story;
  view: ChapterView;
  camera: Camera;
  /** The map's size in CSS px (the map view's clientWidth and clientHeight). */
  size: Size;
  /** Map drawn beyond each edge, in px (default 0), for a still shown in a slightly larger box. */
  margin?: number;
  /** Text widths: by default estimated from Noto Sans's average advances (see `estimateWidth`). */
  measure?: Measure;
  /** Fraction digits of path coordinates (default 1). */
  digits?: number;
}

export type Anchor =
  | 'center'
  | 'left'
  | 'right'
  | 'top'
  | 'bottom'
  | 'top-left'
  | 'top-right'
  | 'bottom-left'
  | 'bottom-right';

/** What a label is, which sets its font, colour and halo (the template's classes). */
export type LabelKind = 'highlight' | 'context' | 'area' | 'country' | 'sea' | 'department' | 'route';

export interface StillLabel {
  kind: LabelKind;
  /** The feature's id (story labels) or name (basemap labels). */
  id: string;
  /** Where each line's baseline starts (x per `align`), in px. */
  x: number;
  lines: { text: string; y: number }[];
  align: 'start' | 'middle' | 'end';
  size: number;
  /** Letter spacing in px (0: none). */
  spacing: number;
  /** Degrees clockwise about `pivot`, for route captions (0: none). */
  rotate: number;
  pivot: [number, number] | null;
  /** The box the label occupies (collisions), [x0, y0, x1, y1]. */
  box: Box;
}

export interface StillMarker {
  id: string;
  x: number;
  y: number;
  highlight: boolean;
  /** An approximate location: a ring, not a dot. */
  ring: boolean;
  /** The place's kind (its colour, when highlighted), or null. */
  kind: string | null;
  /** The place's own colour (highlighted places only), or null. */
  color: string | null;
  /** The dot's radius, the ring's outer radius, in px. */
  radius: number;
  /** Halo width in px. */
  halo: number;
}

export interface StillShape {
  id: string;
  /** SVG path data. */
  d: string;
  /** The feature's own colour, or null (the palette's). */
  color: string | null;
}

export interface StillRoute extends StillShape {
  proposed: boolean;
}

export interface StillScene {
  width: number;
  height: number;
  margin: number;
  zoom: number;
  /** Land (one path; its outline is the coast line). */
  land: string;
  coastWidth: number;
  borders: string;
  borderWidth: number;
  /** El Salvador's departments' borders, from zoom 6.5 (the style's minzoom), else null. */
  departments: string | null;
  areaFills: StillShape[];
  areaLines: StillShape[];
  routes: StillRoute[];
  /** Drawn in this order: quiet places first, highlighted on top. */
  markers: StillMarker[];
  labels: StillLabel[];
}

export type Box = [x0: number, y0: number, x1: number, y1: number];

const TILE_SIZE = 512;
/** MapLibre's default text-line-height, in em. */
const LINE_HEIGHT = 1.2;
/** MapLibre's assumed baseline offset for radial offsets (variable_text_anchor.ts: 7 of a 24-unit em). */
const BASELINE_OFFSET = 7 / 24;
/** The baseline of a one-line label sits this far below its box's centre, in em (Noto Sans). */
const BASELINE_DROP = 0.32;
/** MapLibre's default text-padding, in px. */
const TEXT_PADDING = 2;

/**
 * The place layers' sizes, style.ts's PLACE table (its font as this file names it): marker image
 * scale at two zooms (markerScale), font, size (px), radial offset and max width (em), text halo
 * (px). The marker image (style.ts: MARKER) is 24 CSS px with its edge 8 px from the centre (a ring
 * 3 px thick) and a 2 px outline, scaled by `icon`.
 */
export const PLACE = {
  context: { ...STYLE_PLACE.context, font: 'regular' },
  highlight: { ...STYLE_PLACE.highlight, font: 'bold' },
} as const;
const MARKER_RADIUS = MARKER.radius;
export const RING_WIDTH = MARKER.ring;
/**
 * What a marker keeps other labels off, from its centre, per unit of `icon`: MapLibre's collision
 * box of an icon is its image (24 px square, scaled by `icon`), plus its icon-padding (2 px).
 */
const MARKER_BOX = MARKER.size / 2;
const ICON_PADDING = 2;

/** The anchors a place label tries in order, by the side of the map it is on: style.ts's own. */
export const ANCHORS: Record<'west' | 'east', readonly Anchor[]> = STYLE_ANCHORS;

/** `interpolate(zoom, [z0, v0], [z1, v1])`: the style's linear zoom interpolation, clamped. */
function interpolate(zoom: number, [z0, v0]: [number, number], [z1, v1]: [number, number]): number {
  const t = Math.max(0, Math.min(1, (zoom - z0) / (z1 - z0)));
  return v0 + (v1 - v0) * t;
}

/**
 * `projector(camera, size)`: a longitude and latitude to CSS px in a map of `size` at `camera`, as
 * MapLibre's `map.project()` (pitch aside): world size 512·2^zoom, centred on the camera's centre,
 * rotated by its bearing.
 */
export function projector(camera: Camera, size: Size): (lngLat: readonly [number, number]) => [number, number] {
  const world = TILE_SIZE * 2 ** camera.zoom;
  const cx = mercatorX(camera.center[0]) * world;
  const cy = mercatorY(camera.center[1]) * world;
  const angle = (camera.bearing * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const hw = size.width / 2;
  const hh = size.height / 2;
  return ([lon, lat]) => {
    const dx = mercatorX(lon) * world - cx;
    const dy = mercatorY(lat) * world - cy;
    return [hw + dx * cos + dy * sin, hh - dx * sin + dy * cos];
  };
}

/**
 * A planar d3 projection: each vertex through `project`, vertices closer than `minStep` px to the
 * last one kept dropped (a line's ends always kept), lines and rings smaller than `minStep` dropped,
 * then clipped to `clip` (px).
 */
function planar(project: (p: [number, number]) => [number, number], clip: Box, minStep: number) {
  const clipper = geoClipRectangle(...clip);
  return {
    stream(output: GeoStream): GeoStream {
      const out = clipper(output);
      let line: [number, number][] | null = null;
      return {
        point(lon: number, lat: number) {
          const p = project([lon, lat]);
          if (!line) {
            out.point(p[0], p[1]);
            return;
          }
          const last = line[line.length - 1];
          if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < minStep) {
            // Kept aside: if the line ends here, its end is kept.
            (line as [number, number][] & { pending?: [number, number] }).pending = p;
            return;
          }
          line.push(p);
          (line as { pending?: [number, number] }).pending = undefined;
        },
        lineStart() {
          line = [];
        },
        lineEnd() {
          const pts = line!;
          const pending = (pts as { pending?: [number, number] }).pending;
          if (pending) pts.push(pending);
          line = null;
          let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
          for (const [x, y] of pts) {
            x0 = Math.min(x0, x);
            y0 = Math.min(y0, y);
            x1 = Math.max(x1, x);
            y1 = Math.max(y1, y);
          }
          if (pts.length < 2 || (x1 - x0 < minStep && y1 - y0 < minStep)) return;
          out.lineStart();
          for (const [x, y] of pts) out.point(x, y);
          out.lineEnd();
        },
        polygonStart() {
          out.polygonStart();
        },
        polygonEnd() {
          out.polygonEnd();
        },
        sphere() {
          out.sphere?.();
        },
      };
    },
  };
}

/**
 * `estimateWidth(text, font, size)`: a line's width in px from Noto Sans's advances by character
 * class (within 6% of the bundled font's for our labels, measured in Chromium); the browser passes a canvas measure instead.
 */
export function estimateWidth(text: string, font: LabelFont, size: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[ il.,;:'’!|]/.test(ch)) em += 0.27;
    else if (/[fjrt()-]/.test(ch)) em += 0.36;
    else if (/[mwMW]/.test(ch)) em += 0.86;
    else if (/[A-Z]/.test(ch)) em += 0.6;
    else if (/[0-9]/.test(ch)) em += 0.57;
    else em += 0.55;
  }
  return em * size * (font === 'bold' ? 1.06 : font === 'italic' ? 0.95 : 1);
}

/** Breaks a label into lines no wider than `maxWidth` px, balanced as MapLibre does. */
function wrap(text: string, maxWidth: number, width: (s: string) => number): string[] {
  const total = width(text);
  if (total <= maxWidth) return [text];
  const words = text.split(/\s+/).filter(Boolean);
  const count = Math.ceil(total / maxWidth);
  const target = total / count;
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const next = current ? `${current} ${word}` : word;
    // Break before this word when the line is closer to the target without it.
    if (current && width(next) - target > target - width(current) && lines.length < count - 1) {
      lines.push(current);
      current = word;
    } else current = next;
  }
  if (current) lines.push(current);
  return lines;
}

/** MapLibre's radial offset for an anchor (variable_text_anchor.ts, fromRadialOffset), in em. */
function radialOffset(anchor: Anchor, r: number): [number, number] {
  const h = r / Math.SQRT2;
  const y =
    anchor === 'top-left' || anchor === 'top-right'
      ? h - BASELINE_OFFSET
      : anchor === 'bottom-left' || anchor === 'bottom-right'
        ? -h + BASELINE_OFFSET
        : anchor === 'top'
          ? r - BASELINE_OFFSET
          : anchor === 'bottom'
            ? -r + BASELINE_OFFSET
            : 0;
  const x =
    anchor === 'top-right' || anchor === 'bottom-right'
      ? -h
      : anchor === 'top-left' || anchor === 'bottom-left'
        ? h
        : anchor === 'left'
          ? r
          : anchor === 'right'
            ? -r
            : 0;
  return [x, y];
}

const H_ALIGN: Record<Anchor, number> = {
  center: 0.5,
  top: 0.5,
  bottom: 0.5,
  left: 0,
  'top-left': 0,
  'bottom-left': 0,
  right: 1,
  'top-right': 1,
  'bottom-right': 1,
};
const V_ALIGN: Record<Anchor, number> = {
  center: 0.5,
  left: 0.5,
  right: 0.5,
  top: 0,
  'top-left': 0,
  'top-right': 0,
  bottom: 1,
  'bottom-left': 1,
  'bottom-right': 1,
};

interface TextSpec {
  kind: LabelKind;
  id: string;
  text: string;
  font: LabelFont;
  size: number;
  /** Letter spacing, em. */
  spacing: number;
  maxWidth: number;
}

/** Lays a text out at an anchor: its lines, and the box it takes. */
function layout(spec: TextSpec, at: [number, number], anchor: Anchor, offset: number, measure: Measure): StillLabel {
  const { size } = spec;
  const width = (s: string) => measure(s, spec.font, size) + Math.max(0, [...s].length - 1) * spec.spacing * size;
  const lines = wrap(spec.text, spec.maxWidth * size, width);
  const w = Math.max(...lines.map(width));
  const h = lines.length * LINE_HEIGHT * size;
  const [ox, oy] = radialOffset(anchor, offset);
  const ax = at[0] + ox * size;
  const ay = at[1] + oy * size;
  const ha = H_ALIGN[anchor];
  const x0 = ax - ha * w;
  const y0 = ay - V_ALIGN[anchor] * h;
  return {
    kind: spec.kind,
    id: spec.id,
    x: x0 + ha * w,
    lines: lines.map((text, i) => ({ text, y: y0 + (i + 0.5) * LINE_HEIGHT * size + BASELINE_DROP * size })),
    align: ha === 0 ? 'start' : ha === 1 ? 'end' : 'middle',
    size,
    spacing: spec.spacing * size,
    rotate: 0,
    pivot: null,
    box: [x0 - TEXT_PADDING, y0 - TEXT_PADDING, x0 + w + TEXT_PADDING, y0 + h + TEXT_PADDING],
  };
}

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (a: Box, b: Box) => a[0] >= b[0] && a[1] >= b[1] && a[2] <= b[2] && a[3] <= b[3];

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The least and greatest longitude of a GeoJSON object's positions, as written (not wrapped). */
function rawLongitudes(g: unknown): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  const walk = (v: unknown): void => {
    if (!Array.isArray(v)) return;
    if (typeof v[0] === 'number') {
      if (v[0] < min) min = v[0];
      if (v[0] > max) max = v[0];
      return;
    }
    for (const x of v) walk(x);
  };
  const visit = (o: unknown): void => {
    if (!o || typeof o !== 'object') return;
    const x = o as {
      type?: string;
      features?: unknown[];
      geometry?: unknown;
      geometries?: unknown[];
      coordinates?: unknown;
    };
    if (x.type === 'FeatureCollection') for (const f of x.features ?? []) visit(f);
    else if (x.type === 'Feature') visit(x.geometry);
    else if (x.type === 'GeometryCollection') for (const c of x.geometries ?? []) visit(c);
    else walk(x.coordinates);
  };
  visit(g);
  return [min, max];
}

/** `stillScene(options)`: the chapter's static map (see the top of the file). */
export function stillScene(options: StillOptions): StillScene {
  const { basemap, story, view, camera, size } = options;
  const margin = options.margin ?? 0;
  const digits = options.digits ?? 1;
  const measure = options.measure ?? estimateWidth;
  const base = projector(camera, size);
  const zoom = camera.zoom;
  // Polygons are clipped a little beyond the drawn area, so their outline (the coast line) is not
  // drawn along its edges.
  const extent: Box = [-margin, -margin, size.width + margin, size.height + margin];
  const clip: Box = [extent[0] - 4, extent[1] - 4, extent[2] + 4, extent[3] + 4];
  // The longitudes the drawn area spans (any bearing: the circle around it), and the copies of the
  // world that a thing spanning [west, east] as written shows in: shifted by 360° × k.
  const world = TILE_SIZE * 2 ** zoom;
  const reach = ((Math.hypot(size.width / 2 + margin, size.height / 2 + margin) + 8) / world) * 360;
  const copies = ([west, east]: [number, number]): number[] => {
    const ks: number[] = [];
    if (!Number.isFinite(west) || !Number.isFinite(east)) return ks;
    const first = Math.ceil((camera.center[0] - reach - east) / 360);
    const last = Math.floor((camera.center[0] + reach - west) / 360);
    for (let k = first; k <= last; k++) ks.push(k);
    return ks;
  };
  const project = (p: readonly [number, number], k = 0) => base([p[0] + 360 * k, p[1]]);
  const paths = new Map<number, ReturnType<typeof geoPath>>();
  const pathIn = (k: number) => {
    let path = paths.get(k);
    if (!path) {
      path = geoPath(planar((p) => project(p, k), clip, 0.5)).digits(digits);
      paths.set(k, path);
    }
    return path;
  };
  const d = (g: Feature | FeatureCollection | Geometry) =>
    copies(rawLongitudes(g))
      .map((k) => pathIn(k)(g as Parameters<ReturnType<typeof geoPath>>[0]) ?? '')
      .join('');
  const visible = new Set(view.visible);
  const highlighted = new Set(view.highlight);
  const own = (p: unknown) => {
    const c = (p as { color?: unknown } | null)?.color;
    return typeof c === 'string' && c ? c : null;
  };

  const areaFills: StillShape[] = [];
  const areaLines: StillShape[] = [];
  for (const f of story.areas.features) {
    const id = String(f.id);
    if (!visible.has(id)) continue;
    const shape = { id, d: d(f), color: own(f.properties) };
    if (!shape.d) continue;
    if (highlighted.has(id)) areaFills.push(shape);
    // An area split at 180° is outlined without the cut (as the map's areas source does).
    const outline = cutOutline(f.geometry);
    areaLines.push(outline ? { ...shape, d: d(outline as Geometry) } : shape);
  }
  const routes: StillRoute[] = [];
  for (const f of story.routes.features) {
    const id = String(f.id);
    if (!visible.has(id)) continue;
    const line = d(f);
    if (line) routes.push({ id, d: line, color: own(f.properties), proposed: f.properties.status === 'proposed' });
  }

  // Markers: every visible place within the drawn area (plus its radius).
  const markers: StillMarker[] = [];
  for (const layer of ['context', 'highlight'] as const) {
    for (const f of story.places.features) {
      const id = String(f.id);
      if (!visible.has(id) || highlighted.has(id) !== (layer === 'highlight')) continue;
      const at = f.geometry.coordinates as LngLat;
      for (const k of copies([at[0], at[0]])) {
        const [x, y] = project(at, k);
        const radius = MARKER_RADIUS * markerScale(layer, zoom);
        if (x < extent[0] - radius || x > extent[2] + radius || y < extent[1] - radius || y > extent[3] + radius)
          continue;
        const p = f.properties;
        markers.push({
          id,
          x: round(x, 2),
          y: round(y, 2),
          highlight: layer === 'highlight',
          ring: p.precision === 'approximate',
          kind: typeof p.kind === 'string' ? p.kind : null,
          color: layer === 'highlight' ? own(p) : null,
          radius,
          halo: MARKER.outline * (radius / MARKER_RADIUS),
        });
      }
    }
  }

  // Labels, in MapLibre's placement order (the top layer first): highlighted places, other places,
  // highlighted areas' names, then the basemap's names and the route captions, each kept only where it collides with no
  // marker and no label placed before it, and fits in the map.
  const placed: Box[] = markers.map((m) => {
    const r = (m.radius / MARKER_RADIUS) * MARKER_BOX + ICON_PADDING;
    return [m.x - r, m.y - r, m.x + r, m.y + r];
  });
  // A place's label may touch its own marker (MapLibre's text and icon of one symbol do not collide).
  const ownMarker = new Map(markers.map((m, i) => [m, placed[i]!]));
  const view_: Box = [0, 0, size.width, size.height];
  const labels: StillLabel[] = [];
  const tryPlace = (label: StillLabel, self: Box | undefined = undefined) => {
    if (!inside(label.box, view_) || placed.some((b) => b !== self && overlaps(b, label.box))) return false;
    placed.push(label.box);
    labels.push(label);
    return true;
  };
  for (const kind of ['highlight', 'context'] as const) {
    const spec = PLACE[kind];
    // MapLibre places the east layer first (it is above the west one in the style).
    const ordered = [...markers.filter((m) => m.highlight === (kind === 'highlight'))].sort(
      (a, b) => Number(sideOf(b.id)) - Number(sideOf(a.id)),
    );
    for (const m of ordered) {
      const f = story.features.get(m.id)?.feature;
      if (!f) continue;
      const p = f.properties as { label?: unknown; name: string };
      const text = mapLabel(typeof p.label === 'string' && p.label ? p.label : p.name);
      const textSpec: TextSpec = {
        kind,
        id: m.id,
        text,
        font: spec.font,
        size: spec.size,
        spacing: 0,
        maxWidth: spec.maxWidth,
      };
      for (const anchor of ANCHORS[sideOf(m.id) ? 'east' : 'west']) {
        if (tryPlace(layout(textSpec, [m.x, m.y], anchor, spec.offset, measure), ownMarker.get(m))) break;
      }
    }
  }
  function sideOf(id: string): boolean {
    const f = story.features.get(id)?.feature;
    return f?.geometry.type === 'Point' && longitudeDelta(camera.center[0], f.geometry.coordinates[0]!) > 0;
  }

  // MapLibre evaluates a filter's zoom at the tile's (integer) zoom, not the map's.
  const tileZoom = Math.floor(zoom);
  // A name in each copy of the world in view (the nearest copy first).
  const pointsAt = (at: readonly [number, number]): [number, number][] =>
    copies([at[0], at[0]])
      .sort((a, b) => Math.abs(at[0] + 360 * a - camera.center[0]) - Math.abs(at[0] + 360 * b - camera.center[0]))
      .map((k) => project(at, k));
  const points = (f: Feature) => pointsAt((f.geometry as unknown as { coordinates: [number, number] }).coordinates);

  // Highlighted areas' names, from their zoom (style.ts: AREA_LABEL), each at the first of its
  // anchors where it fits; they stand in for the basemap's names of the same places.
  const named = areaLabels(story.areas, basemap.labels).filter((l) => highlighted.has(l.id) && tileZoom >= l.minzoom);
  const replaced = new Set(named.flatMap((l) => l.replaces));
  for (const l of named) {
    const spec: TextSpec = {
      kind: 'area',
      id: l.id,
      text: l.text,
      font: 'bold',
      size: AREA_LABEL.size,
      spacing: AREA_LABEL.spacing,
      maxWidth: AREA_LABEL.maxWidth,
    };
    for (const at of pointsAt(l.at))
      for (const anchor of AREA_ANCHORS) if (tryPlace(layout(spec, at, anchor, AREA_LABEL.offset, measure))) break;
  }

  // The basemap's names: department names in close-ups (from 7.5), else countries by rank.
  const rankLimit = tileZoom < 2.5 ? 1 : tileZoom < 3.5 ? 2 : tileZoom < 4.5 ? 3 : tileZoom < 5.5 ? 4 : 6;
  const names = basemap.labels.features
    .filter((f) => f.geometry?.type === 'Point')
    .map((f) => ({ f, p: (f.properties ?? {}) as { name?: string; kind?: string; rank?: number } }))
    .filter(({ p }) => typeof p.name === 'string' && !(p.kind !== 'sea' && replaced.has(p.name)));
  const basemapSpecs: { at: [number, number]; spec: TextSpec }[] = [];
  if (zoom >= 7.5) {
    for (const { f, p } of names.filter(({ p }) => p.kind === 'department'))
      for (const at of points(f))
        basemapSpecs.push({
          at,
          spec: { kind: 'department', id: p.name!, text: p.name!, font: 'italic', size: 11, spacing: 0, maxWidth: 6 },
        });
  } else {
    const size = round(interpolate(zoom, [2, 10], [6, 13]), 1);
    for (const { f, p } of names
      .filter(({ p }) => p.kind === 'country' && (p.rank ?? 99) <= rankLimit)
      .sort((a, b) => (a.p.rank ?? 99) - (b.p.rank ?? 99)))
      for (const at of points(f))
        basemapSpecs.push({
          at,
          spec: {
            kind: 'country',
            id: p.name!,
            text: p.name!.toLocaleUpperCase(story.lang),
            font: 'regular',
            size,
            spacing: 0.08,
            maxWidth: 7,
          },
        });
  }
  const seaSize = round(interpolate(zoom, [2, 11], [6, 14]), 1);
  for (const { f, p } of names.filter(({ p }) => p.kind === 'sea'))
    for (const at of points(f))
      basemapSpecs.push({
        at,
        spec: { kind: 'sea', id: p.name!, text: p.name!, font: 'italic', size: seaSize, spacing: 0.12, maxWidth: 6 },
      });
  for (const { at, spec } of basemapSpecs) tryPlace(layout(spec, at, 'center', 0, measure));

  // Route captions (highlighted routes): at the middle of the line (of a route in parts, its longest:
  // the map's route-labels source), along it, 0.9 em above; in each copy of the world in view.
  for (const f of story.routes.features) {
    const id = String(f.id);
    if (!highlighted.has(id)) continue;
    const caption = mapLabel(routeCaption(f as RouteFeature, story.lang));
    const coords = labelLine(f.geometry);
    for (const k of copies(rawLongitudes({ type: 'LineString', coordinates: coords }))) {
      const label = routeLabel(
        id,
        caption,
        coords.map((c) => project(c as LngLat, k)),
        measure,
      );
      if (label) tryPlace(label);
    }
  }

  const roundLabel = (l: StillLabel): StillLabel => ({
    ...l,
    x: round(l.x, 1),
    lines: l.lines.map((line) => ({ text: line.text, y: round(line.y, 1) })),
  });
  return {
    width: size.width,
    height: size.height,
    margin,
    zoom,
    land: d(basemap.countries),
    coastWidth: round(interpolate(zoom, [2, 0.4], [8, 1]), 2),
    borders: d(basemap.borders),
    borderWidth: round(interpolate(zoom, [2, 0.6], [8, 1.4]), 2),
    departments: zoom >= 6.5 ? d(basemap.departments) : null,
    areaFills,
    areaLines,
    routes,
    markers,
    labels: labels.map(roundLabel),
  };
}

/** A route's caption at the middle of its projected line, upright, 0.9 em to the left of its way (text-offset [0, -0.9]). */
function routeLabel(id: string, text: string, pts: [number, number][], measure: Measure): StillLabel | null {
  if (pts.length < 2) return null;
  const lengths = pts.slice(1).map((p, i) => Math.hypot(p[0] - pts[i]![0], p[1] - pts[i]![1]));
  const total = lengths.reduce((a, b) => a + b, 0);
  let rest = total / 2;
  let i = 0;
  while (i < lengths.length - 1 && rest > lengths[i]!) rest -= lengths[i++]!;
  const a = pts[i]!;
  const b = pts[i + 1]!;
  const t = lengths[i]! > 0 ? rest / lengths[i]! : 0;
  const way = Math.atan2(b[1] - a[1], b[0] - a[0]);
  // The offset is to the left of the line's own direction; the text is then turned upright.
  const nx = Math.sin(way) * 0.9 * 12;
  const ny = -Math.cos(way) * 0.9 * 12;
  let angle = way;
  if (angle > Math.PI / 2) angle -= Math.PI;
  if (angle < -Math.PI / 2) angle += Math.PI;
  const size = 12;
  const w = measure(text, 'regular', size);
  if (w > total) return null;
  const mx = a[0] + (b[0] - a[0]) * t;
  const my = a[1] + (b[1] - a[1]) * t;
  const cx = mx + nx;
  const cy = my + ny;
  const hw = (Math.abs(Math.cos(angle)) * w + Math.abs(Math.sin(angle)) * LINE_HEIGHT * size) / 2;
  const hh = (Math.abs(Math.sin(angle)) * w + Math.abs(Math.cos(angle)) * LINE_HEIGHT * size) / 2;
  return {
    kind: 'route',
    id,
    x: cx,
    lines: [{ text, y: cy + BASELINE_DROP * size }],
    align: 'middle',
    size,
    spacing: 0,
    rotate: Math.round((angle * 180) / Math.PI),
    pivot: [round(cx, 1), round(cy, 1)],
    box: [cx - hw - TEXT_PADDING, cy - hh - TEXT_PADDING, cx + hw + TEXT_PADDING, cy + hh + TEXT_PADDING],
  };
}
