import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describe as describeView, normalizeStory, parseDay, safeUrl } from '../../src/story/normalize.ts';
import { chapterForFeature } from '../../src/story/navigate.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '../../data');
const json = (name: string) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));
const input = json('story.json');
const data = { places: json('places.geojson'), routes: json('routes.geojson'), areas: json('areas.geojson') };
const files = {
  story: 'data/story.json',
  places: 'data/places.geojson',
  routes: 'data/routes.geojson',
  areas: 'data/areas.geojson',
};

const place = (id: string, coordinates: number[], extra: Record<string, unknown> = {}) => ({
  type: 'Feature',
  id,
  properties: { name: id.toUpperCase(), ...extra },
  geometry: { type: 'Point', coordinates },
});
const small = (over: Record<string, unknown> = {}) => ({
  title: 'T',
  chapters: [{ id: 'one', title: 'One', map: { focus: ['a'] } }],
  ...over,
});
const smallData = { places: { type: 'FeatureCollection', features: [place('a', [-74, 4.6]), place('b', [-77, -12])] } };

describe('normalizeStory', () => {
  it('normalizeStory(story) flags a chapter id that cannot be used in a link', () => {
    const { issues } = normalizeStory(
      small({
        chapters: [
          { id: 'two words', title: 'One' },
          { id: '1st', title: 'Two' },
          { id: 'ok_id-2', title: 'Three' },
        ],
      }),
      smallData,
      { story: 's.json' },
    );
    expect(issues.map((i) => i.path)).toEqual(['chapters[0].id', 'chapters[1].id']);
    expect(issues[0]!.message).toBe(
      '"two words" cannot be used in a link (#two words): start with a letter and use only letters, digits, "-" and "_"',
    );
  });

  it('normalizeStory(the default story) has no issues and every chapter of the brief', () => {
    const { story, issues } = normalizeStory(input, data, files);
    expect(issues).toEqual([]);
    expect(story.chapters.length).toBeGreaterThanOrEqual(8);
    expect(story.chapters.length).toBeLessThanOrEqual(12);
    for (const id of ['san-salvador', 'cecot', 'lake-coatepeque', 'guantanamo-bay', 'washington', 'caracas']) {
      expect(story.features.get(id)?.layer).toBe('places');
    }
  });

  it('normalizeStory(the default story) dates the timeline from 2019-06-01 and sets events after the article apart', () => {
    const { story } = normalizeStory(input, data, files);
    expect(story.events[0]!.day).toBe('2019-06-01');
    const after = story.events.filter((e) => e.after).map((e) => e.day);
    expect(after.every((d) => d > '2025-02-04')).toBe(true);
    expect(story.events.filter((e) => !e.after).every((e) => e.day <= '2025-02-04')).toBe(true);
    expect(story.chapters.filter((c) => c.after).map((c) => c.id)).toEqual(['transfers', 'swap']);
  });

  it('normalizeStory(the default story) computes the San Salvador–CECOT distance with turf', () => {
    const { story } = normalizeStory(input, data, files);
    const block = story.chapters.find((c) => c.id === 'cecot')!.body.find((b) => b.type === 'distance');
    expect(block).toMatchObject({ type: 'distance', from: 'san-salvador', to: 'cecot' });
    expect(block?.type === 'distance' ? block.km : NaN).toBeCloseTo(44.8, 1);
  });

  it('normalizeStory draws routes as great circles with their length as caption', () => {
    const { story } = normalizeStory(input, data, files);
    const route = story.routes.features.find((f) => f.id === 'offer-us-prisoners')!;
    expect(route.geometry.type).toBe('LineString');
    expect((route.geometry.coordinates as number[][]).length).toBeGreaterThan(2);
    expect((route.properties as unknown as { caption: string }).caption).toBe('3,050 km');
  });

  it('normalizeStory reports an unknown focus id with the nearest existing one, and keeps the chapter', () => {
    const { story, issues } = normalizeStory(
      small({ chapters: [{ id: 'one', title: 'One', map: { focus: ['aa', 'b'] } }] }),
      smallData,
      { story: 's.json' },
    );
    expect(issues).toEqual([
      {
        severity: 'error',
        file: 's.json',
        path: 'chapters[0].map.focus[0]',
        message: 'no place, route or area has the id "aa"; did you mean "a"?',
      },
    ]);
    expect(story.chapters[0]!.view.focus).toEqual(['b']);
  });

  it('normalizeStory reports duplicate ids across layers and duplicate chapter ids', () => {
    const { issues } = normalizeStory(
      small({
        chapters: [
          { id: 'x', title: 'X' },
          { id: 'x', title: 'Y' },
        ],
      }),
      {
        places: smallData.places,
        areas: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              id: 'a',
              properties: { name: 'A' },
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [0, 0],
                    [1, 0],
                    [1, 1],
                    [0, 0],
                  ],
                ],
              },
            },
          ],
        },
      },
      { story: 's.json', areas: 'areas.geojson' },
    );
    expect(issues.map((i) => [i.file, i.path])).toEqual([
      ['areas.geojson', 'features[0].id'],
      ['s.json', 'chapters[1].id'],
    ]);
  });

  it('normalizeStory never throws on nonsense, and says what it expected', () => {
    for (const bad of [null, 42, 'story', [], { chapters: 'no' }, { title: 'T', chapters: [null, 7, { id: 3 }] }]) {
      const { story, issues } = normalizeStory(bad, { places: 'nope' }, { story: 's.json' });
      expect(issues.length).toBeGreaterThan(0);
      expect(Array.isArray(story.chapters)).toBe(true);
    }
  });

  it('normalizeStory falls back to the overview camera, or all places, when a chapter aims at nothing', () => {
    const withOverview = normalizeStory(
      small({ map: { camera: { center: [-80, 15], zoom: 3 } }, chapters: [{ id: 'one', title: 'One' }] }),
      smallData,
      { story: 's' },
    );
    expect(withOverview.story.chapters[0]!.view.camera).toEqual({ center: [-80, 15], zoom: 3, bearing: 0, pitch: 0 });
    const without = normalizeStory(small({ chapters: [{ id: 'one', title: 'One' }] }), smallData, { story: 's' });
    expect(without.story.chapters[0]!.view.focus).toEqual(['a', 'b']);
  });

  it('normalizeStory turns strings into paragraphs and keeps quotes with their speaker', () => {
    const { story, issues } = normalizeStory(
      small({
        chapters: [
          {
            id: 'one',
            title: 'One',
            body: ['Hi', { type: 'quote', text: 'Q' }, { type: 'quote', text: 'R', speaker: 'S' }],
          },
        ],
      }),
      smallData,
      { story: 's' },
    );
    expect(story.chapters[0]!.body).toEqual([
      { type: 'paragraph', text: 'Hi' },
      { type: 'paragraph', text: 'Q' },
      { type: 'quote', text: 'R', speaker: 'S', role: null, context: null },
    ]);
    expect(issues[0]!.path).toBe('chapters[0].body[1]');
  });
});

