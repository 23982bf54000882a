// The still map (issue 9, "light first"): a static SVG of the chapter's map, in the page before any
// script, in the panel until the interactive map has drawn (and whenever it cannot), and in print.
// What is compared is what the reader sees: the figure's box, its markers' places on screen, and
// where MapLibre puts the same places when it takes over.
import { describe, expect, inject, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { failureNote, lostNote } from '../../src/map/failure.ts';
import type { Chapter, LngLat } from '../../src/story/types.ts';
import { baseUrl, expectClean, launchBrowser, openPage, useBrowser } from './page.ts';
import { arrived, defaultStory, landOn, loseContext, settle, storyLoaded as loaded } from './story.ts';

const story = defaultStory();
const first = story.chapters[0]!;

const browser = useBrowser();

const SIZES = [
  [1280, 800],
  [390, 844],
] as const;

/** The element's layout in a window `width` px wide: narrow below 48em (story-map.styles.ts). */
const layoutAt = (width: number) => (width < 48 * 16 ? 'narrow' : 'wide');

/** The ids among `ids` that are places (the still draws them as markers, `data-place`). */
function placesOf(ids: readonly string[]): string[] {
  return ids.filter((id) => story.features.get(id)?.layer === 'places');
}

/** The chapter's highlighted places. */
const highlightedPlaces = (chapter: Chapter) => placesOf(chapter.view.highlight);

/** A place's longitude and latitude. */
function lngLatOf(id: string): LngLat {
  const feature = story.features.get(id)!.feature;
  if (feature.geometry.type !== 'Point') throw new Error(`${id} is not a point`);
  return feature.geometry.coordinates as LngLat;
}

interface PanelStill {
  /** The slotted figure's `data-still-chapter` (null: no figure in the slot). */
  chapter: string | null;
  /** Its `data-still-size` (null: the one served with the page). */
  size: string | null;
  hidden: boolean;
  /** The figure is rendered, with a box, and neither it nor the panel's still layer is invisible. */
  visible: boolean;
  /** The map view's `still` property. */
  still: boolean;
  /** The map view's size, `<width>x<height>`. */
  viewSize: string;
  /** The canvas div has class `shown` (the interactive map is shown). */
  canvasShown: boolean;
  /** The map view's note (`.loading`), trimmed, or null. */
  note: string | null;
  /** The active chapter. */
  active: string | null;
  /** The class of the figure's visible `<svg>` (null: none visible). */
  svg: string | null;
  /** The visible svg's markers' centres, relative to the map view's box, by place id. */
  markers: Record<string, [number, number]>;
}

/** What the panel shows of the still, and where its markers are. */
function panelStill(page: Page): Promise<PanelStill> {
  return page.evaluate(() => {
    const el = document.querySelector('story-map')!;
    const view = el.renderRoot.querySelector('story-map-view')!;
    const figure = el.querySelector<HTMLElement>(':scope > [slot="still"]');
    const viewBox = view.getBoundingClientRect();
    const box = figure?.getBoundingClientRect();
    const svg = figure
      ? ([...figure.querySelectorAll('svg.sm-still-map')].find((s) => getComputedStyle(s).display !== 'none') ?? null)
      : null;
    const markers: Record<string, [number, number]> = {};
    for (const marker of svg?.querySelectorAll<SVGElement>('[data-place]') ?? []) {
      const r = marker.getBoundingClientRect();
      markers[marker.dataset.place!] = [r.x + r.width / 2 - viewBox.x, r.y + r.height / 2 - viewBox.y];
    }
    const note = view.renderRoot.querySelector('.loading');
    return {
      chapter: figure?.dataset.stillChapter ?? null,
      size: figure?.dataset.stillSize ?? null,
      hidden: figure ? figure.hidden !== false : true,
      visible:
        !!figure &&
        !!box &&
        box.width > 0 &&
        box.height > 0 &&
        figure.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
      still: view.still,
      viewSize: `${view.clientWidth}x${view.clientHeight}`,
      canvasShown: view.renderRoot.querySelector('.canvas')!.classList.contains('shown'),
      note: note?.textContent?.trim() ?? null,
      active: el.activeChapter,
      svg: svg?.getAttribute('class') ?? null,
      markers,
    };
  });
}

/** The panel shows chapter `id`'s still: its figure, not hidden, visible, with markers for `places`. */
function expectStillOf(state: PanelStill, id: string, places: readonly string[]): void {
  expect({
    chapter: state.chapter,
    hidden: state.hidden,
    visible: state.visible,
    still: state.still,
    canvasShown: state.canvasShown,
    // Served with the page (no size: made for both layouts' reference sizes), or drawn at the map's size.
    size: state.size === null || state.size === state.viewSize,
  }).toEqual({ chapter: id, hidden: false, visible: true, still: true, canvasShown: false, size: true });
  expect(Object.keys(state.markers)).toEqual(expect.arrayContaining([...places]));
}

/**
 * Waits until the still maps' renderer and the basemap have loaded (the story's StillController asks
 * for them at idle after the first input): its chunk and the basemap were requested by the page, and
 * the same modules, imported again, have resolved; the controller's own continuations ran before the
 * task after that.
 */
async function stillRendererLoaded(page: Page): Promise<void> {
  const urls = await page
    .waitForFunction(
      () => {
        const names = performance.getEntriesByType('resource').map((e) => e.name);
        const still = names.find((n) => /\/assets\/still-[^/]+\.js$/.test(n));
        const basemap = names.find((n) => /\/assets\/load-basemap-[^/]+\.js$/.test(n));
        return still && basemap ? { still, basemap } : null;
      },
      null,
      // Not polled at each frame (the default): the load waits for an idle moment, which a page kept
      // drawing frames gives less of.
      { timeout: 30_000, polling: 200 },
    )
    .then((handle) => handle.jsonValue() as Promise<{ still: string; basemap: string }>);
  // A string, so that vitest leaves the page's own import() alone.
  await page.evaluate(
    `Promise.all([import(${JSON.stringify(urls.still)}), import(${JSON.stringify(urls.basemap)}).then((m) => m.loadBasemap())])
      .then(() => new Promise((resolve) => setTimeout(resolve)))`,
  );
}

describe('the still map', () => {
  for (const [width, height] of SIZES) {
    it(`shows the text and the first chapter's still map with JavaScript off (${width}x${height})`, async () => {
      const opened = await openPage(browser(), baseUrl(), { width, height, context: { javaScriptEnabled: false } });
      try {
        const { page } = opened;
        await expect(page.locator('h1').textContent()).resolves.toBe(story.title);
        expect(await page.locator(`[data-chapter="${first.id}"] h2`).isVisible()).toBe(true);
        const shown = await page.evaluate(() => {
          const figure = document.querySelector<HTMLElement>('story-map > figure.sm-still')!;
          const box = figure.getBoundingClientRect();
          const svgs = [...figure.querySelectorAll('svg.sm-still-map')].filter(
            (s) => getComputedStyle(s).display !== 'none',
          );
          const svgBox = svgs[0]?.getBoundingClientRect();
          return {
            chapter: figure.dataset.stillChapter,
            slot: figure.slot,
            box: box.width > 0 && box.height > 0,
            visible: figure.checkVisibility({ opacityProperty: true, visibilityProperty: true }),
            svgs: svgs.map((s) => s.getAttribute('class')),
            svgBox: !!svgBox && svgBox.width > 0 && svgBox.height > 0,
            places: [...(svgs[0]?.querySelectorAll<SVGElement>('[data-place]') ?? [])].map((m) => m.dataset.place),
          };
        });
        const { places, ...figure } = shown;
        expect(figure).toEqual({
          chapter: first.id,
          slot: 'still',
          box: true,
          visible: true,
          svgs: [`sm-still-map sm-still-map--${layoutAt(width)}`],
          svgBox: true,
        });
        expect(placesOf(first.view.focus).length).toBeGreaterThan(0);
        expect(places).toEqual(expect.arrayContaining(placesOf(first.view.focus)));
        expectClean(opened);
      } finally {
        await opened.close();
      }
    });
  }

  for (const [width, height] of SIZES) {
    it(`shows the served still until the first input, then the interactive map on the same view (${width}x${height})`, async () => {
      const opened = await openPage(browser(), 'about:blank', { width, height });
      try {
        const { page } = opened;
        const engine: string[] = [];
        page.on('request', (r) => {
          if (/\/assets\/engine-[^/]+\.js$/.test(new URL(r.url()).pathname)) engine.push(r.url());
        });
        await page.goto(baseUrl());
        await loaded(page);
        expect(engine).toEqual([]);
        const before = await panelStill(page);
        // The page's own figure (no size: served with the page), in the panel, its map for this layout.
        expect(before.size).toBe(null);
        expect(before.svg).toBe(`sm-still-map sm-still-map--${layoutAt(width)}`);
        expectStillOf(before, first.id, placesOf(first.view.focus));
        expect(before.note).toBe(null);

        await page.keyboard.press('Shift');
        await settle(page);
        await expect.poll(async () => (await panelStill(page)).canvasShown, { timeout: 20_000 }).toBe(true);
        expect(engine).toHaveLength(1);
        // Then the reader sees and clicks the interactive map: the still under it is hidden, not over it.
        await expect.poll(async () => (await panelStill(page)).visible, { timeout: 5_000 }).toBe(false);
        const stillHit = await page.evaluate(() => {
          const el = document.querySelector('story-map')!;
          const r = el.map!.getCanvas().getBoundingClientRect();
          const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
          return el.querySelector(':scope > [slot="still"]')?.contains(hit) ?? false;
        });
        expect(stillHit, 'the still takes the clicks at the centre of the map').toBe(false);
        const after = await page.evaluate(
          (places) => {
            const el = document.querySelector('story-map')!;
            const map = el.map!;
            const view = el.renderRoot.querySelector('story-map-view')!.getBoundingClientRect();
            const canvas = map.getCanvas().getBoundingClientRect();
            return {
              active: el.activeChapter,
              canvas: [canvas.x - view.x, canvas.y - view.y],
              projected: Object.fromEntries(
                places.map(([id, lngLat]) => {
                  const p = map.project(lngLat);
                  return [id, [p.x, p.y]];
                }),
              ) as Record<string, [number, number]>,
            };
          },
          placesOf(first.view.focus).map((id) => [id, lngLatOf(id)] as const),
        );
        expect(after.active).toBe(first.id);
        // Where MapLibre draws each focused place, against the still's marker for it (view px).
        const offsets = Object.fromEntries(
          Object.entries(after.projected).map(([id, [x, y]]) => {
            const [mx, my] = before.markers[id]!;
            return [id, Math.hypot(x + after.canvas[0]! - mx, y + after.canvas[1]! - my)];
          }),
        );
        for (const [id, offset] of Object.entries(offsets)) {
          expect(offset, `${id}: ${offset.toFixed(2)} px between the still's marker and the map's`).toBeLessThanOrEqual(
            3,
          );
        }
        expectClean(opened);
      } finally {
        await opened.close();
      }
    });
  }

  // On the page's own figure (the first chapter), and on a later chapter, whose still is drawn then.
  for (const id of [first.id, 'cecot']) {
    it(`shows the still of the active chapter (${id}) while the map's context is lost, and the map again when it is restored`, async () => {
      const chapter = story.chapters.find((c) => c.id === id)!;
      const opened = await openPage(browser(), baseUrl());
      try {
        const { page } = opened;
        // The element is there before the key press that settle() gives (an input before it is lost).
        await loaded(page);
        await settle(page);
        if (chapter !== first) {
          await page.evaluate((id) => document.querySelector('story-map')!.goTo(id), chapter.id);
          await landOn(page, chapter.id);
        }
        await expect.poll(async () => (await panelStill(page)).canvasShown, { timeout: 20_000 }).toBe(true);
        await loseContext(page, 'loseContext');
        await expect
          .poll(
            async () => {
              const state = await panelStill(page);
              return state.note === lostNote(true) && state.chapter === chapter.id && state.visible && !state.hidden;
            },
            { timeout: 20_000 },
          )
          .toBe(true);
        const state = await panelStill(page);
        expect(state.active).toBe(chapter.id);
        expectStillOf(state, chapter.id, highlightedPlaces(chapter));
        await loseContext(page, 'restoreContext');
        await expect
          .poll(
            async () => {
              const { canvasShown, note } = await panelStill(page);
              return { canvasShown, note };
            },
            { timeout: 20_000 },
          )
          .toEqual({ canvasShown: true, note: null });
        await settle(page);
        expectClean(opened);
      } finally {
        await opened.close();
      }
    });
  }

  it('makes one map, however often the reader moves while the engine is on its way', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank', {
      context: { reducedMotion: 'reduce' },
    });
    try {
      const held: Route[] = [];
      await page.route(/\/assets\/engine-[^/]+\.js$/, (route) => void held.push(route));
      await page.goto(baseUrl());
      await page.waitForFunction(() =>
        document.querySelector('story-map')?.renderRoot?.querySelector('story-map-view'),
      );
      await page.keyboard.press('Shift');
      // (expect.poll's own 1 s is short on a loaded machine: the engine is asked for after the input's task.)
      await expect.poll(() => held.length, { timeout: 20_000 }).toBe(1);
      // Past the first chapter and back, twice, while the engine is held: each asks for the map again.
      for (const id of [story.chapters[1]!.id, first.id, story.chapters[2]!.id, first.id]) {
        await page.evaluate((id) => document.querySelector('story-map')!.goTo(id), id);
        await arrived(page, id);
      }
      for (const route of held) await route.continue();
      await settle(page);
      const state = await page.evaluate(() => {
        const view = document.querySelector('story-map')!.renderRoot.querySelector('story-map-view')!;
        return {
          canvases: view.renderRoot.querySelectorAll('canvas').length,
          container: view.renderRoot.querySelector('.canvas')!.className,
        };
      });
      expect(held).toHaveLength(1);
      expect(state.canvases).toBe(1);
      // MapLibre's own class is on its container (a second map removed from it would take it off).
      expect(state.container.split(' ').sort()).toEqual(['canvas', 'maplibregl-map', 'shown']);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('prints one still map per chapter, under its heading, and not the panel', async () => {
    const opened = await openPage(browser(), baseUrl());
    try {
      const { page } = opened;
      await loaded(page);
      await settle(page);
      await stillRendererLoaded(page);
      // The page's own print figures (images), until a print makes them again in the page's theme.
      expect(await page.locator('.sm-print-still > img').count()).toBe(story.chapters.length);
      const pdf = await page.pdf();
      const sections = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('story-map > .sm-story > [data-chapter]')].map((section) => {
          const figures = section.querySelectorAll(':scope > figure.sm-print-still');
          return {
            id: section.dataset.chapter!,
            figures: figures.length,
            after: figures[0]?.previousElementSibling?.className ?? null,
            chapter: (figures[0] as HTMLElement | undefined)?.dataset.stillChapter ?? null,
            places: [...(figures[0]?.querySelectorAll<SVGElement>('svg.sm-still-map [data-place]') ?? [])].map(
              (m) => m.dataset.place!,
            ),
          };
        }),
      );
      expect(sections.map((s) => s.id)).toEqual(story.chapters.map((c) => c.id));
      for (const [i, { places, ...section }] of sections.entries()) {
        const chapter = story.chapters[i]!;
        // One figure, of this chapter, under the map's description.
        expect(section).toEqual({ id: chapter.id, figures: 1, after: 'sm-map-description', chapter: chapter.id });
        expect(places).toEqual(expect.arrayContaining(highlightedPlaces(chapter)));
      }

      await page.emulateMedia({ media: 'print' });
      const print = await page.evaluate(() => {
        const el = document.querySelector('story-map')!;
        return {
          figures: [...document.querySelectorAll('figure.sm-print-still')].map((f) => {
            const box = f.getBoundingClientRect();
            const svg = f.querySelector('svg.sm-still-map')!.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && svg.width > 0 && svg.height > 0;
          }),
          panel: getComputedStyle(el.renderRoot.querySelector('.panel')!).display,
          slotted: el.querySelector<HTMLElement>(':scope > [slot="still"]')?.checkVisibility() ?? false,
        };
      });
      expect(print).toEqual({ figures: story.chapters.map(() => true), panel: 'none', slotted: false });

      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Chromium writes each page as an object of its own (`/Type /Page`, not compressed).
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0;
      // Each chapter's map is 400 px tall on a 1056 px Letter page and not broken across pages: at
      // most two a page, so at least half as many pages as chapters.
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(story.chapters.length / 2));
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it("prints from the browser's menu before any input: each chapter's map is the page's own, loaded to print", async () => {
    const opened = await openPage(browser(), 'about:blank');
    try {
      const { page } = opened;
      const images: string[] = [];
      page.on('requestfinished', (request) => {
        const path = new URL(request.url()).pathname;
        if (/\/assets\/print-[^/]+\.svg$/.test(path)) images.push(path);
      });
      await page.goto(baseUrl());
      await loaded(page);
      // The page goes quiet with no input (settle would press a key).
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));
      // No input: neither the still maps' code nor a print image has been asked for.
      const stillCode = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .some((e) => /\/assets\/still-[^/]+\.js$/.test(new URL(e.name).pathname)),
        );
      expect(await stillCode()).toBe(false);
      expect(images).toEqual([]);

      // The browser's own print (as from its menu): no key press, no `window.print()` of ours.
      const pdf = await page.pdf();
      expect(await stillCode()).toBe(false);
      expect(new Set(images).size).toBe(story.chapters.length);
      const sections = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('story-map > .sm-story > [data-chapter]')].map((section) => {
          const figures = section.querySelectorAll<HTMLElement>(':scope > figure.sm-print-still');
          const img = figures[0]?.querySelector('img');
          return {
            id: section.dataset.chapter!,
            figures: figures.length,
            chapter: figures[0]?.dataset.stillChapter ?? null,
            after: figures[0]?.previousElementSibling?.className ?? null,
            // Loaded and decoded: a file that is not well-formed SVG has no size.
            image: img ? [img.complete, img.naturalWidth, img.naturalHeight] : null,
          };
        }),
      );
      expect(sections).toEqual(
        story.chapters.map((c) => ({
          id: c.id,
          figures: 1,
          chapter: c.id,
          after: 'sm-map-description',
          image: [true, 640, 400],
        })),
      );
      // The image has the theme's colours in it (its own styles): water and land as the map's.
      const colours = await page.evaluate(async () => {
        const img = document.querySelector<HTMLImageElement>('figure.sm-print-still > img')!;
        const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0);
        const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const seen = new Set<string>();
        for (let i = 0; i < data.length; i += 4)
          seen.add(`#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`);
        const style = getComputedStyle(document.querySelector('story-map')!);
        return {
          water: seen.has(style.getPropertyValue('--sm-map-water').trim()),
          land: seen.has(style.getPropertyValue('--sm-map-land').trim()),
        };
      });
      expect(colours).toEqual({ water: true, land: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(Math.ceil(story.chapters.length / 2));
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('prints with Ctrl+P pressed before the still renderer has loaded, once every chapter has its map', async () => {
    const opened = await openPage(browser(), 'about:blank');
    try {
      const { page } = opened;
      // Headless Chromium opens no print dialog, but `window.print()` fires `beforeprint`: record
      // how many print figures the page has then.
      await page.addInitScript(() => {
        const w = window as unknown as { printed: number[] };
        w.printed = [];
        window.addEventListener('beforeprint', () =>
          // Made by the element (an <svg> in the page's theme), not the page's own images.
          w.printed.push(document.querySelectorAll('figure.sm-print-still > svg.sm-still-map').length),
        );
      });
      await page.goto(baseUrl());
      await loaded(page);
      const requested = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .some((e) => /\/assets\/still-[^/]+\.js$/.test(new URL(e.name).pathname)),
        );
      expect(await requested()).toBe(false);
      // The reader's first input: the renderer is not there yet.
      await page.keyboard.press('Control+p');
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { printed: number[] }).printed), { timeout: 20_000 })
        .toEqual([story.chapters.length]);
      expect(await requested()).toBe(true);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});

