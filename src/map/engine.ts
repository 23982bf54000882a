/**
 * The only module that imports MapLibre, and the only one that calls it: the map view asks for
 * what it needs here. It is loaded with a dynamic import when the map is about to be seen,
 * together with the basemap and the fonts, so readers get the text first.
 */
import regular from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import italic from '@fontsource/noto-sans/files/noto-sans-latin-400-italic.woff2?url';
import bold from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import regularExt from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import type { FeatureCollection } from 'geojson';
import {
  type GeoJSONSource,
  type MapGeoJSONFeature,
  Map as MapLibreMap,
  setTrustedTypesPolicy,
  setWorkerUrl,
} from 'maplibre-gl';
import mapCss from 'maplibre-gl/dist/maplibre-gl.css?inline';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { longitudeDelta } from '../geo/longitude.ts';
import { routeCaption } from '../story/format.ts';
import { mapLabel } from '../story/rules.ts';
import { loadBasemap } from './load-basemap.ts';
import type { Camera, ChapterView, Layer, RouteFeature, Story } from '../story/types.ts';
import type { Palette } from './palette.ts';
import { beforeDeadline, MapStartError, START_TIMEOUT_MS, started } from './start.ts';
import { allowHtml, allowScriptUrl, enforced, POLICY_NAME, trustedTypesPolicy } from '../trusted-types.ts';
import { preferredWorker } from './worker.ts';
import {
  type AreaLabel,
  areaFeatures,
  areaLabels,
  BASEMAP_ATTRIBUTION,
  type ChapterLayers,
  chapterLayers,
  overlayLayers,
  MARKER,
  markerImage,
  markerImageName,
  PLACE_LAYERS,
  type RGBA,
  storyStyle,
} from './style.ts';

export type { MapLibreMap };

/** The worker the build ships next to the engine (absolute: Vite resolves it against this module). */
const bundledWorker = new URL(workerUrl, import.meta.url).href;
let worker: string | null = null;
/** Why the worker cannot start under this page's Trusted Types (null: it can, as far as we know). */
let refused: string | null = null;

/**
 * `useWorker()` sets MapLibre's worker script, once per page (MapLibre keeps one pool of workers for
 * every map): a site's own copy (`worker-url`, see worker.ts) or the one next to the engine. Returns
 * the absolute URL in use.
 *
 * A worker on the page's own origin starts as a module worker from its URL: `worker-src 'self'`. One on
 * another origin (the embed served from a CDN) cannot: it starts from a `blob:` URL that imports it,
 * and that import is checked against `worker-src` too: `worker-src blob: <cdn origin>`.
 *
 * With Trusted Types (trusted-types.ts), MapLibre makes the worker's URL and the basemap's attribution
 * trusted through our policy, which takes exactly those two strings: so for a worker on another origin
 * we make the `blob:` URL here (MapLibre would make one the policy cannot know), and MapLibre starts
 * the worker from it as a same-origin URL. On a page of an opaque origin (a sandboxed frame) MapLibre
 * starts the worker from a `data:` URL of the fetched code instead: no policy is given to it there.
 */
export function useWorker(): string {
  if (worker === null) {
    worker = preferredWorker() ?? bundledWorker;
    const opaque = globalThis.origin === 'null';
    const policy = opaque ? null : trustedTypesPolicy();
    if (!policy && enforced()) {
      // MapLibre's `new Worker` would throw where nothing reports it (the map loads, and draws nothing).
      refused = opaque
        ? `this sandboxed frame (an opaque origin) enforces Trusted Types, and MapLibre starts its worker there from a data: URL that no policy can know: leave "require-trusted-types-for" out of this frame's Content-Security-Policy`
        : `this page enforces Trusted Types, and its Content-Security-Policy does not let the story map make its policy: list "${POLICY_NAME} lit-html" in its trusted-types directive`;
    }
    if (policy) {
      const start =
        new URL(worker).origin === location.origin
          ? worker
          : URL.createObjectURL(new Blob([`import ${JSON.stringify(worker)}`], { type: 'text/javascript' }));
      allowScriptUrl(start);
      allowHtml(BASEMAP_ATTRIBUTION);
      setTrustedTypesPolicy(policy);
      setWorkerUrl(start);
    } else setWorkerUrl(worker);
  }
  return worker;
}

let sheet: CSSStyleSheet | null = null;

/** MapLibre's CSS as a constructable sheet, shared by every map on the page (CSP-safe, no <style>). */
export function mapStyleSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(mapCss);
  }
  return sheet;
}

