// The news article, all at once: a page on another origin, under a strict CSP and a hostile
// stylesheet, embeds the story twice with the script (two stories, one no-hash) and once as an
// iframe, in a 640 px column on a 1280 px window and on a 390 px phone. Scrolling the host page drives
// all three; the iframe is as tall as its story; a third party's forged messages change nothing.
// (Each part on its own: cross-origin, host-styles, frame and embed tests.)
import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHostServer } from './host-server.ts';
import { baseUrl, openPage, screenshot, useBrowser, watchPolicy } from './page.ts';
import { arrived, chapterEvents, defaultStory, expectChapter, scrollRest, settle } from './story.ts';

const browser = useBrowser();
const site = useHostServer();
const story = defaultStory();
const panama = defaultStory('examples/panama-canal/story.json');

const HOSTILE = `* { box-sizing: content-box; margin: 3px } div { display: flex } section { padding: 40px }
p { columns: 2 } h2 { font-size: 60px } button { all: unset } img, canvas { max-width: 50% } :root { font-size: 22px }
body { font: 18px/1.5 Georgia, serif } main { max-width: 640px; margin: 0 auto } iframe { display: block; border: 0 }`;

/** README's policies for the script embed from a CDN and for the iframe, together; the host's own stylesheet. */
const policy = (cdn: string, forger: string) =>
  `default-src 'none'; script-src ${cdn}; connect-src ${cdn}; worker-src blob: ${cdn}; font-src ${cdn}; ` +
  `frame-src ${cdn} ${forger} 'self'; style-src 'self'`;

const filler = (n: number, from: number) =>
  Array.from({ length: n }, (_, i) => `<p>Article paragraph ${i + from}. Lorem ipsum dolor sit amet.</p>`).join('\n');

