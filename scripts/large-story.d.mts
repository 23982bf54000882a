// Types of large-story.mjs, for the tests that generate a large story (test/unit/check-scale.test.ts).
export const BOUNDS: [number, number, number, number];

/** A small seeded PRNG (mulberry32): numbers in [0, 1). */
export function random(seed: number): () => number;

export interface LargeStoryOptions {
  chapters?: number;
  places?: number;
  routes?: number;
  areas?: number;
  /** false: no `map.bounds` (the checker frames the story by its areas and routes, else its places). */
  bounds?: boolean;
  /** true: every tenth place swapped, the others with 15 digits, a misspelt id in every chapter. */
  mistakes?: boolean;
  seed?: number;
}

type Collection = { type: 'FeatureCollection'; features: Record<string, unknown>[] };

export function largeStory(options?: LargeStoryOptions): {
  story: Record<string, unknown>;
  places: Collection;
  routes: Collection;
  areas: Collection;
};

/** Writes story.json, places.geojson, routes.geojson and areas.geojson into `dir`; their sizes in bytes. */
export function writeLargeStory(dir: string, options?: LargeStoryOptions): Record<string, number>;