export interface MapOptions {
  container: HTMLElement;
  story: Story;
  /** What the map shows first (null: the story's features stay hidden), from `camera`. */
  view: ChapterView | null;
  camera: Camera;
  palette: Palette;
  /** Drag to pan (on for mouse users; off on touch screens, where a drag must scroll the page). */
  dragPan: boolean;
  /**
   * The reader lets the story animate. Without motion, labels appear and vanish at once instead of
   * fading (MapLibre sets this when the map is made; a later change of mind keeps the fades as they were).
   */
  motion: boolean;
  /** When the map is given up if it has not loaded (ms since the epoch; default START_TIMEOUT_MS from now). */
  deadline?: number;
  onFeatureClick: (id: string) => void;
}

/**
 * `createMap(options)` builds the story's map, resolving when its style has loaded. Rejects with a
 * MapStartError when it cannot start: no WebGL 2, the worker blocked or missing, the context lost
 * before the first load, or no load within `timeoutMs` (the map is removed then).
 */
export async function createMap(options: MapOptions): Promise<MapLibreMap> {
  const { container, story, camera, palette } = options;
  const deadline = options.deadline ?? Date.now() + START_TIMEOUT_MS;
  useWorker();
  if (refused) throw new MapStartError('trusted-types', refused);
  const base = await beforeDeadline(loadBasemap(), deadline);
  // The text drawn along each route, in the story's language.
  const routes: FeatureCollection = {
    type: 'FeatureCollection',
    features: story.routes.features.map((r) => ({
      ...r,
      properties: { ...r.properties, caption: mapLabel(routeCaption(r as RouteFeature, story.lang)) },
    })),
  };
  const labels = areaLabels(story.areas, base.labels);
  const data = { places: story.places, routes, areas: story.areas, areaLabels: labels };
  const first = options.view ? chapterFilters(story, options.view, camera, labels) : null;
  const map = newMap({
    container,
    style: storyStyle(base, data, { regular, regularExt, bold, italic }, palette, first?.filters ?? []),
    center: camera.center,
    zoom: camera.zoom,
    bearing: camera.bearing,
    pitch: camera.pitch,
    // A scroll story: the wheel and one-finger drags belong to the page.
    scrollZoom: false,
    dragPan: options.dragPan,
    dragRotate: false,
    touchZoomRotate: false,
    touchPitch: false,
    boxZoom: false,
    doubleClickZoom: options.dragPan,
    keyboard: true,
    renderWorldCopies: true,
    fadeDuration: options.motion ? 300 : 0,
    attributionControl: { compact: false },
    locale: { 'Map.Title': 'Map. Arrow keys pan it; the story moves it as you read.' },
  });
  areaLabelsOf.set(map, labels);
  // Each marker image (a shape in a colour, with its ring) is drawn the first time the map asks for it.
  map.setMissingStyleImageResolver((id) => {
    const asked = markerImageName(id);
    if (asked && !map.hasImage(id))
      map.addImage(id, markerImage(asked.ring, rgba(asked.color), rgba(palette.markerHalo)), {
        pixelRatio: MARKER.pixelRatio,
      });
  });
  for (const layer of PLACE_LAYERS) {
    map.on('click', layer, (e) => {
      const f = e.features?.[0] as MapGeoJSONFeature | undefined;
      const id = f?.properties?.id;
      if (typeof id === 'string') options.onFeatureClick(id);
    });
    map.on('mouseenter', layer, () => {
      map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
    });
  }
  // Areas and routes are hidden until their state says otherwise; the first chapter's states are set
  // as soon as the style is in, before the first frame draws them.
  if (first) map.once('style.load', () => setStates(map, first.states));
  await started(map, deadline);
  return map;
}

let swatch: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;
const parsed = new Map<string, RGBA>();

/** `rgba(color)`: a CSS colour (a theme's custom property may hold any form) as [r, g, b, alpha 0-1], by a canvas. */
function rgba(color: string): RGBA {
  const known = parsed.get(color);
  if (known) return known;
  swatch ??=
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true })
      : document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  let value: RGBA = [0, 0, 0, 1];
  if (swatch) {
    swatch.clearRect(0, 0, 1, 1);
    swatch.fillStyle = '#000';
    swatch.fillStyle = color;
    swatch.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = swatch.getImageData(0, 0, 1, 1).data;
    // Drawn premultiplied: an opaque colour comes back exactly.
    value = a
      ? [Math.round((r! * 255) / a), Math.round((g! * 255) / a), Math.round((b! * 255) / a), a / 255]
      : [0, 0, 0, 0];
  }
  parsed.set(color, value);
  return value;
}

/** Each map's area names (areaLabels of its story and basemap), for its chapters' filters. */
const areaLabelsOf = new WeakMap<MapLibreMap, readonly AreaLabel[]>();

function newMap(options: ConstructorParameters<typeof MapLibreMap>[0]): MapLibreMap {
  try {
    return new MapLibreMap(options);
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    throw new MapStartError(/webgl/i.test(message) ? 'webgl' : 'error', message);
  }
}

