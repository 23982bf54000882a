import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeStory, shownOnly } from '../../src/story/normalize.ts';
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
  it('normalizeStory(story) leaves mistakes of format to the checker, and keeps a usable story', () => {
    const { story, issues } = normalizeStory(
      {
        title: '  ',
        published: 'soon',
        lang: 'xx-!!',
        chapters: [
          { id: 'two words', title: 'One', map: { focus: ['a', '', 7], show: 'b', camera: { zoom: 'far' } } },
          { title: 7, body: [{ type: 'qoute', text: 'Q' }, 42, { type: 'distance', to: 'b' }] },
        ],
        events: [{ date: '2025-02-30', label: 'x', chapter: 'nowhere' }, { date: '2025-02-03' }],
      },
      smallData,
      { story: 's.json' },
    );
    expect(issues).toEqual([]);
    expect(story).toMatchObject({ title: 'Untitled story', published: null, lang: 'en', events: [] });
    expect(story.chapters.map((c) => [c.id, c.title])).toEqual([
      ['two words', 'One'],
      ['chapter-2', 'chapter-2'],
    ]);
    expect(story.chapters[0]!.view).toMatchObject({ camera: null, focus: ['a'], visible: ['a'], description: null });
    expect(story.chapters[1]!.body).toEqual([{ type: 'paragraph', text: 'Q' }]);
  });

  it('normalizeStory(story) reports a chapter id given twice, unless no link could use it anyway', () => {
    const { story, issues } = normalizeStory(
      small({
        chapters: [
          { id: 'x', title: 'X' },
          { id: 'x', title: 'Y' },
          { id: 'two words', title: 'Z' },
          { id: 'two words', title: 'W' },
        ],
      }),
      smallData,
      { story: 's.json' },
    );
    expect(issues).toEqual([
      {
        severity: 'error',
        file: 's.json',
        path: 'chapters[1].id',
        message: 'duplicate chapter id "x": chapter ids must be unique',
      },
    ]);
    expect(story.chapters.map((c) => c.id)).toEqual(['x', 'x-2', 'two words', 'two words-4']);
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
    expect(story.events[0]!.written).toBe('2019-06-01');
    const after = story.events.filter((e) => e.after).map((e) => e.written);
    expect(after.every((d) => d > '2025-02-04')).toBe(true);
    expect(story.events.filter((e) => !e.after).every((e) => e.written <= '2025-02-04')).toBe(true);
    expect(story.chapters.filter((c) => c.after).map((c) => c.id)).toEqual(['transfers', 'swap']);
  });

  it('normalizeStory(story) takes events dated by a month or a year, sorted at their start, a year before the days in it', () => {
    const { story } = normalizeStory(
      small({
        published: '1942-06-05',
        chapters: [
          { id: 'one', title: 'One' },
          { id: 'two', title: 'Two' },
        ],
        events: [
          { date: '1942-06-04', label: 'day', chapter: 'one' },
          { date: '1942', label: 'year', chapter: 'two' },
          { date: '1741-06', label: 'month', chapter: 'one' },
          { date: '1942-06', label: 'June', chapter: 'two' },
          { date: '1942-07-01', label: 'after', chapter: 'two' },
          { date: '1942-13', label: 'no such month' },
        ],
      }),
      smallData,
      { story: 's.json' },
    );
    expect(story.events.map((e) => [e.written, e.when.precision, e.after])).toEqual([
      ['1741-06', 'month', false],
      ['1942', 'year', false],
      ['1942-06', 'month', false],
      ['1942-06-04', 'day', false],
      ['1942-07-01', 'day', true],
    ]);
    expect(story.events[1]!.when).toEqual({
      start: new Date('1942-01-01T00:00Z'),
      end: new Date('1943-01-01T00:00Z'),
      precision: 'year',
    });
    // A chapter's period runs from the first event to start to the last to end.
    const period = (id: string) =>
      story.chapters.find((c) => c.id === id)!.period!.map((w) => w.start.toISOString().slice(0, 10));
    expect(period('one')).toEqual(['1741-06-01', '1942-06-04']);
    expect(period('two')).toEqual(['1942-01-01', '1942-01-01']);
    // A year that holds the publication day is not after it, though part of it is.
    expect(story.chapters.map((c) => c.after)).toEqual([false, false]);
  });

  it('normalizeStory(the default story) sets apart, in the text, what came after the article in chapters before it', () => {
    const { story } = normalizeStory(input, data, files);
    const mixed = story.chapters.filter((c) => !c.after && story.events.some((e) => e.chapter === c.id && e.after));
    expect(mixed.map((c) => c.id)).toEqual(['legal', 'deportations']);
    for (const c of mixed)
      expect(
        c.body.some((b) => b.type === 'note' && b.label === 'After this report'),
        c.id,
      ).toBe(true);
    // A chapter's dates run to its last event: the transfers chapter to 6 June, not 26 March.
    const transfers = story.chapters.find((c) => c.id === 'transfers')!;
    expect(transfers.period!.map((w) => w.start.toISOString().slice(0, 10))).toEqual(['2025-03-15', '2025-06-06']);
    // The announcement and the memorandum of 29 January are two events.
    expect(story.events.filter((e) => e.written === '2025-01-29').map((e) => e.id)).toEqual([
      'guantanamo-beds',
      'guantanamo-memorandum',
    ]);
    expect(story.events.find((e) => e.id === 'state-of-exception')!.label).toMatch(
      /^The Legislative Assembly .*Decree 333/,
    );
  });

  it('normalizeStory(the default story) computes the San Salvador–CECOT distance with turf', () => {
    const { story } = normalizeStory(input, data, files);
    const block = story.chapters.find((c) => c.id === 'cecot')!.body.find((b) => b.type === 'distance');
    expect(block).toMatchObject({ type: 'distance', from: 'san-salvador', to: 'cecot' });
    expect(block?.type === 'distance' ? block.km : NaN).toBeCloseTo(44.8, 1);
  });

  it('normalizeStory(story) draws routes as great circles, and leaves their caption to the map', () => {
    const { story } = normalizeStory(input, data, files);
    const route = story.routes.features.find((f) => f.id === 'offer-us-prisoners')!;
    expect(route.geometry.type).toBe('LineString');
    expect((route.geometry.coordinates as number[][]).length).toBeGreaterThan(2);
    expect(route.properties).not.toHaveProperty('caption');
  });

  it('normalizeStory(story) keeps only colours the format allows: CSS text never reaches the map or the map key', () => {
    const colors = ['#b5361d', '#abc', 'red; background-image: url(https://example.com/x.png)', 'url(x)', 'red', 7];
    const places = {
      type: 'FeatureCollection',
      features: colors.map((color, i) => place(`p${i}`, [-74, 4.6], { color })),
    };
    const { story } = normalizeStory(small(), { places }, { story: 's.json', places: 'p.geojson' });
    expect(story.places.features.map((f) => (f.properties as { color?: unknown }).color)).toEqual([
      '#b5361d',
      '#abc',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(story.places.features.filter((f) => 'color' in f.properties)).toHaveLength(2);
  });

  it('normalizeStory(story) reports an unknown focus id with the nearest existing one, and keeps the chapter', () => {
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

  it('normalizeStory(story) reports duplicate ids across layers and duplicate chapter ids', () => {
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

  it('normalizeStory(nonsense) never throws, and the story is still usable', () => {
    for (const bad of [null, 42, 'story', [], { chapters: 'no' }, { title: 'T', chapters: [null, 7, { id: 3 }] }]) {
      const { story, issues } = normalizeStory(bad, { places: 'nope' }, { story: 's.json' });
      expect(issues).toEqual([]);
      expect(Array.isArray(story.chapters)).toBe(true);
      expect(story.title).toBe(bad !== null && typeof bad === 'object' && 'title' in bad ? 'T' : 'Untitled story');
    }
  });

  it('normalizeStory(story) never throws on features the map cannot draw (both used to throw)', () => {
    const feature = (id: string, type: string, coordinates: unknown) => ({
      type: 'Feature',
      id,
      properties: { name: id },
      geometry: { type, coordinates },
    });
    const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
    const { story, issues } = normalizeStory(
      small({
        chapters: [{ id: 'one', title: 'One', body: [{ type: 'distance', from: 'p', to: 'q', text: 'Far.' }] }],
      }),
      {
        places: collection(feature('p', 'Point', null), feature('q', 'Point', [1, 2])),
        routes: collection(feature('r', 'LineString', null)),
      },
      { story: 's.json' },
    );
    expect(issues).toEqual([]);
    expect(story.chapters[0]!.body).toEqual([{ type: 'paragraph', text: 'Far.' }]);
    expect(story.routes.features.map((r) => r.geometry)).toEqual([{ type: 'LineString', coordinates: null }]);
  });

  it('normalizeStory(story) reports a distance to what is not a place, and an event naming no chapter', () => {
    const { story, issues } = normalizeStory(
      small({
        chapters: [
          {
            id: 'one',
            title: 'One',
            body: [
              { type: 'distance', from: 'a', to: 'bb' },
              { type: 'distance', from: 'a' },
            ],
          },
        ],
        events: [{ date: '2025-02-03', label: 'L', chapter: 'onr' }],
      }),
      smallData,
      { story: 's.json' },
    );
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['chapters[0].body[0].to', 'a distance runs between two places; "bb" is not a place id; did you mean "b"?'],
      ['events[0].chapter', 'no chapter has the id "onr"; did you mean "one"?'],
    ]);
    expect(story.events[0]!.chapter).toBeNull();
  });

  it('normalizeStory(story) says nothing about ids when a GeoJSON file could not be read', () => {
    const { issues } = normalizeStory(
      small({ chapters: [{ id: 'one', title: 'One', map: { focus: ['a', 'zz'] } }] }),
      { places: smallData.places, areas: null },
      { story: 's.json' },
    );
    expect(issues).toEqual([]);
  });

  it('normalizeStory(story) falls back to the overview camera, or all places, when a chapter aims at nothing', () => {
    const withOverview = normalizeStory(
      small({ map: { camera: { center: [-80, 15], zoom: 3 } }, chapters: [{ id: 'one', title: 'One' }] }),
      smallData,
      { story: 's' },
    );
    expect(withOverview.story.chapters[0]!.view.camera).toEqual({ center: [-80, 15], zoom: 3, bearing: 0, pitch: 0 });
    const without = normalizeStory(small({ chapters: [{ id: 'one', title: 'One' }] }), smallData, { story: 's' });
    expect(without.story.chapters[0]!.view.focus).toEqual(['a', 'b']);
  });

  it('normalizeStory(story) marks a chapter that aims at nothing of its own (it shows the story: whole)', () => {
    const { story } = normalizeStory(
      small({
        chapters: [
          { id: 'none', title: 'No map' },
          { id: 'shown', title: 'Shown only', map: { show: ['b'] } },
          { id: 'focus', title: 'Focus', map: { focus: ['a'] } },
          { id: 'camera', title: 'Camera', map: { camera: { center: [-80, 15], zoom: 3 } } },
        ],
      }),
      smallData,
      { story: 's' },
    );
    expect(story.chapters.map((c) => [c.id, c.view.whole])).toEqual([
      ['none', true],
      ['shown', true],
      ['focus', false],
      ['camera', false],
    ]);
  });

  it('normalizeStory(story) gives a chapter with "map": "previous" the previous chapter\'s map, the same view', () => {
    const { story, issues } = normalizeStory(
      small({
        chapters: [
          { id: 'one', title: 'One', map: { focus: ['a'], show: ['b'], description: 'A and B.' } },
          { id: 'two', title: 'Two', map: 'previous' },
          { id: 'three', title: 'Three', map: 'previous' },
          { id: 'four', title: 'Four', map: { focus: ['b'] } },
          { id: 'five', title: 'Five', map: 'previous' },
        ],
      }),
      smallData,
      { story: 's' },
    );
    expect(issues).toEqual([]);
    const [one, two, three, four, five] = story.chapters.map((c) => c.view);
    // The same object: nothing about the map changes, so it does not move.
    expect(two).toBe(one);
    expect(three).toBe(one);
    expect(five).toBe(four);
    expect(one).toMatchObject({ focus: ['a'], visible: ['a', 'b'], description: 'A and B.', whole: false });
  });

  it('normalizeStory(story) shows the story\'s area for "map": "previous" on the first chapter (the checker names it)', () => {
    const { story, issues } = normalizeStory(
      small({
        map: { camera: { center: [-80, 15], zoom: 3 } },
        chapters: [
          { id: 'one', title: 'One', map: 'previous' },
          { id: 'two', title: 'Two', map: 'previous' },
        ],
      }),
      smallData,
      { story: 's' },
    );
    expect(issues).toEqual([]);
    expect(story.chapters[0]!.view).toMatchObject({ camera: { center: [-80, 15], zoom: 3 }, visible: [], whole: true });
    expect(story.chapters[1]!.view).toBe(story.chapters[0]!.view);
  });

  it('normalizeStory(story) turns strings into paragraphs and keeps quotes with their speaker', () => {
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
    expect(issues).toEqual([]);
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

describe('shownOnly', () => {
  it('shownOnly(story) keeps the features some chapter shows, in every layer and in features, and nothing else', () => {
    const line = (id: string) => ({
      type: 'Feature',
      id,
      properties: { name: id },
      geometry: {
        type: 'LineString',
        coordinates: [
          [-74, 4.6],
          [-77, -12],
        ],
      },
    });
    const box = (id: string) => ({
      type: 'Feature',
      id,
      properties: { name: id },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [-75, 4],
            [-74, 4],
            [-74, 5],
            [-75, 4],
          ],
        ],
      },
    });
    const { story } = normalizeStory(
      small({
        chapters: [
          { id: 'one', title: 'One', map: { focus: ['a'], highlight: ['r'] } },
          { id: 'two', title: 'Two', map: { focus: ['c'], show: ['z'] } },
        ],
      }),
      {
        places: {
          type: 'FeatureCollection',
          features: [place('a', [-74, 4.6]), place('b', [-77, -12]), place('c', [-70, 0])],
        },
        routes: { type: 'FeatureCollection', features: [line('r'), line('s')] },
        areas: { type: 'FeatureCollection', features: [box('y'), box('z')] },
      },
      { story: 's.json' },
    );
    const shown = shownOnly(story);
    expect(shown.places.features.map((f) => f.id)).toEqual(['a', 'c']);
    expect(shown.routes.features.map((f) => f.id)).toEqual(['r']);
    expect(shown.areas.features.map((f) => f.id)).toEqual(['z']);
    expect([...shown.features.keys()].sort()).toEqual(['a', 'c', 'r', 'z']);
    // The rest of the story is the story's own.
    expect(shown.chapters).toBe(story.chapters);
    expect(shown.places.features[0]).toBe(story.places.features[0]);
  });

  it('shownOnly(story) keeps every place when a chapter frames the whole story by its places', () => {
    const { story } = normalizeStory(small({ chapters: [{ id: 'one', title: 'One' }] }), smallData, {
      story: 's.json',
    });
    expect(shownOnly(story).places.features.map((f) => f.id)).toEqual(['a', 'b']);
  });
});