describe('the still map without WebGL', () => {
  it("shows each chapter's still as the reader goes through the story", async () => {
    const chrome = inject('chrome');
    const webglless = await launchBrowser({ ...chrome, args: [...chrome.args, '--disable-3d-apis'] });
    try {
      const opened = await openPage(webglless, 'about:blank');
      try {
        const { page } = opened;
        await page.addInitScript(() => {
          const w = window as unknown as { reported: string[] };
          w.reported = [];
          document.addEventListener('story-error', (e) => {
            for (const i of (e as CustomEvent<{ issues: { message: string }[] }>).detail.issues)
              w.reported.push(i.message);
            // Reported here: not logged as an error.
            e.preventDefault();
          });
        });
        await page.goto(baseUrl());
        await loaded(page);
        // The first input asks for the map, which cannot start.
        await page.keyboard.press('Shift');
        const note = failureNote('webgl', true);
        for (const chapter of story.chapters) {
          if (chapter !== first) {
            await page.evaluate((id) => document.querySelector('story-map')!.goTo(id), chapter.id);
            await arrived(page, chapter.id);
          }
          await expect
            .poll(
              async () => {
                const state = await panelStill(page);
                return state.chapter === chapter.id && state.visible && state.note === note;
              },
              { timeout: 20_000 },
            )
            .toBe(true);
          const state = await panelStill(page);
          expect(state.active).toBe(chapter.id);
          expect(state.note).toMatch(/^A still picture of the map/);
          expectStillOf(state, chapter.id, highlightedPlaces(chapter));
        }
        const reported = await page.evaluate(() => (window as unknown as { reported: string[] }).reported);
        expect(reported, JSON.stringify(reported)).toHaveLength(1);
        expect(reported[0]).toMatch(/^The map could not start: this browser has no WebGL 2/);
        expectClean(opened);
      } finally {
        await opened.close();
      }
    } finally {
      await webglless.close();
    }
  });
});
