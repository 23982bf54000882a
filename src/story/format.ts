/**
 * Display text: every date, distance, list and count a reader or an editor sees is written here,
 * in the story's language, by `Intl`. Each Intl object is made once per locale and kept: making one
 * is slow (the first can take tens of milliseconds), and a story writes dozens of dates.
 *
 * English is written as in Britain ("3 February 2025", "A, B and C"): `lang: 'en'` means 'en-GB'.
 * The words around the values ("Map showing", "heading north") are English whatever the language.
 */
import { compassPoint, lineLength, roundDistance } from '../geo/measure.ts';
import type { Issue } from './issues.ts';
import { maybeText } from './maybe.ts';
import type { Block, Chapter, ChapterView, DatePrecision, DateSpan, RouteFeature, Story } from './types.ts';

/** The locale Intl is asked for: a story in 'en' is written the British way. */
const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : lang);

/** `cached(make)` is `make` remembering what it made for each locale. */
function cached<T>(make: (locale: string) => T): (lang: string) => T {
  const made = new Map<string, T>();
  return (lang) => {
    const known = made.get(lang);
    if (known !== undefined) return known;
    const value = make(localeOf(lang));
    made.set(lang, value);
    return value;
  };
}

const dayFormat = cached(
  (locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
);
const monthFormat = cached(
  (locale) => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
);
const yearFormat = cached((locale) => new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }));
const DATE_FORMATS: Record<DatePrecision, (lang: string) => Intl.DateTimeFormat> = {
  day: dayFormat,
  month: monthFormat,
  year: yearFormat,
};
/** What the language writes between the two ends of a span of days ("20 – 29 January": a thin-spaced dash in English). */
const rangeSeparator = cached((locale) => {
  const parts = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatRangeToParts(new Date(Date.UTC(2001, 0, 1)), new Date(Date.UTC(2002, 0, 1)));
  return parts.find((p) => p.type === 'literal' && p.source === 'shared')?.value ?? ' – ';
});
const unitFormat = (unit: 'kilometer' | 'mile') =>
  cached((locale) => new Intl.NumberFormat(locale, { style: 'unit', unit }));
const kmFormat = unitFormat('kilometer');
const milesFormat = unitFormat('mile');
const listFormat = cached((locale) => new Intl.ListFormat(locale, { type: 'conjunction' }));
/** Counts are in English words, whatever the story's language: they speak to editors. */
let englishPlurals: Intl.PluralRules | undefined;

/** `formatDay(date, lang)` is e.g. `3 February 2025` in an English story, `3 de febrero de 2025` in Spanish. */
export function formatDay(date: Date, lang = 'en'): string {
  return dayFormat(lang).format(date);
}

/**
 * `formatDate(when, lang)` writes a date as precisely as the editor gave it: a day
 * (`3 February 2025`), a month (`June 1741`) or a year (`1784`), in the story's language.
 */
export function formatDate(when: DateSpan, lang = 'en'): string {
  return DATE_FORMATS[when.precision](lang).format(when.start);
}

/**
 * `formatPeriod([from, to], lang)` is one date (`3 February 2025`) or a span, written as the
 * language writes spans (`20 – 29 January 2025`, `21 July 2022 – 24 February 2023`; thin spaces
 * around the dash in English). A span of dates given to different precisions writes each as given
 * (`1784 – 2 May 1790`); one date inside the other is the larger (`1942` for 1942 to 4 June 1942).
 */
export function formatPeriod([a, b]: readonly [DateSpan, DateSpan], lang = 'en'): string {
  const inside = +b.start >= +a.start && +b.end <= +a.end;
  if (inside) return formatDate(a, lang);
  if (a.precision === b.precision) {
    // Intl's range takes two instants: the last day, month or year is the one that starts at b.start.
    return DATE_FORMATS[a.precision](lang).formatRange(a.start, b.start);
  }
  return `${formatDate(a, lang)}${rangeSeparator(lang)}${formatDate(b, lang)}`;
}

/**
 * `chapterKicker(chapter, lang)` is the line above a chapter's title: the editor's kicker, or the
 * dates of the chapter's events (`3 February 2025`, `21 July 2022 – 24 February 2023`).
 */
export function chapterKicker(chapter: Chapter, lang = 'en'): string | null {
  if (chapter.kicker) return chapter.kicker;
  return chapter.period ? formatPeriod(chapter.period, lang) : null;
}

