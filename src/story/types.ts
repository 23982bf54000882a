/**
 * Two shapes of a story: what an editor writes (`StoryInput`, loose, every field may be wrong or
 * missing) and what the components read (`Story`, normalised once, read-only, no `undefined` checks
 * needed downstream).
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';

export type LngLat = [lon: number, lat: number];
export type BBox = [west: number, south: number, east: number, north: number];

// ---------------------------------------------------------------------------------------------
// What editors write (the story file). Documented for editors in data/README.md.

export interface SourceInput {
  name: string;
  title?: string;
  url?: string;
  date?: string;
}

export interface CameraInput {
  center: LngLat;
  zoom: number;
  bearing?: number;
  pitch?: number;
}

export interface ChapterMapInput {
  /** Feature ids (places, routes, areas) the camera fits, padded so they clear the map's edges. */
  focus?: string[];
  /** An explicit camera; wins over `focus` for positioning. */
  camera?: CameraInput;
  /** Feature ids drawn prominently. Defaults to `focus`. */
  highlight?: string[];
  /** More feature ids to draw, in a quieter style. Focused and highlighted ids are always drawn. */
  show?: string[];
  /** What the map shows, in words, for screen readers. Generated from the features when omitted. */
  description?: string;
}

export type BlockInput =
  | string
  | { type: 'paragraph'; text: string }
  | { type: 'quote'; text: string; speaker: string; role?: string; context?: string }
  | { type: 'note'; label?: string; text: string }
  | { type: 'distance'; from: string; to: string; text?: string };

export interface ChapterInput {
  id: string;
  title: string;
  kicker?: string;
  body?: BlockInput[];
  sources?: SourceInput[];
  map?: ChapterMapInput;
}

export interface EventInput {
  id?: string;
  /** ISO 8601 day, `YYYY-MM-DD`. */
  date: string;
  label: string;
  /** The chapter this event belongs to; a click on the event scrolls there. */
  chapter?: string;
}

export interface StoryInput {
  $schema?: string;
  id?: string;
  lang?: string;
  title: string;
  dek?: string;
  byline?: string;
  /** The day the story (or the article it retells) was published; later events are "after the article". */
  published?: string;
  source?: SourceInput;
  /** GeoJSON files (paths relative to the story file, or URLs); a story set as an object may give FeatureCollections inline. */
  data?: { places?: string | FeatureCollection; routes?: string | FeatureCollection; areas?: string | FeatureCollection };
  map?: { bounds?: BBox; camera?: CameraInput };
  events?: EventInput[];
  chapters: ChapterInput[];
}

// ---------------------------------------------------------------------------------------------
// GeoJSON the story names. Each feature has a stable string `id` (RFC 7946 top-level member).

export type PlaceKind = 'capital' | 'city' | 'town' | 'prison' | 'lake' | 'base' | 'landmark';

export interface PlaceProperties {
  name: string;
  kind?: PlaceKind | string;
  /** `exact` (default) or `approximate`: approximate places are drawn as a ring, not a dot. */
  precision?: 'exact' | 'approximate';
  /** A shorter text for the map label; defaults to `name`. */
  label?: string;
  color?: string;
}

export interface RouteProperties {
  name: string;
  /** `happened` routes are drawn solid, `proposed` ones dashed. */
  status?: 'happened' | 'proposed';
  /** `great-circle` (default) draws each segment as the shortest path on the globe. */
  path?: 'great-circle' | 'straight';
  label?: string;
  color?: string;
}

export interface AreaProperties {
  name: string;
  kind?: string;
  color?: string;
}

export type PlaceFeature = Feature<Point, PlaceProperties> & { id: string };
export type RouteFeature = Feature<LineString | MultiLineString, RouteProperties> & { id: string };
export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProperties> & { id: string };
export type StoryFeature = PlaceFeature | RouteFeature | AreaFeature;
export type Layer = 'places' | 'routes' | 'areas';

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
  | { readonly type: 'quote'; readonly text: string; readonly speaker: string; readonly role: string | null; readonly context: string | null }
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
  readonly description: string;
}

export interface TimelineEvent {
  readonly id: string;
  readonly date: Date;
  /** The date as the editor wrote it, `YYYY-MM-DD`. */
  readonly day: string;
  readonly label: string;
  /** Chapter id, or null if the event belongs to none. */
  readonly chapter: string | null;
  /** Dated after the story's `published` day. */
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
  /** The dates of this chapter's events, [first, last], or null when it has none. */
  readonly period: readonly [Date, Date] | null;
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
  readonly bounds: BBox | null;
}
