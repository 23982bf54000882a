/**
 * Loose editor input in, strict read-only model out, once, at the edge. Never throws, whatever the
 * input: every value is read with a `maybe*` helper (maybe.ts) or a default, so the story is always
 * usable (a chapter with a bad focus id still reads; a feature without an id is left off the map).
 *
 * What is wrong with one file is the checker's to say (validate.ts: the schema and the GeoJSON
 * checks); this module reports only what takes several files to see: ids a chapter, a distance or
 * an event names that nothing has, and ids given twice. The reader gets these at once, before the
 * checker has loaded.
 */
import type { Feature, FeatureCollection } from 'geojson';
import { greatCirclePath } from '../geo/routes.ts';
import { measure } from '../geo/measure.ts';
import { type Issue, quote } from './issues.ts';
import { suggester } from './suggest.ts';
import { CHAPTER_ID, featureId, isColor, isLanguageTag, parseDate, parseDay } from './rules.ts';
import { KEEP_MAP } from './rules.ts';
import {
  isObject,
  maybeBBox,
  maybeCamera,
  maybeList,
  maybeLngLat,
  maybeObject,
  maybeReference,
  maybeSource,
  maybeText,
  type Obj,
} from './maybe.ts';
import type {
  AreaFeature,
  AreaProperties,
  Block,
  Chapter,
  ChapterView,
  Layer,
  PlaceFeature,
  PlaceProperties,
  RouteFeature,
  RouteProperties,
  Source,
  Story,
  StoryFeature,
  TimelineEvent,
} from './types.ts';

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

interface Collected<F> {
  features: F[];
  /** Each kept feature's index in its file (features the layer cannot draw are left out). */
  indices: number[];
  /** False when the layer's file was named but could not be read as a FeatureCollection. */
  complete: boolean;
}

/** The geometry types each layer draws (geojson.ts's LAYER_GEOMETRIES, as a test on a geometry). */
const DRAWS: Record<Layer, (g: Obj) => boolean> = {
  places: (g) => g.type === 'Point',
  routes: (g) => g.type === 'LineString' || g.type === 'MultiLineString',
  areas: (g) => g.type === 'Polygon' || g.type === 'MultiPolygon',
};

/**
 * Reads one GeoJSON FeatureCollection, keeping the features this layer can draw and chapters can
 * name (an id, the right geometry); the checker says what is wrong with the others.
 */
function collect<F extends StoryFeature>(
  layer: Layer,
  input: unknown,
  shape: (f: Feature, id: string) => F,
): Collected<F> {
  const features: F[] = [];
  const indices: number[] = [];
  if (input === undefined) return { features, indices, complete: true };
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features))
    return { features, indices, complete: false };
  input.features.forEach((raw: unknown, i) => {
    if (!isObject(raw) || raw.type !== 'Feature' || !isObject(raw.geometry)) return;
    const id = featureId(raw.id);
    if (!id || !DRAWS[layer](raw.geometry)) return;
    const { color, ...properties } = maybeObject(raw.properties);
    const feature = {
      ...(raw as unknown as Feature),
      id,
      // A colour reaches the map and the map key's CSS: only one the format allows (the checker
      // names any other); the layer's own colour otherwise.
      properties: { ...properties, ...(isColor(color) ? { color } : {}), id, name: maybeText(properties.name) ?? id },
    };
    features.push(shape(feature, id));
    indices.push(i);
  });
  return { features, indices, complete: true };
}

/** True when every line of a (Multi)LineString is a list of positions: only then can it be curved. */
function isLines(g: RouteFeature['geometry']): boolean {
  const lines: unknown = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
  return Array.isArray(lines) && lines.every((l) => Array.isArray(l) && l.every((p) => maybeLngLat(p) !== null));
}

const fc = <F extends Feature>(features: F[]): FeatureCollection<F['geometry'], F['properties']> =>
  ({ type: 'FeatureCollection', features }) as FeatureCollection<F['geometry'], F['properties']>;

/**
 * `normalizeStory(input, data, files)` returns the read-only story and the issues only the files
 * together show (references between them, ids given twice). The story is always usable: missing
 * parts become empty, never undefined.
 */
