// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { closest, editDistance, MAX_SUGGESTED, suggester } from '../../src/story/suggest.ts';

/** The textbook Levenshtein distance, the whole table: what the bounded one must agree with. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

let seed = 7;
const random = () => {
  seed = (seed * 16807) % 2147483647;
  return seed / 2147483647;
};
const word = (alphabet: string, max: number) =>
  Array.from({ length: Math.floor(random() * (max + 1)) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(
    '',
  );

describe('editDistance', () => {
  it('editDistance(a, b) is the Levenshtein distance', () => {
    expect(editDistance('cecto', 'cecot')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    for (let k = 0; k < 300; k++) {
      const a = word('abc', 12);
      const b = word('abc', 12);
      expect(editDistance(a, b), `${a} / ${b}`).toBe(reference(a, b));
    }
  });

  it('editDistance(a, b, max) is exact up to max, and max + 1 beyond', () => {
    for (let k = 0; k < 600; k++) {
      const a = word('ab', 14);
      const b = word('abc', 14);
      const max = Math.floor(random() * 6);
      const d = reference(a, b);
      expect(editDistance(a, b, max), `${a} / ${b} within ${max}`).toBe(d <= max ? d : max + 1);
    }
  });

  it('editDistance(a, b, max) does work in proportion to the length times max, not the lengths squared', () => {
    const long = 'x'.repeat(100_000);
    const t0 = performance.now();
    expect(editDistance(long, `y${long.slice(2)}y`, 3)).toBe(2);
    expect(editDistance(long, 'y'.repeat(100_000), 3)).toBe(4);
    expect(editDistance(long, 'short', 3)).toBe(4);
    // The whole table would be 10^10 cells (minutes); the band is 7 cells a row.
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('closest', () => {
  it('closest(name, candidates) is the nearest plausible typo, ignoring case, or null', () => {
    expect(closest('cuzco', ['lima', 'cusco', 'quito'])).toBe('cusco');
    expect(closest('CECOT', ['san-salvador', 'cecot'])).toBe('cecot');
    expect(closest('focsu', ['focus', 'camera', 'show'])).toBe('focus');
    expect(closest('washington', ['lima', 'cusco'])).toBeNull();
    expect(closest('x', [])).toBeNull();
  });

  it('closest(name, candidates) prefers the nearest, then the first listed', () => {
    expect(closest('abcd', ['abxx', 'abcx', 'abcy'])).toBe('abcx');
    expect(closest('abcd', ['abcyy', 'abc', 'abcde'])).toBe('abc');
    expect(closest('abcd', ['abcde', 'abc'])).toBe('abcde');
  });

  it('closest agrees with a search of every candidate by the full distance', () => {
    for (let k = 0; k < 200; k++) {
      const candidates = Array.from({ length: 30 }, () => word('abcd', 9));
      const name = word('abcd', 9);
      let best: string | null = null;
      let bestDistance = Infinity;
      for (const c of candidates) {
        const d = reference(name, c);
        if (d < bestDistance) [best, bestDistance] = [c, d];
      }
      const expected = best !== null && bestDistance <= Math.max(2, Math.ceil(name.length / 3)) ? best : null;
      expect(closest(name, candidates), `${name} in ${candidates.join(',')}`).toBe(expected);
    }
  });

  it(`gives no suggestion for a name longer than ${MAX_SUGGESTED} characters, and takes no time over it`, () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => `place-${i}`);
    ids.push('z'.repeat(100_000), `${'z'.repeat(99_999)}y`);
    const nearest = suggester(ids);
    const t0 = performance.now();
    expect(nearest('z'.repeat(100_000 - 1))).toBeNull();
    expect(nearest(`place-${'9'.repeat(100_000)}`)).toBeNull();
    expect(nearest('place-4999x')).toBe('place-4999');
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(nearest(`${'a'.repeat(MAX_SUGGESTED - 1)}b`)).toBeNull();
    expect(suggester([`${'a'.repeat(MAX_SUGGESTED)}`])(`${'a'.repeat(MAX_SUGGESTED - 1)}b`)).toBe(
      'a'.repeat(MAX_SUGGESTED),
    );
  });
});
