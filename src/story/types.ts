/**
 * Two shapes of a story: what an editor writes (`StoryInput`, loose, every field may be wrong or
 * missing) and what the components read (`Story`, normalised once, read-only, no `undefined` checks
 * needed downstream).
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { AreaProperties, PlaceProperties, RouteProperties } from './schema.ts';

// What editors write: the story file and the GeoJSON properties the map reads. These types come
// from the zod schema (schema.ts), the single source of the format; data/README.md documents it.
export type {
  AreaProperties,
  BlockInput,
  CameraInput,
  ChapterInput,
  ChapterMapInput,
  EventInput,
  PlaceKind,
  PlaceProperties,
  RouteProperties,
  SourceInput,
  StoryInput,
} from './schema.ts';

export type LngLat = [lon: number, lat: number];
export type BBox = [west: number, south: number, east: number, north: number];

/** The three GeoJSON layers of a story, in the order they are loaded, checked and listed. */
export const LAYERS = ['places', 'routes', 'areas'] as const;
export type Layer = (typeof LAYERS)[number];

export type PlaceFeature = Feature<Point, PlaceProperties> & { id: string };
export type RouteFeature = Feature<LineString | MultiLineString, RouteProperties> & { id: string };
export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProperties> & { id: string };
export type StoryFeature = PlaceFeature | RouteFeature | AreaFeature;

// ---------------------------------------------------------------------------------------------
// The normalised model the components read.

export interface Source {
  readonly name: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly date: string | null;
}

export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | {
      readonly type: 'quote';
      readonly text: string;
      readonly speaker: string;
      readonly role: string | null;
      readonly context: string | null;
    }
  | { readonly type: 'note'; readonly label: string; readonly text: string }
  | {
      readonly type: 'distance';
      readonly from: string;
      readonly to: string;
      readonly fromName: string;
      readonly toName: string;
      readonly km: number;
      readonly miles: number;
      readonly bearing: number;
      readonly text: string | null;
    };

export interface Camera {
  readonly center: LngLat;
  readonly zoom: number;
  readonly bearing: number;
  readonly pitch: number;
}

export interface ChapterView {
  /** Explicit camera, or null when the camera fits `focus`. */
  readonly camera: Camera | null;
  readonly focus: readonly string[];
  readonly highlight: readonly string[];
  /** Every feature id drawn in this chapter (focus, highlight and show together). */
  readonly visible: readonly string[];
  /** The editor's words for what the map shows, or null: `describeView` (format.ts) then words it. */
  readonly description: string | null;
  /**
   * The chapter aims at nothing of its own (no `map`, or one with no camera and no focus): the map
   * shows the story's camera, else its area, else all its places (drawing only what `visible` names).
   */
  readonly whole: boolean;
}

/** How much of a date an editor gave: a day (`2025-02-04`), a month (`1741-06`) or a year (`1784`). */
export type DatePrecision = 'year' | 'month' | 'day';

/**
 * A date as a span of time: a year spans the whole year, a month the month, a day the day. Dates
 * sort by `start`, and a longer span first when two start together (`1784` before `1784-01-01`),
 * which is also the order of the text as written (`"1784" < "1784-01" < "1784-01-01"`).
 */
export interface DateSpan {
  /** Its first instant, 00:00 UTC. */
  readonly start: Date;
  /** The first instant after it (the next day, month or year). */
  readonly end: Date;
  readonly precision: DatePrecision;
}

export interface TimelineEvent {
  readonly id: string;
  /** When it happened: a day, a month or a year (see DateSpan). */
  readonly when: DateSpan;
  /** The date as the editor wrote it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  readonly written: string;
  readonly label: string;
  /** Chapter id, or null if the event belongs to none. */
  readonly chapter: string | null;
  /** Starts after the story's `published` day. */
  readonly after: boolean;
}

export interface Chapter {
  readonly id: string;
  readonly index: number;
  readonly title: string;
  readonly kicker: string | null;
  readonly body: readonly Block[];
  readonly sources: readonly Source[];
  readonly view: ChapterView;
  /**
   * The dates of this chapter's events, [first, last] (the first to start, the last to end), or
   * null when it has none.
   */
  readonly period: readonly [DateSpan, DateSpan] | null;
  /** Every event of this chapter is after the story's `published` day. */
  readonly after: boolean;
}

export interface Story {
  readonly id: string;
  readonly lang: string;
  readonly title: string;
  readonly dek: string | null;
  readonly byline: string | null;
  readonly published: Date | null;
  readonly source: Source | null;
  readonly chapters: readonly Chapter[];
  readonly events: readonly TimelineEvent[];
  readonly places: FeatureCollection<Point, PlaceProperties>;
  readonly routes: FeatureCollection<LineString | MultiLineString, RouteProperties>;
  readonly areas: FeatureCollection<Polygon | MultiPolygon, AreaProperties>;
  /** Every feature by id, whichever file it came from. */
  readonly features: ReadonlyMap<string, { layer: Layer; feature: StoryFeature }>;
  /** The camera for the whole story (before the first chapter, and the fallback). */
  readonly overview: Camera | null;
  /** The story's area (`map.bounds`): west > east across 180°. Fitted when the story has no camera. */
  readonly bounds: BBox | null;
}
