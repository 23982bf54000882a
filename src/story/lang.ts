/** `isLanguageTag(v)` is true for a language tag the browser can write dates in ("en", "es-SV"). */
export function isLanguageTag(v: unknown): v is string {
  if (typeof v !== 'string' || v === '') return false;
  try {
    return Intl.getCanonicalLocales(v).length === 1;
  } catch {
    return false;
  }
}