/**
 * `onContext(map, lost, restored)`: the browser may take a map's WebGL context back (too many on the
 * page, a GPU reset); MapLibre draws again when it is restored. Returns the way to stop listening.
 */
export function onContext(map: MapLibreMap, lost: () => void, restored: () => void): () => void {
  map.on('webglcontextlost', lost);
  map.on('webglcontextrestored', restored);
  return () => {
    map.off('webglcontextlost', lost);
    map.off('webglcontextrestored', restored);
  };
}

/**
 * `showChapter(map, story, view, camera)` sets what a chapter shows (which features, which
 * highlighted), labelling each place on the side that faces the camera's centre.
 */
export function showChapter(map: MapLibreMap, story: Story, view: ChapterView, camera: Camera): void {
  const { filters, states } = chapterFilters(story, view, camera, areaLabelsOf.get(map) ?? []);
  // The filters are ours and well-formed: MapLibre need not validate them each chapter. An unchanged
  // filter is left alone by MapLibre (no new layout).
  for (const { layer, filter } of filters) map.setFilter(layer, filter, { validate: false });
  setStates(map, states);
}

/** Sets the areas' and routes' states that differ from the map's (each change repaints the feature). */
function setStates(map: MapLibreMap, states: ChapterLayers['states']): void {
  for (const { source, id, state } of states) {
    const now = map.getFeatureState({ source, id });
    if (now.visible !== state.visible || now.highlight !== state.highlight) map.setFeatureState({ source, id }, state);
  }
}

/** The story layers' filters and feature states for a chapter seen from `camera` (see chapterLayers). */
function chapterFilters(story: Story, view: ChapterView, camera: Camera, labels: readonly AreaLabel[]): ChapterLayers {
  const ids: Record<Layer, string[]> = { places: [], routes: [], areas: [] };
  for (const [id, { layer }] of story.features) ids[layer].push(id);
  return chapterLayers(
    view,
    (id) => {
      const f = story.features.get(id)?.feature;
      return f?.geometry.type === 'Point' && longitudeDelta(camera.center[0], f.geometry.coordinates[0]!) > 0
        ? 'east'
        : 'west';
    },
    ids,
    labels,
  );
}

/** `moveCamera(map, camera, motion)` flies there, or jumps when the reader turned motion off. */
export function moveCamera(map: MapLibreMap, camera: Camera, motion: boolean): void {
  const target = { center: camera.center, zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch };
  if (motion) map.flyTo({ ...target, essential: true, maxDuration: 2500 });
  else map.jumpTo(target);
}

/** `cameraOf(map)` is where the map looks now. */
export function cameraOf(map: MapLibreMap): Camera {
  const c = map.getCenter();
  return { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
}

/** `onMoveEnd(map, listener)` calls `listener` each time the map comes to rest; returns the way to stop. */
export function onMoveEnd(map: MapLibreMap, listener: () => void): () => void {
  map.on('moveend', listener);
  return () => map.off('moveend', listener);
}

/**
 * `setEditable(map, editable, dragPan)`: editors compose cameras, so the wheel zooms, a drag pans and
 * a right-drag rotates; readers' maps leave the wheel to the page (which scrolls), and a drag too on
 * touch screens (`dragPan` false).
 */
export function setEditable(map: MapLibreMap, editable: boolean, dragPan: boolean): void {
  const on = (handler: { enable(): void; disable(): void }, yes: boolean) =>
    yes ? handler.enable() : handler.disable();
  on(map.scrollZoom, editable);
  on(map.dragRotate, editable);
  on(map.dragPan, editable || dragPan);
}

/** `setOverlay(map, data, palette)` draws a GeoJSON collection over the story (a dropped file), or removes it (null). */
export function setOverlay(map: MapLibreMap, data: FeatureCollection | null, palette: Palette): void {
  const layers = overlayLayers('dropped', palette.dropped, palette.markerHalo);
  const source = map.getSource<GeoJSONSource>('dropped');
  // Areas split at 180° outlined without the cut, as the story's own.
  const drawn = data && areaFeatures(data);
  if (drawn && source) source.setData(drawn);
  else if (drawn) {
    map.addSource('dropped', { type: 'geojson', data: drawn });
    for (const layer of layers) map.addLayer(layer);
  } else if (source) {
    for (const layer of layers) map.removeLayer(layer.id);
    map.removeSource('dropped');
  }
}

/** `resizeMap(map)` fits the map to its container again. */
export function resizeMap(map: MapLibreMap): void {
  map.resize();
}

/** `removeMap(map)` frees the map and its WebGL context. */
export function removeMap(map: MapLibreMap): void {
  map.remove();
}

/** `whenIdle(map)` resolves once the map has drawn everything it was asked for, with nothing moving. */
export function whenIdle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}
