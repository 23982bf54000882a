/**
 * Where the camera goes for a chapter: the editor's explicit camera, or a fit of the focused
 * features into the map's free area. Pure Web Mercator arithmetic (512 px tiles, as MapLibre), so
 * the decision is testable without a map; the map view only flies to the result.
 */
import type { BBox, Camera, ChapterView, Story, StoryFeature } from '../story/types.ts';
import { boxAround } from './shape.ts';
import { longitudeDelta, wrapLongitude } from './longitude.ts';

const TILE_SIZE = 512;

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Viewport {
  width: number;
  height: number;
}

export interface FitOptions {
  padding: Padding;
  /** A single place, or places very close together, are not zoomed in further than this. */
  maxZoom?: number;
  minZoom?: number;
}

export const DEFAULT_MAX_ZOOM = 9;

/** `mercatorX(lon)` is the Web Mercator x of a longitude, 0 (180°W) to 1 (180°E). */
export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

/** `mercatorY(lat)` is the Web Mercator y of a latitude, 0 at the top (85.05°N) to 1. */
export function mercatorY(lat: number): number {
  const phi = (Math.max(-85.051129, Math.min(85.051129, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
}

export function lonFromMercatorX(x: number): number {
  return x * 360 - 180;
}

export function latFromMercatorY(y: number): number {
  const n = Math.PI - 2 * Math.PI * y;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/**
 * `fitBounds(bbox, viewport, options)` returns the camera that shows the box inside the viewport
 * minus its padding, centred in that free area: the same result as MapLibre's `cameraForBounds`
 * at bearing 0. A box across 180° (west > east, as RFC 7946 writes it) is fitted as one piece;
 * the centre's longitude is always given in [-180, 180] (a centre at 185° comes back as -175°).
 */
export function fitBounds(box: BBox, viewport: Viewport, options: FitOptions): Camera {
  const { padding, maxZoom = DEFAULT_MAX_ZOOM, minZoom = 0 } = options;
  const [west, south, east, north] = box;
  const x0 = mercatorX(west);
  const x1 = mercatorX(west > east ? east + 360 : east);
  const y0 = mercatorY(north);
  const y1 = mercatorY(south);
  const freeWidth = Math.max(1, viewport.width - padding.left - padding.right);
  const freeHeight = Math.max(1, viewport.height - padding.top - padding.bottom);
  const scaleX = (x1 - x0) * TILE_SIZE > 0 ? freeWidth / ((x1 - x0) * TILE_SIZE) : Infinity;
  const scaleY = (y1 - y0) * TILE_SIZE > 0 ? freeHeight / ((y1 - y0) * TILE_SIZE) : Infinity;
  const fitted = Math.log2(Math.min(scaleX, scaleY));
  const zoom = Math.max(minZoom, Math.min(maxZoom, fitted));
  // Centre the box in the free area: shift the map centre by half the padding difference.
  const worldSize = TILE_SIZE * 2 ** zoom;
  const cx = (x0 + x1) / 2 + (padding.right - padding.left) / 2 / worldSize;
  const cy = (y0 + y1) / 2 + (padding.bottom - padding.top) / 2 / worldSize;
  return { center: [wrapLongitude(lonFromMercatorX(cx)), latFromMercatorY(cy)], zoom, bearing: 0, pitch: 0 };
}

/**
 * `framePadding(viewport, labelWidth)` is the room kept free around focused features: enough for
 * the widest focused place's label on either side of its marker, and never more than a third of
 * the map.
 */
export function framePadding(viewport: Viewport, labelWidth = 0): Padding {
  const side = Math.round(Math.min(Math.max(viewport.width * 0.1, labelWidth + 12, 40), viewport.width / 3));
  const vertical = Math.round(Math.min(Math.max(viewport.height * 0.12, 32), viewport.height / 3));
  // Bottom keeps clear of the attribution line.
  return { top: vertical, right: side, bottom: vertical + 16, left: side };
}

/** Average advance of a bold 14 px label character, plus the marker and its offset. */
const LABEL_CHAR = 8.4;
const LABEL_MARKER = 22;

/** `labelWidth(text)` estimates the width in pixels of a highlighted place's label on the map. */
export function labelWidth(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length * LABEL_CHAR + LABEL_MARKER);
}

/**
 * `cameraForView(view, lookup, viewport)` returns the camera a chapter declares: its explicit
 * camera, or the fit of its focus features. Returns null when neither can be worked out (no
 * camera, and none of the focus ids exists).
 */
export function cameraForView(
  view: ChapterView,
  lookup: (id: string) => StoryFeature | undefined,
  viewport: Viewport,
  options: Partial<FitOptions> = {},
): Camera | null {
  if (view.camera) {
    // An explicit camera, composed on one screen, still shows the highlighted features on another.
    const highlighted = view.highlight.map(lookup).filter((f): f is StoryFeature => f !== undefined);
    const box = boxAround(highlighted);
    return box ? keepInView(view.camera, box, viewport) : view.camera;
  }
  const features = view.focus.map(lookup).filter((f): f is StoryFeature => f !== undefined);
  const box = boxAround(features);
  if (!box) return null;
  const labels = features
    .filter((f) => f.geometry.type === 'Point')
    .map((f) => labelWidth(String((f.properties as { label?: string; name: string }).label ?? f.properties.name)));
  return fitBounds(box, viewport, { padding: framePadding(viewport, Math.max(0, ...labels)), ...options });
}

/** The room kept between a highlighted feature and the map's edge by keepInView (a marker's radius and a bit). */
export const IN_VIEW_MARGIN = 16;

/**
 * `keepInView(camera, box, viewport, margin)` is `camera`, zoomed out about its own centre only as
 * far as needed for `box` to lie inside the viewport with `margin` pixels to spare (a camera set on
 * a desktop, seen on a phone). A camera that already shows the box is returned as it is. Across 180°
 * the box's corners are taken on the side nearer the centre; bearing is allowed for, pitch is not.
 */
export function keepInView(camera: Camera, box: BBox, viewport: Viewport, margin = IN_VIEW_MARGIN): Camera {
  const [west, south, east, north] = box;
  const [lon, lat] = camera.center;
  const halfW = viewport.width / 2 - margin;
  const halfH = viewport.height / 2 - margin;
  if (halfW <= 0 || halfH <= 0) return camera;
  const b = (camera.bearing * Math.PI) / 180;
  let scale = Infinity; // the largest world size (pixels) at which every corner fits
  for (const x of [west, east])
    for (const y of [south, north]) {
      const dx = longitudeDelta(lon, x) / 360;
      const dy = mercatorY(y) - mercatorY(lat);
      // Screen offsets of the corner once the map is turned by the bearing (clockwise).
      const sx = Math.abs(dx * Math.cos(b) + dy * Math.sin(b));
      const sy = Math.abs(-dx * Math.sin(b) + dy * Math.cos(b));
      if (sx > 0) scale = Math.min(scale, halfW / sx);
      if (sy > 0) scale = Math.min(scale, halfH / sy);
    }
  const fits = Math.log2(scale / TILE_SIZE);
  return fits < camera.zoom ? { ...camera, zoom: Math.max(0, fits) } : camera;
}

/** Where the map looks when a chapter declares nothing usable and the story no camera: the Americas. */
export const AMERICAS: Camera = { center: [-80, 15], zoom: 2, bearing: 0, pitch: 0 };

/**
 * `storyCamera(story, viewport)`: where the map looks for the story as a whole: its camera
 * (`map.camera`), else its area (`map.bounds`, across 180° too) fitted at this size, else the Americas.
 */
export function storyCamera(story: Story, viewport: Viewport): Camera {
  if (story.overview) return story.overview;
  if (story.bounds) return fitBounds(story.bounds, viewport, { padding: framePadding(viewport) });
  return AMERICAS;
}

/**
 * `chapterCamera(story, view, viewport)`: the camera of a chapter's view at a map size, for the
 * interactive map and the still one alike: the view's own (cameraForView), else the story's
 * (storyCamera).
 */
export function chapterCamera(story: Story, view: ChapterView, viewport: Viewport): Camera {
  return cameraForView(view, (id) => story.features.get(id)?.feature, viewport) ?? storyCamera(story, viewport);
}
