/**
 * `npx tsx scripts/still-fixture.ts [--across] [--shots <dir>]`: regenerates
 * test/fixtures/still/projection.json, the reference numbers of the static map's projection test
 * (test/unit/still.test.ts), from a real MapLibre map: the story page, served by Vite's dev server,
 * in Chromium at 1280x800 and 390x844. With `--across`, the same for the test story across 180°
 * (test/fixtures/antimeridian), into test/fixtures/still/antimeridian.json.
 *
 * For each chapter (opened by its deep link, motion reduced, map idle) it records the map's size,
 * the camera the page chose and `map.project()` of every place (in the copy of the world nearest
 * the map's centre: MapLibre draws every copy, and that is the one on screen); then it moves the map
 * to explicit cameras (one with a bearing) and records the same. With `--shots`, it also writes, per
 * chapter and size, a PNG of the interactive map beside the static map drawn for it (and the two
 * overlaid), to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { findChrome } from '../test/browser/chrome.ts';
import { serveVite } from './bench-util.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const ACROSS = process.argv.includes('--across');
/** The story, as the page is asked for it (`?story=`), and its files on the dev server. */
const STORY = ACROSS
  ? { query: '?story=test/fixtures/antimeridian/story.json', dir: '/test/fixtures/antimeridian/' }
  : { query: '', dir: '/data/' };
const OUT = join(ROOT, ACROSS ? 'test/fixtures/still/antimeridian.json' : 'test/fixtures/still/projection.json');

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Cameras set on the map directly: not fitted, one rotated (across 180° for that story). */
const EXPLICIT = ACROSS
  ? ([
      { name: 'explicit', camera: { center: [-185, 57], zoom: 3.3, bearing: 0, pitch: 0 } },
      { name: 'bearing', camera: { center: [179.5, 52.2], zoom: 5.2, bearing: 25, pitch: 0 } },
    ] as const)
  : ([
      { name: 'explicit', camera: { center: [-84, 18], zoom: 3.3, bearing: 0, pitch: 0 } },
      { name: 'bearing', camera: { center: [-89, 13.7], zoom: 7.2, bearing: 30, pitch: 0 } },
    ] as const);

export interface ProjectionCase {
  viewport: string;
  /** The chapter whose deep link opened the page. */
  chapter: string;
  /** 'fit' (the chapter's own camera) or an EXPLICIT name. */
  camera: string;
  size: { width: number; height: number };
  map: { center: [number, number]; zoom: number; bearing: number; pitch: number };
  /** map.project() of every place, by id. */
  points: Record<string, [number, number]>;
}

/** The dev server (it serves the test fixtures' stories too). */
const serve = () => serveVite([]);

/** Waits for the map to have drawn everything (as scripts/screenshots.ts). */
async function idle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const map = document.querySelector('story-map')!.map!;
        const finish = () => requestAnimationFrame(() => requestAnimationFrame(() => done()));
        if (map.areTilesLoaded() && !map.isMoving()) map.once('idle', finish).triggerRepaint();
        else map.once('idle', finish);
      }),
  );
}

/** The map's size, camera and every place's projection, now. */
function record(page: Page): Promise<Omit<ProjectionCase, 'viewport' | 'chapter' | 'camera'>> {
  return page.evaluate(async (dir) => {
    const el = document.querySelector('story-map')!;
    const map = el.map!;
    const view = el.shadowRoot!.querySelector('story-map-view') as HTMLElement;
    const places = await (await fetch(`${dir}places.geojson`)).json();
    const points: Record<string, [number, number]> = {};
    const centre = map.getCenter().lng;
    for (const f of places.features) {
      const [lng, lat] = f.geometry.coordinates;
      // The copy of the world nearest the centre (MapLibre draws the place in every copy).
      const p = map.project([lng + 360 * Math.round((centre - lng) / 360), lat]);
      points[f.id] = [Math.round(p.x * 1000) / 1000, Math.round(p.y * 1000) / 1000];
    }
    const c = map.getCenter();
    return {
      size: { width: view.clientWidth, height: view.clientHeight },
      map: { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() },
      points,
    };
  }, STORY.dir);
}

