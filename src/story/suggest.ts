/**
 * "Did you mean": the nearest known name to a mistyped one. The work is bounded whatever the
 * input: a name longer than MAX_SUGGESTED gets no suggestion, a candidate whose length is too far
 * off is never compared, and each comparison stops as soon as it is sure to be too far (so a
 * 100,000-character id from a foreign `?story=` costs nothing, and 50,000 ids cost little).
 */

/** Names longer than this get no "did you mean": a typo is in a name a person writes and reads. */
export const MAX_SUGGESTED = 100;

/**
 * `editDistance('cecto', 'cecot')` is the Levenshtein distance between two strings (here 2).
 * With `max`, it is exact up to `max` and `max + 1` for anything farther, and costs at most
 * O(min(|a|, |b|) * max): only the cells within `max` of the diagonal are computed, and it stops at
 * the first row that is all farther than `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a.length > b.length) [a, b] = [b, a];
  const m = a.length;
  const n = b.length;
  if (n - m > max) return max + 1;
  const band = Math.min(max, n);
  const far = band + 1;
  // row[j]: the distance between a's first i characters and b's first j (far outside the band).
  const row = scratch(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j <= band ? j : far;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - band);
    const hi = Math.min(n, i + band);
    const ai = a.charCodeAt(i - 1);
    let diagonal = row[lo - 1]!;
    let left = lo === 1 && i <= band ? i : far;
    row[lo - 1] = left;
    let least = left;
    for (let j = lo; j <= hi; j++) {
      const above = row[j]!;
      let here = diagonal + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      if (above + 1 < here) here = above + 1;
      if (left + 1 < here) here = left + 1;
      if (here > far) here = far;
      diagonal = above;
      row[j] = here;
      left = here;
      if (here < least) least = here;
    }
    // A row's smallest distance never shrinks further down: nothing below can come back within max.
    if (least >= far) return max + 1;
  }
  const d = row[n]!;
  return d > max ? max + 1 : d;
}

/** One row of the table, reused by every call (grown when a longer string comes). */
let rowBuffer = new Int32Array(128);
function scratch(length: number): Int32Array {
  if (rowBuffer.length < length) rowBuffer = new Int32Array(Math.max(length, rowBuffer.length * 2));
  return rowBuffer;
}

/** How far a name may be from a candidate to be suggested: a third of its letters, at least 2. */
const allowed = (name: string) => Math.max(2, Math.ceil(name.length / 3));

/**
 * `suggester(candidates)` prepares the candidates once (lower-cased, by length) and returns
 * `nearest(name)`: the candidate nearest to `name` (the first listed of equally near ones), or null
 * when none is close enough to be a plausible typo (more than a third of the letters differ), or the
 * name is longer than MAX_SUGGESTED. Each call compares `name` only with candidates of about its
 * length, each within the distance allowed.
 */
export function suggester(candidates: readonly string[]): (name: string) => string | null {
  const byLength = new Map<number, { text: string; lower: string; index: number }[]>();
  candidates.forEach((text, index) => {
    const lower = text.toLowerCase();
    const same = byLength.get(lower.length);
    if (same) same.push({ text, lower, index });
    else byLength.set(lower.length, [{ text, lower, index }]);
  });
  return (name) => {
    if (name.length > MAX_SUGGESTED) return null;
    const lower = name.toLowerCase();
    let limit = allowed(name);
    let best: { text: string; index: number } | null = null;
    // Lengths nearest first: a close candidate found early narrows the search for the rest.
    for (let off = 0; off <= limit; off++) {
      for (const length of off === 0 ? [lower.length] : [lower.length - off, lower.length + off]) {
        for (const candidate of byLength.get(length) ?? []) {
          const d = editDistance(lower, candidate.lower, limit);
          if (d > limit) continue;
          if (d < limit || !best || candidate.index < best.index) best = candidate;
          limit = d;
        }
      }
    }
    return best?.text ?? null;
  };
}

/**
 * `closest(name, candidates)` returns the candidate nearest to `name`, or null when none is close
 * enough to be a plausible typo (see `suggester`, which is faster for many names and one list).
 */
export function closest(name: string, candidates: readonly string[]): string | null {
  return suggester(candidates)(name);
}
