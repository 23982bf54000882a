// A site that enforces Trusted Types (`require-trusted-types-for 'script'`): the story page, the
// script embed from another origin and the iframe embed run under README's policies plus
// `trusted-types story-map lit-html`, with zero violations, the interactive map drawn, and the
// workers (MapLibre's, and the checks') started through the story-map policy and answering.
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { largeStory } from '../../scripts/large-story.mjs';
import { useHostServer } from './host-server.ts';
import { baseUrl, openPage, useBrowser, watchPolicy } from './page.ts';
import { chapterEvents, defaultStory, landOn, settle } from './story.ts';

const browser = useBrowser();
const site = useHostServer();
const story = defaultStory();

/** What README tells a site to add for Trusted Types. */
const TRUSTED_TYPES = "require-trusted-types-for 'script'; trusted-types story-map lit-html";

/** The story's origin (the preview server), as a CDN would host the embed. */
const cdn = () => new URL(baseUrl()).origin;

interface Started {
  url: string;
  name: string;
  messages: number;
  errors: number;
}

/**
 * Records every worker the page and its frames start (the URL given, its name) and counts its
 * messages and errors: a worker blocked at `new Worker` is not recorded, one that failed to load
 * counts an error. Watches the real constructor, which it calls with the same arguments.
 */
async function watchWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { started: Started[] };
    w.started = [];
    const Native = window.Worker;
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const entry = { url: String(url), name: options?.name ?? '', messages: 0, errors: 0 };
        w.started.push(entry);
        this.addEventListener('message', () => entry.messages++);
        this.addEventListener('error', () => entry.errors++);
      }
    };
  });
}

const started = (where: Page | Frame) => where.evaluate(() => (window as unknown as { started: Started[] }).started);

/** Serves the story origin's pages (the story page, the iframe page) with `csp` added to their headers. */
async function withPolicy(page: Page, csp: string): Promise<void> {
  await page.route(
    (url) => url.origin === cdn() && (url.pathname === '/' || url.pathname === '/iframe.html'),
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    },
  );
}

/** Clicks the timeline's event for chapter `id` of the story at `selector` and waits until the map has landed there. */
async function viaTimeline(page: Page | Frame, id: string, selector = 'story-map'): Promise<void> {
  await page.evaluate(
    ({ selector, event }) => {
      const timeline = document
        .querySelector<HTMLElementTagNameMap['story-map']>(selector)!
        .renderRoot.querySelector('story-timeline')!;
      timeline.renderRoot.querySelector<HTMLButtonElement>(`button[data-event="${event}"]`)!.click();
    },
    { selector, event: chapterEvents(story, id)[0]! },
  );
  await page.waitForFunction(
    ({ selector, id }) => document.querySelector<HTMLElementTagNameMap['story-map']>(selector)!.activeChapter === id,
    { selector, id },
    { timeout: 20_000 },
  );
  await settle(page as Page, { selector });
}

/**
 * MapLibre has loaded, and drawn features: its worker laid out their tiles (without a worker, `loaded()`
 * still comes, with nothing drawn).
 */
const drawn = (where: Page | Frame, selector = 'story-map') =>
  where.evaluate((selector) => {
    const map = document.querySelector<HTMLElementTagNameMap['story-map']>(selector)!.map;
    return { loaded: map?.loaded() ?? false, features: (map?.queryRenderedFeatures().length ?? 0) > 0 };
  }, selector);

const checksWorker = (w: Started) => w.name === 'story-map checks';
/** Our own workers have names (the checks', and large GeoJSON's: `story-map data`); MapLibre's has none. */
const mapWorker = (w: Started) => w.name !== 'story-map checks' && w.name !== 'story-map data';

/** MapLibre's one worker in `where` started from `url` with no error, and answered. */
async function expectMapWorker(where: Page | Frame, url: RegExp): Promise<void> {
  const map = (await started(where)).filter(mapWorker);
  expect(map).toEqual([expect.objectContaining({ url: expect.stringMatching(url), errors: 0 })]);
  expect(map[0]!.messages).toBeGreaterThan(0);
}

