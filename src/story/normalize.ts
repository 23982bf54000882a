/**
 * Loose editor input in, strict read-only model out, once, at the edge. Never throws: whatever is
 * wrong becomes an issue, and the story keeps what is usable (a chapter with a bad focus id still
 * reads; a feature without an id is left off the map, and said so).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { greatCirclePath } from '../geo/routes.ts';
import { formatKm, lineLength, measure } from '../geo/measure.ts';
import type { Issue } from './issues.ts';
import { closest } from './suggest.ts';
import { safeUrl } from './url.ts';
import { isLanguageTag } from './lang.ts';
import type {
  AreaFeature,
  AreaProperties,
  BBox,
  Block,
  Camera,
  Chapter,
  ChapterView,
  Layer,
  LngLat,
  PlaceFeature,
  PlaceProperties,
  RouteFeature,
  RouteProperties,
  Source,
  Story,
  StoryFeature,
  TimelineEvent,
} from './types.ts';

export { safeUrl };

/** The files a story was read from, for issue messages. */
export interface StoryFiles {
  story: string;
  places?: string;
  routes?: string;
  areas?: string;
}

/** The GeoJSON a story names, as parsed (or null when a file could not be loaded). */
export interface StoryData {
  places?: unknown;
  routes?: unknown;
  areas?: unknown;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isLngLat = (v: unknown): v is LngLat =>
  Array.isArray(v) && v.length >= 2 && v.slice(0, 2).every((n) => typeof n === 'number' && Number.isFinite(n));

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `parseDay('2025-02-04')` returns that day at 00:00 UTC, or null if it is not a real `YYYY-MM-DD` day. */
export function parseDay(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DAY.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

function source(v: unknown): Source | null {
  if (!isObj(v) || !str(v.name)) return null;
  return { name: str(v.name)!, title: str(v.title), url: safeUrl(v.url), date: str(v.date) };
}

function camera(v: unknown): Camera | null {
  if (!isObj(v) || !isLngLat(v.center) || typeof v.zoom !== 'number') return null;
  return {
    center: [v.center[0], v.center[1]],
    zoom: v.zoom,
    bearing: typeof v.bearing === 'number' ? v.bearing : 0,
    pitch: typeof v.pitch === 'number' ? v.pitch : 0,
  };
}

function bbox(v: unknown): BBox | null {
  return Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? (v as BBox)
    : null;
}

interface Collected<F> {
  features: F[];
  /** Each kept feature's index in its file (features that could not be read are left out). */
  indices: number[];
  /** False when the layer's file was named but could not be read as a FeatureCollection. */
  complete: boolean;
}

/** Reads one GeoJSON FeatureCollection, keeping the features this layer can draw. */
function collect<F extends StoryFeature>(
  layer: Layer,
  input: unknown,
  file: string,
  accepts: (g: Geometry) => boolean,
  issues: Issue[],
  shape: (f: Feature, id: string) => F,
): Collected<F> {
  const out: F[] = [];
  const indices: number[] = [];
  if (input === undefined) return { features: out, indices, complete: true };
  if (input === null) return { features: out, indices, complete: false };
  if (!isObj(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    issues.push({ severity: 'error', file, path: '', message: `expected a GeoJSON FeatureCollection of ${layer}` });
    return { features: out, indices, complete: false };
  }
  input.features.forEach((raw: unknown, i) => {
    const path = `features[${i}]`;
    if (!isObj(raw) || raw.type !== 'Feature' || !isObj(raw.geometry)) {
      issues.push({ severity: 'error', file, path, message: 'expected a GeoJSON Feature with a geometry' });
      return;
    }
    const id = typeof raw.id === 'number' ? String(raw.id) : str(raw.id);
    if (!id) {
      issues.push({
        severity: 'error',
        file,
        path: `${path}.id`,
        message: `this feature has no "id": give it a unique string id so chapters can name it`,
      });
      return;
    }
    const geometry = raw.geometry as unknown as Geometry;
    if (!accepts(geometry)) {
      issues.push({
        severity: 'error',
        file,
        path: `${path}.geometry.type`,
        message: `"${id}" is a ${geometry.type}, which the ${layer} layer cannot draw`,
      });
      return;
    }
    const properties = isObj(raw.properties) ? raw.properties : {};
    const feature = {
      ...(raw as unknown as Feature),
      id,
      properties: { ...properties, id, name: str(properties.name) ?? id },
    };
    out.push(shape(feature, id));
    indices.push(i);
  });
  return { features: out, indices, complete: true };
}

const fc = <F extends Feature>(features: F[]): FeatureCollection<F['geometry'], F['properties']> =>
  ({
    type: 'FeatureCollection',
    features,
  }) as FeatureCollection<F['geometry'], F['properties']>;

/**
 * `normalizeStory(input, data, files)` returns the read-only story and every issue found. The
 * story is always usable: missing parts become empty, never undefined.
 */
export function normalizeStory(input: unknown, data: StoryData, files: StoryFiles): { story: Story; issues: Issue[] } {
  const issues: Issue[] = [];
  const file = files.story;
  const raw: Obj = isObj(input) ? input : {};
  if (!isObj(input))
    issues.push({ severity: 'error', file, path: '', message: 'expected a JSON object with "title" and "chapters"' });

  // Features first: chapters refer to them by id.
  const places = collect<PlaceFeature>(
    'places',
    data.places,
    files.places ?? 'places',
    (g) => g.type === 'Point',
    issues,
    (f, id) => ({ ...f, id, properties: f.properties as unknown as PlaceProperties }) as PlaceFeature,
  );
  const routes = collect<RouteFeature>(
    'routes',
    data.routes,
    files.routes ?? 'routes',
    (g) => g.type === 'LineString' || g.type === 'MultiLineString',
    issues,
    (f, id) => {
      const drawn = f.properties as unknown as RouteProperties;
      const given = f.geometry as RouteFeature['geometry'];
      const geometry = drawn.path === 'straight' ? given : greatCirclePath(given);
      // The caption drawn along the route: the editor's label, or its length.
      const properties = { ...drawn, caption: str(drawn.label) ?? formatKm(lineLength(geometry)) };
      return { ...f, id, properties, geometry } as RouteFeature;
    },
  );
  const areas = collect<AreaFeature>(
    'areas',
    data.areas,
    files.areas ?? 'areas',
    (g) => g.type === 'Polygon' || g.type === 'MultiPolygon',
    issues,
    (f, id) => ({ ...f, id, properties: f.properties as unknown as AreaProperties }) as AreaFeature,
  );

  const features = new Map<string, { layer: Layer; feature: StoryFeature }>();
  const fileOf: Record<Layer, string> = {
    places: files.places ?? 'places',
    routes: files.routes ?? 'routes',
    areas: files.areas ?? 'areas',
  };
  for (const [layer, list] of [
    ['places', places],
    ['routes', routes],
    ['areas', areas],
  ] as const) {
    list.features.forEach((feature, i) => {
      const seen = features.get(feature.id);
      if (seen) {
        issues.push({
          severity: 'error',
          file: fileOf[layer],
          path: `features[${list.indices[i]}].id`,
          message: `duplicate id "${feature.id}" (also in ${seen.layer}): ids must be unique across places, routes and areas`,
        });
        return;
      }
      features.set(feature.id, { layer, feature });
    });
  }
  const ids = [...features.keys()];
  // When a GeoJSON file could not be read, its ids are unknown: saying each is missing would only
  // bury the one mistake that matters (the file's).
  const complete = places.complete && routes.complete && areas.complete;

  /** Keeps the ids that exist, reporting the others with the nearest existing id. */
  const resolveIds = (v: unknown, path: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      issues.push({ severity: 'error', file, path, message: 'expected a list of feature ids, like ["san-salvador"]' });
      return [];
    }
    const ok: string[] = [];
    v.forEach((id, i) => {
      if (typeof id !== 'string') {
        issues.push({ severity: 'error', file, path: `${path}[${i}]`, message: 'expected a feature id (a string)' });
      } else if (!features.has(id)) {
        if (!complete) return;
        const near = closest(id, ids);
        issues.push({
          severity: 'error',
          file,
          path: `${path}[${i}]`,
          message: `no place, route or area has the id "${id}"${near ? `; did you mean "${near}"?` : ''}`,
        });
      } else if (!ok.includes(id)) ok.push(id);
    });
    return ok;
  };

  const published = raw.published === undefined ? null : parseDay(raw.published);
  if (raw.published !== undefined && !published) {
    issues.push({
      severity: 'error',
      file,
      path: 'published',
      message: `"${String(raw.published)}" is not a date: write it as YYYY-MM-DD`,
    });
  }

  const title = str(raw.title);
  if (!title) issues.push({ severity: 'error', file, path: 'title', message: 'the story needs a "title"' });
  const overview = camera(isObj(raw.map) ? raw.map.camera : undefined);

  // Chapters.
  if (!Array.isArray(raw.chapters) || raw.chapters.length === 0) {
    issues.push({
      severity: 'error',
      file,
      path: 'chapters',
      message: 'the story needs a "chapters" list with at least one chapter',
    });
  }
  const chapterIds = new Set<string>();
  const draft: Omit<Chapter, 'period' | 'after'>[] = [];
  arr(raw.chapters).forEach((c, i) => {
    const path = `chapters[${i}]`;
    if (!isObj(c)) {
      issues.push({ severity: 'error', file, path, message: 'expected a chapter object with "id" and "title"' });
      return;
    }
    let id = str(c.id);
    if (!id) {
      id = `chapter-${i + 1}`;
      issues.push({
        severity: 'error',
        file,
        path: `${path}.id`,
        message: `this chapter has no "id" (used in links like #${id}); it is called "${id}" for now`,
      });
    } else if (chapterIds.has(id)) {
      issues.push({
        severity: 'error',
        file,
        path: `${path}.id`,
        message: `duplicate chapter id "${id}": chapter ids must be unique`,
      });
      id = `${id}-${i + 1}`;
    }
    if (!/^[A-Za-z][\w-]*$/.test(id)) {
      issues.push({
        severity: 'error',
        file,
        path: `${path}.id`,
        message: `"${id}" cannot be used in a link (#${id}): start with a letter and use only letters, digits, "-" and "_"`,
      });
    }
    chapterIds.add(id);
    const map = isObj(c.map) ? c.map : {};
    const focus = resolveIds(map.focus, `${path}.map.focus`);
    const highlight = map.highlight === undefined ? focus : resolveIds(map.highlight, `${path}.map.highlight`);
    const show = resolveIds(map.show, `${path}.map.show`);
    let cam = camera(map.camera);
    if (map.camera !== undefined && !cam) {
      issues.push({
        severity: 'error',
        file,
        path: `${path}.map.camera`,
        message: 'a camera needs "center": [longitude, latitude] and "zoom"',
      });
    }
    let fitIds = focus;
    if (!cam && focus.length === 0) {
      // Nothing to aim at: show the story's overview, or all places.
      if (overview) cam = overview;
      else fitIds = places.features.map((p) => p.id);
    }
    const visible = [...new Set([...focus, ...highlight, ...show])];
    const view: ChapterView = {
      camera: cam,
      focus: fitIds,
      highlight,
      visible,
      description: str(map.description) ?? describe(visible, highlight, features),
    };
    draft.push({
      id,
      index: draft.length,
      title: str(c.title) ?? id,
      kicker: str(c.kicker),
      body: arr(c.body).flatMap((b, j) => block(b, `${path}.body[${j}]`)),
      sources: arr(c.sources)
        .map(source)
        .filter((s): s is Source => s !== null),
      view,
    });
    if (!str(c.title))
      issues.push({ severity: 'error', file, path: `${path}.title`, message: 'this chapter needs a "title"' });
  });

  function block(b: unknown, path: string): Block[] {
    if (typeof b === 'string') return [{ type: 'paragraph', text: b }];
    if (!isObj(b)) {
      issues.push({
        severity: 'error',
        file,
        path,
        message: 'expected a paragraph (a string) or a block object with a "type"',
      });
      return [];
    }
    const text = str(b.text);
    switch (b.type) {
      case 'paragraph':
        return text ? [{ type: 'paragraph', text }] : [];
      case 'quote': {
        const speaker = str(b.speaker);
        if (!text || !speaker) {
          issues.push({
            severity: 'error',
            file,
            path,
            message: 'a quote needs "text" and the "speaker" it is attributed to',
          });
          return text ? [{ type: 'paragraph', text }] : [];
        }
        return [{ type: 'quote', text, speaker, role: str(b.role), context: str(b.context) }];
      }
      case 'note':
        return text ? [{ type: 'note', label: str(b.label) ?? 'Note', text }] : [];
      case 'distance': {
        const a = features.get(String(b.from));
        const z = features.get(String(b.to));
        if (!a || a.layer !== 'places' || !z || z.layer !== 'places') {
          const bad = !a || a.layer !== 'places' ? 'from' : 'to';
          if (!complete && !features.has(String(b[bad]))) return text ? [{ type: 'paragraph', text }] : [];
          const near = closest(
            String(b[bad]),
            places.features.map((p) => p.id),
          );
          issues.push({
            severity: 'error',
            file,
            path: `${path}.${bad}`,
            message: `a distance runs between two places; "${String(b[bad])}" is not a place id${near ? `; did you mean "${near}"?` : ''}`,
          });
          return text ? [{ type: 'paragraph', text }] : [];
        }
        const from = a.feature as PlaceFeature;
        const to = z.feature as PlaceFeature;
        const m = measure(from.geometry.coordinates as LngLat, to.geometry.coordinates as LngLat);
        return [
          {
            type: 'distance',
            from: from.id,
            to: to.id,
            fromName: from.properties.name,
            toName: to.properties.name,
            km: m.km,
            miles: m.miles,
            bearing: m.bearing,
            text,
          },
        ];
      }
      default:
        issues.push({
          severity: 'error',
          file,
          path: `${path}.type`,
          message: `unknown block type "${String(b.type)}": use "paragraph", "quote", "note" or "distance"`,
        });
        return text ? [{ type: 'paragraph', text }] : [];
    }
  }

  // Events.
  const events: TimelineEvent[] = [];
  arr(raw.events).forEach((e, i) => {
    const path = `events[${i}]`;
    if (!isObj(e)) {
      issues.push({ severity: 'error', file, path, message: 'expected an event with "date" and "label"' });
      return;
    }
    const date = parseDay(e.date);
    if (!date) {
      issues.push({
        severity: 'error',
        file,
        path: `${path}.date`,
        message: `"${String(e.date)}" is not a date: write it as YYYY-MM-DD`,
      });
      return;
    }
    const label = str(e.label);
    if (!label) {
      issues.push({ severity: 'error', file, path: `${path}.label`, message: 'this event needs a "label"' });
      return;
    }
    let chapter = str(e.chapter);
    if (chapter && !chapterIds.has(chapter) && chapterIds.size > 0) {
      const near = closest(chapter, [...chapterIds]);
      issues.push({
        severity: 'error',
        file,
        path: `${path}.chapter`,
        message: `no chapter has the id "${chapter}"${near ? `; did you mean "${near}"?` : ''}`,
      });
      chapter = null;
    }
    events.push({
      id: str(e.id) ?? `event-${i + 1}`,
      date,
      day: e.date as string,
      label,
      chapter,
      after: published !== null && date > published,
    });
  });
  events.sort((a, b) => +a.date - +b.date);

  const chapters: Chapter[] = draft.map((c) => {
    const own = events.filter((e) => e.chapter === c.id);
    const period = own.length ? ([own[0]!.date, own.at(-1)!.date] as const) : null;
    return { ...c, period, after: own.length > 0 && own.every((e) => e.after) };
  });

  const story: Story = {
    id: str(raw.id) ?? 'story',
    // A tag the browser cannot use would stop the dates from being written: fall back to English.
    lang: isLanguageTag(raw.lang) ? raw.lang : 'en',
    title: title ?? 'Untitled story',
    dek: str(raw.dek),
    byline: str(raw.byline),
    published,
    source: source(raw.source),
    chapters,
    events,
    places: fc(places.features),
    routes: fc(routes.features),
    areas: fc(areas.features),
    features,
    overview,
    bounds: bbox(isObj(raw.map) ? raw.map.bounds : undefined),
  };
  return { story, issues };
}

/** Words for what a chapter's map shows, for screen readers: highlighted features first. */
export function describe(
  visible: readonly string[],
  highlight: readonly string[],
  features: ReadonlyMap<string, { layer: Layer; feature: StoryFeature }>,
): string {
  const name = (id: string) => features.get(id)?.feature.properties.name ?? id;
  const main = highlight.map(name);
  const others = visible.filter((id) => !highlight.includes(id)).map(name);
  const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
  if (main.length === 0 && others.length === 0) return 'Map of the region.';
  if (others.length === 0) return `Map showing ${list(main)}.`;
  if (main.length === 0) return `Map showing ${list(others)}.`;
  return `Map showing ${list(main)}, with ${list(others)}.`;
}
