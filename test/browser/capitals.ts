/**
 * The small story that browser tests serve beside the default one (a second story on a page, a
 * sidebar, a scratch project): two capitals, two chapters. Its places file is `places.geojson`.
 */

/** Bogotá (`a`) and Lima (`b`). */
export const CAPITALS = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'a',
      properties: { name: 'Bogotá' },
      geometry: { type: 'Point', coordinates: [-74.08, 4.61] },
    },
    {
      type: 'Feature',
      id: 'b',
      properties: { name: 'Lima' },
      geometry: { type: 'Point', coordinates: [-77.04, -12.05] },
    },
  ],
} as const;

/** The story: chapters `bogota` (focus on Bogotá) and `lima` (both), one event; `first` is the first paragraph. */
export function capitalsStory(title: string, first = 'First.') {
  return {
    title,
    data: { places: 'places.geojson' },
    events: [{ date: '2020-01-01', label: 'It begins', chapter: 'bogota' }],
    chapters: [
      { id: 'bogota', title: 'Bogotá', body: [first], map: { focus: ['a'] } },
      { id: 'lima', title: 'Lima', body: ['Second.'], map: { focus: ['a', 'b'] } },
    ],
  };
}
