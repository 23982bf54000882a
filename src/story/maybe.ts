/**
 * Reading loose input, after Observable Plot's options.js: each `maybe*` returns the value when it
 * has the shape the model needs, else null (or `{}`, or `[]`), and never throws. What is wrong with
 * the input is the checker's to say (validate.ts); these only decide what the model can use.
 */
import { safeUrl } from './url.ts';
import type { BBox, Camera, LngLat, Source } from './types.ts';
import { wrapLongitude } from '../geo/longitude.ts';

export type Obj = Record<string, unknown>;

/** `isObject(v)` is true for an object that is not a list (nor null). */
export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `maybeObject(v)` is v when it is an object, else `{}`. */
export const maybeObject = (v: unknown): Obj => (isObject(v) ? v : {});

/** `maybeList(v)` is v when it is a list, else `[]`. */
export const maybeList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

/** `maybeText(v)` is v when it is text with more than spaces in it, else null. */
export const maybeText = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * `maybeReference(v)` is v when it is well-formed as the id of something (text, not empty), else
 * null. Only well-formed references are looked up: the checker speaks about the others.
 */
export const maybeReference = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const isFiniteNumber = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** `maybeLngLat(v)` is `[longitude, latitude]` when v starts with two finite numbers, else null. */
export function maybeLngLat(v: unknown): LngLat | null {
  return Array.isArray(v) && isFiniteNumber(v[0]) && isFiniteNumber(v[1]) ? [v[0], v[1]] : null;
}

/**
 * `maybeCamera(v)` is a camera when v has a center and a zoom (bearing and pitch default to 0), else
 * null. A centre past 180° is given in [-180, 180]: 185 comes back as -175, the same meridian.
 */
export function maybeCamera(v: unknown): Camera | null {
  if (!isObject(v)) return null;
  const center = maybeLngLat(v.center);
  if (!center || typeof v.zoom !== 'number') return null;
  return {
    center: [wrapLongitude(center[0]), center[1]],
    zoom: v.zoom,
    bearing: typeof v.bearing === 'number' ? v.bearing : 0,
    pitch: typeof v.pitch === 'number' ? v.pitch : 0,
  };
}

/**
 * `maybeBBox(v)` is v when it is a box `[west, south, east, north]` in degrees (south not north of
 * north; west east of east for a box across 180°), else null.
 */
export function maybeBBox(v: unknown): BBox | null {
  if (!Array.isArray(v) || v.length !== 4 || !v.every(isFiniteNumber)) return null;
  const [west, south, east, north] = v as BBox;
  const lon = (x: number) => x >= -180 && x <= 180;
  return lon(west) && lon(east) && south >= -90 && south <= north && north <= 90 ? (v as BBox) : null;
}

/** `maybeSource(v)` is a source when v names who published it; a link that is not a web link is dropped. */
export function maybeSource(v: unknown): Source | null {
  if (!isObject(v)) return null;
  const name = maybeText(v.name);
  return name ? { name, title: maybeText(v.title), url: safeUrl(v.url), date: maybeText(v.date) } : null;
}
