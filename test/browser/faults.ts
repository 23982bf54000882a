/**
 * The fault table (issue 11, "the reader's state survives faults"): what an editor, a site, a network
 * or a browser can do to the story, each with how a test causes it and where its failure must be named.
 * faults.test.ts walks it and asserts, for every row: the text reads, the failure is named there, no
 * uncaught error (pageerror, console errors other than the row's own report), and no growth of live
 * WebGL contexts (counted by wrapping getContext: contexts made minus those lost or released).
 *
 * Rows whose finer points are tested elsewhere say so (`also`); the table holds the cases that were
 * tested on their own before (texts over their limits, the story file that cannot load, a missing
 * GeoJSON file, the slow map code), so each is loaded once.
 */
import type { Page, Route } from 'playwright-core';
import { expect } from 'vitest';
import { lostNote } from '../../src/map/failure.ts';
import { CAPITALS, capitalsStory } from './capitals.ts';
import { loseContext, settle } from './story.ts';

/** Where a failure is named. */
export type Where =
  /** The preview panel's issue lines (`?edit`), as the checker prints them: where an editor looks. */
  | 'panel'
  /** The text column's failure block (`.load-failed`): where the reader looks when there is no story. */
  | 'text column'
  /** The note under the map (its status line): where the reader looks at the map. */
  | 'map note'
  /** story-error's issues (for the site) and the element's console line (for whoever has no panel). */
  | 'story-error'
  /** The motion button's pressed state. */
  | 'motion button'
  /** Nothing fails: nothing may be reported. */
  | 'nothing';

export interface Fault {
  name: string;
  /** How the test causes it, in words (the report's table). */
  cause: string;
  where: Where;
  /** What must be named there (every pattern matches one line). */
  named: RegExp[];
  /** The page to open, relative to the site (default: the story page). */
  path?: string;
  /** Routes to set before the page opens. */
  setup?: (page: Page) => Promise<void>;
  /** What the reader does, or what befalls the page, once it has opened; may record the failure's name. */
  act?: (page: Page, note: (line: string) => void) => Promise<void>;
  /** The chapter headings the text shows (default: some heading and some paragraph, visible). */
  text?: (page: Page) => Promise<void>;
  /** The live WebGL contexts at the end: 1 (the story's map), 0 when there is no map. */
  contexts?: 0 | 1;
  /** Console errors the row causes on purpose (a 404 the browser logs), besides the element's own issue lines. */
  console?: RegExp[];
  reducedMotion?: 'reduce' | 'no-preference';
  /** Where its finer points are tested. */
  also?: string;
}

/** Serves `files` (name → JSON value or raw text) under `**\/<dir>/`; others answer 404. */
export function serve(dir: string, files: Record<string, unknown>) {
  return async (page: Page) => {
    await page.route(new RegExp(`/${dir}/[^/?#]+$`), (route: Route) => {
      const name = new URL(route.request().url()).pathname.split('/').pop()!;
      const body = files[name];
      if (body === undefined) return route.fulfill({ status: 404, body: 'not found' });
      return typeof body === 'string'
        ? route.fulfill({ status: 200, contentType: 'application/json', body })
        : route.fulfill({ json: body });
    });
  };
}

/** The map view's note (its `.loading` line), or null. */
export const mapNote = (page: Page) =>
  page.evaluate(
    () =>
      document
        .querySelector('story-map')
        ?.renderRoot.querySelector('story-map-view')
        ?.renderRoot.querySelector('.loading')
        ?.textContent?.trim() ?? null,
  );

/** A text of `n` characters (no space at either end: the checker measures texts trimmed). */
const huge = (n: number) => `${'Ciudad de los Reyes '.repeat(Math.ceil(n / 20)).slice(0, n - 1)}.`;

/** Texts far over their limits (they threw in MapLibre's layout, 17 times a load, and froze the tab at 100,000). */
const LONG = {
  story: {
    title: huge(100_000),
    lang: 'en',
    data: { places: 'places.geojson', routes: 'routes.geojson' },
    events: [{ date: '2020-01-01', label: huge(100_000), chapter: 'one' }],
    chapters: [
      {
        id: 'one',
        title: 'Chapter one',
        body: [huge(50_000)],
        map: { focus: ['a', 'b'], highlight: ['a', 'b', 'r'] },
      },
    ],
  },
  places: {
    ...CAPITALS,
    features: CAPITALS.features.map((f) => (f.id === 'b' ? { ...f, properties: { name: huge(20_000) } } : f)),
  },
  routes: {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        id: 'r',
        properties: { name: 'A route', label: huge(100_000) },
        geometry: {
          type: 'LineString',
          coordinates: [
            [-74.08, 4.61],
            [-77.04, -12.05],
          ],
        },
      },
    ],
  },
};