describe('parseDay', () => {
  it('parseDay(day) accepts real YYYY-MM-DD days only', () => {
    expect(parseDay('2025-02-04')?.toISOString()).toBe('2025-02-04T00:00:00.000Z');
    for (const bad of ['2025-02-30', '2025-2-4', '04/02/2025', 20250204, null]) expect(parseDay(bad)).toBeNull();
  });
});

describe('safeUrl', () => {
  it('safeUrl(url) keeps web links and drops script URLs', () => {
    expect(safeUrl('https://example.com/a')).toBe('https://example.com/a');
    expect(safeUrl('notes/a.html')).toBe('notes/a.html');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(' JavaScript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,x')).toBeNull();
  });

  it('safeUrl(url) sees through what the URL parser strips: tabs, newlines, control characters', () => {
    expect(safeUrl('java\tscript:alert(1)')).toBeNull();
    expect(safeUrl('java\nscript:alert(1)')).toBeNull();
    expect(safeUrl('\u0001javascript:alert(1)')).toBeNull();
    expect(safeUrl('mailto:desk@example.com')).toBe('mailto:desk@example.com');
    expect(safeUrl('//example.com/a')).toBe('//example.com/a');
    expect(safeUrl('http://[bad')).toBeNull();
  });
});

describe('describe', () => {
  it('describe(visible, highlight) names highlighted features first', () => {
    const { story } = normalizeStory(input, data, files);
    expect(describeView(['cecot', 'san-salvador'], ['cecot'], story.features)).toBe(
      'Map showing CECOT, the Terrorism Confinement Center, with San Salvador.',
    );
  });
});

describe('chapterForFeature', () => {
  it('chapterForFeature(story, id, from) finds the next chapter that highlights the feature, wrapping around', () => {
    const { story } = normalizeStory(input, data, files);
    expect(chapterForFeature(story, 'cecot', 0)!.id).toBe('offer');
    expect(chapterForFeature(story, 'cecot', 1)!.id).toBe('cecot');
    expect(chapterForFeature(story, 'lake-coatepeque', 5)!.id).toBe('lakeside');
    expect(chapterForFeature(story, 'nowhere', 0)).toBeNull();
  });
});
