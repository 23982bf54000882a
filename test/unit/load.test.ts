// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { CheckInput } from '../../src/story/checks.ts';
import {
  loadStory,
  loadStoryData,
  type LoadResult,
  MAX_NESTING,
  nestingPassed,
  READ_ELSEWHERE,
} from '../../src/story/load.ts';
import { normalizeStory } from '../../src/story/normalize.ts';
import { readHere } from '../../src/story/read.ts';
import type { ReadInput } from '../../src/story/run-read.ts';
import { duplicateKeys, locate, parsePath, syntaxIssues } from '../../src/story/locate.ts';
import { formatIssue, type Issue } from '../../src/story/issues.ts';

/** A fetch that serves these files from http://test/, and 404 for anything else. */
function serve(files: Record<string, string>) {
  return async (url: string) => {
    const path = new URL(url).pathname.slice(1);
    return path in files ? new Response(files[path], { status: 200 }) : new Response('not found', { status: 404 });
  };
}

const places = JSON.stringify({
  type: 'FeatureCollection',
  features: [{ type: 'Feature', id: 'a', properties: { name: 'A' }, geometry: { type: 'Point', coordinates: [1, 2] } }],
});

describe('syntaxIssues', () => {
  it('syntaxIssues(text) points at a missing comma with line and column', () => {
    const text = '{\n  "title": "T"\n  "chapters": []\n}';
    const [issue] = syntaxIssues(text, 'story.json');
    expect(issue).toMatchObject({ line: 3, column: 3, severity: 'error' });
    expect(issue!.message).toMatch(/comma is missing/);
    expect(formatIssue(issue!)).toMatch(/^story\.json:3:3: error: JSON syntax: a comma is missing/);
  });

  it('syntaxIssues(text) reports a trailing comma', () => {
    expect(syntaxIssues('{"a": [1, 2,]}', 'x.json')[0]!.message).toMatch(/trailing comma/);
  });
});

describe('locate', () => {
  it('parsePath(path) reads the JSON paths issues carry', () => {
    expect(parsePath('chapters[2].map.focus[0]')).toEqual(['chapters', 2, 'map', 'focus', 0]);
    expect(parsePath('')).toEqual([]);
  });

  it('locate(text, issues) adds the line of the field, or of its nearest parent when missing', () => {
    const text = '{\n  "chapters": [\n    {\n      "id": "x",\n      "map": { "focus": ["nope"] }\n    }\n  ]\n}';
    const [found, missing] = locate(text, [
      { severity: 'error', file: 'f', path: 'chapters[0].map.focus[0]', message: 'm' },
      { severity: 'error', file: 'f', path: 'chapters[0].title', message: 'm' },
    ]);
    expect(found).toMatchObject({ line: 5, column: 26 });
    expect(missing).toMatchObject({ line: 3 });
  });

  it('locate(text, issues) counts lines and columns from 1, and CRLF as one line break', () => {
    const issue = (path: string) => ({ severity: 'error' as const, file: 'f', path, message: 'm' });
    expect(locate('{"a": 1}', [issue(''), issue('a')])).toMatchObject([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
    ]);
    expect(locate('{\r\n  "a": [1,\r\n    2]}', [issue('a[1]'), issue('a[2]')])).toMatchObject([
      { line: 3, column: 5 },
      { line: 2, column: 8 },
    ]);
  });

  it('locate(text, issues) points at the first of a field written twice, as JSON tools find it', () => {
    const text = '{\n "a": {"b": 1},\n "a": {"c": 2}\n}';
    const [b, c] = locate(text, [
      { severity: 'error', file: 'f', path: 'a.b', message: 'm' },
      { severity: 'error', file: 'f', path: 'a.c', message: 'm' },
    ]);
    expect(b).toMatchObject({ line: 2, column: 8 });
    expect(c).toMatchObject({ line: 2, column: 7 });
  });

  it('locate(text, issues) leaves issues that already have a line, and texts with no JSON, alone', () => {
    const placed = { severity: 'error' as const, file: 'f', path: 'a', message: 'm', line: 9, column: 9 };
    expect(locate('{"a": 1}', [placed])).toEqual([placed]);
    expect(locate('', [{ ...placed, line: undefined, column: undefined }])[0]!.line).toBeUndefined();
  });

  it('duplicateKeys(text) points at the second of a field written twice', () => {
    expect(duplicateKeys('{\n "a": [{"x": 1,\n "x": 2}]}', 'f')).toMatchObject([
      { path: 'a[0].x', line: 3, column: 2 },
    ]);
  });
});

