// The checker against fixture pairs: each folder under test/fixtures/check holds a story (usually
// with one mistake, described in its README) and `expected.txt`, what `npm run check` prints for
// it. The story is 00-valid's files with the folder's change.diff applied, written to a temporary
// folder (test/fixtures/check/README.md, test/fixtures/fixtures.ts). After a deliberate change to
// the messages, or for a new fixture, regenerate the expected files with `npm run test:update` and
// review their diff: a missing one fails.
import {
  existsSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  mkdtempSync,
  copyFileSync,
  rmSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { checkFile, summary } from '../../src/cli/check.ts';
import {
  applyChange,
  fixtureFiles,
  fixtureNames,
  materializeFixture,
  META_FILES,
  VALID,
} from '../fixtures/fixtures.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test/fixtures/check');
const UPDATE = process.env.UPDATE === '1';

async function output(dir: string): Promise<string> {
  const { lines, errors, warnings } = await checkFile('story.json', dir);
  return `${[...lines, summary('story.json', errors, warnings)].join('\n')}\n`;
}

describe('npm run check, fixture by fixture', () => {
  const dirs = fixtureNames();

  it('has at least 30 bad inputs', () => {
    expect(dirs.filter((d) => !d.endsWith('-valid')).length).toBeGreaterThanOrEqual(30);
  });

  it(`stores every bad input as a change.diff to ${VALID}, not as copies of its files`, () => {
    const valid = fixtureFiles(VALID);
    for (const name of dirs.filter((d) => d !== VALID)) {
      const stored = readdirSync(join(FIXTURES, name));
      expect(
        stored.filter((file) => !META_FILES.includes(file)),
        `${name}: only ${META_FILES}`,
      ).toEqual([]);
      expect(stored, name).toContain('change.diff');
      expect(fixtureFiles(name), `${name}/change.diff changes nothing`).not.toEqual(valid);
    }
  });

  it('refuses a change.diff that does not apply, names a folder, or changes nothing', () => {
    const valid = fixtureFiles(VALID);
    const diff = (from: string, to: string, line: string) =>
      `--- ${from}\n+++ ${to}\n@@ -3 +3 @@\n-${line}\n+  "title": "T",\n`;
    expect(
      applyChange(valid, diff('a/story.json', 'b/story.json', '  "title": "Rivers of the Andes",'))['story.json'],
    ).toContain('"title": "T"');
    expect(() => applyChange(valid, diff('a/story.json', 'b/story.json', '  "title": "Rivers",'))).toThrow(
      /does not apply/,
    );
    expect(() => applyChange(valid, diff('a/x/story.json', 'b/x/story.json', ''))).toThrow(/expected a label a\//);
    expect(() => applyChange(valid, diff('a/nothing.json', 'b/nothing.json', ''))).toThrow(/does not have/);
    expect(() => applyChange(valid, '')).toThrow(/no change/);
  });

  for (const name of dirs) {
    it(`${name}: ${readFileSync(join(FIXTURES, name, 'README'), 'utf8').trim()}`, async () => {
      const dir = materializeFixture(name);
      const got = await output(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(FIXTURES, name, 'expected.txt');
      if (UPDATE) writeFileSync(file, got);
      else
        expect(
          existsSync(file) ? readFileSync(file, 'utf8') : null,
          'no expected.txt: run `npm run test:update` and review it',
        ).toBe(got);
      // A valid story prints nothing; every bad one prints at least one issue.
      if (name.endsWith('-valid')) expect(got).toBe('story.json: no errors, 0 warnings\n');
      else expect(got).not.toBe('story.json: no errors, 0 warnings\n');
    });
  }
});

// Each test runs the real command (a tsx process, a second or two; more beside the browser tests).
describe('npm run check, the command', { timeout: 30_000 }, () => {
  const tsx = join(ROOT, 'node_modules/.bin/tsx');
  const run = (args: string[], cwd = ROOT) => {
    try {
      return {
        code: 0,
        out: execFileSync(
          tsx,
          ['src/cli/check.ts', ...args].map((a, i) => (i === 0 ? join(ROOT, a) : a)),
          { cwd, encoding: 'utf8' },
        ),
      };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  };
  /** `run` in a temporary copy of a fixture's story files. */
  const runInFixture = (args: string[], name: string) => {
    const dir = materializeFixture(name);
    try {
      return run(args, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('passes the default story and the example story (exit 0)', () => {
    expect(run(['data/story.json', 'data/examples/panama-canal/story.json'])).toEqual({
      code: 0,
      out: 'data/story.json: no errors, 0 warnings\ndata/examples/panama-canal/story.json: no errors, 0 warnings\n',
    });
  });

  it('prints file:line:col: severity: message [path] and exits 1 on an error', () => {
    const { code, out } = runInFixture(['story.json'], '04-unknown-field');
    expect(code).toBe(1);
    expect(out).toBe(
      'story.json:38:9: error: unknown field "focsu"; did you mean "focus"? [chapters[0].map.focsu]\nstory.json: 1 error, 0 warnings\n',
    );
  });

  it('names every file relative to the working directory, the story file as its GeoJSON files', () => {
    const dir = materializeFixture('39-longitude-out-of-range');
    try {
      const inside = join(dir, 'sub');
      mkdirSync(inside);
      // From a folder beside the story's, and from above it: the same form for both files.
      expect(run(['../story.json'], inside)).toEqual({
        code: 1,
        out: expect.stringMatching(
          /^\.\.\/places\.geojson:6:141: error: longitude -271\.5375 .*\n\.\.\/story\.json: 1 error, 0 warnings\n$/,
        ),
      });
      const name = basename(dir);
      expect(run([`./${name}/story.json`], dirname(dir))).toEqual({
        code: 1,
        out: expect.stringMatching(new RegExp(`^${name}/places\\.geojson:6:141: .*\\n${name}/story\\.json: 1 error`)),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 20_000);

  it('passes the test story across 180° (test/fixtures/antimeridian)', () => {
    expect(run(['test/fixtures/antimeridian/story.json'])).toEqual({
      code: 0,
      out: 'test/fixtures/antimeridian/story.json: no errors, 0 warnings\n',
    });
  });

  it('exits 0 when there are only warnings', () => {
    expect(runInFixture(['story.json'], '28-events-out-of-order').code).toBe(0);
  });

  it('never throws, whatever the files hold', async () => {
    const deep = `${'['.repeat(3000)}0${']'.repeat(3000)}`;
    const cases: Record<string, string>[] = [
      { 'story.json': 'null' },
      { 'story.json': '42' },
      { 'story.json': '"a story"' },
      { 'story.json': '{"title": "T", "chapters": null, "events": {"a": 1}, "map": {"bounds": "everywhere"}}' },
      {
        'story.json': '{"title": "T", "chapters": [null, 1, []], "data": {"places": "p.geojson"}}',
        'p.geojson': '{"type": "FeatureCollection", "features": null}',
      },
      {
        'story.json':
          '{"title": "T", "chapters": [{"id": "a", "title": "A", "map": {"focus": [null, 3, {}]}}], "data": {"places": "p.geojson", "areas": "a.geojson"}}',
        'p.geojson': `{"type": "FeatureCollection", "features": [null, 1, {"type": "Feature", "geometry": {"type": "Point", "coordinates": null}}, {"type": "Feature", "id": {"a": 1}, "properties": 5, "geometry": {"type": "Point", "coordinates": ${deep}}}]}`,
        'a.geojson':
          '{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "x", "properties": {"name": "X"}, "geometry": {"type": "MultiPolygon", "coordinates": [[[[1, 2], "x", null]], 7]}}]}',
      },
    ];
    for (const files of cases) {
      const dir = mkdtempSync(join(tmpdir(), 'story-check-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      const { lines, errors } = await checkFile('story.json', dir);
      expect(errors, JSON.stringify(files).slice(0, 80)).toBeGreaterThan(0);
      for (const line of lines) expect(line.length).toBeLessThan(400);
    }
  });

  it('lists a systematic mistake a few times, then counts the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-check-'));
    for (const f of ['story.json', 'places.geojson', 'routes.geojson'])
      copyFileSync(join(FIXTURES, '00-valid', f), join(dir, f));
    // 2,000 small squares drawn clockwise: one warning each.
    const x = (i: number) => Number((-80 + i * 0.001).toFixed(3));
    const square = (i: number) => [
      [
        [x(i), -10],
        [x(i), -9.999],
        [x(i + 1), -9.999],
        [x(i + 1), -10],
        [x(i), -10],
      ],
    ];
    const areas = JSON.parse(readFileSync(join(FIXTURES, '00-valid/areas.geojson'), 'utf8'));
    for (let i = 0; i < 2000; i++)
      areas.features.push({
        type: 'Feature',
        id: `sq${i}`,
        properties: { name: `Square ${i}` },
        geometry: { type: 'Polygon', coordinates: square(i) },
      });
    writeFileSync(join(dir, 'areas.geojson'), JSON.stringify(areas, null, 1));
    const { lines, warnings } = await checkFile('story.json', dir);
    expect(warnings).toBe(21);
    expect(lines.at(-1)).toMatch(/^areas\.geojson: warning: …and 1980 more like "the outer ring runs clockwise/);
  });

  it('warns about a GeoJSON file over 5 MB, with advice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-check-'));
    for (const f of ['story.json', 'routes.geojson', 'areas.geojson'])
      copyFileSync(join(FIXTURES, '00-valid', f), join(dir, f));
    const places = JSON.parse(readFileSync(join(FIXTURES, '00-valid/places.geojson'), 'utf8'));
    places.features[0].properties.note = 'x'.repeat(5.5 * 1024 * 1024);
    writeFileSync(join(dir, 'places.geojson'), JSON.stringify(places));
    const { lines } = await checkFile('story.json', dir);
    expect(lines).toEqual([
      expect.stringMatching(
        /^places\.geojson:1:1: warning: this file is 5\.5 MB, and every reader downloads all of it: simplify/,
      ),
    ]);
  });
});
