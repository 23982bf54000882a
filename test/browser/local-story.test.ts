// A story kept outside data/ (outside the project, here in a temp folder), previewed as data/README
// says: `STORY=<its story.json> npm start`, then `?story=local-story/story.json`. The development
// server serves that folder; the page reads the story, preview mode lists its issues, and saving a
// file updates the page.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveVite } from '../../scripts/bench-util.mjs';
import { openPage, screenshot, useBrowser } from './page.ts';
import { settle } from './story.ts';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/crowded');
const browser = useBrowser();

describe('a story kept outside data/', () => {
  const dir = mkdtempSync(join(tmpdir(), 'story-map-outside-'));
  let server: { url: string; stop: () => void } | undefined;

  beforeAll(async () => {
    cpSync(FIXTURE, dir, { recursive: true });
    // The development server, as `npm start` starts it, with STORY naming the story file.
    server = await serveVite([], { STORY: join(dir, 'story.json') });
    // Up once it serves the story (the first requests wait for Vite's dependency bundling).
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ok = await fetch(`${server.url}local-story/story.json`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the development server did not serve /local-story/ in 90 s');
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 120_000);

  afterAll(() => {
    server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is served at /local-story/ by `STORY=… npm start`: only its folder, as it is on the disk', async () => {
    const url = server!.url;
    expect(await fetch(`${url}local-story/story.json`).then((r) => r.text())).toBe(
      readFileSync(join(dir, 'story.json'), 'utf8'),
    );
    expect((await fetch(`${url}local-story/places.geojson`)).headers.get('content-type')).toMatch(/geo\+json/);
    expect((await fetch(`${url}local-story/..%2fpackage.json`)).status).toBe(404);
  });

  it('opens with ?story=local-story/story.json in preview mode, and follows a saved file', async () => {
    const { page, close, consoleErrors, offOrigin } = await openPage(
      browser(),
      `${server!.url}?story=local-story/story.json#volcano`,
      { width: 1280, height: 800, context: { reducedMotion: 'reduce' } },
    );
    try {
      await page.waitForFunction(() => document.querySelector('story-map h1')?.textContent === 'Near places', null, {
        timeout: 90_000,
      });
      await settle(page, { timeout: 90_000 });
      const summary = () =>
        page.evaluate(
          () =>
            document
              .querySelector('story-map')!
              .renderRoot.querySelector('story-map-editor')
              ?.renderRoot.querySelector('summary')
              ?.textContent?.replace(/\s+/g, ' ')
              .trim() ?? null,
        );
      await expect.poll(summary, { timeout: 30_000 }).toBe('Preview · no issues');
      expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe('volcano');
      await screenshot(page, 'local-story-volcano');

      // Saved with a new title and a focus id that no file has: the page follows, on the same chapter.
      const file = join(dir, 'story.json');
      const story = JSON.parse(readFileSync(file, 'utf8'));
      story.title = 'Near places, saved';
      story.chapters[2].map.focus = ['vulcano'];
      writeFileSync(file, JSON.stringify(story, null, 2));
      await page.waitForFunction(
        () => document.querySelector('story-map h1')?.textContent === 'Near places, saved',
        null,
        { timeout: 30_000 },
      );
      await expect.poll(summary, { timeout: 30_000 }).toBe('Preview · 1 error');
      expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe('volcano');
      expect(offOrigin).toEqual([]);
      // The story's own mistake is logged (nobody cancelled story-error); nothing else is.
      expect(consoleErrors.filter((e) => !e.includes('vulcano'))).toEqual([]);
    } finally {
      await close();
    }
  }, 150_000);
});