const withPlaces = (properties: Record<string, string>[]) => ({
  ...CAPITALS,
  features: CAPITALS.features.map((f, i) => ({ ...f, properties: { ...f.properties, ...properties[i] } })),
});

/** The reader's first input, then the map drawn. */
const read = (page: Page) => settle(page, { timeout: 30_000 });

/** The text column's failure block, and its way back to the site's own story. */
const failureBlock = async (page: Page) => {
  const failure = page.locator('story-map .load-failed');
  await failure.waitFor();
  expect(await failure.locator('h2').textContent()).toBe('This story could not be loaded');
  const back = page.locator('story-map > [slot="failed"] a');
  expect(await back.isVisible()).toBe(true);
  expect(new URL(await back.evaluate((a) => (a as HTMLAnchorElement).href)).search).toBe('');
  // The panel says there is no map, and why in one line.
  expect(await page.locator('story-map .failed').textContent()).toBe('No map: the story file could not be loaded.');
};

const NOWHERE = {
  'home.json': '<!doctype html><html><body>Home</body></html>',
  'broken.json': '{\n  "title": "T"\n  "chapters": []\n}',
};
const cannotLoad = async (page: Page) => {
  await page.route('**/nowhere/*.json', (r) => {
    const name = new URL(r.request().url()).pathname.split('/').pop()!;
    if (name === 'home.json') return r.fulfill({ status: 200, contentType: 'text/html', body: NOWHERE[name] });
    if (name === 'broken.json') return r.fulfill({ status: 200, contentType: 'application/json', body: NOWHERE[name] });
    return r.fulfill({ status: 404, body: 'not found' });
  });
};

const CANARY = 'http://canary.invalid';

