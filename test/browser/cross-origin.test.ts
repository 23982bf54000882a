// A news site on another origin embeds the story with the script, under each Content-Security-Policy
// that README gives, and under one that blocks the map's worker.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../fixtures/fixtures.ts';
import { useHostServer } from './host-server.ts';
import { baseUrl, openPage, useBrowser, watchPolicy } from './page.ts';
import { loseContext, settle } from './story.ts';

const browser = useBrowser();
const site = useHostServer();

/** The story's origin (the preview server): where the embed is hosted, as a CDN would host it. */
const cdn = () => new URL(baseUrl()).origin;

/** README's policies, with <cdn> for the embed's origin. */
const POLICIES = {
  /** The embed from another origin: MapLibre's worker starts from a blob: URL that imports the file. */
  cdn: (o: string) => `default-src 'none'; script-src ${o}; connect-src ${o}; worker-src blob: ${o}; font-src ${o}`,
  /** The embed from another origin, the worker copied to the site's own (the worker-url attribute). */
  selfHostedWorker: (o: string) =>
    `default-src 'none'; script-src ${o}; connect-src ${o}; worker-src 'self'; font-src ${o}`,
};

const article = (attributes = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A news article</title>
<script type="module" src="${cdn()}/embed/story-map.js"></script>
</head><body>
<h1>Newsroom</h1><p>The article's first paragraph.</p>
<story-map src="${cdn()}/data/story.json"${attributes}></story-map>
<p>The article goes on.</p>
</body></html>`;

/** Records the story-error issues of the page (and keeps them from being logged again). */
async function watchStoryErrors(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { storyErrors: string[] };
    w.storyErrors = [];
    document.addEventListener('story-error', (e) => {
      const { issues } = (e as CustomEvent<{ issues: { file: string; message: string }[] }>).detail;
      w.storyErrors.push(...issues.map((i) => `${i.file}: ${i.message}`));
      e.preventDefault(); // reported here; not logged again
    });
  });
}

const storyErrors = (page: Page) => page.evaluate(() => (window as unknown as { storyErrors: string[] }).storyErrors);

describe('a news site on another origin', () => {
  it('embeds the story from a CDN with "worker-src blob: <cdn>", and imports the library from the bundle', async () => {
    site().page('/cdn.html', article(), { 'content-security-policy': POLICIES.cdn(cdn()) });
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), 'about:blank', {
      context: { reducedMotion: 'reduce' },
    });
    try {
      const violations = await watchPolicy(page);
      await watchStoryErrors(page);
      await page.goto(site().url('/cdn.html'));
      await settle(page, { timeout: 30_000 });
      // A string, so that vitest leaves the page's own import() alone.
      const state = await page.evaluate(`import(${JSON.stringify(`${cdn()}/embed/story-map.js`)}).then((lib) => {
        const el = document.querySelector('story-map');
        return {
          sameClass: lib.StoryMap === customElements.get('story-map'),
          formatIssue: typeof lib.formatIssue,
          chapters: el.querySelectorAll('[data-chapter]').length,
          loaded: el.map?.loaded() ?? false,
        };
      })`);
      expect(state).toEqual({ sameClass: true, formatIssue: 'function', chapters: 12, loaded: true });

      // The browser takes the WebGL context back, then returns it: the panel says so meanwhile.
      const note = () =>
        page.evaluate(() => {
          const view = document.querySelector('story-map')!.renderRoot.querySelector('story-map-view')!;
          return view.renderRoot.querySelector('[role="status"]')?.textContent?.trim() ?? null;
        });
      await loseContext(page, 'loseContext');
      await expect.poll(note).toBe('A still picture of the map, until the browser gives back its graphics context.');
      await loseContext(page, 'restoreContext');
      await expect.poll(note).toBe(null);
      await settle(page);
      expect(await violations()).toEqual([]);
      expect(await storyErrors(page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it("runs the map under \"worker-src 'self'\" with a copy of the worker on the site's origin (worker-url)", async () => {
    const worker = await fetch(`${baseUrl()}embed/maplibre-gl-worker.mjs`);
    expect(worker.status).toBe(200);
    site().file('/js/maplibre-gl-worker.mjs', Buffer.from(await worker.arrayBuffer()), 'text/javascript');
    site().page('/self-hosted.html', article(' worker-url="/js/maplibre-gl-worker.mjs"'), {
      'content-security-policy': POLICIES.selfHostedWorker(cdn()),
    });
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), 'about:blank', {
      context: { reducedMotion: 'reduce' },
    });
    try {
      const violations = await watchPolicy(page);
      await watchStoryErrors(page);
      const before = site().requests.filter((p) => p === '/js/maplibre-gl-worker.mjs').length;
      await page.goto(site().url('/self-hosted.html'));
      await settle(page, { timeout: 30_000 });
      expect(await page.evaluate(() => document.querySelector('story-map')!.map?.loaded())).toBe(true);
      // The worker came from the site, not the CDN.
      expect(site().requests.filter((p) => p === '/js/maplibre-gl-worker.mjs').length).toBe(before + 1);
      expect(await violations()).toEqual([]);
      expect(await storyErrors(page)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says so when the policy blocks the worker: the panel within seconds, story-error naming the cause, the story reads on', async () => {
    // README's cdn policy without blob: and the CDN in worker-src.
    const blocking = POLICIES.cdn(cdn()).replace(`worker-src blob: ${cdn()}`, "worker-src 'self'");
    site().page('/blocked.html', article(), { 'content-security-policy': blocking });
    const { page, close, offOrigin } = await openPage(browser(), 'about:blank', {
      context: { reducedMotion: 'reduce' },
    });
    try {
      await watchStoryErrors(page);
      await page.goto(site().url('/blocked.html'));
      await page.keyboard.press('Shift'); // The reader's first input: the map is wanted.
      const note = await page.waitForFunction(
        () => {
          const view = document.querySelector('story-map')?.renderRoot.querySelector('story-map-view');
          return view?.renderRoot.querySelector('[role="status"]')?.textContent?.trim() ?? false;
        },
        null,
        // Well before the start time-out (20 s): the worker's failure is reported as it happens.
        { timeout: 8_000 },
      );
      // The panel shows the chapter's still map instead.
      expect(
        await page.evaluate(
          () => document.querySelector('story-map')!.renderRoot.querySelector('story-map-view')!.still,
        ),
      ).toBe(true);
      expect(await note.jsonValue()).toBe(
        "A still picture of the map: this page blocked one of the interactive map's scripts.",
      );
      const errors = await storyErrors(page);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/assets\/maplibre-gl-worker-[\w-]+\.mjs: /);
      expect(errors[0]).toContain(`"worker-src blob: ${cdn()}"`);
      expect(errors[0]).toContain('worker-url');
      // The story reads on: no spinner left, and the reader still moves through the chapters.
      const reading = await page.evaluate(async () => {
        const el = document.querySelector('story-map')!;
        await el.goTo('cecot');
        const view = el.renderRoot.querySelector('story-map-view')!;
        return {
          active: el.activeChapter,
          loading: view.renderRoot.textContent?.includes('Loading the interactive map') ?? true,
          map: el.map,
        };
      });
      expect(reading).toEqual({ active: 'cecot', loading: false, map: null });
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it("checks a story with mistakes on the page's own thread when its worker cannot start (the embed's origin is not the page's)", async () => {
    // A browser starts a worker only from the page's own origin; the embed comes from the CDN.
    const files = fixtureFiles('46-duplicate-key');
    site().page('/mistakes.html', article().replace('/data/story.json', '/mistakes/story.json'), {
      'content-security-policy': POLICIES.cdn(cdn()),
    });
    const { page, close } = await openPage(browser(), 'about:blank', { context: { reducedMotion: 'reduce' } });
    try {
      await page.route(`${cdn()}/mistakes/*`, (route) => {
        const body = files[new URL(route.request().url()).pathname.split('/').pop()!];
        return body === undefined
          ? route.fulfill({ status: 404, body: 'not found' })
          : route.fulfill({
              status: 200,
              contentType: 'application/json',
              body,
              headers: { 'access-control-allow-origin': '*' },
            });
      });
      await watchStoryErrors(page);
      await page.goto(site().url('/mistakes.html'));
      await settle(page, { timeout: 30_000 });
      await page.waitForFunction(() => (window as unknown as { storyErrors: string[] }).storyErrors.length > 0);
      expect(await storyErrors(page)).toEqual([
        expect.stringMatching(/\/mistakes\/story\.json: "title" is written twice in this object/),
      ]);
    } finally {
      await close();
    }
  });
});
