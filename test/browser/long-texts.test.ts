// A story whose texts are far over their limits (a 20,000-character place name, a 100,000-character
// title, route label and event label): the checker says so, and the page reads and draws anyway,
// without an error (MapLibre's text layout threw on such a label, 17 times in one load, and froze
// the tab at 100,000 characters). The map draws labels cut to MAP_LABEL_MAX characters (rules.ts).
import { describe, expect, it } from 'vitest';
import { CAPITALS } from './capitals.ts';
import { baseUrl, openPage, useBrowser } from './page.ts';
import { settle } from './story.ts';

const browser = useBrowser();

/** A text of `n` characters (no space at either end: the checker measures texts trimmed). */
const huge = (n: number) => `${'Ciudad de los Reyes '.repeat(Math.ceil(n / 20)).slice(0, n - 1)}.`;

const story = {
  title: huge(100_000),
  lang: 'en',
  data: { places: 'places.geojson', routes: 'routes.geojson' },
  events: [{ date: '2020-01-01', label: huge(100_000), chapter: 'one' }],
  chapters: [
    { id: 'one', title: 'Chapter one', body: [huge(50_000)], map: { focus: ['a', 'b'], highlight: ['a', 'b', 'r'] } },
  ],
};
const places = {
  ...CAPITALS,
  features: CAPITALS.features.map((f) => (f.id === 'b' ? { ...f, properties: { name: huge(20_000) } } : f)),
};
const routes = {
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
};

describe('texts far over their limits', () => {
  it('are named by the checker, and the page reads and draws them cut, without an error', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      await page.route('**/long/story.json', (r) => r.fulfill({ json: story }));
      await page.route('**/long/places.geojson', (r) => r.fulfill({ json: places }));
      await page.route('**/long/routes.geojson', (r) => r.fulfill({ json: routes }));
      await page.goto(`${baseUrl()}?story=long/story.json&edit`);
      await settle(page, { timeout: 30_000 });
      await page.waitForFunction(() => document.querySelector('story-map')!.issues.length > 0);
      const issues = await page.evaluate(() =>
        document.querySelector('story-map')!.issues.map((i) => `${i.file}: ${i.path}: ${i.message}`),
      );
      const expected: [file: string, path: string, length: string][] = [
        ['story.json', 'title', '100,000'],
        ['story.json', 'events[0].label', '100,000'],
        ['story.json', 'chapters[0].body[0]', '50,000'],
        ['places.geojson', 'features[1].properties.name', '20,000'],
        ['routes.geojson', 'features[0].properties.label', '100,000'],
      ];
      for (const [file, path, length] of expected)
        expect(issues).toContainEqual(
          expect.stringMatching(
            new RegExp(`${file}: ${path.replace(/[[\].]/g, '\\$&')}: is ${length} characters long`),
          ),
        );
      // The text reads whole; the map drew the labels cut.
      expect(await page.locator('story-map h1').evaluate((h) => h.textContent?.length)).toBe(100_000);
      // The long-named place is drawn (its symbol laid out: the style cuts its label, see
      // style.test.ts), and so is the route's caption, once the preview panel is closed to its line
      // (open, it takes a quarter of the map's height, and the caption is longer than the route).
      await page.locator('story-map story-map-editor summary').click();
      await settle(page);
      const drawn = await page.evaluate(() => {
        const map = document.querySelector('story-map')!.map!;
        return [...new Set(map.queryRenderedFeatures().map((f) => `${f.source}:${f.properties.id ?? ''}`))].sort();
      });
      expect(drawn).toEqual(expect.arrayContaining(['places:a', 'places:b', 'route-labels:r']));
      // Nothing but the story's issues (logged, as nobody cancelled story-error): no error thrown.
      expect(consoleErrors.filter((e) => !e.startsWith('story-map: long/'))).toEqual([]);
    } finally {
      await close();
    }
  });
});