function article(cdn: string, forger: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A news article</title><link rel="stylesheet" href="/host.css">
<script type="module" src="${cdn}/embed/story-map.js"></script>
<!-- Pasted twice, as CMS blocks do (a second URL, so the module runs again): nothing throws. -->
<script type="module" src="${cdn}/embed/story-map.js?again"></script>
</head><body><main>
<h1>Newsroom: three stories</h1>
${filler(4, 1)}
<div class="wrap"><story-map id="first" src="${cdn}/data/story.json"></story-map></div>
${filler(4, 5)}
<story-map id="second" src="${cdn}/data/examples/panama-canal/story.json" no-hash></story-map>
${filler(4, 9)}
<iframe src="${cdn}/iframe.html?story=data/story.json" title="Story map" width="100%" height="600" data-story-map-frame></iframe>
<script async src="${cdn}/embed/frame.js"></script>
<script async src="${cdn}/embed/frame.js"></script>
${filler(4, 13)}
<iframe id="ad" src="${forger}/ad.html" title="Advertisement" width="300" height="60"></iframe>
<iframe id="other" src="${cdn}/robots.txt" title="Another page of the story's site" width="300" height="60"></iframe>
<iframe id="sibling" src="/sibling.html" title="Another page of the article's site" width="300" height="60"></iframe>
</main></body></html>`;
}

async function open(width: number, height: number) {
  const cdn = new URL(baseUrl()).origin;
  const forger = site().forgerOrigin;
  site().file('/host.css', HOSTILE, 'text/css');
  site().page('/article.html', article(cdn, forger), { 'content-security-policy': policy(cdn, forger) });
  site().page('/sibling.html', '<!doctype html><title>Sibling</title><p>Sibling</p>');
  const opened = await openPage(browser(), 'about:blank', { width, height, context: { reducedMotion: 'reduce' } });
  const { page } = opened;
  const violations = await watchPolicy(page);
  await page.goto(site().url('/article.html'));
  const frame = (await (await page.waitForSelector('iframe[data-story-map-frame]')).contentFrame())!;
  // Each story has loaded and rendered its panel (the frame's too).
  const ready = (selector: string) => {
    const el = document.querySelector<HTMLElementTagNameMap['story-map']>(selector);
    return el?.activeChapter != null && el.chapterElements.length > 0 && !!el.renderRoot?.querySelector('.panel');
  };
  // (Each check is sent to its document as source: `ready` itself, never a closure over it.)
  await page.waitForFunction(ready, '#first', { timeout: 30_000 });
  await page.waitForFunction(ready, '#second', { timeout: 30_000 });
  // Polled by time: Chromium runs no animation frames in a cross-origin frame off screen.
  await frame.waitForFunction(ready, 'story-map', { timeout: 30_000, polling: 100 });
  // The iframe is as tall as its story (the parent script sized it).
  await expect
    .poll(() =>
      page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe[data-story-map-frame]')!.clientHeight),
    )
    .toBeGreaterThan(3000);
  return { ...opened, frame, violations };
}

/**
 * Scrolls the host page (as its reader would) so that chapter `id` of the story at `selector` (in the
 * page, or in the story frame) starts just below its panel, then waits for the scroll to rest.
 */
async function scrollHostTo(page: Page, id: string, where: { selector: string } | { frame: Frame }): Promise<void> {
  const inFrame = 'frame' in where;
  const target = inFrame ? where.frame : page;
  const { top, panel } = await target.evaluate(
    ({ selector, id }) => {
      const el = document.querySelector<HTMLElementTagNameMap['story-map']>(selector)!;
      const section = el.querySelector<HTMLElement>(`[data-chapter="${id}"]`)!;
      return {
        top: section.getBoundingClientRect().top,
        panel: el.renderRoot.querySelector('.panel')!.getBoundingClientRect().height,
      };
    },
    { selector: inFrame ? 'story-map' : where.selector, id },
  );
  // In the frame, `top` is in the frame's document: add where the frame is in the host's viewport.
  const frameTop = inFrame
    ? await page.evaluate(() => document.querySelector('iframe[data-story-map-frame]')!.getBoundingClientRect().top)
    : 0;
  await page.evaluate((dy) => window.scrollBy(0, dy), frameTop + top - panel - 10);
  await scrollRest(page);
}

const active = (page: Page | Frame, selector = 'story-map') =>
  page.evaluate(
    (selector) => document.querySelector<HTMLElementTagNameMap['story-map']>(selector)!.activeChapter,
    selector,
  );

const currentEvents = (page: Page, selector: string) =>
  page.evaluate(
    (selector) =>
      [
        ...document
          .querySelector<HTMLElementTagNameMap['story-map']>(selector)!
          .renderRoot.querySelectorAll('story-timeline'),
      ]
        .flatMap((t) => [...t.renderRoot.querySelectorAll<HTMLElement>('button[aria-current="true"]')])
        .map((b) => b.dataset.event!),
    selector,
  );

const asPage = (frame: Frame) => frame as unknown as Page;

describe('a news article with three embeds', () => {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    it(`at ${width}x${height}: the host's scroll drives all three, each fits the column, forgeries change nothing`, async () => {
      const { page, frame, close, consoleErrors, offOrigin, violations } = await open(width, height);
      try {
        // Every embed fits the article's column (the hostile `* {margin: 3px}` included).
        const fits = await page.evaluate(() => {
          const main = document.querySelector('main')!.getBoundingClientRect();
          const inside = (r: DOMRect) =>
            r.left >= main.left - 0.5 && r.right <= main.right + 0.5 && r.width > main.width * 0.9;
          // The iframe is the host's own element (its margin is the host's): it takes the column's width.
          const frame = document.querySelector('iframe[data-story-map-frame]')!.getBoundingClientRect();
          return [
            ...[...document.querySelectorAll('story-map')].map((el) => inside(el.getBoundingClientRect())),
            Math.abs(frame.width - main.width) < 0.5,
          ];
        });
        expect(fits).toEqual([true, true, true]);

        // The first script embed: its chapter, hash, camera, layers and timeline follow the host's scroll.
        await scrollHostTo(page, 'cecot', { selector: '#first' });
        await settle(page, { selector: '#first', timeout: 30_000 });
        await expectChapter(story, page, 'cecot');
        // Its panel sticks to the top of the window while its text scrolls under it.
        const panelTop = await page.evaluate(
          () => document.querySelector('#first')!.shadowRoot!.querySelector('.panel')!.getBoundingClientRect().top,
        );
        expect(Math.abs(panelTop)).toBeLessThan(1);

        // The second (no-hash) follows too, and leaves the URL to the first.
        await scrollHostTo(page, 'opening', { selector: '#second' });
        await settle(page, { selector: '#second', timeout: 30_000 });
        expect(await active(page, '#second')).toBe('opening');
        expect(await currentEvents(page, '#second')).toEqual(chapterEvents(panama, 'opening'));
        expect(await page.evaluate(() => location.hash)).toBe('');

        // The iframe: the host's scroll drives its story the same way.
        await scrollHostTo(page, 'legal', { frame });
        await arrived(asPage(frame), 'legal');
        await settle(asPage(frame), { timeout: 30_000 });
        await expectChapter(story, asPage(frame), 'legal');
        await screenshot(page, `article-${width}-frame-legal`);

        // A third party (the ad frame) forges a height for the story frame and a viewport for the story.
        const ad = page.frames().find((f) => f.url().startsWith(site().forgerOrigin))!;
        const frameHeight = () =>
          page.evaluate(() => document.querySelector<HTMLIFrameElement>('iframe[data-story-map-frame]')!.clientHeight);
        const tall = await frameHeight();
        await ad.evaluate(() => {
          const story = [...Array(parent.frames.length).keys()].map((i) => parent.frames[i]!);
          parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 120 }, '*');
          for (const w of story)
            w.postMessage({ sentinel: 'story-map', type: 'viewport', top: -99999, height: 800 }, '*');
        });
        // The right origins from the wrong windows: a page of the story's site (not the story frame)
        // sends the article a height; a page of the article's site (not the article) sends the
        // story frame a viewport.
        const frameOf = (path: string) => page.frames().find((f) => new URL(f.url()).pathname === path)!;
        await frameOf('/robots.txt').evaluate(() =>
          parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 120 }, '*'),
        );
        await frameOf('/sibling.html').evaluate(() => {
          for (let i = 0; i < parent.frames.length; i++)
            parent.frames[i]!.postMessage({ sentinel: 'story-map', type: 'viewport', top: -99999, height: 800 }, '*');
        });
        // Let the messages arrive (a frame of each document), then check that nothing moved.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        expect(await frameHeight()).toBe(tall);
        expect(await active(frame)).toBe('legal');

        expect(await violations()).toEqual([]);
        expect(consoleErrors).toEqual([]);
        expect(offOrigin).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
