/**
 * `npm run screenshots -- <out-dir> [base-url] [story-url]`: a PNG of every chapter of a story at
 * 1280x800 and 390x844 (plus the top of the page), each opened by its deep link with motion
 * reduced and the map idle, so two builds can be compared picture by picture.
 *
 * Without a base URL it builds the site and serves it itself (and stops the server by its PID).
 * With one, it photographs that server (for example the build of another commit); give "" for none.
 * The story is the site's own, a URL (`?story=`), or a story file on the disk (its folder is served
 * to the pages), e.g. `npm run screenshots -- shots "" test/fixtures/antimeridian/story.json`.
 *
 * The map loads at the reader's first input: each page gets a key press. With STILL=1 it gets none,
 * and MapLibre's chunk is held back, so the pictures show each chapter's still map instead
 * (`<name>-still.png`), to compare with the interactive one.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { findChrome } from '../test/browser/chrome.ts';
import { serveVite } from './bench-util.mjs';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const ROOT = resolve(import.meta.dirname, '..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

function run(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [VITE, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    });
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`vite ${args[0]} exited with ${code}`))));
  });
}

async function serve(): Promise<{ url: string; stop: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'story-map-shots-'));
  await run(['build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn']);
  const server = await serveVite(['preview', '--outDir', dir]);
  return {
    url: server.url,
    stop: () => {
      server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A story file on the disk (not under the site), served to the pages at /local-story/ from its folder. */
const LOCAL = '/local-story/';

async function main([out, given, storyUrl]: string[]): Promise<void> {
  if (!out) throw new Error('usage: npm run screenshots -- <out-dir> [base-url] [story-url or story file]');
  mkdirSync(out, { recursive: true });
  const server = given ? { url: given, stop: () => {} } : await serve();
  const chrome = await findChrome();
  const browser = await chromium.launch({ executablePath: chrome.executablePath, args: chrome.args, headless: true });
  try {
    const local = storyUrl && existsSync(storyUrl) ? resolve(storyUrl) : null;
    const story = local ? `${LOCAL.slice(1)}${basename(local)}` : storyUrl;
    const query = story ? `?story=${encodeURIComponent(story)}` : '';
    const still = process.env.STILL === '1';
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
      // tsx names the functions it compiles with a helper the page does not have.
      await context.addInitScript('globalThis.__name = (f) => f');
      if (local)
        await context.route(`**${LOCAL}*`, async (route) => {
          const file = join(dirname(local), basename(new URL(route.request().url()).pathname));
          if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
          return route.fulfill({ status: 200, contentType: 'application/json', body: readFileSync(file) });
        });
      const page = await context.newPage();
      await page.goto(`${server.url}${query}`);
      // A story opened with ?story= is not in the page's HTML: its text comes once its file has loaded.
      await page.waitForFunction(() => document.querySelector('story-map [data-chapter]'));
      const ids = await page.evaluate(async () => {
        await customElements.whenDefined('story-map');
        const el = document.querySelector('story-map')!;
        await el.updateComplete;
        return [...el.querySelectorAll<HTMLElement>('[data-chapter]')].map((s) => s.dataset.chapter!);
      });
      await page.close();
      for (const [i, id] of [null, ...ids].entries()) {
        const shot = await context.newPage();
        const file = join(
          out,
          `${viewport.name}-${String(i).padStart(2, '0')}-${id ?? 'top'}${still ? '-still' : ''}.png`,
        );
        if (still) {
          await shot.route(/\/assets\/engine-[^/]+\.js$/, () => {}); // held: never answered
          await shot.goto(`${server.url}${query}${id ? `#${id}` : ''}`);
          await shot.waitForFunction(
            (id) => {
              const el = document.querySelector('story-map');
              const figure = el?.querySelector<HTMLElement>(':scope > [slot="still"]');
              return (
                figure &&
                !figure.hidden &&
                (id === null || (el!.activeChapter === id && figure.dataset.stillChapter === id))
              );
            },
            id,
            { timeout: 30_000 },
          );
          await shot.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          await shot.screenshot({ path: file });
          console.log(file);
          await shot.close();
          continue;
        }
        await shot.goto(`${server.url}${query}${id ? `#${id}` : ''}`);
        await shot.waitForFunction(() =>
          document.querySelector('story-map')?.renderRoot?.querySelector('story-map-view'),
        );
        await shot.keyboard.press('Shift');
        await shot.waitForFunction(
          (id) => {
            const el = document.querySelector('story-map');
            return el?.map?.loaded() && !el.map.isMoving() && (id === null || el.activeChapter === id);
          },
          id,
          { timeout: 30_000 },
        );
        // The interactive map shown (not the still under it), then idle: tiles, labels and fonts
        // drawn; then two frames for the page to paint.
        await shot.waitForFunction(
          () =>
            document
              .querySelector('story-map')
              ?.renderRoot.querySelector('story-map-view')
              ?.renderRoot.querySelector('.canvas.shown'),
          null,
          { timeout: 30_000 },
        );
        await shot.evaluate(
          () =>
            new Promise<void>((done) => {
              const map = document.querySelector('story-map')!.map!;
              const finish = () => requestAnimationFrame(() => requestAnimationFrame(() => done()));
              if (map.areTilesLoaded() && !map.isMoving()) map.once('idle', finish).triggerRepaint();
              else map.once('idle', finish);
            }),
        );
        await shot.screenshot({ path: file });
        console.log(file);
        await shot.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.stop();
  }
}

await main(process.argv.slice(2));
