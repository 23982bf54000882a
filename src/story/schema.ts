/**
 * The story format's single source of truth. From these zod schemas come the TypeScript types of
 * what editors write (`StoryInput` and friends in types.ts), the runtime validation (validate.ts),
 * and the published JSON Schema `data/story.schema.json` (`npm run schema`) that makes editors'
 * editors autocomplete and explain every field.
 *
 * Every field here does something at run time (normalize.ts reads it); the descriptions are what
 * editors see, so they say what the field does and give an example.
 *
 * zod runs "jitless": it never builds functions from strings, so no `eval` and no CSP exception.
 */
import { z } from 'zod';
import { safeUrl } from './url.ts';
import { quote } from './issues.ts';
import {
  CHAPTER_ID,
  COLOR,
  DATE_PATTERN,
  DAY_PATTERN,
  isLanguageTag,
  KEEP_MAP,
  PLACE_KINDS,
  parseDate,
  parseDay,
  TEXT_LIMITS,
} from './rules.ts';

z.config({ jitless: true });

/** A calendar day `YYYY-MM-DD` that exists (no 2025-02-30). */
export const isoDay = z
  .string()
  .regex(DAY_PATTERN, { error: 'write dates as YYYY-MM-DD, like "2025-02-04"', abort: true })
  .refine((v) => parseDay(v) !== null, {
    error: (issue) => `${quote(String(issue.input))} is not a day of the calendar`,
  })
  .meta({ description: 'A calendar day, YYYY-MM-DD.', examples: ['2025-02-04'] });

/** An event's date: a day `YYYY-MM-DD`, or only a month `YYYY-MM` or a year `YYYY`, that exists. */
export const isoDate = z
  .string()
  .regex(DATE_PATTERN, {
    error: 'write dates as YYYY-MM-DD, like "2025-02-04" (or YYYY-MM for a month, YYYY for a year)',
    abort: true,
  })
  .refine((v) => parseDate(v) !== null, {
    error: (issue) => {
      const v = String(issue.input);
      if (/^0+$/.test(v.slice(0, 4))) return `"${v}": years start at 0001`;
      return `"${v}" is not a ${v.length === 7 ? 'month' : 'day'} of the calendar`;
    },
  })
  .meta({
    description:
      'When it happened: a day YYYY-MM-DD, or a month YYYY-MM or a year YYYY when that is all that is known. A month or a year spans all of it on the timeline, and sorts at its start.',
    examples: ['2025-02-04', '1741-06', '1784'],
  });

/** The message for a text over its limit. */
const tooLong = (max: number) => (issue: { input: unknown }) =>
  `is ${String(issue.input).length.toLocaleString('en')} characters long: at most ${max.toLocaleString('en')} are allowed here`;

/** A text field: not empty, and at most TEXT_LIMITS[size] characters. */
const text = (description: string, examples?: string[], size: keyof typeof TEXT_LIMITS = 'short') =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(TEXT_LIMITS[size], { error: tooLong(TEXT_LIMITS[size]) })
    .meta({ description: `${description} At most ${TEXT_LIMITS[size].toLocaleString('en')} characters.`, examples });

/** A number in [min, max], or a message naming it: "longitude 185 is out of range: it must be between -180 and 180". */
const degrees = (what: string, min: number, max: number, hint = '') => {
  const error = (issue: { input: unknown }) =>
    `${what} ${String(issue.input)} is out of range: it must be between ${min} and ${max}${hint}`;
  return z.number().min(min, { error }).max(max, { error });
};

export const Longitude = degrees('longitude', -180, 180);
export const Latitude = degrees('latitude', -90, 90);

export const LngLatSchema = z.tuple([Longitude, Latitude]).meta({
  description: '[longitude, latitude] in degrees (GeoJSON order: longitude first).',
  examples: [[-89.1872, 13.6894]],
});

/** A camera may look past 180°: 185 and -175 are the same meridian (the map takes either). */
const CameraLongitude = degrees('longitude', -360, 360, ' (past 180° write 185 or -175: the same meridian)');

