// The element's life: text before scripts, text before the map library, one map per element removed
// with it, reduced motion, the `story` property and `?story=`. Faults (a missing GeoJSON file, slow map
// code…) are in the fault table, faults.ts.
import { describe, expect, inject, it } from 'vitest';
import type { CDPSession, Page, Route } from 'playwright-core';
import { CAPITALS } from './capitals.ts';
import { baseUrl, launchBrowser, openPage, useBrowser } from './page.ts';
import { describeView } from '../../src/story/format.ts';
import { boxInside, defaultStory, pageState, settle, storyLoaded } from './story.ts';

const story = defaultStory();

const browser = useBrowser();

describe('light first', () => {
  it("puts every chapter's text in the HTML, readable with JavaScript off", async () => {
    const { page, close } = await openPage(browser(), baseUrl(), { context: { javaScriptEnabled: false } });
    try {
      await expect(page.locator('h1').textContent()).resolves.toBe(story.title);
      const titles = await page.locator('story-map section[data-chapter] h2').allTextContents();
      expect(titles).toEqual(story.chapters.map((c) => c.title));
      const text = await page.locator('story-map').textContent();
      for (const c of story.chapters) {
        const first = c.body.find((b) => b.type === 'paragraph');
        if (first && first.type === 'paragraph') expect(text).toContain(first.text);
      }
      // Quotes carry their speaker; the correction is on the page.
      await expect(page.locator('#rubio blockquote cite').first().textContent()).resolves.toBe('Marco Rubio');
      await expect(page.locator('#cecot .sm-note').textContent()).resolves.toContain('31 January 2023');
    } finally {
      await close();
    }
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`loads at ${width}x${height} with nothing moving: no layout shift from the first paint to the story's load`, async () => {
      const { page, close, consoleErrors } = await openPage(browser(), 'about:blank', { width, height });
      try {
        await page.addInitScript(() => {
          const w = window as unknown as { shifts: { value: number; nodes: string[] }[] };
          w.shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as unknown as {
              value: number;
              sources: { node: Node | null }[];
            }[])
              w.shifts.push({ value: e.value, nodes: e.sources.map((s) => s.node?.nodeName ?? '?') });
          }).observe({ type: 'layout-shift', buffered: true });
        });
        await page.goto(baseUrl());
        // The story has loaded and the timeline has its events; then the page goes quiet.
        await storyLoaded(page);
        const shifts = await page.evaluate(() => (window as unknown as { shifts: unknown[] }).shifts);
        expect(shifts).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('loads the map library at the first input, not during the load, and reads on while it comes', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      const held: Route[] = [];
      await page.route(/\/assets\/engine-[^/]+\.js$/, (route) => void held.push(route));
      await page.goto(baseUrl());
      // The page has loaded and gone quiet: no engine yet, and no line saying one is coming.
      await storyLoaded(page);
      await page.waitForTimeout(500);
      const panelText = () =>
        page.evaluate(
          () =>
            document.querySelector('story-map')!.renderRoot.querySelector('story-map-view')!.renderRoot.textContent ??
            '',
        );
      expect(held.length).toBe(0);
      expect(await panelText()).not.toContain('Loading');
      // The reader's first input asks for it.
      await page.keyboard.press('Shift');
      await expect.poll(() => held.length).toBe(1);
      expect(await panelText()).toContain('Loading the interactive map: its code…');
      // A slow load is said after a while: the fault table's "a slow network" (faults.ts).
      const state = await page.evaluate(() => ({
        map: document.querySelector('story-map')!.map,
        chapters: document.querySelectorAll('story-map .sm-story > [data-chapter]').length,
        events: document
          .querySelector('story-map')!
          .renderRoot.querySelector('story-timeline')!
          .renderRoot.querySelectorAll('button').length,
      }));
      expect(state).toEqual({ map: null, chapters: story.chapters.length, events: story.events.length });
      for (const route of held) await route.continue();
      await settle(page);
      // Drawn: no line under the map any more.
      expect(await panelText()).not.toContain('interactive map');
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('loads the map library with no input for a reader who opens the story past its first chapter', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), `${baseUrl()}#cecot`);
    try {
      // No key, no pointer, no wheel: the deep link puts the reader in the third chapter.
      await page.waitForFunction(() => document.querySelector('story-map')?.map?.loaded(), null, { timeout: 30_000 });
      expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe('cecot');
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('fires story-map-ready with the map, the same as storyMap.map', async () => {
    const { page, close } = await openPage(browser(), 'about:blank');
    try {
      await page.addInitScript(() => {
        document.addEventListener('story-map-ready', (e) => {
          const w = window as unknown as { readyMap: unknown; readyTarget: string };
          w.readyMap = (e as CustomEvent).detail.map;
          w.readyTarget = (e.target as Element).localName;
        });
      });
      await page.goto(baseUrl());
      await settle(page);
      const same = await page.evaluate(() => {
        const w = window as unknown as { readyMap: unknown; readyTarget: string };
        return { same: w.readyMap === document.querySelector('story-map')!.map, target: w.readyTarget };
      });
      expect(same).toEqual({ same: true, target: 'story-map' });
    } finally {
      await close();
    }
  });
});

describe('one map per element', () => {
  it('has one WebGL canvas, and loses it when the element leaves the page', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), baseUrl());
    try {
      await settle(page);
      const result = await page.evaluate(async () => {
        const el = document.querySelector('story-map')!;
        const view = el.renderRoot.querySelector('story-map-view')!;
        const canvases = view.renderRoot.querySelectorAll('canvas').length;
        const canvas = el.map!.getCanvas();
        const gl = canvas.getContext('webgl2')!;
        const parent = el.parentElement!;
        el.remove();
        await new Promise((r) => requestAnimationFrame(r));
        const afterRemove = { connected: canvas.isConnected, lost: gl.isContextLost(), map: el.map };
        parent.append(el);
        await new Promise<void>((resolve) => el.addEventListener('story-map-ready', () => resolve(), { once: true }));
        return { canvases, afterRemove, again: el.map !== null };
      });
      expect(result).toEqual({ canvases: 1, afterRemove: { connected: false, lost: true, map: null }, again: true });
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('removing and re-adding the element', () => {
  /**
   * The page's live DOM nodes, JS event listeners and documents (CDP Memory.getDOMCounters), after a
   * forced garbage collection: what a remount leaves behind stays counted, all else is collected.
   */
  async function counters(cdp: CDPSession) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return cdp.send('Memory.getDOMCounters');
  }

  /** The counters once two readings a second apart agree (work a remount started has ended). */
  async function settledCounters(cdp: CDPSession) {
    let last = await counters(cdp);
    for (let i = 0; i < 15; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      const now = await counters(cdp);
      if (JSON.stringify(now) === JSON.stringify(last)) return now;
      last = now;
    }
    return last;
  }

  for (const withMap of [true, false]) {
    it(`leaves no listener and no node behind over 20 remounts ${withMap ? 'of its map' : 'before the map is loaded'}`, async () => {
      const { page, context, close, consoleErrors } = await openPage(browser(), baseUrl());
      try {
        const cdp = await context.newCDPSession(page);
        const engine: string[] = [];
        page.on('request', (r) => {
          if (/\/assets\/(engine|maplibre)/.test(r.url())) engine.push(r.url());
        });
        await storyLoaded(page);
        if (withMap) await settle(page);
        /**
         * Out of the page for a frame, then back, and settled: its map loaded again and idle, or (before
         * the reader's first input) its still map drawn; then the page idle.
         */
        const remount = () =>
          page.evaluate(async (withMap) => {
            const el = document.querySelector('story-map')!;
            const parent = el.parentElement!;
            el.remove();
            await new Promise((r) => requestAnimationFrame(r));
            const ready =
              withMap &&
              new Promise<void>((resolve) => el.addEventListener('story-map-ready', () => resolve(), { once: true }));
            parent.append(el);
            await el.updateComplete;
            if (ready) {
              await ready;
              await new Promise<void>((resolve) => el.map!.once('idle', () => resolve()));
            } else await new Promise((r) => requestIdleCallback(r, { timeout: 3000 }));
            return el.map !== null;
          }, withMap);
        // The first remounts settle the page (the still drawn at the map's size): count from there.
        expect(await remount()).toBe(withMap);
        expect(await remount()).toBe(withMap);
        const before = await settledCounters(cdp);
        for (let i = 0; i < 20; i++) expect(await remount()).toBe(withMap);
        expect(await settledCounters(cdp)).toEqual(before);
        // The element still works: one map (or none yet), the story where it was.
        const state = await page.evaluate(() => ({
          canvases: document
            .querySelector('story-map')!
            .renderRoot.querySelector('story-map-view')!
            .renderRoot.querySelectorAll('canvas').length,
          chapters: document.querySelectorAll('story-map .sm-story > [data-chapter]').length,
        }));
        expect(state).toEqual({ canvases: withMap ? 1 : 0, chapters: story.chapters.length });
        // Out of the page, the element measures nothing: it never took itself for past the first
        // chapter, which would load the map with no input from the reader.
        if (!withMap) expect(engine).toEqual([]);
        expect(consoleErrors).toEqual([]);
      } finally {
        await close();
      }
    }, 180_000);
  }
});

describe('a slow GeoJSON file', () => {
  const panama = defaultStory('examples/panama-canal/story.json');

  it("shows another story's text, timeline and deep link while its places file is held, then its map", async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      const held: Route[] = [];
      await page.route('**/examples/panama-canal/places.geojson', (route) => void held.push(route));
      await page.goto(`${baseUrl()}?story=data/examples/panama-canal/story.json#expansion`);
      await expect.poll(() => held.length).toBe(1);
      await page.waitForFunction(() => document.querySelector('story-map')?.activeChapter === 'expansion');
      const waiting = await page.evaluate(() => {
        const el = document.querySelector('story-map')!;
        const timeline = el.renderRoot.querySelector('story-timeline')!;
        return {
          chapters: [...document.querySelectorAll('story-map [data-chapter]')].map((c) => c.id),
          events: timeline.renderRoot.querySelectorAll('button').length,
          hash: location.hash,
          map: el.map,
          distances: document.querySelectorAll('#expansion .sm-distance').length,
        };
      });
      // The text reads from the story file alone; a distance needs the places' coordinates.
      expect(waiting).toEqual({
        chapters: panama.chapters.map((c) => c.id),
        events: panama.events.length,
        hash: '#expansion',
        map: null,
        distances: 0,
      });
      await expect(page.locator('#expansion').isVisible()).resolves.toBe(true);
      for (const route of held) await route.continue();
      await settle(page);
      const after = await page.evaluate(() => ({
        active: document.querySelector('story-map')!.activeChapter,
        distances: document.querySelectorAll('#expansion .sm-distance').length,
      }));
      // The features arrived without taking the reader back to the start.
      expect(after).toEqual({ active: 'expansion', distances: 1 });
      await expect(page.locator('#expansion .sm-map-description').textContent()).resolves.toBe(
        describeView(
          panama.chapters.find((c) => c.id === 'expansion')!.view,
          panama.features,
          panama.lang,
          panama.chapters.find((c) => c.id === 'expansion')!.body,
        ),
      );
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('motion', () => {
  /**
   * The map's `move` events from now until it has rested for a second: how many, and over how long.
   * A jump moves the camera in one step; a flight moves it every frame for hundreds of ms.
   */
  const recordMoves = (page: Page) =>
    page.evaluate(() => {
      const map = document.querySelector('story-map')!.map!;
      const w = window as unknown as { moves: number[] };
      w.moves = [];
      map.on('move', () => w.moves.push(performance.now()));
    });
  const moves = async (page: Page) => {
    await page.waitForFunction(
      () => {
        const { moves } = window as unknown as { moves: number[] };
        return moves.length > 0 && performance.now() - moves.at(-1)! > 1000;
      },
      null,
      { timeout: 20_000 },
    );
    const times = await page.evaluate(() => (window as unknown as { moves: number[] }).moves);
    return { count: times.length, span: times.at(-1)! - times[0]! };
  };

  for (const reduce of [true, false]) {
    it(`${reduce ? 'jumps' : 'flies'} on Next and on goTo ${reduce ? 'under' : 'without'} prefers-reduced-motion: reduce`, async () => {
      const { page, close, consoleErrors } = await openPage(browser(), baseUrl(), {
        context: { reducedMotion: reduce ? 'reduce' : 'no-preference' },
      });
      try {
        await settle(page);
        await expect(page.locator('story-map button.motion').getAttribute('aria-pressed')).resolves.toBe(
          String(reduce),
        );
        // Next, from the first chapter.
        await page.evaluate((id) => document.querySelector('story-map')!.goTo(id), story.chapters[0]!.id);
        await settle(page);
        await recordMoves(page);
        await page.locator('story-map story-map-controls button', { hasText: 'Next' }).click();
        const next = await moves(page);
        expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe(
          story.chapters[1]!.id,
        );
        // goTo, across the story.
        await settle(page);
        await recordMoves(page);
        await page.evaluate(() => document.querySelector('story-map')!.goTo('deportations'));
        const goTo = await moves(page);
        if (reduce) {
          // A step (or two in the same frame), not a series of moves over time.
          for (const [name, m] of Object.entries({ next, goTo })) {
            expect(m.count, name).toBeLessThanOrEqual(2);
            expect(m.span, name).toBeLessThan(50);
          }
        } else {
          // The flights this test tells from jumps.
          expect(next.count, 'Next').toBeGreaterThan(3);
          expect(next.span, 'Next').toBeGreaterThan(200);
          expect(goTo.count, 'goTo').toBeGreaterThan(3);
          expect(goTo.span, 'goTo').toBeGreaterThan(200);
        }
        expect(consoleErrors).toEqual([]);
      } finally {
        await close();
      }
    });
  }

  it('lets the reader turn motion off with the button', async () => {
    const { page, close } = await openPage(browser(), baseUrl());
    try {
      await settle(page);
      const motion = page.locator('story-map button.motion');
      await motion.click();
      await expect(motion.getAttribute('aria-pressed')).resolves.toBe('true');
      const after = await page.evaluate(async () => {
        const el = document.querySelector('story-map')!;
        await el.goTo('swap');
        await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(r));
        return { moving: el.map!.isMoving(), active: el.activeChapter };
      });
      expect(after).toEqual({ moving: false, active: 'swap' });
    } finally {
      await close();
    }
  });
});

describe('other stories', () => {
  const tiny = {
    title: 'A tiny test story',
    published: '2020-01-02',
    data: { places: 'places.geojson' },
    events: [
      { date: '2020-01-01', label: 'It begins', chapter: 'one' },
      { date: '2020-03-01', label: 'Later', chapter: 'two' },
    ],
    chapters: [
      { id: 'one', title: 'Chapter one', body: ['First <b>paragraph</b>.'], map: { focus: ['a'] } },
      { id: 'two', title: 'Chapter two', body: ['Second paragraph.'], map: { focus: ['a', 'b'] } },
    ],
  };

  it('opens another story with ?story=, rendering its text safely', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      await page.route('**/other/story.json', (r) => r.fulfill({ json: tiny }));
      await page.route('**/other/places.geojson', (r) => r.fulfill({ json: CAPITALS }));
      await page.goto(`${baseUrl()}?story=other/story.json#two`);
      await page.waitForFunction(() => document.querySelector('story-map')?.activeChapter === 'two');
      await settle(page);
      const titles = await page.locator('story-map section[data-chapter] h2').allTextContents();
      expect(titles).toEqual(['Chapter one', 'Chapter two']);
      expect(await page.locator('story-map h1').allTextContents()).toEqual(['A tiny test story']);
      // Editor text is text, never markup.
      expect(await page.locator('#one h2 ~ p:not(.sm-map-description)').first().textContent()).toBe(
        'First <b>paragraph</b>.',
      );
      expect(await page.locator('#one b').count()).toBe(0);
      const state = await pageState(page);
      expect(state.bounds[0]).toBeLessThanOrEqual(-77.04);
      expect(state.bounds[1]).toBeLessThanOrEqual(-12.05);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('takes a story object through the `story` property (two stories on one page)', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), baseUrl(), {
      context: { reducedMotion: 'reduce' },
    });
    try {
      await settle(page);
      await page.evaluate(
        ({ tiny, places }) => {
          const second = document.createElement('story-map');
          second.setAttribute('no-hash', '');
          second.id = 'second';
          second.story = { ...tiny, data: { places } } as never;
          document.body.append(second);
        },
        { tiny, places: CAPITALS },
      );
      await page.waitForFunction(
        () => (document.querySelector('#second') as HTMLElementTagNameMap['story-map']).chapterElements.length === 2,
      );
      await page.locator('#second').scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => (document.querySelector('#second') as HTMLElementTagNameMap['story-map']).map?.loaded() === true,
        null,
        { timeout: 20_000 },
      );
      const canvases = await page.evaluate(() =>
        [...document.querySelectorAll('story-map')].map(
          (el) => el.renderRoot.querySelector('story-map-view')!.renderRoot.querySelectorAll('canvas').length,
        ),
      );
      expect(canvases).toEqual([1, 1]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });
  // A missing GeoJSON file: the fault table's "a GeoJSON file that is missing" (faults.ts).
});

describe('a browser without WebGL 2', () => {
  it('says the map cannot be shown, and the story still reads and moves', async () => {
    const chrome = inject('chrome');
    const browser = await launchBrowser({ ...chrome, args: [...chrome.args, '--disable-3d-apis'] });
    try {
      const { page, close } = await openPage(browser, 'about:blank');
      try {
        await page.addInitScript(() => {
          const w = window as unknown as { reported: string[] };
          w.reported = [];
          document.addEventListener('story-error', (e) => {
            for (const i of (e as CustomEvent<{ issues: { message: string }[] }>).detail.issues)
              w.reported.push(i.message);
            e.preventDefault();
          });
        });
        await page.goto(`${baseUrl()}#cecot`);
        const message = page.locator('story-map story-map-view .loading');
        await expect
          .poll(() => message.textContent(), { timeout: 20_000 })
          .toBe('A still picture of the map: this browser cannot draw the interactive map (it needs WebGL 2).');
        // story-error names the cause for the site.
        const reported = await page.evaluate(() => (window as unknown as { reported: string[] }).reported);
        expect(reported).toHaveLength(1);
        expect(reported[0]).toMatch(/^The map could not start: this browser has no WebGL 2, or it is turned off/);
        expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe('cecot');
        await page.evaluate(() => document.querySelector('story-map')!.goTo('swap'));
        await page.waitForFunction(() => document.querySelector('story-map')!.activeChapter === 'swap');
      } finally {
        await close();
      }
    } finally {
      await browser.close();
    }
  });
});

describe('an explicit camera on a smaller map', () => {
  // Composed on a desktop: at zoom 4.5 the 741 px panel shows Bogotá and Lima; a phone's does not.
  const story = {
    title: 'A camera composed on a desktop',
    data: { places: 'places.geojson' },
    chapters: [
      {
        id: 'one',
        title: 'Two capitals',
        body: ['Bogotá and Lima.'],
        map: { camera: { center: [-75.5, -3.7], zoom: 4.5 }, focus: ['a', 'b'] },
      },
    ],
  };
  const camera = async (width: number, height: number) => {
    const { page, close } = await openPage(browser(), 'about:blank', { width, height });
    try {
      await page.route('**/composed/story.json', (r) => r.fulfill({ json: story }));
      await page.route('**/composed/places.geojson', (r) => r.fulfill({ json: CAPITALS }));
      await page.goto(`${baseUrl()}?story=composed/story.json`);
      await settle(page);
      return await pageState(page);
    } finally {
      await close();
    }
  };

  it('is kept on a desktop, and zoomed out about its centre on a phone until its highlighted places show', async () => {
    const desktop = await camera(1280, 800);
    expect(desktop.zoom).toBeCloseTo(4.5, 6);
    const phone = await camera(390, 844);
    expect(phone.zoom).toBeLessThan(4.5);
    expect(phone.center[0]).toBeCloseTo(-75.5, 4);
    expect(phone.center[1]).toBeCloseTo(-3.7, 4);
    for (const place of CAPITALS.features) {
      const [lon, lat] = place.geometry.coordinates as [number, number];
      expect(boxInside([lon, lat, lon, lat], phone.bounds), `${place.properties.name} in view`).toBe(true);
    }
  });
});
