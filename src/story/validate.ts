/**
 * Checks a story and its GeoJSON against the format (schema.ts, in editors' words by
 * zod-issues.ts) and RFC 7946 (geojson.ts): every mistake one file shows, as an `Issue` an editor
 * can act on. Mistakes between files (references, ids given twice) are normalize.ts's. Loaded on
 * demand: readers' first paint never waits for it.
 */
import type { z } from 'zod';
import type { BBox, Layer } from './types.ts';
import { formatPath, type Issue, quote } from './issues.ts';
import { editDistance } from './suggest.ts';
import { KEEP_MAP } from './rules.ts';
import { AreaPropertiesSchema, PlacePropertiesSchema, RoutePropertiesSchema, StorySchema } from './schema.ts';
import { collectionIssues, storyAreas } from './geojson.ts';
import { fieldsAt } from './fields.ts';
import { schemaIssues } from './zod-issues.ts';
import { parseDate } from './rules.ts';
import { maybeBBox, maybeObject } from './maybe.ts';

const PROPERTIES: Record<Layer, z.core.$ZodType> = {
  places: PlacePropertiesSchema,
  routes: RoutePropertiesSchema,
  areas: AreaPropertiesSchema,
};

/** Properties the map reads, per layer, for "did you mean" on GeoJSON's free-form properties. */
const KNOWN_PROPERTIES: Record<Layer, string[]> = {
  places: fieldsAt(PlacePropertiesSchema, []),
  routes: fieldsAt(RoutePropertiesSchema, []),
  areas: fieldsAt(AreaPropertiesSchema, []),
};

export interface StoryFileSet {
  /** The parsed story file (undefined when it could not be read). */
  story: unknown;
  storyFile: string;
  /** Each layer's parsed GeoJSON and file name, when the story names one and it could be read. */
  layers: Partial<Record<Layer, { value: unknown; file: string; size?: number }>>;
}

/** Files bigger than this are slow for readers on phones. */
export const LARGE_FILE = 5 * 1024 * 1024;

/**
 * `validateStory(files)` returns every issue the format and RFC 7946 find in a story and its
 * GeoJSON, file by file. Cross-references (a chapter naming a feature that does not exist) are
 * normalize.ts's.
 */
export function validateStory(files: StoryFileSet): Issue[] {
  const issues: Issue[] = [];
  const { story, storyFile } = files;
  issues.push(...schemaIssues(StorySchema, story, storyFile));
  issues.push(...eventOrder(story, storyFile));
  issues.push(...keptMaps(story, storyFile));

  const given = maybeBBox(maybeObject(maybeObject(story).map).bounds);
  // Measured once for the whole story (unless map.bounds gives it): each place is then judged at once.
  const area = given ? () => given : storyAreas(Object.values(files.layers).map((l) => l!.value));
  for (const [layer, entry] of Object.entries(files.layers) as [
    Layer,
    { value: unknown; file: string; size?: number },
  ][]) {
    if (entry.size !== undefined && entry.size > LARGE_FILE) {
      issues.push({
        severity: 'warning',
        file: entry.file,
        path: '',
        message: `this file is ${(entry.size / 1024 / 1024).toFixed(1)} MB, and every reader downloads all of it: simplify the shapes (e.g. npx mapshaper ${entry.file} -simplify 10% -o precision=0.00001) or split it`,
      });
    }
    for (const issue of validateLayer(layer, entry.value, entry.file, area)) issues.push(issue);
  }
  return issues;
}

/**
 * `validateLayer(layer, value, file, area)` checks one GeoJSON file of a layer: RFC 7946, the
 * geometry the layer draws, and the properties the map reads. `area(feature)` is the story's area
 * for the swapped-coordinates warning (null: no such check).
 */
export function validateLayer(
  layer: Layer,
  value: unknown,
  file: string,
  area: (feature: unknown) => BBox | null = () => null,
): Issue[] {
  const warned = new Set<string>();
  return collectionIssues(layer, value, file, area, (properties, path) => {
    const found = schemaIssues(PROPERTIES[layer], properties, file, path);
    // GeoJSON allows any property; flag only the ones that look like a typo of one the map reads
    // (one letter off, two for long names; not a variant like name_en), once per file.
    if (typeof properties === 'object' && properties !== null) {
      for (const key of Object.keys(properties)) {
        if (KNOWN_PROPERTIES[layer].includes(key) || warned.has(key) || /^[a-z]+[_:-]/i.test(key)) continue;
        const lower = key.toLowerCase();
        const near = KNOWN_PROPERTIES[layer].find((k) => {
          const max = k.length >= 6 ? 2 : 1;
          return editDistance(lower, k, max) <= max;
        });
        if (!near) continue;
        warned.add(key);
        found.push({
          severity: 'warning',
          file,
          path: formatPath([...path, key]),
          message: `the map does not read ${quote(key)}; did you mean "${near}"?`,
        });
      }
    }
    return found;
  });
}

/**
 * Events listed out of date order are a warning: the timeline sorts them, but the file misleads.
 * Dates as written sort as the timeline sorts them (by start, a year before the months and days in
 * it: "1784" < "1784-03" < "1784-03-02"), so the text is compared.
 */
function eventOrder(story: unknown, file: string): Issue[] {
  const events = (story as { events?: unknown } | undefined)?.events;
  if (!Array.isArray(events)) return [];
  const out: Issue[] = [];
  let last: { date: string; index: number } | null = null;
  events.forEach((e, i) => {
    const date = (e as { date?: unknown } | null)?.date;
    if (typeof date !== 'string' || parseDate(date) === null) return;
    if (last && date < last.date) {
      const inside = last.date.startsWith(date);
      out.push({
        severity: 'warning',
        file,
        path: `events[${i}].date`,
        message: inside
          ? `${date} comes after ${last.date} (events[${last.index}]) in the list, but the timeline puts a year or a month before the dates in it: keep events in date order`
          : `${date} comes after ${last.date} (events[${last.index}]) in the list: keep events in date order (the timeline sorts them anyway)`,
      });
    }
    if (!last || date >= last.date) last = { date, index: i };
  });
  return out;
}

/**
 * `"map": "previous"` keeps the previous chapter's map: the first chapter has none to keep (the
 * page then shows the story's area, as for a chapter without a map).
 */
function keptMaps(story: unknown, file: string): Issue[] {
  const chapters = (story as { chapters?: unknown } | undefined)?.chapters;
  if (!Array.isArray(chapters)) return [];
  const first = chapters[0] as { map?: unknown } | undefined;
  if (first?.map !== KEEP_MAP) return [];
  return [
    {
      severity: 'error',
      file,
      path: 'chapters[0].map',
      message: `${quote(KEEP_MAP)} keeps the previous chapter's map, and this is the first chapter: give it a map of its own (like {"focus": ["a-place-id"]}), or leave "map" out to show the story's area`,
    },
  ];
}
