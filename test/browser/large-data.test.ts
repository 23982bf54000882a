// A story whose GeoJSON is long (a generated story with 1.3 MB of places, over READ_ELSEWHERE):
// the page parses it in a worker, and the main thread gets back only the places its chapters show;
// where no worker can start, the page reads it itself, and the reader sees the same story.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { largeStory } from '../../scripts/large-story.mjs';
import { READ_ELSEWHERE } from '../../src/story/load.ts';
import { baseUrl, openPage, useBrowser } from './page.ts';
import { settle } from './story.ts';

const browser = useBrowser();

const { story, places, routes, areas } = largeStory({ chapters: 6, places: 6000, routes: 3, areas: 2 });
const placesText = `{"type":"FeatureCollection","features":[\n${places.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
const chapters = story.chapters as { id: string; map: { focus: string[]; show?: string[] } }[];
/** How many places the chapters show (their focus and the places among their `show` ids). */
const shownPlaces = new Set(
  chapters.flatMap((c) => [...c.map.focus, ...(c.map.show ?? [])]).filter((id) => /^p\d/.test(id)),
).size;

/** Serves the story under /big/ (its files as generated; `places` as given) and records what the page parses. */
async function openBig(page: Page, { placesBody = placesText, query = '' } = {}): Promise<void> {
  await page.route('**/big/story.json', (r) => r.fulfill({ json: story }));
  await page.route('**/big/places.geojson', (r) =>
    r.fulfill({ body: placesBody, contentType: 'application/geo+json' }),
  );
  await page.route('**/big/routes.geojson', (r) => r.fulfill({ json: routes }));
  await page.route('**/big/areas.geojson', (r) => r.fulfill({ json: areas }));
  await page.addInitScript(() => {
    // Every JSON.parse of this window of a text over 100,000 characters, by its length.
    const w = window as unknown as { parsed: number[] };
    w.parsed = [];
    const parse = JSON.parse;
    JSON.parse = ((text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown) => {
      if (typeof text === 'string' && text.length > 100_000) w.parsed.push(text.length);
      return parse.call(JSON, text, reviver);
    }) as typeof JSON.parse;
  });
  await page.goto(`${baseUrl()}?story=big/story.json${query}`);
}

/** The first chapter's focused places that the map draws, and how many places its source holds. */
function drawn(page: Page): Promise<{ focused: string[]; held: number }> {
  return page.evaluate((focus) => {
    const el = document.querySelector('story-map')!;
    const map = el.map!;
    const ids = new Set(
      map
        .queryRenderedFeatures()
        .filter((f) => f.source === 'places')
        .map((f) => String(f.properties.id)),
    );
    const source = map.getSource('places') as unknown as { serialize(): { data: { features: unknown[] } } };
    return { focused: focus.filter((id) => ids.has(id)), held: source.serialize().data.features.length };
  }, chapters[0]!.map.focus);
}

describe('a story with a long GeoJSON file', () => {
  it('is parsed in a worker: the main thread never parses the file, and the map draws the chapter', async () => {
    expect(placesText.length).toBeGreaterThan(READ_ELSEWHERE);
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      const workers: string[] = [];
      page.on('worker', (w) => workers.push(w.url()));
      await openBig(page);
      await settle(page);
      expect(workers.some((u) => /read-worker/.test(u))).toBe(true);
      const parsed = await page.evaluate(() => (window as unknown as { parsed: number[] }).parsed);
      expect(parsed).not.toContain(placesText.length);
      // The map holds the places the chapters show (a few each), not the file's 6,000: so does the
      // main thread, which got them from the worker.
      const { focused, held } = await drawn(page);
      expect(focused).toEqual(chapters[0]!.map.focus);
      expect(held).toBe(shownPlaces);
      await expect.poll(() => page.locator('story-map section[data-chapter]').count()).toBe(chapters.length);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is read on the main thread where the worker cannot start, and the reader sees the same story', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      await page.route(/read-worker/, (r) => r.abort());
      await openBig(page);
      await settle(page);
      const parsed = await page.evaluate(() => (window as unknown as { parsed: number[] }).parsed);
      expect(parsed).toContain(placesText.length);
      const { focused, held } = await drawn(page);
      expect(focused).toEqual(chapters[0]!.map.focus);
      expect(held).toBe(shownPlaces);
      await expect.poll(() => page.locator('story-map section[data-chapter]').count()).toBe(chapters.length);
      // The worker's failure to load is not the reader's concern: nothing is logged as an error.
      expect(consoleErrors.filter((e) => !/read-worker/.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('that does not parse is reported with its line, as a shorter file is', async () => {
    const { page, close } = await openPage(browser(), 'about:blank');
    try {
      await page.addInitScript(() => {
        document.addEventListener('story-error', (e) => {
          (window as unknown as { reported: unknown }).reported = (e as CustomEvent).detail.issues;
          e.preventDefault();
        });
      });
      // A comma too many after the last feature: the mistake is the `]` after it, on the last line but one.
      const broken = placesText.replace(/\n\]\}\n$/, ',\n]}\n');
      const workers: string[] = [];
      page.on('worker', (w) => workers.push(w.url()));
      // Preview mode: the issues are announced at once, with no input from the reader.
      await openBig(page, { placesBody: broken, query: '&edit' });
      const reported = await page.waitForFunction(
        () => (window as unknown as { reported?: { file: string; line?: number; message: string }[] }).reported,
        null,
        { timeout: 30_000 },
      );
      const issues = (await reported.jsonValue()) as { file: string; line?: number; message: string }[];
      const lines = broken.split('\n').length;
      expect(issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ file: 'big/places.geojson', line: lines - 1, column: 1 })]),
      );
      // The worker tried it first, and left it to the page.
      expect(workers.some((u) => /read-worker/.test(u))).toBe(true);
      // The text still reads.
      await expect.poll(() => page.locator('story-map section[data-chapter]').count()).toBe(chapters.length);
    } finally {
      await close();
    }
  });
});
