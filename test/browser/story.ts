/**
 * Helpers for the story page's browser tests: the default story as the element sees it, real
 * scrolling to a chapter, waiting for the map to settle, and reading the page's state.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bbox as turfBbox } from '@turf/turf';
import type { Browser, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { baseUrl, type OpenedPage, type OpenPageOptions, openPage } from './page.ts';
import { DEFAULT_MAX_ZOOM, framePadding, labelWidth } from '../../src/geo/camera.ts';
import { STATE_SOURCE } from '../../src/map/style.ts';
import { normalizeStory, shownOnly } from '../../src/story/normalize.ts';
import { triggerLine } from '../../src/scroll/active.ts';
import type { BBox, Story } from '../../src/story/types.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '../../data');
const readJson = (name: string) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));

/**
 * A story under data/ (default: the default story), normalised by the same code the element runs,
 * with the features its chapters show or frame, as a loaded story has them (load.ts, shownOnly).
 */
export function defaultStory(file = 'story.json'): Story {
  const dir = file.includes('/') ? file.replace(/[^/]*$/, '') : '';
  const input = readJson(file);
  const data = {
    places: readJson(dir + input.data.places),
    routes: readJson(dir + input.data.routes),
    areas: readJson(dir + input.data.areas),
  };
  const { story, issues } = normalizeStory(input, data, { story: `data/${file}` });
  if (issues.length) throw new Error(`data/${file} has issues: ${JSON.stringify(issues)}`);
  return shownOnly(story);
}

export interface PageState {
  active: string | null;
  hash: string;
  center: [number, number];
  zoom: number;
  bounds: BBox;
  /** Events the timeline marks as the current chapter's. */
  currentEvents: string[];
  /** Whether the timeline draws a cursor. */
  cursor: boolean;
  scrollY: number;
}

/** Reads the element's state: active chapter, hash, map camera, timeline marks. */
export function pageState(page: Page): Promise<PageState> {
  return page.evaluate(() => {
    const el = document.querySelector('story-map')!;
    const map = el.map!;
    const b = map.getBounds();
    const timeline = el.renderRoot.querySelector('story-timeline')!;
    const root = timeline.renderRoot;
    const c = map.getCenter();
    return {
      active: el.activeChapter,
      hash: location.hash,
      center: [c.lng, c.lat] as [number, number],
      zoom: map.getZoom(),
      bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as [number, number, number, number],
      currentEvents: [...root.querySelectorAll('button[aria-current="true"]')].map(
        (b) => (b as HTMLElement).dataset.event!,
      ),
      cursor: root.querySelector('rect.cursor') !== null,
      scrollY: window.scrollY,
    };
  });
}

/**
 * Waits for scrolling to end and the map to exist (pressing Shift, a reader's first input, if it has
 * not been asked for yet), stop moving, and draw everything: the element and its
 * map view have rendered (so any flight the scroll asks for has started), then the map's next `idle`
 * (MapLibre fires it after a frame drawn with nothing moving and every tile and style change in).
 * `selector` picks the element when a page has several (default: the first `story-map`).
 */
export async function settle(
  page: Page,
  { timeout = 20_000, selector = 'story-map' }: { timeout?: number; selector?: string } = {},
): Promise<void> {
  await scrollRest(page);
  // The map loads at the reader's first input (or past the first chapter): act as a reader would, with
  // a key that does nothing, if nothing has asked for it yet.
  // The map view listens for the first input from when it is made: press only once it is there.
  await page.waitForFunction(
    (s) => document.querySelector<HTMLElementTagNameMap['story-map']>(s)?.renderRoot?.querySelector('story-map-view'),
    selector,
    { timeout },
  );
  if (!(await page.evaluate((s) => document.querySelector<HTMLElementTagNameMap['story-map']>(s)?.map, selector))) {
    // In an iframe (a Frame passed as a page) a key pressed on the page would not reach the frame's
    // window: the frame gets the keydown itself.
    if ('keyboard' in page) await page.keyboard.press('Shift');
    else
      await (page as Frame).evaluate(() =>
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true })),
      );
  }
  await page.waitForFunction(
    (selector) => document.querySelector<HTMLElementTagNameMap['story-map']>(selector)?.map?.loaded() === true,
    selector,
    { timeout },
  );
  await page.evaluate(async (selector) => {
    const el = document.querySelector<HTMLElementTagNameMap['story-map']>(selector)!;
    await el.updateComplete;
    await el.renderRoot.querySelector('story-map-view')?.updateComplete;
    const map = el.map!;
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      // A frame is drawn even when nothing changed, so `idle` comes: at once if all is drawn, or after
      // the flight and the tiles it needs.
      map.triggerRepaint();
    });
  }, selector);
}

/**
 * Waits until chapter `id` is active and the page got there: the hash names it (unless `hash` is false,
 * for no-hash elements), which the element writes only once the scroll has reached the chapter.
 * Holds both for an instant jump and a smooth one, whether `activeChapter` switches at its start or its end.
 */
