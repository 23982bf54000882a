// A story across 180° (test/fixtures/antimeridian), walked at 1280x800 and 390x844: every chapter's
// focus on screen and framed as MapLibre itself would fit it, no drawn line with a segment longer
// than half the map (a line drawn the long way round would cross the whole map), the places drawn
// where they are, cameras past 180° kept; in preview mode, the camera snippet past 180° and a dropped
// file drawn across 180° framed where it is.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_ZOOM, framePadding, labelWidth } from '../../src/geo/camera.ts';
import { boxAround } from '../../src/geo/shape.ts';
import { cutOutline, longitudeDelta } from '../../src/geo/longitude.ts';
import { normalizeStory } from '../../src/story/normalize.ts';
import type { Story, StoryFeature } from '../../src/story/types.ts';
import { baseUrl, expectClean, openPage, screenshot, useBrowser } from './page.ts';
import { landOn, serveFolder } from './story.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/antimeridian');
const FILES = ['story.json', 'places.geojson', 'routes.geojson', 'areas.geojson'];
const text = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(DIR, f), 'utf8')]));
const input = JSON.parse(text['story.json']!);
const { story, issues } = normalizeStory(
  input,
  {
    places: JSON.parse(text['places.geojson']!),
    routes: JSON.parse(text['routes.geojson']!),
    areas: JSON.parse(text['areas.geojson']!),
  },
  { story: 'across/story.json' },
);
if (issues.length) throw new Error(`test/fixtures/antimeridian has issues: ${JSON.stringify(issues)}`);

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const browser = useBrowser();

/** Serves the story's files at /across/… (so the page opens it with ?story=across/story.json). */
const serve = (page: Page) => serveFolder(page, 'across', text);

type Lines = (readonly number[])[][];

/** A feature's lines as the map draws them: points, route lines (great circles), area outlines. */
function linesOf(f: StoryFeature): Lines {
  const g = f.geometry;
  switch (g.type) {
    case 'Point':
      return [[g.coordinates]];
    case 'LineString':
      return [g.coordinates];
    case 'MultiLineString':
      return g.coordinates;
    case 'Polygon':
    case 'MultiPolygon':
      return cutOutline(g)?.coordinates ?? (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());
  }
}

const feature = (id: string) => story.features.get(id)!.feature;

/**
 * Projects lines with MapLibre (`map.project`) as the map draws them: each line whole, in the copy
 * of the world nearest the map's centre (MapLibre draws every copy), so a line drawn the long way
 * round stays long. Returns pixel lines, the map's size and camera.
 */
function project(page: Page, lines: Lines) {
  return page.evaluate((lines) => {
    const map = document.querySelector('story-map')!.map!;
    const centre = map.getCenter().lng;
    const canvas = map.getCanvas();
    return {
      width: canvas.clientWidth,
      height: canvas.clientHeight,
      center: [centre, map.getCenter().lat],
      zoom: map.getZoom(),
      lines: lines.map((line) => {
        const mid = line[Math.floor(line.length / 2)]![0]!;
        const k = Math.round((centre - mid) / 360);
        return line.map(([lon, lat]) => {
          const p = map.project([lon! + 360 * k, lat!]);
          return [p.x, p.y];
        });
      }),
    };
  }, lines);
}

/** The places MapLibre renders within a few pixels of `at` (place layers only). */
function placesAt(page: Page, at: number[]): Promise<string[]> {
  return page.evaluate(([x, y]) => {
    const map = document.querySelector('story-map')!.map!;
    const layers = map
      .getStyle()
      .layers.filter((l) => l.id.startsWith('place-'))
      .map((l) => l.id);
    const hits = map.queryRenderedFeatures(
      [
        [x! - 4, y! - 4],
        [x! + 4, y! + 4],
      ],
      { layers },
    );
    return [...new Set(hits.map((f) => f.properties.id as string))];
  }, at);
}

