/**
 * The format's rules for single values, in plain code: the schema (schema.ts, zod, loaded when the
 * page is idle) checks them and says what is wrong; normalize.ts (in the first chunk) reads values
 * with them and falls back silently. Written once here, so the two never disagree.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `parseDay('2025-02-04')` is that day at 00:00 UTC; null when it is not a real `YYYY-MM-DD` day. */
export function parseDay(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DAY.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}

/** The shape of a day, `YYYY-MM-DD`, before `parseDay` asks whether the calendar has it. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

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
