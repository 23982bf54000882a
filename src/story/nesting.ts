/**
 * How deep a JSON text nests, found without parsing it (load.ts reads every file through it, and so
 * does the worker that reads large GeoJSON, read-worker.ts).
 */

/**
 * Arrays and objects nested deeper than this are refused, with one error where the limit is passed:
 * a story nests about 6 levels, a GeoJSON file about 8, and the checks (and any JSON parser that
 * recurses, such as the one that finds line numbers) would run out of stack on thousands.
 */
export const MAX_NESTING = 1000;

/** The offset in `text` of the bracket that nests deeper than `limit` (strings skipped), or -1. One pass. */
export function nestingPassed(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, past escapes (a string never closed runs to the end).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}
