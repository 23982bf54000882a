// Inputs that must not freeze a reader's tab: a story from a foreign `?story=` link with ids of
// 100,000 characters (the "did you mean" search once blocked the page for about two minutes).
import { describe, expect, it } from 'vitest';
import { CAPITALS } from './capitals.ts';
import { baseUrl, openPage, useBrowser } from './page.ts';

const browser = useBrowser();

describe('a 100,000-character id', () => {
  it('is reported at once in preview mode, shortened, with no main-thread task of a second', async () => {
    const long = 'x'.repeat(100_000);
    const story = {
      title: 'A story with a very long id',
      data: { places: 'places.geojson' },
      events: [{ date: '2020-01-01', label: 'It begins', chapter: long }],
      chapters: [
        {
          id: 'one',
          title: 'Chapter one',
          body: ['First paragraph.', { type: 'distance', from: 'a', to: long }],
          map: { focus: ['a', long], show: [`${long}y`] },
        },
        { id: 'two', title: 'Chapter two', body: ['Second paragraph.'], map: { focus: ['b'] } },
      ],
    };
    // A place whose id is as long, one letter off: the search has a long candidate too.
    const places = {
      ...CAPITALS,
      features: [
        ...CAPITALS.features,
        {
          type: 'Feature',
          id: `${long}z`,
          properties: { name: 'Far' },
          geometry: { type: 'Point', coordinates: [-70, -10] },
        },
      ],
    };
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      await page.route('**/long/story.json', (r) => r.fulfill({ json: story }));
      await page.route('**/long/places.geojson', (r) => r.fulfill({ json: places }));
      await page.addInitScript(() => {
        const w = window as unknown as { tasks: number[]; reported?: { message: string; path: string }[] };
        w.tasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.tasks.push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
        document.addEventListener('story-error', (e) => {
          w.reported = (e as CustomEvent).detail.issues;
          e.preventDefault();
        });
      });
      const t0 = Date.now();
      await page.goto(`${baseUrl()}?story=long/story.json&edit`);
      // Preview mode checks at once, with no input from the reader.
      await page.waitForFunction(() => (window as unknown as { reported?: unknown }).reported !== undefined, null, {
        timeout: 30_000,
      });
      const elapsed = Date.now() - t0;
      const { reported, tasks } = await page.evaluate(() => {
        const w = window as unknown as { tasks: number[]; reported: { message: string; path: string }[] };
        return { reported: w.reported, tasks: w.tasks };
      });
      const shown = `"${'x'.repeat(79)}…" (100,000 characters)`;
      expect(reported.map((i) => `${i.path}: ${i.message}`)).toEqual(
        expect.arrayContaining([
          `events[0].chapter: no chapter has the id ${shown}`,
          `chapters[0].map.focus[1]: no place, route or area has the id ${shown}`,
          `chapters[0].map.show[0]: no place, route or area has the id "${'x'.repeat(79)}…" (100,001 characters)`,
          `chapters[0].body[1].to: a distance runs between two places; ${shown} is not a place id`,
        ]),
      );
      // The text reads, and the page answered all along: no task held the main thread for a second.
      expect(await page.locator('story-map section[data-chapter] h2').allTextContents()).toEqual([
        'Chapter one',
        'Chapter two',
      ]);
      expect(Math.max(0, ...tasks), `long tasks: ${tasks.map(Math.round).join(', ')} ms`).toBeLessThan(1000);
      expect(elapsed, 'from the link to its issues').toBeLessThan(15_000);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