/** `formatKm(3047)` is `3,050 km`, rounded as a reader would say it (`roundDistance`). */
export function formatKm(km: number, lang = 'en'): string {
  return kmFormat(lang).format(roundDistance(km));
}

/** `formatDistance(44.8, 27.8)` is `45 km (28 mi)`. */
export function formatDistance(km: number, miles: number, lang = 'en'): string {
  return `${formatKm(km, lang)} (${milesFormat(lang).format(roundDistance(miles))})`;
}

const COMPASS_WORDS: Record<string, string> = {
  N: 'north',
  E: 'east',
  S: 'south',
  W: 'west',
  NE: 'northeast',
  SE: 'southeast',
  SW: 'southwest',
  NW: 'northwest',
  NNE: 'north-northeast',
  ENE: 'east-northeast',
  ESE: 'east-southeast',
  SSE: 'south-southeast',
  SSW: 'south-southwest',
  WSW: 'west-southwest',
  WNW: 'west-northwest',
  NNW: 'north-northwest',
};

/** `compassWord(113)` is `east-southeast` (English only). */
export function compassWord(degrees: number): string {
  return COMPASS_WORDS[compassPoint(degrees)]!;
}

/**
 * `describeView(view, features, lang, body)` is what a chapter's map shows, in words, for screen
 * readers: the editor's description, or the highlighted features, then the others
 * (`Map showing A, B and C, with D.`). Then the figures, computed from the data as the page shows
 * them, so the words never disagree with the map or the text: each distance block of the chapter's
 * `body` (`San Salvador to Lake Coatepeque: 43 km (27 mi) in a straight line, heading
 * west-northwest.`) and the length of each route the map labels with it.
 */
export function describeView(
  view: ChapterView,
  features: Story['features'],
  lang: string,
  body: readonly Block[] = [],
): string {
  return [viewWords(view, features, lang), ...viewFigures(view, features, lang, body)].join(' ');
}

function viewWords(view: ChapterView, features: Story['features'], lang: string): string {
  if (view.description !== null) return view.description;
  const name = (id: string) => features.get(id)?.feature.properties.name ?? id;
  const main = view.highlight.map(name);
  const others = view.visible.filter((id) => !view.highlight.includes(id)).map(name);
  const list = (names: string[]) => listFormat(lang).format(names);
  // A chapter without a map of its own shows the story's camera or area, with nothing on it.
  if (main.length === 0 && others.length === 0)
    return view.whole ? "Map of the story's area, with nothing marked on it." : 'Map of the region.';
  if (others.length === 0) return `Map showing ${list(main)}.`;
  if (main.length === 0) return `Map showing ${list(others)}.`;
  return `Map showing ${list(main)}, with ${list(others)}.`;
}

function viewFigures(view: ChapterView, features: Story['features'], lang: string, body: readonly Block[]): string[] {
  const distances = body.flatMap((b) =>
    b.type === 'distance'
      ? [
          `${b.fromName} to ${b.toName}: ${formatDistance(b.km, b.miles, lang)} in a straight line, heading ${compassWord(b.bearing)}.`,
        ]
      : [],
  );
  const routes = view.visible.flatMap((id) => {
    const found = features.get(id);
    if (found?.layer !== 'routes' || maybeText(found.feature.properties.label)) return [];
    const route = found.feature as RouteFeature;
    return [`${route.properties.name} (${routeCaption(route, lang)}).`];
  });
  return [...distances, ...routes];
}

/** `routeCaption(route, lang)` is the text drawn along a route: the editor's label, or its length (`3,050 km`). */
export function routeCaption(route: RouteFeature, lang: string): string {
  return maybeText(route.properties.label) ?? formatKm(lineLength(route.geometry), lang);
}

/** `plural(2, 'error')` is `2 errors`; `plural(1, 'error')` is `1 error` (English words). */
export function plural(n: number, word: string): string {
  englishPlurals ??= new Intl.PluralRules('en');
  return `${n} ${englishPlurals.select(n) === 'one' ? word : `${word}s`}`;
}

/** `issueCount(issues)` is e.g. `2 errors, 1 warning`, or `no issues`. */
export function issueCount(issues: readonly Issue[]): string {
  if (issues.length === 0) return 'no issues';
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : '']
    .filter(Boolean)
    .join(', ');
}
