// @vitest-environment node
// The checker on large hostile files (scripts/large-fuzz.mjs), a few MB each here (50 MB in the
// benchmark: node scripts/bench-fuzz.mjs, part of npm run bench): a GeoJSON of many features with
// mistakes, one with one enormous string, coordinates and a story field nested half a file deep, the
// many-features file truncated and mutated, a story file of thousands of chapters. Each is checked the
// checker's way (npm run check: checkFile, and once the command itself) and the page's way with a
// worker (the checks get the files' texts alone, as the worker does): it never throws, finishes, and
// names the mistakes with their lines, the same both ways.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LARGE_CASES, writeLargeCase } from '../../scripts/large-fuzz.mjs';
import { checkFile, diskFetch } from '../../src/cli/check.ts';
import { runChecks } from '../../src/story/checks.ts';
import { formatIssue } from '../../src/story/issues.ts';
import { loadStory } from '../../src/story/load.ts';
import { forWorker } from '../../src/story/run-checks.ts';

const MB = 1024 * 1024;
const SIZE = 2 * MB;
const dir = mkdtempSync(join(tmpdir(), 'story-map-fuzz-large-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Issues with a file, line and column: `file:12:7: error: …` (the counted rest, "…and N more like", has none). */
const LOCATED = /^[^:]+:\d+:\d+: (error|warning): /;

/** What each case must report, besides issues with lines. */
const EXPECTED: Record<string, RegExp> = {
  'many features': /places\.geojson:\d+:\d+: error: latitude -?[\d.]+ is out of range/,
  'one enormous string': /places\.geojson:5:\d+: error: is [\d,]+ characters long: at most \d+ are allowed here/,
  'deeply nested coordinates':
    /places\.geojson:5:\d+: error: arrays and objects are nested more than 1000 levels deep here: .* the places file is not read$/,
  'deeply nested story':
    /story\.json:\d+:\d+: error: arrays and objects are nested more than 1000 levels deep here: .* the story file is not read$/,
  truncated: /places\.geojson:\d+:\d+: error: JSON syntax: /,
  mutated: /places\.geojson:\d+:\d+: error: JSON syntax: /,
  'story file': /story\.json:\d+:\d+: error: no place, route or area has the id "q\d+"; did you mean "p\d+"\?/,
};

function write(name: string): string {
  const folder = join(dir, name.replace(/\W+/g, '-'));
  writeLargeCase(folder, name, SIZE);
  return join(folder, 'story.json');
}

describe('the checker on large hostile files', () => {
  it('has an expectation for every case', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(LARGE_CASES).sort());
  });

  for (const name of Object.keys(LARGE_CASES)) {
    it(`${name} (${SIZE / MB} MB): no throw, the mistakes named with their lines, the same with the worker's input`, async () => {
      const file = write(name);
      const { lines, errors } = await checkFile(file);
      const names = pathToFileURL(`${process.cwd()}/`).href;
      const viaWorker = await loadStory(pathToFileURL(file), {
        fetch: diskFetch,
        names,
        // What the page's worker does with the message it gets (check-worker.ts), copied as postMessage copies.
        check: async (input) => runChecks(structuredClone(forWorker(input))),
      });
      expect(errors).toBeGreaterThan(0);
      expect(lines).toContainEqual(expect.stringMatching(EXPECTED[name]!));
      expect(lines.filter((l) => !LOCATED.test(l) && !/: (error|warning): …and \d+ more like /.test(l))).toEqual([]);
      expect(lines.filter((l) => /the checker stopped on an unexpected input/.test(l))).toEqual([]);
      expect(viaWorker.issues.map(formatIssue)).toEqual(lines);
    }, 60_000);
  }

  it('npm run check on the truncated file: exit 1, each mistake as file:line:col', () => {
    const file = write('truncated');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/check.ts', file], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const out = run.stdout.trim().split('\n');
    expect(out.at(-1)).toMatch(/story\.json: [\d,]+ errors?, [\d,]+ warnings?$/);
    expect(out).toContainEqual(expect.stringMatching(/places\.geojson:\d+:\d+: error: JSON syntax: /));
  }, 60_000);
});
