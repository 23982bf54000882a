// @vitest-environment node
// The checker's cost grows linearly with the number of features: the generated 200-chapter story
// (scripts/large-story.mjs) with 5,000 and then 50,000 places, no map.bounds and no areas or routes
// (so the swapped-coordinates check frames the story by its places, once), with mistakes to report
// (a tenth of the places swapped, the others with 15 digits: an issue for every place to locate; a
// misspelt id in every chapter: "did you mean" among all the ids).
// Ten times the features must cost about ten times the time; the quadratic check this replaces
// cost a hundred times (4.3 s, then 382 s), as did placing an issue per place by Array#shift.
// `npm run bench` prints the times and peak memory.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLargeStory } from '../../scripts/large-story.mjs';
import { checkFile } from '../../src/cli/check.ts';
import { locateIssues } from '../../src/story/locate.ts';

const dir = mkdtempSync(join(tmpdir(), 'story-map-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function story(places: number): string {
  const folder = join(dir, String(places));
  writeLargeStory(folder, { places, bounds: false, routes: 0, areas: 0, mistakes: true });
  return join(folder, 'story.json');
}

async function timed(file: string): Promise<{ ms: number; lines: string[] }> {
  const t0 = performance.now();
  const { lines } = await checkFile(file);
  return { ms: performance.now() - t0, lines };
}

describe('the checker on a large story', () => {
  it('takes about ten times as long for ten times the places (5,000 and 50,000), not a hundred', async () => {
    const small = story(5_000);
    const large = story(50_000);
    // Interleaved, the fastest of three each: a busy machine slows a run, never speeds one up.
    const times = { small: Infinity, large: Infinity };
    let lines: string[] = [];
    for (let run = 0; run < 3; run++) {
      times.small = Math.min(times.small, (await timed(small)).ms);
      const checked = await timed(large);
      times.large = Math.min(times.large, checked.ms);
      lines = checked.lines;
    }
    // It did the work: an issue for every place (listed 20 times, then counted), the swapped places
    // out of range, and the misspelt ids, with suggestions.
    expect(lines).toContainEqual(
      expect.stringMatching(/: warning: …and 44980 more like "coordinates with more than 6/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/: error: latitude -?[\d.]+ is out of range/));
    expect(
      lines.filter((l) => /: error: no place, route or area has the id "q\d+"; did you mean "p\d+"\?/.test(l)),
    ).toHaveLength(20);
    // Linear is about 10 (measured 11); quadratic about 100. The time itself is the benchmark's to
    // print (npm run bench: about 1.4 s for the valid story, 2.3 s with these mistakes), not a test's.
    const ratio = times.large / times.small;
    expect(ratio, `5,000 places: ${times.small.toFixed(0)} ms; 50,000: ${times.large.toFixed(0)} ms`).toBeLessThan(40);
  }, 120_000);
});

describe('the checker on a 100,000-character id', () => {
  it('names it shortened, suggests nothing, and takes well under a second', async () => {
    const long = 'x'.repeat(100_000);
    const folder = join(dir, 'long');
    const place = (id: string, name: string, coordinates: number[], extra = {}) => ({
      type: 'Feature',
      id,
      properties: { name, ...extra },
      geometry: { type: 'Point', coordinates },
    });
    const places = {
      type: 'FeatureCollection',
      features: [
        place('a', 'Bogotá', [-74.08, 4.61]),
        place('b', 'Lima', [-77.04, -12.05]),
        // An id as long, one letter off: the nearest, but far past what a typo is.
        place(`${long}y`, 'Long', [-70, -10], { [`${long}z`]: 1 }),
      ],
    };
    const story = {
      title: 'Long ids',
      lang: long,
      data: { places: 'places.geojson' },
      events: [{ date: '2020-01-01', label: 'E', chapter: long }],
      chapters: [
        {
          id: 'one',
          title: 'One',
          [long]: true,
          body: [{ type: 'distance', from: 'a', to: long }],
          map: { focus: ['a', long], show: [`${long}yy`] },
        },
      ],
    };
    writeLargeStory(join(dir, 'warm-up'), { chapters: 2, places: 10, routes: 1, areas: 1 });
    await checkFile(join(dir, 'warm-up', 'story.json'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'story.json'), JSON.stringify(story, null, 1));
    writeFileSync(join(folder, 'places.geojson'), JSON.stringify(places, null, 1));
    const { ms, lines } = await timed(join(folder, 'story.json'));
    const shown = `"${'x'.repeat(79)}…" (100,000 characters)`;
    expect(lines.map((l) => l.replace(/^.*story\.json:\d+:\d+: /, ''))).toEqual(
      expect.arrayContaining([
        `error: ${shown} is not a language tag the browser knows: write one like "en" or "es-SV" [lang]`,
        `error: no chapter has the id ${shown} [events[0].chapter]`,
        `error: no place, route or area has the id ${shown} [chapters[0].map.focus[1]]`,
        `error: a distance runs between two places; ${shown} is not a place id [chapters[0].body[0].to]`,
      ]),
    );
    // One line per issue, none of them 100,000 characters long (the path still names the field).
    expect(
      Math.max(...lines.filter((l) => !l.includes(`[chapters[0].${'x'.repeat(50)}`)).map((l) => l.length)),
    ).toBeLessThan(400);
    expect(ms).toBeLessThan(1000);
  });
});

describe('locateIssues on a file with an issue per feature', () => {
  it('takes about ten times as long for ten times the issues (10,000 and 100,000)', () => {
    const make = (n: number) => {
      const text = `{"features":[\n${Array.from({ length: n }, (_, i) => `{"id":"p${i}"}`).join(',\n')}\n]}`;
      const issues = Array.from({ length: n }, (_, i) => ({
        severity: 'warning' as const,
        file: 'places.geojson',
        path: `features[${i}].id`,
        message: 'm',
      }));
      return { texts: new Map([['places.geojson', text]]), issues };
    };
    const small = make(10_000);
    const large = make(100_000);
    const time = ({ texts, issues }: ReturnType<typeof make>) => {
      const t0 = performance.now();
      const located = locateIssues(issues, texts);
      const ms = performance.now() - t0;
      // Each issue gets its own line: the feature's.
      expect(located.at(-1)).toMatchObject({ line: issues.length + 1, column: 2 });
      return ms;
    };
    const times = { small: Infinity, large: Infinity };
    for (let run = 0; run < 3; run++) {
      times.small = Math.min(times.small, time(small));
      times.large = Math.min(times.large, time(large));
    }
    // Taking each file's located issues by Array#shift made this quadratic (about 100).
    expect(times.large / times.small, `${times.small.toFixed(0)} ms, then ${times.large.toFixed(0)} ms`).toBeLessThan(
      40,
    );
  }, 120_000);
});