/** A PNG of the map view's box: the interactive map, the still drawn over it, and both (half each). */
async function shots(page: Page, dir: string, name: string, camera: ProjectionCase['map']): Promise<void> {
  const box = await page.evaluate(() => {
    const view = document.querySelector('story-map')!.shadowRoot!.querySelector('story-map-view')!;
    const r = view.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const map = await page.screenshot({ clip: box });
  await page.evaluate(
    async ({ box, camera, dir }) => {
      const [{ render }, still, { decodeBasemap }, { normalizeStory }] = await Promise.all([
        import('/node_modules/lit/index.js' as string),
        import('/src/still/index.ts' as string),
        import('/src/map/basemap.ts' as string),
        import('/src/story/normalize.ts' as string),
      ]);
      const get = async (p: string) => (await fetch(p)).json();
      const input = await get(`${dir}story.json`);
      const { story } = normalizeStory(
        input,
        {
          places: await get(`${dir}${input.data.places}`),
          routes: await get(`${dir}${input.data.routes}`),
          areas: await get(`${dir}${input.data.areas}`),
        },
        { story: `${dir.slice(1)}story.json` },
      );
      const basemap = decodeBasemap(await get('/data/basemap/americas.json'));
      const el = document.querySelector('story-map')!;
      const chapter = story.chapters.find((c: { id: string }) => c.id === el.activeChapter);
      const size = { width: Math.round(box.width), height: Math.round(box.height) };
      const scene = still.stillScene({ basemap, story, view: chapter.view, camera, size });
      const figure = document.createElement('figure');
      figure.className = 'sm-still';
      figure.id = 'still-shot';
      figure.setAttribute(
        'style',
        `position:fixed;left:${box.x}px;top:${box.y}px;width:${box.width}px;height:${box.height}px;z-index:99;opacity:1`,
      );
      el.append(figure);
      render(still.stillTemplate(scene, { label: 'still' }), figure);
    },
    { box, camera, dir: STORY.dir },
  );
  const stillPng = await page.screenshot({ clip: box });
  await page.evaluate(() => {
    document.getElementById('still-shot')!.style.opacity = '0.5';
  });
  const both = await page.screenshot({ clip: box });
  await page.evaluate(() => document.getElementById('still-shot')!.remove());
  // Side by side, in a blank page.
  const sheet = await page.context().newPage();
  const src = (b: Buffer) => `data:image/png;base64,${b.toString('base64')}`;
  await sheet.setViewportSize({ width: Math.ceil(box.width) * 3 + 40, height: Math.ceil(box.height) + 40 });
  await sheet.setContent(
    `<body style="margin:0;display:flex;gap:10px;padding:10px;font:12px sans-serif;background:#fff">
      ${[
        ['MapLibre', map],
        ['still', stillPng],
        ['overlaid', both],
      ]
        .map(([t, b]) => `<div><div>${t}</div><img src="${src(b as Buffer)}" width="${box.width}"></div>`)
        .join('')}</body>`,
  );
  await sheet.screenshot({ path: join(dir, `${name}.png`) });
  await sheet.close();
}

async function main(args: string[]): Promise<void> {
  const shotsAt = args.indexOf('--shots');
  const dir = shotsAt >= 0 ? args[shotsAt + 1] : undefined;
  const only = shotsAt >= 0 ? (args[shotsAt + 2]?.split(',') ?? null) : null;
  if (dir) mkdirSync(dir, { recursive: true });
  const server = await serve();
  const chrome = await findChrome();
  const browser = await chromium.launch({ executablePath: chrome.executablePath, args: chrome.args, headless: true });
  const cases: ProjectionCase[] = [];
  try {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      // tsx names the functions it compiles with a helper the page does not have.
      await context.addInitScript('globalThis.__name = (f) => f');
      const page = await context.newPage();
      await page.goto(`${server.url}${STORY.query}`);
      // A story opened with ?story= is not in the page's HTML: its text comes once its file has loaded.
      await page.waitForFunction(() => document.querySelector('story-map .sm-story > [data-chapter]'));
      const ids = await page.evaluate(async () => {
        await customElements.whenDefined('story-map');
        const el = document.querySelector('story-map')!;
        await el.updateComplete;
        return [...el.querySelectorAll<HTMLElement>('.sm-story > [data-chapter]')].map((s) => s.dataset.chapter!);
      });
      await page.close();
      for (const id of ids) {
        const shot = await context.newPage();
        await shot.goto(`${server.url}${STORY.query}#${id}`);
        await shot.waitForFunction(
          (id) => {
            const el = document.querySelector('story-map');
            return el?.map?.loaded() && !el.map.isMoving() && el.activeChapter === id;
          },
          id,
          { timeout: 30_000 },
        );
        await idle(shot);
        const fit = { viewport: viewport.name, chapter: id, camera: 'fit', ...(await record(shot)) };
        cases.push(fit);
        console.log(`${viewport.name} ${id}: zoom ${fit.map.zoom.toFixed(3)}`);
        if (dir && (!only || only.includes(id))) await shots(shot, dir, `${viewport.name}-${id}`, fit.map);
        if (id === ids[0]) {
          for (const { name, camera } of EXPLICIT) {
            await shot.evaluate(
              (c) => document.querySelector('story-map')!.map!.jumpTo({ ...c, center: [...c.center] }),
              camera,
            );
            await idle(shot);
            const c = { viewport: viewport.name, chapter: id, camera: name, ...(await record(shot)) };
            cases.push(c);
            if (dir) await shots(shot, dir, `${viewport.name}-${id}-${name}`, c.map);
          }
        }
        await shot.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
  mkdirSync(join(ROOT, 'test/fixtures/still'), { recursive: true });
  const { version } = JSON.parse(
    await (await import('node:fs/promises')).readFile(join(ROOT, 'node_modules/maplibre-gl/package.json'), 'utf8'),
  );
  writeFileSync(
    OUT,
    `${JSON.stringify({ maplibre: version, generated: `npx tsx scripts/still-fixture.ts${ACROSS ? ' --across' : ''}`, cases }, null, 1)}\n`,
  );
  console.log(`${OUT}: ${cases.length} cases`);
}

await main(process.argv.slice(2));