export async function arrived(page: Page, id: string, { hash = true, timeout = 20_000 } = {}): Promise<void> {
  await page.waitForFunction(
    ({ id, hash }) =>
      document.querySelector('story-map')?.activeChapter === id &&
      (!hash || location.hash === `#${encodeURIComponent(id)}`),
    { id, hash },
    { timeout },
  );
}

/** arrived(), then settle(): chapter `id` is active, the scroll has stopped and the map is drawn there. */
export async function landOn(
  page: Page,
  id: string,
  options: { hash?: boolean; timeout?: number } = {},
): Promise<void> {
  await arrived(page, id, options);
  await settle(page, { timeout: options.timeout });
}

/**
 * Scrolls the page with the mouse wheel (as a reader would) until the chapter's top is just above
 * the trigger line. Returns the number of wheel steps used.
 */
export async function wheelToChapter(page: Page, id: string, step = 400): Promise<number> {
  let steps = 0;
  for (;;) {
    const { top, trigger } = await page.evaluate(
      ({ id }) => {
        const el = document.querySelector('story-map')!;
        const section = el.querySelector(`[data-chapter="${CSS.escape(id)}"]`)!;
        const panel = el.renderRoot.querySelector('.panel')!.getBoundingClientRect();
        const covered = panel.width >= el.clientWidth * 0.9 ? Math.max(0, Math.min(panel.bottom, innerHeight)) : 0;
        return { top: section.getBoundingClientRect().top, trigger: covered + (innerHeight - covered) * 0.4 };
      },
      { id },
    );
    // Aim for the chapter's top a little above the trigger line.
    const delta = top - (trigger - 40);
    if (Math.abs(delta) < 30 || steps > 200) return steps;
    await page.mouse.wheel(0, Math.sign(delta) * Math.min(Math.abs(delta), step));
    await scrollRest(page);
    steps++;
  }
}