const BoxLongitude = degrees(
  'longitude',
  -180,
  180,
  '; a box across 180° has its west edge east of its east edge, e.g. [170, 50, -170, 60]',
);

export const BBoxSchema = z
  .tuple([BoxLongitude, Latitude, BoxLongitude, Latitude])
  .refine(([, south, , north]) => south <= north, {
    error: (issue) => {
      const [, south, , north] = issue.input as number[];
      return `south ${south} is north of north ${north}: a box is [west, south, east, north]`;
    },
  })
  .meta({
    description:
      '[west, south, east, north] in degrees. Across 180° the west edge is east of the east edge: [170, 50, -170, 60] is 20° wide.',
    examples: [[-118, -5, -60, 40]],
  });

export const FeatureId = z
  .string()
  .min(1, { error: 'must not be empty' })
  .meta({ description: 'The `id` of a feature in the places, routes or areas file.', examples: ['san-salvador'] });

export const CameraSchema = z
  .strictObject({
    center: z.tuple([CameraLongitude, Latitude]).meta({
      description: 'Where the map is centred: [longitude, latitude]. Past 180° either way works: 185 or -175.',
      examples: [
        [-89.1872, 13.6894],
        [176, 52.4],
      ],
    }),
    zoom: z
      .number()
      .min(0)
      .max(22)
      .meta({ description: 'Zoom level: 2 shows the Americas, 8 a country like El Salvador, 12 a town.' }),
    bearing: z
      .number()
      .min(-360)
      .max(360)
      .optional()
      .meta({ description: 'Rotation in degrees clockwise from north (default 0).' }),
    pitch: z
      .number()
      .min(0)
      .max(85)
      .optional()
      .meta({ description: 'Tilt in degrees (default 0, looking straight down).' }),
  })
  .meta({
    description:
      'An exact map position. In preview mode (?edit) the page shows the current camera as a snippet to paste here.',
    examples: [{ center: [-82, 20], zoom: 2.6 }],
  });

export const SourceSchema = z
  .strictObject({
    name: text('Who published it.', ['AFP']),
    title: text('The title of the article or document.').optional(),
    url: z
      .string()
      .refine((v) => safeUrl(v) !== null, {
        error: 'a link must be a web address (https://…), a mailto: address, or a relative path',
      })
      .optional()
      .meta({
        description: 'A link to it: https://…, mailto:… or a path relative to the page.',
        format: 'uri-reference',
      }),
    date: text('When it was published, as written in the credit line.', ['4 February 2025']).optional(),
  })
  .meta({ description: 'A source the text relies on.' });

const Paragraph = z.strictObject({
  type: z.literal('paragraph'),
  text: text('The paragraph.', undefined, 'long'),
});
const Quote = z.strictObject({
  type: z.literal('quote'),
  text: text('The words quoted, without quotation marks.', undefined, 'long'),
  speaker: text('Who said it. Every quote is attributed.', ['Marco Rubio']),
  role: text("The speaker's role.", ['US Secretary of State']).optional(),
  context: text('Where or to whom it was said.', ['to reporters in San Salvador']).optional(),
});
const Note = z.strictObject({
  type: z.literal('note'),
  label: text('The note\'s heading (default "Note").', ['Correction']).optional(),
  text: text('The note, for example a correction of the source.', undefined, 'long'),
});
const Distance = z.strictObject({
  type: z.literal('distance'),
  from: FeatureId.meta({ description: 'The place the distance is measured from.' }),
  to: FeatureId.meta({ description: 'The place the distance is measured to.' }),
  text: text(
    'A sentence after the computed figure, e.g. comparing it with a distance by road.',
    undefined,
    'long',
  ).optional(),
});

export const BlockSchema = z
  .union([
    z
      .string()
      .trim()
      .min(1, { error: 'an empty paragraph' })
      .max(TEXT_LIMITS.long, { error: tooLong(TEXT_LIMITS.long) })
      .meta({ description: `A paragraph of text. At most ${TEXT_LIMITS.long.toLocaleString('en')} characters.` }),
    z.discriminatedUnion('type', [Paragraph, Quote, Note, Distance]),
  ])
  .meta({
    description:
      'A paragraph (a string), or a block: "quote" (attributed), "note" (e.g. a correction), "distance" (a straight-line distance the map computes).',
  });

