/**
 * The pure parts of preview mode (`?edit`): the camera as a snippet to paste into a chapter, which
 * layer a dropped GeoJSON file belongs to, a one-line count of issues.
 */
import type { Issue } from './issues.ts';
import { LAYER_GEOMETRIES, type LayerName } from './geojson.ts';

export interface CameraState {
  center: [number, number];
  zoom: number;
  bearing?: number;
  pitch?: number;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * `cameraSnippet(camera)` is the `"camera"` field for a chapter's `map`, rounded to what matters
 * on screen (4 decimals of a degree is about 10 m; 2 decimals of zoom). Bearing and pitch appear
 * only when set.
 */
export function cameraSnippet({ center, zoom, bearing = 0, pitch = 0 }: CameraState): string {
  const parts = [`"center": [${round(center[0], 4)}, ${round(center[1], 4)}]`, `"zoom": ${round(zoom, 2)}`];
  if (round(bearing, 1) !== 0) parts.push(`"bearing": ${round(bearing, 1)}`);
  if (round(pitch, 1) !== 0) parts.push(`"pitch": ${round(pitch, 1)}`);
  return `"camera": { ${parts.join(', ')} }`;
}

/** `layerOf(collection)` is the layer whose geometry most of the collection's features have (places by default). */
export function layerOf(collection: unknown): LayerName {
  const features = (collection as { features?: unknown } | null)?.features;
  const counts: Record<LayerName, number> = { places: 0, routes: 0, areas: 0 };
  if (Array.isArray(features)) {
    for (const f of features) {
      const type = (f as { geometry?: { type?: unknown } } | null)?.geometry?.type;
      for (const layer of Object.keys(LAYER_GEOMETRIES) as LayerName[]) {
        if (LAYER_GEOMETRIES[layer].includes(String(type))) counts[layer]++;
      }
    }
  }
  return (Object.keys(counts) as LayerName[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), 'places');
}

/** `issueCount(issues)` is e.g. `2 errors, 1 warning`, or `no issues`. */
export function issueCount(issues: readonly Issue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  if (issues.length === 0) return 'no issues';
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return [errors ? n(errors, 'error') : '', warnings ? n(warnings, 'warning') : ''].filter(Boolean).join(', ');
}