export function normalizeStory(input: unknown, data: StoryData, files: StoryFiles): { story: Story; issues: Issue[] } {
  const issues: Issue[] = [];
  const file = files.story;
  const raw = maybeObject(input);
  const error = (at: string, path: string, message: string) =>
    void issues.push({ severity: 'error', file: at, path, message });

  // Features first: chapters refer to them by id.
  const places = collect<PlaceFeature>(
    'places',
    data.places,
    (f, id) => ({ ...f, id, properties: f.properties as unknown as PlaceProperties }) as PlaceFeature,
  );
  const routes = collect<RouteFeature>('routes', data.routes, (f, id) => {
    const properties = f.properties as unknown as RouteProperties;
    const given = f.geometry as RouteFeature['geometry'];
    const geometry = properties.path === 'straight' || !isLines(given) ? given : greatCirclePath(given);
    return { ...f, id, properties, geometry } as RouteFeature;
  });
  const areas = collect<AreaFeature>(
    'areas',
    data.areas,
    (f, id) => ({ ...f, id, properties: f.properties as unknown as AreaProperties }) as AreaFeature,
  );

  const features = new Map<string, { layer: Layer; feature: StoryFeature }>();
  for (const [layer, list] of [
    ['places', places],
    ['routes', routes],
    ['areas', areas],
  ] as const) {
    list.features.forEach((feature, i) => {
      const seen = features.get(feature.id);
      if (seen) {
        error(
          files[layer] ?? layer,
          `features[${list.indices[i]}].id`,
          `duplicate id ${quote(feature.id)} (also in ${seen.layer}): ids must be unique across places, routes and areas`,
        );
        return;
      }
      features.set(feature.id, { layer, feature });
    });
  }
  // "Did you mean" lists, made once and only when an id is unknown (a valid story never pays for them).
  let nearestId: ((id: string) => string | null) | undefined;
  let nearestPlace: ((id: string) => string | null) | undefined;
  let placeIds: string[] | undefined;
  const allPlaceIds = () => (placeIds ??= places.features.map((p) => p.id));
  // When a GeoJSON file could not be read, its ids are unknown: saying each is missing would only
  // bury the one mistake that matters (the file's).
  const complete = places.complete && routes.complete && areas.complete;

  /** The ids of `v` that exist, each once; ids that do not are reported with the nearest existing one. */
  const resolveIds = (v: unknown, path: string): string[] => {
    const found: string[] = [];
    maybeList(v).forEach((item, i) => {
      const id = maybeReference(item);
      if (id === null) return;
      if (features.has(id)) {
        if (!found.includes(id)) found.push(id);
      } else if (complete) {
        nearestId ??= suggester([...features.keys()]);
        const near = nearestId(id);
        error(
          file,
          `${path}[${i}]`,
          `no place, route or area has the id ${quote(id)}${near ? `; did you mean ${quote(near)}?` : ''}`,
        );
      }
    });
    return found;
  };

  const published = parseDay(raw.published);
  const overview = maybeCamera(maybeObject(raw.map).camera);
  const bounds = maybeBBox(maybeObject(raw.map).bounds);

  // Chapters. Their ids are made unique, so links and events always find one chapter.
  const chapterIds = new Set<string>();
  const draft: Omit<Chapter, 'period' | 'after'>[] = [];
  maybeList(raw.chapters).forEach((c, i) => {
    if (!isObject(c)) return;
    const path = `chapters[${i}]`;
    const given = maybeText(c.id);
    let id = given ?? `chapter-${i + 1}`;
    if (given && chapterIds.has(given)) {
      // An id no link can use is the checker's to report, once or twice.
      if (CHAPTER_ID.test(given))
        error(file, `${path}.id`, `duplicate chapter id ${quote(given)}: chapter ids must be unique`);
      id = `${given}-${i + 1}`;
    }
    chapterIds.add(id);
    // `"map": "previous"` keeps the previous chapter's map: the same view, so the map does not move
    // (on the first chapter there is none: the checker says so, and it shows the story's area).
    const kept = c.map === KEEP_MAP ? draft.at(-1)?.view : undefined;
    const view = kept ?? chapterView(maybeObject(c.map), path);
    draft.push({
      id,
      index: draft.length,
      title: maybeText(c.title) ?? id,
      kicker: maybeText(c.kicker),
      body: maybeList(c.body).flatMap((b, j) => block(b, `${path}.body[${j}]`)),
      sources: maybeList(c.sources)
        .map(maybeSource)
        .filter((s): s is Source => s !== null),
      view,
    });
  });

  /** A chapter's own map. */
  function chapterView(map: Obj, path: string): ChapterView {
    const focus = resolveIds(map.focus, `${path}.map.focus`);
    const highlight = map.highlight === undefined ? focus : resolveIds(map.highlight, `${path}.map.highlight`);
    const show = resolveIds(map.show, `${path}.map.show`);
    let camera = maybeCamera(map.camera);
    let fitIds = focus;
    const whole = !camera && focus.length === 0;
    if (whole) {
      // Nothing to aim at: show the story's overview, else its area (chapterCamera fits it), else all places.
      if (overview) camera = overview;
      else if (!bounds) fitIds = allPlaceIds();
    }
    return {
      camera,
      focus: fitIds,
      highlight,
      visible: [...new Set([...focus, ...highlight, ...show])],
      description: maybeText(map.description),
      whole,
    };
  }

  /** A block of text; a block that cannot be shown as it is keeps its text as a paragraph. */
  function block(b: unknown, path: string): Block[] {
    if (typeof b === 'string') return [{ type: 'paragraph', text: b }];
    if (!isObject(b)) return [];
    const text = maybeText(b.text);
    const paragraph: Block[] = text ? [{ type: 'paragraph', text }] : [];
    switch (b.type) {
      case 'quote': {
        const speaker = maybeText(b.speaker);
        return text && speaker
          ? [{ type: 'quote', text, speaker, role: maybeText(b.role), context: maybeText(b.context) }]
          : paragraph;
      }
      case 'note':
        return text ? [{ type: 'note', label: maybeText(b.label) ?? 'Note', text }] : [];
      case 'distance':
        return distance(b, path, text) ?? paragraph;
      default:
        return paragraph;
    }
  }

  /** A distance between two places, or null (reported when it names something that is not a place). */
  function distance(b: Obj, path: string, text: string | null): Block[] | null {
    const place = (key: 'from' | 'to') => {
      const found = features.get(String(b[key]));
      return found?.layer === 'places' ? (found.feature as PlaceFeature) : null;
    };
    const from = place('from');
    const to = place('to');
    if (!from || !to) {
      const bad = from ? 'to' : 'from';
      const id = maybeReference(b[bad]);
      if (id !== null && (complete || features.has(id))) {
        nearestPlace ??= suggester(allPlaceIds());
        const near = nearestPlace(id);
        error(
          file,
          `${path}.${bad}`,
          `a distance runs between two places; ${quote(id)} is not a place id${near ? `; did you mean ${quote(near)}?` : ''}`,
        );
      }
      return null;
    }
    const a = maybeLngLat(from.geometry.coordinates);
    const z = maybeLngLat(to.geometry.coordinates);
    // A place without usable coordinates: the checker says so, and there is nothing to measure.
    if (!a || !z) return null;
    const m = measure(a, z);
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

  // Events: the ones with a date (a day, a month or a year) and a label are on the timeline.
  const events: TimelineEvent[] = [];
  let nearestChapter: ((id: string) => string | null) | undefined;
  maybeList(raw.events).forEach((e, i) => {
    if (!isObject(e)) return;
    const when = parseDate(e.date);
    const label = maybeText(e.label);
    if (!when || !label) return;
    let chapter = maybeText(e.chapter);
    if (chapter && !chapterIds.has(chapter) && chapterIds.size > 0) {
      nearestChapter ??= suggester([...chapterIds]);
      const near = nearestChapter(chapter);
      error(
        file,
        `events[${i}].chapter`,
        `no chapter has the id ${quote(chapter)}${near ? `; did you mean ${quote(near)}?` : ''}`,
      );
      chapter = null;
    }
    events.push({
      id: maybeText(e.id) ?? `event-${i + 1}`,
      when,
      written: e.date as string,
      label,
      chapter,
      // A month or a year is after the article only when all of it is: one that holds the
      // publication day stays before it.
      after: published !== null && when.start > published,
    });
  });
  // By start, a longer span first (`1784` before `1784-03-02`), else as listed (sort is stable).
  events.sort((a, b) => +a.when.start - +b.when.start || +b.when.end - +a.when.end);

  const byChapter = new Map<string, TimelineEvent[]>();
  for (const e of events) {
    if (e.chapter === null) continue;
    const own = byChapter.get(e.chapter);
    if (own) own.push(e);
    else byChapter.set(e.chapter, [e]);
  }
  const chapters: Chapter[] = draft.map((c) => {
    const own = byChapter.get(c.id) ?? [];
    // The first to start and the last to end (`1784` ends after `1784-03-02`).
    const last = own.reduce<TimelineEvent | undefined>((l, e) => (!l || +e.when.end >= +l.when.end ? e : l), undefined);
    const period = own.length ? ([own[0]!.when, last!.when] as const) : null;
    return { ...c, period, after: own.length > 0 && own.every((e) => e.after) };
  });

  const story: Story = {
    id: maybeText(raw.id) ?? 'story',
    // A tag the browser cannot use would stop the dates from being written: fall back to English.
    lang: isLanguageTag(raw.lang) ? raw.lang : 'en',
    title: maybeText(raw.title) ?? 'Untitled story',
    dek: maybeText(raw.dek),
    byline: maybeText(raw.byline),
    published,
    source: maybeSource(raw.source),
    chapters,
    events,
    places: fc(places.features),
    routes: fc(routes.features),
    areas: fc(areas.features),
    features,
    overview,
    bounds,
  };
  return { story, issues };
}

/**
 * `shownOnly(story)` is the story with only the features some chapter's map shows or frames: its
 * `visible` ids (what the map, the still and the key draw) and its `focus` (what the camera fits:
 * every place, for a chapter that frames the whole story by them). Nothing else draws a feature (a
 * distance names two places, but normalize has measured it already). A loaded story keeps only these (load.ts): a file of 50,000 places whose chapters show 800 gives the
 * map 800 to index, and a worker that read the file (read-worker.ts) 800 to copy back to the page.
 */
export function shownOnly(story: Story): Story {
  const shown = new Set(story.chapters.flatMap((c) => [...c.view.focus, ...c.view.visible]));
  const keep = <F extends StoryFeature>(list: FeatureCollection<F['geometry'], F['properties']>) =>
    fc((list.features as F[]).filter((f) => shown.has(f.id)));
  return {
    ...story,
    places: keep<PlaceFeature>(story.places),
    routes: keep<RouteFeature>(story.routes),
    areas: keep<AreaFeature>(story.areas),
    features: new Map([...story.features].filter(([id]) => shown.has(id))),
  };
}