/** The chapter's camera checked against MapLibre's own fit of its focus (cameraForBounds), across 180° too. */
async function expectFitted(page: Page, s: Story, id: string): Promise<void> {
  const view = s.chapters.find((c) => c.id === id)!.view;
  const features = view.focus.map(feature);
  const [w, south, e, north] = boxAround(features)!;
  const labels = features
    .filter((f) => f.geometry.type === 'Point')
    .map((f) => labelWidth(String((f.properties as { label?: string }).label ?? f.properties.name)));
  const size = await page.evaluate(() => {
    const v = document.querySelector('story-map')!.renderRoot.querySelector('story-map-view')!;
    return { width: v.clientWidth, height: v.clientHeight };
  });
  const fit = await page.evaluate(
    ({
      box,
      padding,
      maxZoom,
    }: {
      box: [number, number, number, number];
      padding: ReturnType<typeof framePadding>;
      maxZoom: number;
    }) => {
      const map = document.querySelector('story-map')!.map!;
      const camera = map.cameraForBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding, maxZoom },
      );
      if (!camera?.center || camera.zoom === undefined) return null;
      const c = camera.center as { lng: number; lat: number };
      return {
        zoom: camera.zoom,
        lng: c.lng,
        lat: c.lat,
        mapZoom: map.getZoom(),
        mapCenter: map.getCenter().toArray(),
      };
    },
    // Written past 180° (east + 360), the one form MapLibre's fit takes a box across 180° in.
    {
      box: [w, south, e < w ? e + 360 : e, north] as [number, number, number, number],
      padding: framePadding(size, Math.max(0, ...labels)),
      maxZoom: DEFAULT_MAX_ZOOM,
    },
  );
  expect(fit, `MapLibre fits the focus of ${id}`).not.toBeNull();
  expect(
    Math.abs(fit!.mapZoom - fit!.zoom),
    `zoom of ${id}: ${fit!.mapZoom} vs MapLibre's fit ${fit!.zoom}`,
  ).toBeLessThan(0.005);
  expect(Math.abs(longitudeDelta(fit!.mapCenter[0]!, fit!.lng)), `centre of ${id}`).toBeLessThan(1e-4);
  expect(fit!.mapCenter[1]).toBeCloseTo(fit!.lat, 4);
}

