// @vitest-environment node
// The checker never throws and never hangs, whatever it is given: a bounded fuzz of the whole load
// (parse, normalize, every format check, line numbers), seeded so that a failure can be replayed.
// Mutations of the valid fixture story and its GeoJSON (values of other types, removed and renamed
// keys, deep nesting, huge and odd numbers, unicode, long strings), and broken texts (cut, spliced).
import { describe, expect, it } from 'vitest';
import { loadStory } from '../../src/story/load.ts';
import { fixtureFiles, VALID } from '../fixtures/fixtures.ts';
import { random } from '../../scripts/large-story.mjs';

const ODD_VALUES: unknown[] = [
  null,
  true,
  0,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  5e-324,
  '',
  ' ',
  '\u0000\u001b[31m\u2028\u202e',
  '🗺️'.repeat(50),
  'x'.repeat(100_000),
  '#zzz',
  'javascript:alert(1)',
  '2025-02-30',
  '__proto__',
  [],
  {},
  [[[[[[[[[[]]]]]]]]]],
  { type: 'FeatureCollection' },
  { type: 'Feature', geometry: { type: 'Point', coordinates: [Number.NaN, 1] } },
];

/** A value nested `depth` levels deep in arrays and objects. */
function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
}

/** Every [parent, key] in a JSON value. */
function slots(value: unknown, out: [Record<string | number, unknown>, string | number][] = []) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      out.push([value as never, i]);
      slots(v, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([value as never, k]);
      slots(v, out);
    }
  }
  return out;
}

/** One random change to a parsed JSON value (in place). */
function mutate(value: unknown, next: () => number): void {
  const all = slots(value);
  if (!all.length) return;
  const [parent, key] = all[Math.floor(next() * all.length)]!;
  const pick = next();
  if (pick < 0.45) parent[key] = ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
  else if (pick < 0.6) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (pick < 0.7 && !Array.isArray(parent)) {
    parent[`${String(key)}x`] = parent[key];
    delete parent[key];
  } else if (pick < 0.8) parent[key] = deep(50 + Math.floor(next() * 2000));
  else if (pick < 0.9)
    parent[key] = Array.isArray(parent[key])
      ? [...(parent[key] as unknown[]), ...(parent[key] as unknown[])]
      : parent[key];
  else parent[key] = typeof parent[key] === 'number' ? -(parent[key] as number) * 1e6 : String(parent[key]);
}

/** Breaks a text: cuts it, or splices a piece of it elsewhere. */
function breakText(text: string, next: () => number): string {
  const at = Math.floor(next() * text.length);
  if (next() < 0.5) return text.slice(0, at);
  const from = Math.floor(next() * text.length);
  return text.slice(0, at) + text.slice(from, from + 40) + text.slice(at);
}

/** Loads a set of files as the checker does (names relative to a folder), from memory. */
async function check(files: Record<string, string>) {
  const fetch = async (url: string) => {
    const name = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
    const body = files[name];
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 });
  };
  return loadStory('file:///fuzz/story.json', { fetch, names: 'file:///fuzz/' });
}

const CASES = 500;

describe('the checker under fuzzing', () => {
  it(`never throws, and names what is wrong in nearly every case, over ${CASES} seeded cases`, async () => {
    const base = fixtureFiles(VALID);
    const names = Object.keys(base).filter((n) => n.endsWith('.json') || n.endsWith('.geojson'));
    let slowest = 0;
    let flagged = 0;
    for (let seed = 1; seed <= CASES; seed++) {
      const next = random(seed);
      const files = { ...base };
      const name = names[Math.floor(next() * names.length)]!;
      if (next() < 0.2) files[name] = breakText(files[name]!, next);
      else {
        const value = JSON.parse(files[name]!);
        for (let i = 1 + Math.floor(next() * 4); i > 0; i--) mutate(value, next);
        files[name] = JSON.stringify(value);
      }
      const started = performance.now();
      let result: Awaited<ReturnType<typeof check>>;
      try {
        result = await check(files);
      } catch (error) {
        throw new Error(`seed ${seed} (${name}): the checker threw ${String((error as Error)?.stack ?? error)}`);
      }
      slowest = Math.max(slowest, performance.now() - started);
      if (result.issues.length) flagged++;
      // Always a story (maybe empty) and a list of issues, each with a file and a message.
      expect(Array.isArray(result.story.chapters), `seed ${seed}`).toBe(true);
      for (const issue of result.issues) {
        expect(typeof issue.file, `seed ${seed}`).toBe('string');
        expect(issue.message.length, `seed ${seed}`).toBeGreaterThan(0);
        expect(issue.message, `seed ${seed}: a checker bug`).not.toMatch(/the checker stopped on an unexpected input/);
      }
    }
    // The fuzz is not idle: nearly every case breaks something, and the checker says so.
    expect(flagged).toBeGreaterThan(CASES * 0.8);
    // Never hangs: no case takes more than a few seconds (a hang would take the whole time-out).
    expect(slowest).toBeLessThan(10_000);
  }, 120_000);
});
