import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  chapterKicker,
  compassWord,
  describeView,
  formatDate,
  formatDay,
  formatDistance,
  formatKm,
  formatPeriod,
  issueCount,
  plural,
  routeCaption,
} from '../../src/story/format.ts';
import { normalizeStory } from '../../src/story/normalize.ts';
import type { Issue } from '../../src/story/issues.ts';
import { parseDate } from '../../src/story/rules.ts';
import type { Chapter, ChapterView, DateSpan, RouteFeature } from '../../src/story/types.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '../../data');
const json = (name: string) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));
const day = (text: string) => new Date(`${text}T00:00:00Z`);
/** A date as an editor writes it (a day, a month or a year), as a span. */
const when = (text: string): DateSpan => parseDate(text)!;
/** U+2009, the thin space Intl writes around the dash of a span. */
const THIN = '\u2009';

describe('formatDay', () => {
  it('formatDay(date) writes an English day the British way', () => {
    expect(formatDay(day('2019-06-01'))).toBe('1 June 2019');
    expect(formatDay(day('2025-02-03'), 'en')).toBe('3 February 2025');
  });

  it('formatDay(date, lang) writes the day in the language asked for', () => {
    expect(formatDay(day('2025-02-03'), 'es')).toBe('3 de febrero de 2025');
    expect(formatDay(day('2025-02-03'), 'en-US')).toBe('February 3, 2025');
  });
});

describe('formatDate', () => {
  it('formatDate(when) writes a date as precisely as it was given: a day, a month, a year', () => {
    expect(formatDate(when('2025-02-03'))).toBe('3 February 2025');
    expect(formatDate(when('1741-06'))).toBe('June 1741');
    expect(formatDate(when('1784'))).toBe('1784');
    expect(formatDate(when('0850'))).toBe('850');
  });

  it('formatDate(when, lang) writes it in the language asked for', () => {
    expect(formatDate(when('1741-06'), 'es')).toBe('junio de 1741');
    expect(formatDate(when('2025-02-03'), 'es')).toBe('3 de febrero de 2025');
  });
});

describe('formatPeriod', () => {
  it('formatPeriod([a, b]) writes one day once', () => {
    expect(formatPeriod([when('2025-02-03'), when('2025-02-03')])).toBe('3 February 2025');
  });

  it('formatPeriod([a, b]) writes what the two days share once', () => {
    expect(formatPeriod([when('2025-01-20'), when('2025-01-29')])).toBe(`20${THIN}–${THIN}29 January 2025`);
    expect(formatPeriod([when('2025-01-28'), when('2025-02-03')])).toBe(`28 January${THIN}–${THIN}3 February 2025`);
    expect(formatPeriod([when('2022-07-21'), when('2023-02-24')])).toBe(`21 July 2022${THIN}–${THIN}24 February 2023`);
  });

  it('formatPeriod([a, b], lang) writes the span in the language asked for', () => {
    expect(formatPeriod([when('2025-01-20'), when('2025-01-29')], 'es')).toBe('20–29 de enero de 2025');
  });

  it('formatPeriod([a, b]) writes months and years as given, and dates of two precisions each as given', () => {
    expect(formatPeriod([when('1741-06'), when('1741-07')])).toBe(`June${THIN}–${THIN}July 1741`);
    expect(formatPeriod([when('1784'), when('1799')])).toBe(`1784${THIN}–${THIN}1799`);
    expect(formatPeriod([when('1784'), when('1790-05-02')])).toBe(`1784${THIN}–${THIN}2 May 1790`);
    expect(formatPeriod([when('2025-01-20'), when('2025-03')], 'es')).toBe(
      `20 de enero de 2025${THIN}–${THIN}marzo de 2025`,
    );
  });

  it('formatPeriod([a, b]) is the larger date when one holds the other', () => {
    expect(formatPeriod([when('1942'), when('1942-06-04')])).toBe('1942');
    expect(formatPeriod([when('1942-06'), when('1942-06')])).toBe('June 1942');
  });
});

