/**
 * The embed bundle (`dist/embed/story-map.js`): one module a news site loads to get `<story-map>`.
 * Its chunks, the MapLibre worker, the fonts and the basemap are fetched relative to this file, so
 * the folder can be hosted anywhere.
 */
export * from './index.ts';
