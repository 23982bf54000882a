/**
 * Helpers for the story page's browser tests: the default story as the element sees it, real
 * scrolling to a chapter, waiting for the map to settle, and reading the page's state.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { bbox as turfBbox } from '@turf/turf';
import { expect } from 'vitest';
import { cameraForView } from '../../src/geo/camera.ts';
import { normalizeStory } from '../../src/story/normalize.ts';
import { triggerLine } from '../../src/scroll/active.ts';
import type { BBox, Story } from '../../src/story/types.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '../../data');
const readJson = (name: string) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));

/** A story under data/ (default: the default story), normalised by the same code the element runs. */
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
  return story;
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

/** Waits for scrolling to end and the map to exist, stop moving, and draw everything (MapLibre's `idle`). */
export async function settle(page: Page, timeout = 20_000): Promise<void> {
  await scrollRest(page);
  await page.waitForFunction(() => document.querySelector('story-map')?.map?.loaded() === true, null, { timeout });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = document.querySelector('story-map')!.map!;
        // A scroll may still be starting a flight: give it a frame, then wait for idle.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            if (!map.isMoving() && map.areTilesLoaded() && map.loaded()) resolve();
            else map.once('idle', () => resolve());
          }),
        );
      }),
  );
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
    // And framed as the chapter asks: the same fit the element computes for this map size.
    const size = await page.evaluate(() => {
      const view = document.querySelector('story-map')!.renderRoot.querySelector('story-map-view')!;
      return { width: view.clientWidth, height: view.clientHeight };
    });
    const expected = cameraForView(chapter.view, (f) => story.features.get(f)?.feature, size)!;
    expect(state.zoom).toBeCloseTo(expected.zoom, 1);
    expect(state.center[0]).toBeCloseTo(expected.center[0], 1);
    expect(state.center[1]).toBeCloseTo(expected.center[1], 1);
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
  // The timeline marks this chapter's events.
  expect(state.currentEvents.sort()).toEqual(chapterEvents(story, id).sort());
  // A cursor marks the chapter's events, or the last dated chapter before it (none before the first).
  expect(state.cursor).toBe(story.chapters.slice(0, chapter.index + 1).some((c) => c.period !== null));
}

export { triggerLine };