export const ChapterMapSchema = z
  .strictObject({
    focus: z
      .array(FeatureId)
      .optional()
      .meta({
        description: 'Features the map fits into view, kept clear of the text and of their labels.',
        examples: [['san-salvador', 'cecot']],
      }),
    camera: CameraSchema.optional().meta({
      description: 'An exact camera; wins over `focus` for where the map looks.',
    }),
    highlight: z
      .array(FeatureId)
      .optional()
      .meta({ description: 'Features drawn prominently (default: the `focus` features).' }),
    show: z.array(FeatureId).optional().meta({ description: 'More features drawn quietly, for context.' }),
    description: text(
      'What the map shows, in words, for screen-reader users (generated from the features when left out).',
      undefined,
      'long',
    ).optional(),
  })
  .meta({ description: 'The whole map state of the chapter: where it looks and what it draws.' });

export const KeepMapSchema = z.literal(KEEP_MAP).meta({
  description:
    "Keep the previous chapter's map as it is (where it looks and what it draws): the map stays still as the reader goes on. Not on the first chapter.",
});

export const ChapterSchema = z
  .strictObject({
    id: z
      .string()
      .regex(CHAPTER_ID, {
        error: 'start with a letter and use only letters, digits, "-" and "_" (it is used in links like #cecot)',
      })
      .meta({ description: 'A unique name for the chapter, used in links (#id) and by events.', examples: ['cecot'] }),
    title: text("The chapter's heading."),
    kicker: text("A line above the heading (default: the dates of the chapter's events).").optional(),
    body: z.array(BlockSchema).optional().meta({ description: "The chapter's text, in order." }),
    sources: z.array(SourceSchema).optional().meta({ description: 'Sources, listed under the chapter.' }),
    map: z.union([ChapterMapSchema, KeepMapSchema]).optional().meta({
      description:
        'The map of the chapter, or "previous" to keep the previous chapter\'s map as it is. Without it, the map shows the story\'s camera (map.camera), else its area, with nothing marked.',
    }),
  })
  .meta({ description: 'A chapter: its text and the map and timeline state it brings.' });

export const EventSchema = z
  .strictObject({
    id: z.string().min(1).optional().meta({ description: 'A name for the event (default: its position).' }),
    date: isoDate,
    label: text('What happened, in a few words (shown on the timeline).'),
    chapter: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'The id of the chapter that tells it; the timeline goes there when the event is chosen.' }),
  })
  .meta({ description: 'A dated event on the timeline.' });

const DataRef = z.union([
  z.string().min(1).meta({ description: 'Path of a GeoJSON file, relative to the story file, or a URL.' }),
  z.looseObject({ type: z.literal('FeatureCollection') }).meta({ description: 'A FeatureCollection given inline.' }),
]);

