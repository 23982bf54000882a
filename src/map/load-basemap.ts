/**
 * The basemap as the browser gets it: the build's copy of data/basemap/americas.json, fetched once
 * per page and shared by every story on it, by the interactive map (engine.ts) and the still one
 * (src/still). Apart from basemap.ts, which the build's prerender reads from disk.
 */
import type { Topology } from 'topojson-specification';
import basemapUrl from '../../data/basemap/americas.json?url';
import { type BasemapGeoJSON, decodeBasemap } from './basemap.ts';

let basemap: Promise<BasemapGeoJSON> | null = null;

/** `loadBasemap(url)`: the basemap's GeoJSON; a failed fetch is tried again on the next call. */
export function loadBasemap(url: string = basemapUrl): Promise<BasemapGeoJSON> {
  basemap ??= fetch(url)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap ${url} answered HTTP ${r.status}`);
      return r.json() as Promise<Topology>;
    })
    .then(decodeBasemap);
  basemap.catch(() => {
    basemap = null;
  });
  return basemap;
}
