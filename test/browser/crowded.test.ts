// Near places, in MapLibre, at 1280x800 and 390x844 (test/fixtures/crowded, and the default story):
// two markers 10 km apart both show (each one's middle is its own colour on screen, a ring between
// them), and a highlighted area's name is drawn, off the marker that stands on its point, in place
// of the basemap's name of the same place. And chapters without a map of their own: one that keeps
// the previous chapter's ("map": "previous") does not move the map; one without a map says what
// the map shows.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MARKER, markerScale } from '../../src/map/style.ts';
import { baseUrl, expectClean, openPage, screenshot, useBrowser } from './page.ts';
import { defaultStory, landOn, serveFolder, wheelToChapter } from './story.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/crowded');
const FILES = ['story.json', 'places.geojson', 'areas.geojson'];
const text = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(DIR, f), 'utf8')]));
const places = JSON.parse(text['places.geojson']!).features as {
  id: string;
  properties: { color?: string };
  geometry: { coordinates: [number, number] };
}[];
const at = (id: string) => places.find((p) => p.id === id)!.geometry.coordinates;

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const browser = useBrowser();

/** Serves the story's files at /crowded/… (so the page opens it with ?story=crowded/story.json). */
const serve = (page: Page) => serveFolder(page, 'crowded', text);

/** Where MapLibre draws a longitude and latitude, in the page's CSS pixels; and the map's zoom. */
function onPage(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number; zoom: number }> {
  return page.evaluate((lngLat) => {
    const map = document.querySelector('story-map')!.map!;
    const r = map.getCanvas().getBoundingClientRect();
    const p = map.project(lngLat);
    return { x: r.left + p.x, y: r.top + p.y, zoom: map.getZoom() };
  }, lngLat);
}

/**
 * The colours on screen along the segment from `a` to `b` (page px), `steps + 1` of them as
 * [r, g, b], from a screenshot of the page (as a reader sees it, at the device's pixel ratio).
 */
async function colours(
  page: Page,
  a: { x: number; y: number },
  b: { x: number; y: number },
  steps: number,
): Promise<[number, number, number][]> {
  const x0 = Math.floor(Math.min(a.x, b.x)) - 2;
  const y0 = Math.floor(Math.min(a.y, b.y)) - 2;
  const clip = { x: x0, y: y0, width: Math.ceil(Math.abs(a.x - b.x)) + 4, height: Math.ceil(Math.abs(a.y - b.y)) + 4 };
  const png = await page.screenshot({ clip, scale: 'device' });
  return page.evaluate(
    async ({ base64, clip, a, b, steps }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const k = image.width / clip.width;
      const out: [number, number, number][] = [];
      for (let i = 0; i <= steps; i++) {
        const x = a.x + ((b.x - a.x) * i) / steps - clip.x;
        const y = a.y + ((b.y - a.y) * i) / steps - clip.y;
        const [r, g, bl] = context.getImageData(Math.floor(x * k), Math.floor(y * k), 1, 1).data;
        out.push([r!, g!, bl!]);
      }
      return out;
    },
    { base64: png.toString('base64'), clip, a, b, steps },
  );
}

/** `#rrggbb` or `#rgb` as [r, g, b]. */
const hex = (c: string): [number, number, number] => {
  const full = c.length === 4 ? `#${[...c.slice(1)].map((d) => d + d).join('')}` : c;
  return [1, 3, 5].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
};
const near = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!))) <= 40;

/** The features MapLibre has placed in `layers` within `box` (page px; the whole map without one). */
function rendered(page: Page, layers: string[], box?: [number, number, number, number]): Promise<string[]> {
  return page.evaluate(
    ({ layers, box }) => {
      const map = document.querySelector('story-map')!.map!;
      const r = map.getCanvas().getBoundingClientRect();
      const hits = box
        ? map.queryRenderedFeatures(
            [
              [box[0] - r.left, box[1] - r.top],
              [box[2] - r.left, box[3] - r.top],
            ],
            { layers },
          )
        : map.queryRenderedFeatures({ layers });
      return [...new Set(hits.map((f) => String(f.properties.id ?? f.properties.name)))];
    },
    { layers, box },
  );
}

const MARKER_LAYERS = ['context', 'highlight'].flatMap((k) => ['west', 'east'].map((s) => `place-${k}-${s}`));

