/**
 * The pure parts of preview mode (`?edit`): the camera as a snippet to paste into a chapter, and
 * which layer a dropped GeoJSON file belongs to. (The count of issues is format.ts's `issueCount`.)
 */
import { wrapLongitude } from '../geo/longitude.ts';
import { LAYER_GEOMETRIES } from './geojson.ts';
import { LAYERS, type Layer } from './types.ts';

export interface CameraState {
  center: [number, number];
  zoom: number;
  bearing?: number;
  pitch?: number;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * `cameraSnippet(camera)` is the `"camera"` field for a chapter's `map`, rounded to what matters
 * on screen (4 decimals of a degree is about 10 m; 2 decimals of zoom), with the longitude in
 * [-180, 180] (a camera past 180° is valid either way; this is the way GeoJSON writes it). Bearing
 * and pitch appear only when set.
 */
export function cameraSnippet({ center, zoom, bearing = 0, pitch = 0 }: CameraState): string {
  // Past 180° the map may report 185 as well as -175: the snippet always says -175.
  const lon = round(wrapLongitude(center[0]), 4);
  const parts = [`"center": [${lon}, ${round(center[1], 4)}]`, `"zoom": ${round(zoom, 2)}`];
  if (round(bearing, 1) !== 0) parts.push(`"bearing": ${round(bearing, 1)}`);
  if (round(pitch, 1) !== 0) parts.push(`"pitch": ${round(pitch, 1)}`);
  return `"camera": { ${parts.join(', ')} }`;
}

/** `layerOf(collection)` is the layer whose geometry most of the collection's features have (places by default). */
export function layerOf(collection: unknown): Layer {
  const features = (collection as { features?: unknown } | null)?.features;
  const counts: Record<Layer, number> = { places: 0, routes: 0, areas: 0 };
  if (Array.isArray(features)) {
    for (const f of features) {
      const type = (f as { geometry?: { type?: unknown } } | null)?.geometry?.type;
      for (const layer of LAYERS) if (LAYER_GEOMETRIES[layer].includes(String(type))) counts[layer]++;
    }
  }
  return LAYERS.reduce<Layer>((a, b) => (counts[b] > counts[a] ? b : a), 'places');
}