export const StorySchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .meta({ description: 'The JSON Schema of this file, for editors: "story.schema.json".' }),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'use lower-case letters, digits and "-"' })
      .optional()
      .meta({ description: 'A short name for the story.', examples: ['el-salvador-prison-offer'] }),
    lang: z
      .string()
      .refine(isLanguageTag, {
        error: (issue) =>
          `${quote(String(issue.input))} is not a language tag the browser knows: write one like "en" or "es-SV"`,
      })
      .optional()
      .meta({ description: 'The language of the text (default "en"); dates are written in it.' }),
    title: text('The headline.'),
    dek: text('The standfirst under the headline.', undefined, 'long').optional(),
    byline: text('The credit line.').optional(),
    published: isoDay.optional().meta({
      description:
        'The day the story, or the article it retells, was published. Later events are set apart as "after the article".',
    }),
    source: SourceSchema.optional().meta({ description: 'The article this story retells.' }),
    data: z
      .strictObject({
        places: DataRef.optional().meta({ description: 'GeoJSON Points: the places of the story.' }),
        routes: DataRef.optional().meta({ description: 'GeoJSON LineStrings: routes, drawn as great circles.' }),
        areas: DataRef.optional().meta({ description: 'GeoJSON Polygons: areas such as countries.' }),
      })
      .optional()
      .meta({ description: 'The GeoJSON files of the story.' }),
    map: z
      .strictObject({
        camera: CameraSchema.optional().meta({
          description: 'Where the map looks before the first chapter, and for chapters that aim at nothing.',
        }),
        bounds: BBoxSchema.optional().meta({
          description:
            "The story's area, [west, south, east, north]; across 180° west is east of east ([170, 50, -170, 60]). The map shows it when the story has no camera; the checker uses it to spot swapped coordinates.",
        }),
      })
      .optional()
      .meta({ description: 'Settings for the whole map.' }),
    events: z.array(EventSchema).optional().meta({ description: 'The dated events of the timeline, in date order.' }),
    chapters: z
      .array(ChapterSchema)
      .min(1, { error: 'a story needs at least one chapter' })
      .meta({ description: 'The chapters, in reading order.' }),
  })
  .meta({
    title: 'Story map story',
    description: 'A story for <story-map>: text in chapters, each with the map and timeline state it brings.',
  });

// GeoJSON feature properties, one schema per layer. GeoJSON allows any property; these are the
// ones the map reads (an unknown one that looks like a typo of these gets a warning).

const Color = z
  .string()
  .regex(COLOR, { error: 'a colour written #rrggbb or #rgb, like "#b5361d"' })
  .meta({ description: 'A colour, #rrggbb or #rgb.' });

export const PlacePropertiesSchema = z.looseObject({
  name: text("The place's name, as the text calls it."),
  label: text('A shorter text for the map (default: name).').optional(),
  kind: z
    .enum(PLACE_KINDS)
    .optional()
    .meta({ description: 'What the place is; sets the marker colour and the legend entry.' }),
  precision: z
    .enum(['exact', 'approximate'])
    .optional()
    .meta({ description: '"approximate" places are drawn as a ring, not a dot.' }),
  color: Color.optional(),
  source: z.string().optional().meta({ description: 'Where the coordinates come from.' }),
  note: z.string().optional().meta({ description: 'A note for other editors.' }),
});

export const RoutePropertiesSchema = z.looseObject({
  name: text('What the route is.'),
  label: text('The text drawn along the route (default: its length).').optional(),
  status: z
    .enum(['happened', 'proposed'])
    .optional()
    .meta({ description: '"happened" is drawn solid, "proposed" dashed.' }),
  path: z
    .enum(['great-circle', 'straight'])
    .optional()
    .meta({ description: '"great-circle" (default): the shortest path on the globe.' }),
  color: Color.optional(),
  source: z.string().optional(),
  note: z.string().optional(),
});

export const AreaPropertiesSchema = z.looseObject({
  name: text("The area's name."),
  label: text('A shorter name for the map, drawn when the area is highlighted (default: name).').optional(),
  kind: z
    .string()
    .optional()
    .meta({ description: 'What the area is (country, department, base…); shown in the legend.' }),
  color: Color.optional().meta({ description: 'The fill colour when the area is highlighted.' }),
  source: z.string().optional(),
  note: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// The types of what editors write, derived from the schemas (types.ts re-exports them, so the
// model's modules never import zod).

export type StoryInput = z.input<typeof StorySchema>;
export type ChapterInput = z.input<typeof ChapterSchema>;
export type ChapterMapInput = z.input<typeof ChapterMapSchema>;
export type BlockInput = z.input<typeof BlockSchema>;
export type EventInput = z.input<typeof EventSchema>;
export type SourceInput = z.input<typeof SourceSchema>;
export type CameraInput = z.input<typeof CameraSchema>;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export type PlaceProperties = z.input<typeof PlacePropertiesSchema>;
export type RouteProperties = z.input<typeof RoutePropertiesSchema>;
export type AreaProperties = z.input<typeof AreaPropertiesSchema>;
