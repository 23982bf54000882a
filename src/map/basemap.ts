/**
 * The offline basemap's decoding: the TopoJSON file (data/basemap/americas.json) to the four
 * GeoJSON collections the map draws. No MapLibre here: the interactive map (engine.ts) and the
 * static map (src/still, also in the build's prerender) share it.
 */
import type { FeatureCollection } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { BasemapGeoJSON } from './style.ts';

export type { BasemapGeoJSON };

/**
 * `decodeBasemap(topology)`: the countries (polygons), the borders between them and between El
 * Salvador's departments (lines, each shared edge once), and the label points. A missing object
 * gives an empty collection.
 */
export function decodeBasemap(topo: Topology): BasemapGeoJSON {
  const o = topo.objects as Record<string, GeometryCollection>;
  const fc = (name: string): FeatureCollection =>
    o[name] ? (feature(topo, o[name]) as FeatureCollection) : { type: 'FeatureCollection', features: [] };
  const line = (name: string): FeatureCollection => ({
    type: 'FeatureCollection',
    features: o[name] ? [{ type: 'Feature', properties: {}, geometry: mesh(topo, o[name], (a, b) => a !== b) }] : [],
  });
  return {
    countries: fc('countries'),
    borders: line('countries'),
    departments: line('departments'),
    labels: fc('labels'),
  };
}