describe('a story across 180°', () => {
  for (const size of SIZES) {
    it(`walks every chapter at ${size.width}x${size.height}: focus on screen, no line across the map, cameras past 180° kept`, async () => {
      const opened = await openPage(browser(), 'about:blank', { ...size, context: { reducedMotion: 'reduce' } });
      try {
        const { page } = opened;
        const src = await serve(page);
        await page.goto(`${baseUrl()}?story=${src}`);
        for (const [i, chapter] of story.chapters.entries()) {
          const id = chapter.id;
          // The first chapter is the page's at the top (no hash yet); the others are gone to.
          if (i > 0) await page.evaluate((id) => document.querySelector('story-map')!.goTo(id), id);
          await landOn(page, id, { hash: i > 0 });
          const view = chapter.view;

          // Where the map looks.
          const declared = view.camera ?? (view.focus.length === 0 ? story.overview : null);
          const state = await project(page, []);
          if (declared) {
            // 176°E stays 176°E (with no world copies the map moved it to 172.9°); -185° is 175°E.
            expect(Math.abs(longitudeDelta(state.center[0]!, declared.center[0])), `${id} centre`).toBeLessThan(1e-6);
            expect(state.center[1]).toBeCloseTo(declared.center[1], 6);
            expect(state.zoom).toBeCloseTo(declared.zoom, 6);
          } else await expectFitted(page, story, id);

          // Every focused feature whole on screen (routes as drawn, areas' outlines), at this size.
          const focus = await project(
            page,
            view.focus.flatMap((f) => linesOf(feature(f))),
          );
          for (const [x, y] of focus.lines.flat())
            expect(
              x! >= -0.5 && x! <= focus.width + 0.5 && y! >= -0.5 && y! <= focus.height + 0.5,
              `${id}: [${x}, ${y}] off the ${focus.width}x${focus.height} map`,
            ).toBe(true);

          // No drawn line (route, area outline) has a segment longer than half the map's width.
          const shown = view.visible.filter((f) => story.features.get(f)?.layer !== 'places');
          const drawn = await project(
            page,
            shown.flatMap((f) => linesOf(feature(f))),
          );
          let longest = 0;
          for (const line of drawn.lines)
            for (let j = 1; j < line.length; j++)
              longest = Math.max(longest, Math.hypot(line[j]![0]! - line[j - 1]![0]!, line[j]![1]! - line[j - 1]![1]!));
          expect(longest, `${id}: longest segment drawn, px`).toBeLessThanOrEqual(drawn.width / 2);

          // Each place shown and on screen is drawn there by MapLibre, whichever side of 180° it is on.
          const places = view.visible.filter((f) => story.features.get(f)?.layer === 'places');
          const at = await project(
            page,
            places.map((f) => linesOf(feature(f))[0]!),
          );
          for (const [j, pid] of places.entries()) {
            const [x, y] = at.lines[j]![0]!;
            if (x! < 0 || x! > at.width || y! < 0 || y! > at.height) continue;
            expect(await placesAt(page, [x!, y!]), `${id}: ${pid} drawn at its place`).toContain(pid);
          }
          await screenshot(page, `across-180-${size.name}-${String(i + 1).padStart(2, '0')}-${id}`);
        }
        expectClean(opened);
      } finally {
        await opened.close();
      }
    }, 120_000);
  }

  it('preview mode: the camera snippet gives a camera past 180°, and a dropped file across 180° is framed where it is', async () => {
    const opened = await openPage(browser(), 'about:blank', { width: 1280, height: 800 });
    try {
      const { page } = opened;
      const src = await serve(page);
      await page.goto(`${baseUrl()}?story=${src}&edit#rat-islands`);
      await landOn(page, 'rat-islands');
      const editor = page.locator('story-map story-map-editor');
      for (const [lon, shown] of [
        [176.5, 176.5],
        [-185.25, 174.75],
        [-178.2, -178.2],
      ] as const) {
        await page.evaluate(
          (lon) =>
            new Promise<void>((done) => {
              const map = document.querySelector('story-map')!.map!;
              map.once('moveend', () => done());
              map.jumpTo({ center: [lon, 52.4], zoom: 5.2 });
            }),
          lon,
        );
        // Not held back at 172.9° (the map with no world copies could not look past 180°).
        expect(await page.evaluate(() => document.querySelector('story-map')!.map!.getCenter().lng)).toBeCloseTo(
          lon,
          6,
        );
        await expect
          .poll(async () => JSON.parse(`{${await editor.locator('pre code').textContent()}}`).camera)
          .toEqual({ center: [shown, 52.4], zoom: 5.2 });
      }

      // A file with the Bering Sea, split at 180° as RFC 7946 says: framed on 180°, not on [0, 0].
      const bering = JSON.parse(text['areas.geojson']!).features.find((f: { id: string }) => f.id === 'bering-sea');
      await page.evaluate(
        (file) =>
          document
            .querySelector('story-map')!
            .renderRoot.querySelector('story-map-editor')!
            .preview('bering.geojson', JSON.stringify(file)),
        { type: 'FeatureCollection', features: [bering] },
      );
      await page.waitForFunction(() => document.querySelector('story-map')!.map!.getSource('dropped') !== undefined);
      await landOn(page, 'rat-islands');
      const framed = await project(page, cutOutline(bering.geometry)!.coordinates);
      expect(Math.abs(longitudeDelta(framed.center[0]!, 180)), 'centred on 180°').toBeLessThan(1);
      expect(framed.zoom).toBeGreaterThan(2.5);
      for (const [x, y] of framed.lines.flat())
        expect(x! >= 0 && x! <= framed.width && y! >= 0 && y! <= framed.height, `[${x}, ${y}] on the map`).toBe(true);
      expect(
        await page.evaluate(
          () => document.querySelector('story-map')!.map!.queryRenderedFeatures({ layers: ['dropped-fill'] }).length,
        ),
      ).toBeGreaterThan(0);
      await screenshot(page, 'across-180-edit-dropped');
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});