describe('chapterKicker', () => {
  const chapter = (kicker: string | null, period: readonly [string, string] | null) =>
    ({ kicker, period: period && [when(period[0]), when(period[1])] }) as Chapter;

  it("chapterKicker(chapter) is the editor's kicker, else the dates of its events, else null", () => {
    expect(chapterKicker(chapter('Before', ['2025-01-20', '2025-01-29']))).toBe('Before');
    expect(chapterKicker(chapter(null, ['2025-02-03', '2025-02-03']))).toBe('3 February 2025');
    expect(chapterKicker(chapter(null, ['2025-02-03', '2025-02-03']), 'es')).toBe('3 de febrero de 2025');
    expect(chapterKicker(chapter(null, ['1741-06', '1784']))).toBe(`June 1741${THIN}–${THIN}1784`);
    expect(chapterKicker(chapter(null, null))).toBeNull();
  });
});

describe('formatKm', () => {
  it('formatKm(km) rounds as a reader would say it, with the unit', () => {
    expect(formatKm(2451)).toBe('2,450 km');
    expect(formatKm(4.26)).toBe('4.3 km');
  });

  it('formatKm(km, lang) writes the number as the language does', () => {
    expect(formatKm(2451, 'es')).toBe('2450 km');
    expect(formatKm(12451, 'es')).toBe('12.450 km');
    expect(formatKm(4.26, 'es')).toBe('4,3 km');
  });
});

describe('formatDistance', () => {
  it('formatDistance(km, miles) gives both, rounded', () => {
    expect(formatDistance(44.8, 27.8)).toBe('45 km (28 mi)');
    expect(formatDistance(3047.4, 1893.5)).toBe('3,050 km (1,890 mi)');
  });

  it('formatDistance(km, miles, lang) writes the numbers as the language does', () => {
    expect(formatDistance(13047.4, 8107.2, 'es')).toBe('13.050 km (8110 mi)');
  });
});

describe('compassWord', () => {
  it('compassWord(degrees) names the nearest of the 16 points', () => {
    expect(compassWord(113)).toBe('east-southeast');
    expect(compassWord(359)).toBe('north');
  });
});

const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (id: string, name: string, type: string, coordinates: unknown) => ({
  type: 'Feature',
  id,
  properties: { name },
  geometry: { type, coordinates },
});
const { story } = normalizeStory(
  { title: 'T', chapters: [{ id: 'one', title: 'One' }] },
  {
    places: collection(
      feature('a', 'Ayacucho', 'Point', [-74.2, -13.2]),
      feature('b', 'Bogotá', 'Point', [-74, 4.6]),
      feature('c', 'Cusco', 'Point', [-72, -13.5]),
      feature('d', 'Durán', 'Point', [-79.8, -2.2]),
    ),
  },
  { story: 's.json' },
);
const view = (highlight: string[], visible: string[], description: string | null = null): ChapterView => ({
  camera: null,
  focus: highlight,
  highlight,
  visible,
  description,
  whole: false,
});

