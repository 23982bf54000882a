// A news site embeds two stories in one article with the embed bundle, under a strict CSP.
import { describe, expect, it } from 'vitest';
import { CAPITALS, capitalsStory } from './capitals.ts';
import { baseUrl, openPage, screenshot, useBrowser, watchPolicy } from './page.ts';
import { settle } from './story.ts';

// README's policy for an embed on the page's own origin.
const CSP = "default-src 'self'";

const filler = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<p class="host-p">Host article paragraph ${i + 1}. Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>`,
  ).join('\n');

const HOST = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A news article</title>
<link rel="stylesheet" href="host.css">
<script type="module" src="embed/story-map.js"></script>
</head><body>
<h1>Newsroom: today's stories</h1>
${filler(12)}
<story-map id="first" src="data/story.json"></story-map>
${filler(6)}
<story-map id="second" src="other/story.json" no-hash></story-map>
${filler(6)}
</body></html>`;

const tiny = capitalsStory('A second story');

const browser = useBrowser();

describe('embedding in a news article', () => {
  it('loads nothing of the map for a story down the article until the reader comes near, then shows its still', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank', { width: 390, height: 844 });
    try {
      const host = HOST.replace('<link rel="stylesheet" href="host.css">', '').replace(
        '<story-map id="second" src="other/story.json" no-hash></story-map>',
        '',
      );
      await page.route('**/host.html', (r) =>
        r.fulfill({
          contentType: 'text/html',
          headers: { 'content-security-policy': CSP },
          body: host.replace(filler(12), filler(60)),
        }),
      );
      const requests: string[] = [];
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      await page.goto(`${baseUrl()}host.html`);
      await page.waitForFunction(() => document.querySelector('story-map')?.chapterElements?.length);
      await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
      await page.waitForTimeout(500);
      // The story's text is there; its map's code and basemap are not (the still, the engine).
      const mapFiles = () => requests.filter((p) => /\/assets\/(still|engine|load-basemap|americas)-/.test(p));
      expect(mapFiles()).toEqual([]);
      // The reader scrolls down to it: the still of the chapter read, drawn in the page.
      await page.locator('story-map').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => {
        const el = document.querySelector('story-map');
        const figure = el?.querySelector<HTMLElement>(':scope > [slot="still"]');
        return figure && !figure.hidden && figure.dataset.stillChapter === el!.activeChapter;
      });
      expect(mapFiles().some((p) => p.includes('/still-'))).toBe(true);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it("runs two stories on one page under a strict CSP, without touching the host's styles", async () => {
    // Motion reduced: the policy, the two maps and the host's styles are the point, not flights.
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), 'about:blank', {
      width: 1280,
      height: 800,
      context: { reducedMotion: 'reduce' },
    });
    try {
      await page.route('**/host.html', (r) =>
        r.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': CSP }, body: HOST }),
      );
      await page.route('**/host.css', (r) =>
        r.fulfill({
          contentType: 'text/css',
          body: 'body { margin: 0 2rem; font: 16px/1.5 Georgia, serif } .host-p { color: rgb(10, 20, 30); margin: 0 0 1em }',
        }),
      );
      await page.route('**/other/story.json', (r) => r.fulfill({ json: tiny }));
      await page.route('**/other/places.geojson', (r) => r.fulfill({ json: CAPITALS }));
      const violations = await watchPolicy(page);
      await page.goto(`${baseUrl()}host.html`);
      await page.waitForFunction(() => document.querySelectorAll('story-map [data-chapter]').length === 14);

      // Reading the host's own text above the story leaves the URL alone.
      expect(await page.evaluate(() => location.hash)).toBe('');

      for (const id of ['first', 'second']) {
        await page.evaluate(
          (id) => document.querySelectorAll(`#${id} section[data-chapter]`)[1]!.scrollIntoView({ block: 'start' }),
          id,
        );
        // The map is made when the element comes near the screen: wait for it to be drawn there.
        await settle(page, { selector: `#${id}`, timeout: 30_000 });
        await screenshot(page, `embed-${id}`);
      }
      const state = await page.evaluate(() => ({
        canvases: [...document.querySelectorAll('story-map')].map(
          (el) => el.renderRoot.querySelector('story-map-view')!.renderRoot.querySelectorAll('canvas').length,
        ),
        hostColor: getComputedStyle(document.querySelector('.host-p')!).color,
        hostMargin: getComputedStyle(document.querySelector('.host-p')!).marginBottom,
        hash: location.hash,
        second: (document.getElementById('second') as HTMLElementTagNameMap['story-map']).activeChapter,
      }));
      expect(await violations()).toEqual([]);
      expect(state.canvases).toEqual([1, 1]);
      expect(state.hostColor).toBe('rgb(10, 20, 30)');
      expect(state.hostMargin).toBe('16px');
      // The first story wrote its chapter while read, and took it back when the reader left it; the
      // second (no-hash) never writes.
      expect(state.second).toBe('lima');
      expect(state.hash).toBe('');
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });
});