/** Waits until the page has stopped scrolling (Chromium animates wheel scrolls). */
export function scrollRest(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let last = scrollY;
        let still = 0;
        const tick = () => {
          still = scrollY === last ? still + 1 : 0;
          last = scrollY;
          if (still >= 4) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/** The [w, s, e, n] box of a feature of the story, as drawn (routes as their great circles). */
export function featureBox(story: Story, id: string): BBox {
  const entry = story.features.get(id);
  if (!entry) throw new Error(`no feature ${id}`);
  const [w, s, e, n] = turfBbox(entry.feature);
  return [w!, s!, e!, n!];
}

/** Whether box `inner` lies inside box `outer` (with a small tolerance in degrees). */
export function boxInside(inner: BBox, outer: BBox, tolerance = 1e-6): boolean {
  return (
    inner[0] >= outer[0] - tolerance &&
    inner[1] >= outer[1] - tolerance &&
    inner[2] <= outer[2] + tolerance &&
    inner[3] <= outer[3] + tolerance
  );
}

/** The events of a chapter, as the timeline should mark them. */
export function chapterEvents(story: Story, id: string): string[] {
  return story.events.filter((e) => e.chapter === id).map((e) => e.id);
}

/** Asserts the page shows chapter `id`: active chapter, hash, map camera and layers, timeline. */
export async function expectChapter(story: Story, page: Page, id: string): Promise<void> {
  const chapter = story.chapters.find((c) => c.id === id)!;
  const state = await pageState(page);
  expect(state.active).toBe(id);
  expect(state.hash).toBe(`#${id}`);
  // The camera: the declared one, or every focused feature in view.
  if (chapter.view.camera) {
    expect(state.center[0]).toBeCloseTo(chapter.view.camera.center[0], 2);
    expect(state.center[1]).toBeCloseTo(chapter.view.camera.center[1], 2);
    expect(state.zoom).toBeCloseTo(chapter.view.camera.zoom, 1);
  } else {
    for (const fid of chapter.view.focus)
      expect(boxInside(featureBox(story, fid), state.bounds), `${fid} in view in ${id}`).toBe(true);
    // And framed as the chapter asks. The oracle is MapLibre's own fit of the focus box into this map
    // (`cameraForBounds`), with the room the story keeps around it (framePadding: policy) and the zoom cap.
    const labels = chapter.view.focus
      .map((fid) => story.features.get(fid)?.feature)
      .filter((f) => f !== undefined && f.geometry.type === 'Point')
      .map((f) => labelWidth(String((f!.properties as { label?: string; name: string }).label ?? f!.properties.name)));
    const box = chapter.view.focus
      .map((fid) => featureBox(story, fid))
      .reduce<BBox>(
        (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])],
        [Infinity, Infinity, -Infinity, -Infinity],
      );
    const size = await page.evaluate(() => {
      const view = document.querySelector('story-map')!.renderRoot.querySelector('story-map-view')!;
      return { width: view.clientWidth, height: view.clientHeight };
    });
    const padding = framePadding(size, Math.max(0, ...labels));
    const fit = await page.evaluate(
      ({ box, padding, maxZoom }) => {
        const map = document.querySelector('story-map')!.map!;
        const camera = map.cameraForBounds(
          [
            [box[0], box[1]],
            [box[2], box[3]],
          ],
          { padding, maxZoom },
        );
        if (!camera?.center || camera.zoom === undefined) return null;
        // How far, in screen pixels, the map's centre is from the fitted centre.
        const want = map.project(camera.center);
        const have = map.project(map.getCenter());
        return { zoom: camera.zoom, off: Math.hypot(want.x - have.x, want.y - have.y), mapZoom: map.getZoom() };
      },
      { box, padding, maxZoom: DEFAULT_MAX_ZOOM },
    );
    expect(fit, `MapLibre fits the focus of ${id}`).not.toBeNull();
    // A jump or a finished flight lands exactly on the camera asked for: allow rounding only.
    expect(Math.abs(fit!.mapZoom - fit!.zoom), `zoom of ${id}: ${fit!.mapZoom} vs fit ${fit!.zoom}`).toBeLessThan(
      0.005,
    );
    expect(fit!.off, `centre of ${id}, pixels from the fitted centre`).toBeLessThan(1);
  }
  // The map draws what the chapter declares: highlighted places are rendered.
  const drawn = await page.evaluate(() => {
    const map = document.querySelector('story-map')!.map!;
    const layers = map
      .getStyle()
      .layers.filter((l) => l.id.startsWith('place-highlight'))
      .map((l) => l.id);
    return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => f.properties.id as string))];
  });
  const places = chapter.view.highlight.filter((h) => story.features.get(h)?.layer === 'places');
  expect(drawn.sort()).toEqual([...places].sort());
  // Areas and routes are drawn by feature state (their opacity follows it, see storyStyle): outlined or
  // drawn when the chapter shows them, filled when it highlights them, hidden otherwise.
  const lines = [...story.features].filter(([, f]) => f.layer === 'areas' || f.layer === 'routes');
  const states = await page.evaluate(
    ({ ids, source }) => {
      const map = document.querySelector('story-map')!.map!;
      return ids.map((id) => ({ id, ...map.getFeatureState({ source, id }) }));
    },
    { ids: lines.map(([id]) => id), source: STATE_SOURCE },
  );
  expect(states, `areas and routes of ${id}`).toEqual(
    lines.map(([fid]) => ({
      id: fid,
      visible: chapter.view.visible.includes(fid),
      highlight: chapter.view.highlight.includes(fid),
    })),
  );
  // The timeline marks this chapter's events.
  expect(state.currentEvents.sort()).toEqual(chapterEvents(story, id).sort());
  // A cursor marks the chapter's events, or the last dated chapter before it (none before the first).
  expect(state.cursor).toBe(story.chapters.slice(0, chapter.index + 1).some((c) => c.period !== null));
}

export { triggerLine };

/** Opens the story at `hash` (e.g. '#cecot'; '' for the top) in a fresh page, with the map settled there. */
export async function openStoryAt(browser: Browser, hash: string, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const opened = await openPage(browser, `${baseUrl()}${hash}`, options);
  if (hash) await landOn(opened.page, hash.slice(1));
  else await settle(opened.page);
  return opened;
}

/**
 * Waits for the story to have loaded (the element is defined and its timeline has its events), then
 * for the page to go idle.
 */
export async function storyLoaded(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (document
        .querySelector('story-map')
        ?.renderRoot?.querySelector('story-timeline')
        ?.renderRoot.querySelectorAll('button').length ?? 0) > 0,
  );
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
}

/** Runs `how` on the map's WebGL_lose_context (kept: a lost context gives the extension no more). */
export function loseContext(page: Page, how: 'loseContext' | 'restoreContext'): Promise<void> {
  return page.evaluate((how) => {
    const w = window as unknown as { lost?: WEBGL_lose_context | null };
    w.lost ??= document
      .querySelector('story-map')!
      .map!.getCanvas()
      .getContext('webgl2')!
      .getExtension('WEBGL_lose_context');
    w.lost![how]();
  }, how);
}

/**
 * `serveFolder(page, folder, files)`: the page gets `files` (name → text) at /<folder>/<name>, and
 * 404 for any other name there; resolves with `<folder>/story.json`, for `?story=`.
 */
export async function serveFolder(page: Page, folder: string, files: Record<string, string>): Promise<string> {
  await page.route(`**/${folder}/*`, (route) => {
    const body = files[new URL(route.request().url()).pathname.split('/').pop()!];
    return body === undefined
      ? route.fulfill({ status: 404, body: 'not found' })
      : route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  return `${folder}/story.json`;
}