describe('loadStory', () => {
  it('loadStory(url) loads the story and the GeoJSON it names, relative to the story file', async () => {
    const fetch = serve({
      's/story.json': JSON.stringify({
        title: 'T',
        data: { places: 'geo/places.geojson' },
        chapters: [{ id: 'one', title: 'One', map: { focus: ['a'] } }],
      }),
      's/geo/places.geojson': places,
    });
    const { story, issues } = await loadStory('http://test/s/story.json', { fetch });
    expect(issues).toEqual([]);
    expect(story.chapters[0]!.view.focus).toEqual(['a']);
  });

  it('loadStory(url) reports a missing file as missing, with the URL tried, not as a parse error', async () => {
    const fetch = serve({
      's/story.json': JSON.stringify({
        title: 'T',
        data: { places: 'gone.geojson' },
        chapters: [{ id: 'one', title: 'One' }],
      }),
    });
    const { story, issues } = await loadStory('http://test/s/story.json', { fetch });
    expect(issues[0]!.message).toBe('the places file is missing: http://test/s/gone.geojson answered HTTP 404');
    expect(story.chapters).toHaveLength(1);
  });

  it('loadStory(url) gives the line of a syntax error in a GeoJSON file and keeps the story', async () => {
    const fetch = serve({
      'story.json': JSON.stringify({
        title: 'T',
        data: { places: 'p.geojson' },
        chapters: [{ id: 'one', title: 'One' }],
      }),
      'p.geojson': '{\n "type": "FeatureCollection",\n "features": [\n ]\n',
    });
    const { story, issues } = await loadStory('http://test/story.json', { fetch });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'http://test/p.geojson', line: 5 });
    expect(story.title).toBe('T');
  });

  it('loadStory(url) gives line numbers to schema issues in the story file', async () => {
    const fetch = serve({
      'story.json':
        '{\n  "title": "T",\n  "chapters": [\n    { "id": "one", "title": "One", "map": { "focus": ["b"] } }\n  ]\n}',
    });
    const { issues } = await loadStory('http://test/story.json', { fetch });
    expect(issues).toMatchObject([{ path: 'chapters[0].map.focus[0]', line: 4 }]);
  });

  it('loadStory(url) refuses a GeoJSON file nested more than MAX_NESTING deep with one error where it passes, and keeps the story', async () => {
    const nested = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`;
    // Brackets inside strings (escaped quotes too) do not count; exactly the limit is read. In `text`
    // the object is level 1, so the 1000th "[" is the first past it.
    expect(nestingPassed(`{"a": "[[[\\"[[[", "b": ${nested(MAX_NESTING - 1)}}`)).toBe(-1);
    const text = `{"type": "FeatureCollection",\n "features": [],\n "x": ${nested(MAX_NESTING)}}`;
    expect(nestingPassed(text)).toBe(text.indexOf('[', text.indexOf('"x"')) + MAX_NESTING - 1);
    const result = await loadStory('http://test/story.json', {
      fetch: serve({
        'story.json': JSON.stringify({
          title: 'T',
          data: { places: 'places.geojson' },
          chapters: [{ id: 'a', title: 'A' }],
        }),
        'places.geojson': text,
      }),
      names: 'http://test/',
    });
    expect(result.story.chapters).toHaveLength(1);
    expect(result.issues.map(formatIssue)).toEqual([
      `places.geojson:3:${6 + MAX_NESTING}: error: arrays and objects are nested more than ${MAX_NESTING} levels deep here: no story or GeoJSON needs that many, and the places file is not read`,
    ]);
  });

  it('loadStory(url) reports a story file that cannot be fetched at all', async () => {
    const { issues } = await loadStory('http://test/story.json', {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(issues).toMatchObject([
      { path: '', message: 'the story file could not be loaded from http://test/story.json (Failed to fetch)' },
    ]);
  });

  it('loadStory(url) reports an HTML page served for an unknown path as a missing file, not as bad JSON', async () => {
    const page = '<!doctype html>\n<html><body>Home</body></html>';
    const result = await loadStory('http://test/story.json', {
      fetch: async () => new Response(page, { headers: { 'content-type': 'text/html' } }),
    });
    expect(result.failed).toBe(true);
    expect(result.issues).toMatchObject([
      {
        path: '',
        message:
          'the story file is missing: http://test/story.json answered with an HTML page, not JSON (check the path)',
      },
    ]);
  });

  it('loadStory(url, {onStory}) shows the story before the checks, with what normalize found', async () => {
    const story = JSON.stringify({
      title: 'T',
      data: { places: 'p.geojson' },
      chapters: [{ id: 'one', title: 'One', tilte: 'x', map: { focus: ['b'] } }],
    });
    const fetch = serve({ 's/story.json': story, 's/p.geojson': places });
    const early: LoadResult[] = [];
    const result = await loadStory('http://test/s/story.json', { fetch, onStory: (r) => early.push(r) });
    const files = [
      { url: 'http://test/s/story.json', text: story },
      { url: 'http://test/s/p.geojson', text: places },
    ];
    expect(early.map((r) => r.files)).toEqual([files]);
    // The early result has what normalize found; the final one adds the format checks.
    expect(early[0]!.issues.map((i) => i.message)).toEqual([
      'no place, route or area has the id "b"; did you mean "a"?',
    ]);
    expect(result.files).toEqual(files);
    expect(result.issues.map((i) => i.message)).toEqual([
      'unknown field "tilte"; did you mean "title"?',
      'no place, route or area has the id "b"; did you mean "a"?',
    ]);
  });

  it('loadStory(url, {onText}) gives the story from its file alone before any GeoJSON has arrived', async () => {
    const story = JSON.stringify({
      title: 'T',
      data: { places: 'p.geojson' },
      chapters: [{ id: 'one', title: 'One', map: { focus: ['a', 'nowhere'] } }],
    });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const files = serve({ 's/story.json': story, 's/p.geojson': places });
    const fetch = async (url: string) => {
      if (url.endsWith('.geojson')) await held;
      return files(url);
    };
    const texts: LoadResult[] = [];
    const early: LoadResult[] = [];
    const loading = loadStory('http://test/s/story.json', {
      fetch,
      onText: (r) => {
        texts.push(r);
        release();
      },
      onStory: (r) => early.push(r),
    });
    const result = await loading;
    expect(texts).toHaveLength(1);
    const [text] = texts;
    // The chapters read; the places are unknown yet, so no id is reported missing.
    expect(text).toMatchObject({ pending: true, failed: false, issues: [], text: story });
    expect(text!.files).toEqual([{ url: 'http://test/s/story.json', text: story }]);
    expect(text!.story.chapters.map((c) => c.title)).toEqual(['One']);
    expect(text!.story.places.features).toEqual([]);
    expect(early.map((r) => r.pending)).toEqual([undefined]);
    expect(result.story.chapters[0]!.view.focus).toEqual(['a']);
    expect(result.issues.map((i) => i.message)).toEqual(['no place, route or area has the id "nowhere"']);
  });

  it('loadStoryData(input, base, file, {onText}) is not called when every layer is inline or absent', async () => {
    const texts: LoadResult[] = [];
    const input = {
      title: 'T',
      data: { places: JSON.parse(places) },
      chapters: [{ id: 'one', title: 'One', map: { focus: ['a'] } }],
    };
    const result = await loadStoryData(input, new URL('http://test/'), 'story', { onText: (r) => texts.push(r) });
    expect(texts).toEqual([]);
    expect(result.story.chapters[0]!.view.focus).toEqual(['a']);
  });

  it('loadStory(url) lists every file it read, story first, with its text as loaded (null when missing)', async () => {
    const story = JSON.stringify({
      title: 'T',
      data: { areas: 'a.geojson', routes: 'gone.geojson', places: 'p.geojson' },
      chapters: [{ id: 'one', title: 'One' }],
    });
    const broken = '{"type": "FeatureCollection", "features": [}';
    const result = await loadStory('http://test/story.json', {
      fetch: serve({ 'story.json': story, 'p.geojson': places, 'a.geojson': broken }),
    });
    expect(result.files).toEqual([
      { url: 'http://test/story.json', text: story },
      { url: 'http://test/p.geojson', text: places },
      { url: 'http://test/gone.geojson', text: null },
      { url: 'http://test/a.geojson', text: broken },
    ]);
  });

  it('loadStory(url) lists the story file alone when it cannot be parsed, with its text', async () => {
    const result = await loadStory('http://test/story.json', { fetch: serve({ 'story.json': '{"title": ' }) });
    expect(result).toMatchObject({
      failed: true,
      text: null,
      files: [{ url: 'http://test/story.json', text: '{"title": ' }],
    });
  });

  it('loadStoryData(input, base) lists only the GeoJSON it read, not the story given as an object', async () => {
    const input = {
      title: 'T',
      data: { places: 'p.geojson', areas: { type: 'FeatureCollection', features: [] } },
      chapters: [{ id: 'one', title: 'One' }],
    };
    const result = await loadStoryData(input, new URL('http://test/s/'), 'story', {
      fetch: serve({ 's/p.geojson': places }),
    });
    expect(result.files).toEqual([{ url: 'http://test/s/p.geojson', text: places }]);
  });

  it('loadStory(url) returns the story file text it parsed, for comparing with the page', async () => {
    const text = JSON.stringify({ title: 'T', chapters: [{ id: 'one', title: 'One' }] });
    const result = await loadStory('http://test/story.json', { fetch: serve({ 'story.json': text }) });
    expect(result).toMatchObject({ text, failed: false });
  });
});

describe('loadStory, cancelled', () => {
  const story = JSON.stringify({ title: 'T', data: { places: 'p.geojson' }, chapters: [{ id: 'one', title: 'One' }] });

  it('loadStory(url, {signal}) passes the signal to every fetch', async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const files = serve({ 'story.json': story, 'p.geojson': places });
    const controller = new AbortController();
    await loadStory('http://test/story.json', {
      signal: controller.signal,
      fetch: (url, init) => {
        signals.push(init?.signal);
        return files(url);
      },
    });
    expect(signals).toEqual([controller.signal, controller.signal]);
  });

  it('loadStory(url, {signal}) rejects at once with the reason of a signal already aborted, fetching nothing', async () => {
    let fetched = 0;
    const promise = loadStory('http://test/story.json', {
      signal: AbortSignal.abort(),
      fetch: async () => {
        fetched++;
        return new Response(story);
      },
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    await expect(
      loadStoryData({}, new URL('http://test/'), 'story', { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(fetched).toBe(0);
  });

  it('loadStory(url, {signal}) rejects with the reason when aborted during a fetch, never turning it into an issue', async () => {
    const controller = new AbortController();
    const fetch = (url: string, init?: { signal?: AbortSignal }) =>
      url.endsWith('story.json')
        ? Promise.resolve(new Response(story))
        : new Promise<Response>((_, reject) => {
            // As fetch does: it rejects with the signal's reason.
            init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
            queueMicrotask(() => controller.abort());
          });
    const onStory = (_: LoadResult) => expect.unreachable('onStory after abort');
    const error = await loadStory('http://test/story.json', { fetch, signal: controller.signal, onStory }).catch(
      (e: unknown) => e,
    );
    expect(error).toBe(controller.signal.reason);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('loadStory(url, {signal}) rejects as soon as it is aborted, even while waiting for the checks', async () => {
    const controller = new AbortController();
    const early: LoadResult[] = [];
    const promise = loadStory('http://test/story.json', {
      fetch: serve({ 'story.json': story, 'p.geojson': places }),
      signal: controller.signal,
      onStory: (r) => {
        early.push(r);
        controller.abort();
      },
      // Never settles: only the abort can end the load.
      checksAfter: () => new Promise(() => {}),
    });
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
    expect(early).toHaveLength(1);
  });
});

describe('loadStory, with a long file read elsewhere', () => {
  /** A places file of `n` places, one per line, long enough past `n` of about 5,000 to be read by `read`. */
  const manyPlaces = (n: number, last = '') =>
    `{"type":"FeatureCollection","features":[\n${Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        type: 'Feature',
        id: `p${i}`,
        properties: { name: `Place number ${i}, somewhere in the Americas`, kind: 'town' },
        geometry: {
          type: 'Point',
          coordinates: [Number((-90 + (i % 50) / 10).toFixed(1)), Number((10 + Math.floor(i / 50) / 10).toFixed(1))],
        },
      }),
    ).join(',\n')}${last}\n]}\n`;
  const long = manyPlaces(6000);
  const storyOf = (focus: string[]) =>
    JSON.stringify({
      title: 'T',
      data: { places: 'p.geojson', areas: 'a.geojson' },
      chapters: [
        { id: 'one', title: 'One', map: { focus } },
        { id: 'two', title: 'Two', map: { focus: ['p7'] } },
      ],
    });
  const areas = JSON.stringify({ type: 'FeatureCollection', features: [] });
  /** The files as issues name them (outside a page: by URL). */
  const F = { story: 'http://test/story.json', p: 'http://test/p.geojson', a: 'http://test/a.geojson' };

  it('loadStory(url, {read}) gives read the long file unparsed, with the story and the files parsed here, and keeps what it answers', async () => {
    expect(long.length).toBeGreaterThanOrEqual(READ_ELSEWHERE);
    const given: ReadInput[] = [];
    const checked: CheckInput[] = [];
    const answer = { story: normalizeStory({}, {}, { story: 'story.json' }).story, issues: [] };
    const result = await loadStory('http://test/story.json', {
      fetch: serve({ 'story.json': storyOf(['p1']), 'p.geojson': long, 'a.geojson': areas }),
      read: async (input) => {
        given.push(input);
        return answer;
      },
      check: async (input) => {
        checked.push(input);
        return [];
      },
    });
    expect(given).toHaveLength(1);
    expect(given[0]!.texts).toEqual({ places: long });
    expect(given[0]!.data).toEqual({ areas: JSON.parse(areas) });
    expect(given[0]!.story).toEqual(JSON.parse(storyOf(['p1'])));
    expect(given[0]!.files).toEqual({ story: F.story, places: F.p, areas: F.a });
    expect(result.story).toBe(answer.story);
    // The checks get the long file's text to parse where they run, and its text for line numbers.
    expect(checked[0]!.layers.places).toEqual({ file: F.p, text: long });
    expect(new Map(checked[0]!.texts).get(F.p)).toBe(long);
  });

  it('loadStory(url, {read}) reads the file here, the same as without read, when read answers null', async () => {
    const files = { 'story.json': storyOf(['p1', 'p2', 'nowhere']), 'p.geojson': long, 'a.geojson': areas };
    const here = await loadStory('http://test/story.json', { fetch: serve(files) });
    const instead = await loadStory('http://test/story.json', { fetch: serve(files), read: async () => null });
    expect(instead.story).toEqual(here.story);
    expect(instead.issues).toEqual(here.issues);
    expect(here.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/no place, route or area has the id "nowhere"/),
    ]);
    // Only the places the chapters show are kept, whichever way the file was read.
    expect(here.story.places.features.map((f) => f.id)).toEqual(['p1', 'p2', 'p7']);
  });

  it('loadStory(url, {read}) reports a long file that does not parse with its line, when read leaves it', async () => {
    const broken = manyPlaces(6000, ',');
    const lines = broken.split('\n');
    const result = await loadStory('http://test/story.json', {
      fetch: serve({ 'story.json': storyOf(['p1']), 'p.geojson': broken, 'a.geojson': areas }),
      read: async () => null,
    });
    expect(result.issues).toEqual([
      // The `]` after the comma, on the line before the file's last (empty) one.
      expect.objectContaining({ file: F.p, severity: 'error', line: lines.length - 1, column: 1 }),
    ]);
    expect(result.story.chapters.map((c) => c.id)).toEqual(['one', 'two']);
  });

  it('loadStory(url, {read}) does not call read for files shorter than READ_ELSEWHERE', async () => {
    const result = await loadStory('http://test/story.json', {
      fetch: serve({ 'story.json': storyOf(['a']), 'p.geojson': places, 'a.geojson': areas }),
      read: () => expect.unreachable('read for a short file'),
    });
    expect(result.story.places.features.map((f) => f.id)).toEqual(['a']);
  });
});

describe('readHere', () => {
  const long = `{"type":"FeatureCollection","features":[\n${Array.from({ length: 6000 }, (_, i) =>
    JSON.stringify({
      type: 'Feature',
      // p9 is written as p5: an id given twice, which normalize reports on the file's line 11.
      id: i === 9 ? 'p5' : `p${i}`,
      properties: { name: `Place number ${i}, somewhere in the Americas`, kind: 'town' },
      geometry: { type: 'Point', coordinates: [Number((-90 + (i % 50) / 10).toFixed(1)), 10] },
    }),
  ).join(',\n')}\n]}\n`;
  const areas = JSON.stringify({ type: 'FeatureCollection', features: [] });
  // A first chapter with no map, in a story with no camera and no bounds: it frames every place.
  const storyText = JSON.stringify({
    title: 'T',
    data: { places: 'p.geojson', areas: 'a.geojson' },
    chapters: [
      { id: 'intro', title: 'Intro' },
      { id: 'one', title: 'One', map: { focus: ['p1', 'nowhere'] } },
    ],
  });
  const F = { story: 'http://test/story.json', places: 'http://test/p.geojson', areas: 'http://test/a.geojson' };
  const input = (text: string): ReadInput => ({
    story: JSON.parse(storyText),
    data: { areas: JSON.parse(areas) },
    texts: { places: text },
    files: F,
  });

  it('readHere(input), copied as a worker sends it, is the story and the issues a load on this thread shows', async () => {
    let early: LoadResult | undefined;
    await loadStory('http://test/story.json', {
      fetch: serve({ 'story.json': storyText, 'p.geojson': long, 'a.geojson': areas }),
      onStory: (r) => (early = r),
    });
    const answer = structuredClone(readHere(input(long)))!;
    expect(answer.story).toEqual(early!.story);
    // The intro frames every place, so every one is kept (shownOnly).
    expect(answer.story.places.features).toHaveLength(6000);
    // The long file's issues have their lines already; the story file's get theirs on the page.
    expect(answer.issues.filter((i) => i.file === F.places)).toEqual([
      expect.objectContaining({ path: 'features[9].id', line: 11 }),
    ]);
    expect(answer.issues.filter((i) => i.file === F.places)).toEqual(early!.issues.filter((i) => i.file === F.places));
    const unlocated = (list: readonly Issue[]) => list.map(({ line: _l, column: _c, ...rest }) => rest);
    expect(unlocated(answer.issues)).toEqual(unlocated(early!.issues));
    // Without the intro, only the place the chapter shows comes back.
    const story = JSON.parse(storyText);
    const framed = readHere({ ...input(long), story: { ...story, chapters: story.chapters.slice(1) } });
    expect(framed!.story.places.features.map((f) => f.id)).toEqual(['p1']);
  });

  it('readHere(input) is null for a long file nested too deep or not JSON, for the page to report', () => {
    expect(readHere(input(`${'['.repeat(MAX_NESTING + 1)}${']'.repeat(MAX_NESTING + 1)}`))).toBeNull();
    expect(readHere(input(long.replace(/\n\]\}\n$/, ',\n]}\n')))).toBeNull();
  });
});