export const FAULTS: Fault[] = [
  {
    name: 'a colour that is CSS text',
    cause: `a place's color "red; background-image: url(${CANARY}/a.png)", another's "url(${CANARY}/b.png)"`,
    where: 'panel',
    named: [
      /places\.geojson:\d+:\d+: error: a colour written #rrggbb or #rgb, like "#b5361d" \[features\[0\]\.properties\.color\]/,
      /places\.geojson:\d+:\d+: error: a colour written #rrggbb or #rgb, like "#b5361d" \[features\[1\]\.properties\.color\]/,
    ],
    path: '?story=colour/story.json&edit',
    setup: serve('colour', {
      'story.json': capitalsStory('A story with CSS for colours'),
      'places.geojson': withPlaces([
        { color: `red; background-image: url(${CANARY}/a.png)` },
        { color: `url(${CANARY}/b.png)` },
      ]),
    }),
    act: read,
    also: 'xss.test.ts (colour payloads in every place, route and area)',
  },
  {
    name: 'texts of 20,000 to 100,000 characters',
    cause:
      'a 100,000-character title, event label and route label, a 50,000-character paragraph, a 20,000-character place name',
    where: 'panel',
    named: [
      /story\.json:\d+:\d+: error: is 100,000 characters long: at most 300 are allowed here, .* \[title\]/,
      /story\.json:\d+:\d+: error: is 100,000 characters long: .* \[events\[0\]\.label\]/,
      /story\.json:\d+:\d+: error: is 50,000 characters long: at most 10,000 are allowed here, .* \[chapters\[0\]\.body\[0\]\]/,
      /places\.geojson:\d+:\d+: error: is 20,000 characters long: .* \[features\[1\]\.properties\.name\]/,
      /routes\.geojson:\d+:\d+: error: is 100,000 characters long: .* \[features\[0\]\.properties\.label\]/,
    ],
    path: '?story=long/story.json&edit',
    setup: serve('long', {
      'story.json': LONG.story,
      'places.geojson': LONG.places,
      'routes.geojson': LONG.routes,
    }),
    act: async (page) => {
      await read(page);
      // The map drew the long-named place (its label cut: style.test.ts) and the route's caption, once
      // the preview panel is closed to its line (open, it takes a quarter of the map's height, and the
      // caption is longer than the route).
      await page.locator('story-map story-map-editor summary').click();
      await read(page);
      const drawn = await page.evaluate(() => {
        const map = document.querySelector('story-map')!.map!;
        return [...new Set(map.queryRenderedFeatures().map((f) => `${f.source}:${f.properties.id ?? ''}`))].sort();
      });
      expect(drawn).toEqual(expect.arrayContaining(['places:a', 'places:b', 'route-labels:r']));
    },
    text: async (page) => {
      // The text reads whole.
      expect(await page.locator('story-map h1').evaluate((h) => h.textContent?.length)).toBe(100_000);
      expect(await page.locator('story-map #one p:not(.sm-map-description)').first().isVisible()).toBe(true);
    },
    also: 'limits.test.ts (a 100,000-character id, and the page answering meanwhile)',
  },
  {
    name: 'reduced motion',
    cause: 'prefers-reduced-motion: reduce; goTo() across the story',
    where: 'motion button',
    named: [/^aria-pressed=true$/],
    reducedMotion: 'reduce',
    act: async (page, note) => {
      await read(page);
      const moving = await page.evaluate(async () => {
        const el = document.querySelector('story-map')!;
        await el.goTo('deportations');
        await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(r));
        return el.map!.isMoving();
      });
      expect(moving, 'a jump, not a flight').toBe(false);
      note(`aria-pressed=${await page.locator('story-map button.motion').getAttribute('aria-pressed')}`);
    },
    also: 'lifecycle.test.ts, "motion" (move events counted, with and without the preference)',
  },
  {
    name: 'a ?story= file that is missing',
    cause: '?story=nowhere/missing.json answers HTTP 404',
    where: 'text column',
    named: [/^nowhere\/missing\.json: error: the story file is missing: .*\/nowhere\/missing\.json answered HTTP 404/],
    path: '?story=nowhere/missing.json',
    setup: cannotLoad,
    text: async (page) => {
      await failureBlock(page);
      // The way back works.
      await page.locator('story-map > [slot="failed"] a').click();
      await page.waitForURL((url) => url.search === '');
      await page.locator('story-map section[data-chapter] h2').first().waitFor();
    },
    contexts: 0,
    console: [/Failed to load resource: the server responded with a status of 404/],
  },
  {
    name: 'a ?story= file that is an HTML page',
    cause: '?story=nowhere/home.json answers an HTML page',
    where: 'text column',
    named: [
      /^nowhere\/home\.json: error: the story file is missing: .*\/nowhere\/home\.json answered with an HTML page, not JSON/,
    ],
    path: '?story=nowhere/home.json',
    setup: cannotLoad,
    text: failureBlock,
    contexts: 0,
  },
  {
    name: 'a ?story= file of broken JSON',
    cause: '?story=nowhere/broken.json is missing a comma',
    where: 'text column',
    named: [/^nowhere\/broken\.json:3:3: error: JSON syntax: /],
    path: '?story=nowhere/broken.json',
    setup: cannotLoad,
    text: failureBlock,
    contexts: 0,
  },
  {
    name: 'a slow network',
    cause: "the map's code is held back after the reader's first input, then let through",
    where: 'map note',
    named: [
      /^The interactive map is slow to load \(its code, on a slow connection\?\); the picture shows this chapter meanwhile\.$/,
    ],
    act: async (page, note) => {
      const held: Route[] = [];
      await page.route(/\/assets\/engine-[^/]+\.js$/, (route) => void held.push(route));
      await page.locator('story-map section[data-chapter] h2').first().waitFor();
      await page.keyboard.press('Shift');
      // Said once the load has been slow (SLOW_MS), to screen readers too.
      await expect.poll(() => mapNote(page), { timeout: 15_000 }).toMatch(/slow to load/);
      note((await mapNote(page))!);
      for (const route of held) await route.continue();
      await read(page);
      expect(await mapNote(page)).toBe(null);
    },
    also: 'lifecycle.test.ts, "loads the map library at the first input" (the steps said while it comes)',
  },
  {
    name: 'a GeoJSON file that is missing',
    cause: "the story's places file answers HTTP 404",
    where: 'story-error',
    named: [/^broken\/places\.geojson: error: the places file is missing: .* answered HTTP 404/],
    path: '?story=broken/story.json',
    setup: serve('broken', { 'story.json': capitalsStory('A story without its places') }),
    act: read,
    console: [/Failed to load resource: the server responded with a status of 404/],
    also: 'editing.test.ts ("keeps the story working when a GeoJSON file is broken")',
  },
  {
    name: 'a truncated GeoJSON file',
    cause: 'the places file cut in the middle',
    where: 'panel',
    named: [/places\.geojson:\d+:\d+: error: JSON syntax: /],
    path: '?story=cut/story.json&edit',
    setup: serve('cut', {
      'story.json': capitalsStory('A story with half a places file'),
      'places.geojson': JSON.stringify(CAPITALS, null, 2).slice(0, 300),
    }),
    act: read,
  },
  {
    name: 'a 20 MB GeoJSON file',
    cause: 'the places file padded to 20 MB (a note of 20 million characters)',
    where: 'panel',
    named: [/places\.geojson:1:1: warning: this file is 20\.0 MB, and every reader downloads all of it/],
    path: '?story=big/story.json&edit',
    setup: serve('big', {
      'story.json': capitalsStory('A story with a 20 MB places file'),
      'places.geojson': withPlaces([{ note: 'x'.repeat(20 * 1024 * 1024) }, {}]),
    }),
    act: read,
  },
  {
    name: 'a story with no chapters',
    cause: 'chapters: []',
    where: 'panel',
    named: [/story\.json:\d+:\d+: error: a story needs at least one chapter, got an empty list \[chapters\]/],
    path: '?story=empty/story.json&edit',
    setup: serve('empty', {
      'story.json': { ...capitalsStory('A story with no chapters'), chapters: [] },
      'places.geojson': CAPITALS,
    }),
    act: read,
    text: async (page) => {
      expect(await page.locator('story-map h1').textContent()).toBe('A story with no chapters');
    },
  },
  {
    name: 'ids that name nothing',
    cause: 'a chapter focuses "nowhere", an event names the chapter "nowhere"',
    where: 'panel',
    named: [
      /story\.json:\d+:\d+: error: no place, route or area has the id "nowhere".* \[chapters\[0\]\.map\.focus\[1\]\]/,
      /story\.json:\d+:\d+: error: no chapter has the id "nowhere".* \[events\[0\]\.chapter\]/,
    ],
    path: '?story=unknown/story.json&edit',
    setup: serve('unknown', {
      'story.json': (() => {
        const s = capitalsStory('A story with ids that name nothing');
        return {
          ...s,
          events: [{ ...s.events[0]!, chapter: 'nowhere' }],
          chapters: [{ ...s.chapters[0]!, map: { focus: ['a', 'nowhere'] } }, s.chapters[1]!],
        };
      })(),
      'places.geojson': CAPITALS,
    }),
    act: read,
  },
  {
    name: "the map's WebGL context lost, then restored",
    cause: 'WEBGL_lose_context: loseContext(), then restoreContext()',
    where: 'map note',
    named: [new RegExp(`^${lostNote(true).replace(/[.()]/g, '\\$&')}$`)],
    act: async (page, note) => {
      await read(page);
      await loseContext(page, 'loseContext');
      await expect.poll(() => mapNote(page), { timeout: 20_000 }).toBe(lostNote(true));
      note((await mapNote(page))!);
      await loseContext(page, 'restoreContext');
      await expect.poll(() => mapNote(page), { timeout: 20_000 }).toBe(null);
      await settle(page);
    },
    also: 'still.test.ts (the still of the active chapter meanwhile, its markers where the map had them)',
  },
  {
    name: 'the element removed and added again 20 times',
    cause: '20 times: removed, a frame, added back (the last one settled)',
    where: 'nothing',
    named: [],
    act: async (page) => {
      await read(page);
      await page.evaluate(async () => {
        const el = document.querySelector('story-map')!;
        const parent = el.parentElement!;
        for (let i = 0; i < 20; i++) {
          el.remove();
          await new Promise((r) => requestAnimationFrame(r));
          parent.append(el);
          // Mostly before its map is back (a map being made must go too), every tenth time once it is.
          if (i % 10 === 9)
            await new Promise<void>((r) => el.addEventListener('story-map-ready', () => r(), { once: true }));
        }
      });
      await settle(page);
    },
    also: 'lifecycle.test.ts, "removing and re-adding the element" (no listener or node left behind)',
  },
];