describe('near places', () => {
  for (const size of SIZES) {
    it(`two markers 10 km apart both show, and an area's name moves off the marker on its point (${size.width}x${size.height})`, async () => {
      const opened = await openPage(browser(), 'about:blank', {
        ...size,
        context: { reducedMotion: 'reduce', deviceScaleFactor: 2 },
      });
      try {
        const { page } = opened;
        const src = await serve(page);
        await page.goto(`${baseUrl()}?story=${src}`);
        await landOn(page, 'capitals', { hash: false });

        // San Salvador and Santa Tecla, 10 km apart: a few pixels at this zoom, each marker's middle
        // its own colour on screen (before, San Salvador's dot and ring covered Santa Tecla's middle).
        const a = await onPage(page, at('san-salvador'));
        const b = await onPage(page, at('santa-tecla'));
        const apart = Math.hypot(a.x - b.x, a.y - b.y);
        expect(apart).toBeGreaterThan(5);
        expect(apart).toBeLessThan(9);
        expect(apart, 'farther apart than a marker and its ring').toBeGreaterThan(
          (MARKER.radius + MARKER.outline) * markerScale('highlight', a.zoom),
        );
        const capital = await page.evaluate(() =>
          getComputedStyle(document.querySelector('story-map')!).getPropertyValue('--sm-kind-capital').trim(),
        );
        const tecla = places.find((p) => p.id === 'santa-tecla')!.properties.color!;
        const halo = await page.evaluate(() =>
          getComputedStyle(document.querySelector('story-map')!).getPropertyValue('--sm-map-marker-halo').trim(),
        );
        const line = await colours(page, a, b, 60);
        expect(near(line[0]!, hex(capital)), `San Salvador shows its middle: ${line[0]}`).toBe(true);
        expect(near(line.at(-1)!, hex(tecla)), `Santa Tecla shows its middle: ${line.at(-1)}`).toBe(true);
        // Between them, the upper marker's ring (before, every halo of the layer was drawn under every
        // dot: the two dots ran into one another with nothing between).
        expect(
          line.some((c) => near(c, hex(halo))),
          `a ring (${halo}) parts them: ${JSON.stringify(line)}`,
        ).toBe(true);
        expect(await rendered(page, MARKER_LAYERS)).toEqual(expect.arrayContaining(['san-salvador', 'santa-tecla']));
        await screenshot(page, `crowded-${size.name}-capitals`);

        // The volcano's name, at its middle, where the crater's marker stands: drawn, and not under it.
        for (const id of ['volcano', 'crater']) {
          await page.evaluate((id) => document.querySelector('story-map')!.goTo(id), id);
          await landOn(page, id);
          expect(await rendered(page, ['area-label']), `${id}: the volcano named`).toEqual(['volcano']);
          const crater = await onPage(page, at('boqueron'));
          const r = 12 * markerScale(id === 'crater' ? 'highlight' : 'context', crater.zoom);
          expect(
            await rendered(page, ['area-label'], [crater.x - r, crater.y - r, crater.x + r, crater.y + r]),
            `${id}: nothing of the name over the crater's marker`,
          ).toEqual([]);
          expect(await rendered(page, MARKER_LAYERS, [crater.x - 2, crater.y - 2, crater.x + 2, crater.y + 2])).toEqual(
            ['boqueron'],
          );
          await screenshot(page, `crowded-${size.name}-${id}`);
        }
        expectClean(opened);
      } finally {
        await opened.close();
      }
    }, 90_000);
  }

  it("names the highlighted El Salvador once, off San Salvador's marker, instead of the basemap's name (the default story)", async () => {
    const story = defaultStory();
    const sansalvador = story.features.get('san-salvador')!.feature.geometry as unknown as {
      coordinates: [number, number];
    };
    const opened = await openPage(browser(), `${baseUrl()}#crackdown`, { context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      await landOn(page, 'crackdown');
      expect(await rendered(page, ['area-label'])).toEqual(['el-salvador']);
      expect(await rendered(page, ['country-label'])).not.toContain('El Salvador');
      const p = await onPage(page, sansalvador.coordinates);
      const r = 12 * markerScale('context', p.zoom);
      expect(await rendered(page, ['area-label'], [p.x - r, p.y - r, p.x + r, p.y + r])).toEqual([]);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});

describe('chapters without a map of their own', () => {
  for (const size of SIZES) {
    it(`"map": "previous" keeps the map still as the reader scrolls into it; no map is said to show the story's area (${size.width}x${size.height})`, async () => {
      // Motion on: a map that moved would fly, and a flight would be seen.
      const opened = await openPage(browser(), 'about:blank', size);
      try {
        const { page } = opened;
        const src = await serve(page);
        await page.goto(`${baseUrl()}?story=${src}#crater`);
        await landOn(page, 'crater');
        const camera = () =>
          page.evaluate(() => {
            const map = document.querySelector('story-map')!.map!;
            return { center: map.getCenter().toArray(), zoom: map.getZoom(), bearing: map.getBearing() };
          });
        const before = await camera();
        await page.evaluate(() => {
          const map = document.querySelector('story-map')!.map!;
          const w = window as unknown as { moves: number };
          w.moves = 0;
          map.on('movestart', () => w.moves++);
        });
        await wheelToChapter(page, 'crater-kept');
        await landOn(page, 'crater-kept');
        expect(await camera()).toEqual(before);
        expect(await page.evaluate(() => (window as unknown as { moves: number }).moves), 'the map never moved').toBe(
          0,
        );
        // What it draws stays too: the volcano's name and the crater.
        expect(await rendered(page, ['area-label'])).toEqual(['volcano']);
        expect(await rendered(page, MARKER_LAYERS)).toContain('boqueron');
        const description = (id: string) =>
          page.evaluate((id) => document.querySelector(`[data-chapter="${id}"] .sm-map-description`)!.textContent, id);
        expect(await description('crater-kept')).toBe(await description('crater'));
        await screenshot(page, `crowded-${size.name}-crater-kept`);

        // On to the chapter without a map: the whole story, nothing marked, and said so.
        await wheelToChapter(page, 'no-map');
        await landOn(page, 'no-map');
        expect(await description('no-map')).toBe("Map of the story's area, with nothing marked on it.");
        expect(await rendered(page, [...MARKER_LAYERS, 'area-label'])).toEqual([]);
        expectClean(opened);
      } finally {
        await opened.close();
      }
    }, 90_000);
  }
});