describe('describeView', () => {
  it('describeView(view, features, lang) names highlighted features first, the others after "with"', () => {
    expect(describeView(view(['a', 'b', 'c'], ['a', 'b', 'c', 'd']), story.features, 'en')).toBe(
      'Map showing Ayacucho, Bogotá and Cusco, with Durán.',
    );
    expect(describeView(view([], ['a', 'b']), story.features, 'en')).toBe('Map showing Ayacucho and Bogotá.');
    expect(describeView(view(['c'], ['c']), story.features, 'en')).toBe('Map showing Cusco.');
    expect(describeView(view([], []), story.features, 'en')).toBe('Map of the region.');
    // A chapter without a map of its own: the story's camera or area, with nothing on it.
    expect(describeView({ ...view([], []), whole: true }, story.features, 'en')).toBe(
      "Map of the story's area, with nothing marked on it.",
    );
    expect(describeView({ ...view(['c'], ['c']), whole: true }, story.features, 'en')).toBe('Map showing Cusco.');
  });

  it("describeView(view, features, lang) keeps the editor's description", () => {
    expect(describeView(view(['a'], ['a'], 'Where it began.'), story.features, 'en')).toBe('Where it began.');
  });

  it('describeView(view, features, lang, body) ends with the figures computed from the data: distances and route lengths', () => {
    const { story: withRoute } = normalizeStory(
      {
        title: 'T',
        chapters: [
          {
            id: 'one',
            title: 'One',
            body: ['Text.', { type: 'distance', from: 'a', to: 'c' }],
            map: { focus: ['a', 'c'], show: ['r', 'q'], description: 'Two towns of the Andes.' },
          },
        ],
      },
      {
        places: collection(
          feature('a', 'Ayacucho', 'Point', [-74.2, -13.2]),
          feature('c', 'Cusco', 'Point', [-72, -13.5]),
        ),
        routes: collection(
          feature('r', 'The road', 'LineString', [
            [-74.2, -13.2],
            [-72, -13.5],
          ]),
          {
            ...feature('q', 'The railway', 'LineString', [
              [-74.2, -13.2],
              [-72, -13.5],
            ]),
            properties: { name: 'The railway', label: 'Planned' },
          },
        ),
      },
      { story: 's.json' },
    );
    const chapter = withRoute.chapters[0]!;
    const distance = chapter.body[1]!;
    expect(distance.type).toBe('distance');
    if (distance.type !== 'distance') return;
    const km = formatDistance(distance.km, distance.miles, 'en');
    expect(km).toBe('240 km (149 mi)');
    // The editor's words, then the figures as the text and the map show them (a labelled route shows its label, not a length).
    expect(describeView(chapter.view, withRoute.features, 'en', chapter.body)).toBe(
      `Two towns of the Andes. Ayacucho to Cusco: ${km} in a straight line, heading ${compassWord(distance.bearing)}. The road (${routeCaption(withRoute.routes.features[0] as RouteFeature, 'en')}).`,
    );
    expect(describeView(chapter.view, withRoute.features, 'en')).toBe(
      `Two towns of the Andes. The road (${routeCaption(withRoute.routes.features[0] as RouteFeature, 'en')}).`,
    );
  });

  it('describeView(lakeside) gives the lake the distance the text gives it, 43 km', () => {
    const { story: main } = normalizeStory(
      json('story.json'),
      { places: json('places.geojson'), routes: json('routes.geojson'), areas: json('areas.geojson') },
      { story: 'story.json' },
    );
    const lakeside = main.chapters.find((c) => c.id === 'lakeside')!;
    const text = describeView(lakeside.view, main.features, 'en', lakeside.body);
    expect(text).toContain(
      'San Salvador to Lake Coatepeque: 43 km (27 mi) in a straight line, heading west-northwest.',
    );
    // No other figure of distance in it: the only one is computed.
    expect(text.match(/\d+ km/g)).toEqual(['43 km']);
  });

  it('describeView(view, features, lang) lists the names as the language does', () => {
    expect(describeView(view(['a', 'b', 'c'], ['a', 'b', 'c', 'd']), story.features, 'es')).toBe(
      'Map showing Ayacucho, Bogotá y Cusco, with Durán.',
    );
    expect(describeView(view(['a', 'b', 'c'], ['a', 'b', 'c']), story.features, 'en-US')).toBe(
      'Map showing Ayacucho, Bogotá, and Cusco.',
    );
  });
});

describe('routeCaption', () => {
  const route = (label?: string) =>
    ({
      type: 'Feature',
      id: 'r',
      properties: { name: 'R', ...(label === undefined ? {} : { label }) },
      geometry: {
        type: 'LineString',
        coordinates: [
          [-89.1872, 13.6894],
          [-77.0364, 38.8978],
        ],
      },
    }) as RouteFeature;

  it("routeCaption(route, lang) is the editor's label", () => {
    expect(routeCaption(route('The offer'), 'en')).toBe('The offer');
  });

  it('routeCaption(route, lang) is the length of the route when it has no label, in the language', () => {
    expect(routeCaption(route(), 'en')).toBe('3,050 km');
    expect(routeCaption(route(' '), 'en')).toBe('3,050 km');
    expect(routeCaption(route(), 'es')).toBe('3050 km');
  });
});

describe('issueCount', () => {
  const issue = (severity: Issue['severity']): Issue => ({ severity, file: 'f', path: '', message: 'm' });

  it('issueCount(issues) counts errors, then warnings, in the plural when needed', () => {
    expect(issueCount([])).toBe('no issues');
    expect(issueCount([issue('error')])).toBe('1 error');
    expect(issueCount([issue('warning'), issue('error'), issue('warning')])).toBe('1 error, 2 warnings');
    expect(issueCount([issue('warning'), issue('warning')])).toBe('2 warnings');
  });

  it('plural(n, word) adds an s unless n is one', () => {
    expect(plural(0, 'warning')).toBe('0 warnings');
    expect(plural(1, 'warning')).toBe('1 warning');
    expect(plural(21, 'error')).toBe('21 errors');
  });
});
