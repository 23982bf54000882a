/**
 * The format's rules for single values, in plain code: the schema (schema.ts, zod, loaded when the
 * page is idle) checks them and says what is wrong; normalize.ts (in the first chunk) reads values
 * with them and falls back silently. Written once here, so the two never disagree.
 */

import type { DatePrecision, DateSpan } from './types.ts';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * `utcDate(year, monthIndex, day)` is that day at 00:00 UTC, or null when the calendar has no such
 * day (31 April) or the year is not one of 1 to 9999. Unlike `Date.UTC`, years 1 to 99 stay
 * themselves (`Date.UTC(99, 0)` is 1999).
 */
function utcDate(year: number, monthIndex: number, day: number): Date | null {
  if (year < 1) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === monthIndex && date.getUTCDate() === day ? date : null;
}

/** `parseDay('2025-02-04')` is that day at 00:00 UTC; null when it is not a real `YYYY-MM-DD` day. */
export function parseDay(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DAY.exec(value);
  if (!m) return null;
  return utcDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The shape of a day, `YYYY-MM-DD`, before `parseDay` asks whether the calendar has it. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The shape of an event's date: a day `YYYY-MM-DD`, a month `YYYY-MM` or a year `YYYY`. */
export const DATE_PATTERN = DATE;

/**
 * `parseDate('1784')`, `parseDate('1741-06')`, `parseDate('2025-02-04')`: the span of time the
 * date names, from its first instant (`start`, 00:00 UTC) to the first instant after it (`end`):
 * a year spans the whole year, a month the whole month, a day the day. Null when the text is not
 * one of these shapes or the calendar has no such month or day.
 */
export function parseDate(value: unknown): DateSpan | null {
  if (typeof value !== 'string') return null;
  const m = DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const precision: DatePrecision = m[3] !== undefined ? 'day' : m[2] !== undefined ? 'month' : 'year';
  const month = m[2] === undefined ? 0 : Number(m[2]) - 1;
  if (month < 0 || month > 11) return null;
  const start = utcDate(year, month, m[3] === undefined ? 1 : Number(m[3]));
  if (!start) return null;
  const end = new Date(+start);
  if (precision === 'year') end.setUTCFullYear(year + 1);
  else if (precision === 'month') end.setUTCMonth(month + 1);
  else end.setUTCDate(end.getUTCDate() + 1);
  return { start, end, precision };
}

/** The kinds of place (`kind` in a places file); each has its marker colour and its entry in the map key. */
export const PLACE_KINDS = ['capital', 'city', 'town', 'prison', 'lake', 'base', 'landmark'] as const;

/** A chapter id is used in links (`#cecot`): a letter, then letters, digits, "-" and "_". */
export const CHAPTER_ID = /^[A-Za-z][\w-]*$/;

/** `isLanguageTag(v)` is true for a language tag the browser can write dates in ("en", "es-SV"). */
export function isLanguageTag(v: unknown): v is string {
  if (typeof v !== 'string' || v === '') return false;
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
}

/**
 * `featureId(feature.id)` is the id chapters name a GeoJSON feature by: a number (as text) or
 * non-blank text; null when the feature has none.
 */
export function featureId(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** A feature's own colour (`color`): `#rrggbb` or `#rgb`, nothing else (a colour reaches CSS and the map). */
export const COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/** `isColor(v)` is true for a colour the format allows (COLOR): never CSS text such as `red; background: url(…)`. */
export function isColor(v: unknown): v is string {
  return typeof v === 'string' && COLOR.test(v);
}

/**
 * The longest text a field may hold, in characters: `short` for names, titles, labels and credits,
 * `long` for paragraphs, quotes, notes and descriptions. The checker enforces them; the page still
 * reads a longer text, and shortens what it draws on the map (MAP_LABEL_MAX).
 */
/** `"map": "previous"`: the chapter keeps the previous chapter's map (camera and features), so the map stays still. */
export const KEEP_MAP = 'previous';

export const TEXT_LIMITS = { short: 300, long: 10_000 } as const;

/** The longest label the map draws (the interactive map and the still); a longer one ends with "…". */
export const MAP_LABEL_MAX = 60;

/** `mapLabel(text)` is `text` as the map draws it: at most MAP_LABEL_MAX characters, cut with "…". */
export function mapLabel(text: string): string {
  return text.length > MAP_LABEL_MAX ? `${text.slice(0, MAP_LABEL_MAX - 1)}…` : text;
}