/** A blank page whose story page will be served with the README's line, its violations and workers watched. */
async function storyPageUnderPolicy() {
  const opened = await openPage(browser(), 'about:blank', { context: { reducedMotion: 'reduce' } });
  await withPolicy(opened.page, `default-src 'self'; ${TRUSTED_TYPES}`);
  const violations = await watchPolicy(opened.page);
  await watchWorkers(opened.page);
  return { ...opened, violations };
}

describe('under Trusted Types', () => {
  it('the story page: the map, its worker, the checks worker and the timeline run with no violation', async () => {
    const { page, close, consoleErrors, offOrigin, violations } = await storyPageUnderPolicy();
    try {
      await page.goto(baseUrl());
      await settle(page, { timeout: 30_000 });
      await viaTimeline(page, 'cecot');
      await landOn(page, 'cecot');
      expect(await violations()).toEqual([]);
      expect(await drawn(page)).toEqual({ loaded: true, features: true });
      // Both workers started from their own URLs on the page's origin, and answered.
      await expect
        .poll(async () => (await started(page)).filter(checksWorker))
        .toEqual([
          expect.objectContaining({
            url: expect.stringMatching(/\/assets\/check-worker-[\w-]+\.js$/),
            messages: 1,
            errors: 0,
          }),
        ]);
      await expectMapWorker(page, /\/assets\/maplibre-gl-worker-[\w-]+\.mjs$/);
      expect(await violations()).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the story page with a GeoJSON file of over 1 MB: its reading worker starts and answers with no violation', async () => {
    const { story: big, places, routes, areas } = largeStory({ chapters: 4, places: 6000, routes: 2, areas: 1 });
    const { page, close, consoleErrors, offOrigin, violations } = await storyPageUnderPolicy();
    try {
      for (const [name, body] of Object.entries({
        'story.json': big,
        'places.geojson': places,
        'routes.geojson': routes,
        'areas.geojson': areas,
      }))
        await page.route(`**/big/${name}`, (r) => r.fulfill({ json: body }));
      await page.goto(`${baseUrl()}?story=big/story.json`);
      await settle(page, { timeout: 30_000 });
      expect(await drawn(page)).toEqual({ loaded: true, features: true });
      expect((await started(page)).filter((w) => w.name === 'story-map data')).toEqual([
        expect.objectContaining({
          url: expect.stringMatching(/\/assets\/read-worker-[\w-]+\.js$/),
          messages: 1,
          errors: 0,
        }),
      ]);
      expect(await violations()).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it("says so, and shows the still, when the page's trusted-types leaves story-map out", async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank', {
      context: { reducedMotion: 'reduce' },
    });
    try {
      await withPolicy(page, `default-src 'self'; require-trusted-types-for 'script'; trusted-types lit-html`);
      await page.addInitScript(() => {
        const w = window as unknown as { storyErrors: string[] };
        w.storyErrors = [];
        document.addEventListener('story-error', (e) => {
          const { issues } = (e as CustomEvent<{ issues: { file: string; message: string }[] }>).detail;
          w.storyErrors.push(...issues.map((i) => `${i.file}: ${i.message}`));
          e.preventDefault();
        });
      });
      await page.goto(baseUrl());
      // The reader's first input, once the map view listens for it: the map is wanted.
      await page.waitForFunction(() =>
        document.querySelector('story-map')?.renderRoot?.querySelector('story-map-view'),
      );
      await page.keyboard.press('Shift');
      const note = await page.waitForFunction(
        () => {
          const view = document.querySelector('story-map')?.renderRoot?.querySelector('story-map-view');
          return view?.renderRoot.querySelector('[role="status"]')?.textContent?.trim() ?? false;
        },
        null,
        { timeout: 8_000 },
      );
      expect(await note.jsonValue()).toBe(
        "A still picture of the map: this page's Trusted Types policy blocked the interactive map's worker.",
      );
      const state = await page.evaluate(() => {
        const el = document.querySelector('story-map')!;
        return {
          still: el.renderRoot.querySelector('story-map-view')!.still,
          map: el.map,
          errors: (window as unknown as { storyErrors: string[] }).storyErrors,
        };
      });
      expect(state).toEqual({
        still: true,
        map: null,
        errors: [
          expect.stringMatching(/maplibre-gl-worker-[\w-]+\.mjs: The map could not start: .*"story-map lit-html"/),
        ],
      });
      // Nothing thrown where nobody catches it (MapLibre's failed `new Worker`, without this check).
      expect(consoleErrors.filter((e) => e.startsWith('pageerror'))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('an article on another origin with the script embed and the iframe embed: no violation in either', async () => {
    const o = cdn();
    const article = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A news article</title>
<script type="module" src="${o}/embed/story-map.js"></script>
<!-- Pasted twice, as CMS blocks do (a second URL, so the module runs again): no policy made twice. -->
<script type="module" src="${o}/embed/story-map.js?again"></script>
</head><body>
<h1>Newsroom</h1><p>The article's first paragraph.</p>
<story-map id="first" src="${o}/data/story.json"></story-map>
<p>The article goes on.</p>
<iframe src="${o}/iframe.html?story=data/story.json" title="Story map" width="100%" height="600" data-story-map-frame></iframe>
<script async src="${o}/embed/frame.js"></script>
</body></html>`;
    // README's policy for the embed from a CDN and for the iframe, and Trusted Types.
    site().page('/trusted.html', article, {
      'content-security-policy':
        `default-src 'none'; script-src ${o}; connect-src ${o}; worker-src blob: ${o}; font-src ${o}; ` +
        `frame-src ${o}; ${TRUSTED_TYPES}`,
    });
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), 'about:blank', {
      context: { reducedMotion: 'reduce' },
    });
    try {
      // The frame's page, on the story's own origin, enforces Trusted Types too.
      await withPolicy(page, `default-src 'self'; ${TRUSTED_TYPES}`);
      const violations = await watchPolicy(page);
      await watchWorkers(page);
      await page.goto(site().url('/trusted.html'));

      // The script embed: its still is drawn first, then its map, through the timeline to a chapter.
      await page.waitForFunction(() => {
        const el = document.querySelector('story-map');
        const figure = el?.querySelector<HTMLElement>(':scope > [slot="still"]');
        return figure && !figure.hidden && figure.querySelector('svg');
      });
      await settle(page, { selector: '#first', timeout: 30_000 });
      await viaTimeline(page, 'cecot', '#first');
      expect(await violations()).toEqual([]);
      expect(await drawn(page, '#first')).toEqual({ loaded: true, features: true });
      // MapLibre's worker, on the CDN, started from the blob: URL that imports it. (A browser starts
      // no checks worker from another origin: those checks run on the page's thread.)
      await expectMapWorker(page, /^blob:/);

      // The iframe embed: its map and both its workers, through its timeline.
      const frame = (await (await page.waitForSelector('iframe[data-story-map-frame]')).contentFrame())!;
      await page.evaluate(() => document.querySelector('iframe')!.scrollIntoView());
      await settle(frame as unknown as Page, { timeout: 30_000 });
      await viaTimeline(frame, 'legal');
      expect(await violations()).toEqual([]);
      expect(await drawn(frame)).toEqual({ loaded: true, features: true });
      await expect
        .poll(async () => (await started(frame)).filter(checksWorker))
        .toEqual([expect.objectContaining({ messages: 1, errors: 0 })]);
      await expectMapWorker(frame, /\/assets\/maplibre-gl-worker-[\w-]+\.mjs$/);

      expect(await violations()).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });
});
