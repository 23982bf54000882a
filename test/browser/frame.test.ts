// A news site embeds the story in an iframe with the parent script (`embed/frame.js`), from another
// origin and under a strict CSP: the frame is as tall as the story, and the host page's scroll drives it.
import type { Frame, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useHostServer } from './host-server.ts';
import { baseUrl, nextFrame, openPage, screenshot, useBrowser, watchPolicy } from './page.ts';
import { arrived, defaultStory, expectChapter, scrollRest, settle } from './story.ts';

// The story is on baseUrl's origin (vite preview, 127.0.0.1). The article and a third party's frame
// are on two more origins, both served by the host server: http://localhost:<port> and
// http://forger.localhost:<port>.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const site = useHostServer();
const NEWS = () => site().origin;
const FORGER = () => site().forgerOrigin;

/** Serves the article (with the parent script, or alone) and its stylesheet on the news site. */
function serveArticles(): void {
  const storyOrigin = new URL(baseUrl()).origin;
  site().file('/host.css', HOST_CSS, 'text/css');
  for (const [path, parentScript] of [
    ['/article.html', true],
    ['/alone.html', false],
  ] as const)
    site().page(path, article(baseUrl(), parentScript), { 'content-security-policy': csp(storyOrigin) });
}

const filler = (n: number, from = 1) =>
  Array.from({ length: n }, (_, i) => `<p>Article paragraph ${i + from}. Lorem ipsum dolor sit amet.</p>`).join('\n');

function article(story: string, parentScript: boolean): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A news article</title><link rel="stylesheet" href="/host.css"></head>
<body><main>
<h1>Newsroom: today's story</h1>
${filler(10)}
<iframe src="${story}iframe.html?story=data/story.json" title="Story map" width="100%" height="600" data-story-map-frame></iframe>
${parentScript ? `<script async src="${story}embed/frame.js"></script>` : ''}
${filler(10, 11)}
<iframe id="ad" src="${FORGER()}/ad.html" title="Advertisement" width="300" height="60"></iframe>
</main></body></html>`;
}

const HOST_CSS =
  'body { margin: 0; font: 18px/1.5 Georgia, serif; overflow-anchor: none } main { max-width: 640px; margin: 0 auto } ' +
  'iframe { display: block; border: 0 } .ad { height: 300px }';

/** The story's origin only, for scripts and frames (and the third party's frame). */
const csp = (story: string) =>
  [
    "default-src 'self'",
    `script-src ${story}`,
    `frame-src ${story} ${FORGER()}`,
    "style-src 'self'",
    "img-src 'self'",
  ].join('; ');

const browser = useBrowser();
const story = defaultStory();

/** Opens the article with the story frame; records CSP violations (the event, in every frame) and CSP/worker console messages. */
async function openArticle(parentScript: boolean, width = 1280, height = 800) {
  const opened = await openPage(browser(), 'about:blank', { width, height, context: { reducedMotion: 'reduce' } });
  const { page } = opened;
  const violations = await watchPolicy(page);
  serveArticles();
  await page.goto(`${NEWS()}/${parentScript ? 'article' : 'alone'}.html`);
  const frame = (await (await page.waitForSelector('iframe[data-story-map-frame]')).contentFrame())!;
  // Polled by time: Chromium runs no animation frames in a cross-origin frame off screen.
  await frame.waitForFunction(
    () => {
      const el = document.querySelector('story-map');
      return el?.activeChapter != null && el.chapterElements.length > 0;
    },
    null,
    { polling: 100 },
  );
  return { ...opened, frame, violations };
}

/** Where things are, in the host's viewport: the frame, its content's height, the panel, the trigger line. */
async function layout(page: Page, frame: Frame) {
  const host = await page.evaluate(() => {
    const f = document.querySelector<HTMLIFrameElement>('iframe[data-story-map-frame]')!;
    const r = f.getBoundingClientRect();
    return { top: r.top + f.clientTop, height: f.clientHeight, width: f.clientWidth, scrollY, innerHeight };
  });
  const inner = await frame.evaluate(() => {
    const el = document.querySelector('story-map')!;
    const panel = el.renderRoot.querySelector('.panel')!.getBoundingClientRect();
    return {
      content: document.body.getBoundingClientRect().height,
      panelTop: panel.top,
      panelBottom: panel.bottom,
      panelWide: panel.width >= el.clientWidth * 0.9,
      chapters: el.chapterElements.map((c) => [c.dataset.chapter!, c.getBoundingClientRect().top] as const),
      active: el.activeChapter,
      frameScrollY: scrollY,
    };
  });
  const panelTop = host.top + inner.panelTop;
  const panelBottom = host.top + inner.panelBottom;
  const covered = inner.panelWide ? Math.max(0, Math.min(panelBottom, host.innerHeight)) : 0;
  return { host, inner, panelTop, panelBottom, trigger: covered + (host.innerHeight - covered) * 0.4 };
}

/** Scrolls the HOST page with the mouse wheel (the pointer over the frame's text) until chapter `id` is just above the trigger line. */
async function wheelTo(page: Page, frame: Frame, id: string): Promise<void> {
  for (let step = 0; step < 100; step++) {
    const l = await layout(page, frame);
    const top = l.host.top + l.inner.chapters.find(([c]) => c === id)![1];
    const delta = top - (l.trigger - 40);
    if (Math.abs(delta) < 30) return;
    await page.mouse.move(l.host.width / 2, l.host.innerHeight - 40);
    await page.mouse.wheel(0, Math.sign(delta) * Math.min(Math.abs(delta), 500));
    await scrollRest(page);
  }
  throw new Error(`could not wheel to ${id}`);
}

/** The frame's content fills it: the frame's height is the story's, within 2 px. */
async function expectFitted(page: Page, frame: Frame): Promise<void> {
  await expect
    .poll(async () => {
      const l = await layout(page, frame);
      return Math.abs(l.host.height - l.inner.content) <= 2 && l.inner.content > 3000;
    })
    .toBe(true);
}

/** The panel is where `position: sticky` would hold it: at the top of the host's viewport. */
async function expectPanelInView(page: Page, frame: Frame): Promise<void> {
  await nextFrame(page);
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
  const l = await layout(page, frame);
  expect(Math.abs(l.panelTop), `panel top ${l.panelTop} in the host's viewport`).toBeLessThanOrEqual(1);
  expect(l.panelBottom).toBeLessThanOrEqual(l.host.innerHeight + 1);
}

const asPage = (frame: Frame) => frame as unknown as Page;

describe('the iframe embed', () => {
  it("is as tall as the story, follows the host page's scroll, scrolls it, and ignores forged messages", async () => {
    const { page, frame, close, violations, consoleErrors, offOrigin } = await openArticle(true);
    try {
      // As tall as the story: no scrollbar of its own.
      await expectFitted(page, frame);
      const fitted = await layout(page, frame);
      expect(fitted.host.width).toBe(640);
      expect(fitted.inner.frameScrollY).toBe(0);

      // The host's wheel drives the story: chapter, hash, camera, map layers, timeline; the panel stays in view.
      await wheelTo(page, frame, 'cecot');
      await arrived(asPage(frame), 'cecot');
      await settle(asPage(frame));
      await expectChapter(story, asPage(frame), 'cecot');
      await expectPanelInView(page, frame);
      await screenshot(page, 'frame-cecot');
      await wheelTo(page, frame, 'crackdown');
      await arrived(asPage(frame), 'crackdown');
      await expectPanelInView(page, frame);

      // Something above the frame grows (an ad loads) and moves it 300 px down, with no scroll (no
      // scroll anchoring here): the parent script sees the layout move, and the panel stays in view.
      const scrolled = await page.evaluate(() => scrollY);
      await page.evaluate(() => {
        const ad = document.createElement('div');
        ad.className = 'ad';
        document.querySelector('main')!.prepend(ad);
      });
      await expect.poll(async () => Math.abs((await layout(page, frame)).panelTop)).toBeLessThanOrEqual(1);
      expect(await page.evaluate(() => scrollY)).toBe(scrolled);

      // A timeline click inside the frame scrolls the host page to that event's chapter.
      const before = await page.evaluate(() => scrollY);
      await frame.locator('story-timeline button[data-event="tps-venezuela-vacated"]').click();
      await arrived(asPage(frame), 'venezuelans');
      await settle(asPage(frame));
      await expectChapter(story, asPage(frame), 'venezuelans');
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(before + 500);
      await expectPanelInView(page, frame);
      const chapterTop = (await layout(page, frame)).inner.chapters.find(([c]) => c === 'venezuelans')![1];
      // The chapter sits just under the panel (its scroll margin), in the host's viewport.
      const l = await layout(page, frame);
      expect(l.host.top + chapterTop).toBeGreaterThan(l.panelBottom - 1);
      expect(l.host.top + chapterTop).toBeLessThan(l.panelBottom + 40);

      // The keyboard: the timeline took the focus to the chapter's heading; Shift+Tab goes back into the
      // chapter before, which the host page brings into play.
      let y = await page.evaluate(() => scrollY);
      await page.keyboard.press('Shift+Tab');
      await arrived(asPage(frame), 'deportations');
      expect(await page.evaluate(() => scrollY)).toBeLessThan(y);
      // ...with the focused element on screen, clear of the panel.
      await scrollRest(page);
      await expectPanelInView(page, frame);
      const focused = await frame.evaluate(() => document.activeElement!.getBoundingClientRect().toJSON());
      const at = await layout(page, frame);
      expect(at.host.top + focused.top).toBeGreaterThanOrEqual(at.panelBottom);
      expect(at.host.top + focused.bottom).toBeLessThanOrEqual(at.host.innerHeight);

      // A hash set inside the frame (a deep link) and the Next button scroll the host page too.
      y = await page.evaluate(() => scrollY);
      await frame.evaluate(() => {
        location.hash = '#legal';
      });
      await arrived(asPage(frame), 'legal');
      expect(await page.evaluate(() => scrollY)).toBeLessThan(y - 500);
      y = await page.evaluate(() => scrollY);
      await frame.locator('story-map-controls button', { hasText: 'Next' }).click();
      await arrived(asPage(frame), 'deportations');
      expect(await page.evaluate(() => scrollY)).toBeGreaterThan(y + 200);
      await expectPanelInView(page, frame);

      // With motion on (the reader's switch in the frame), a jump scrolls the host smoothly: through many positions.
      await frame.locator('story-map-controls button.motion').click();
      await page.evaluate(() => {
        const w = window as unknown as { steps: Set<number> };
        w.steps = new Set();
        addEventListener('scroll', () => w.steps.add(scrollY));
      });
      await frame.locator('story-map-controls button', { hasText: 'Previous' }).click();
      await arrived(asPage(frame), 'legal');
      await scrollRest(page);
      expect(await page.evaluate(() => (window as unknown as { steps: Set<number> }).steps.size)).toBeGreaterThan(3);
      await frame.locator('story-map-controls button.motion').click();
      await settle(asPage(frame));

      // Forged messages: a third party's frame posts a height and a scroll request to the page and a
      // viewport to the story frame; the page posts a viewport of the wrong shape. Nothing changes.
      const state = async () => ({
        ...(await layout(page, frame)),
        active: await frame.evaluate(() => document.querySelector('story-map')!.activeChapter),
      });
      const was = await state();
      // Counted once they have arrived (these listeners run after the embed's): every forged message has top 601.
      for (const target of [page, frame])
        await target.evaluate(() => {
          const w = window as unknown as { heard: number };
          w.heard = 0;
          addEventListener('message', (e) => String(e.data?.top) === '601' && w.heard++);
        });
      const ad = page.frames().find((f) => f.url().startsWith(FORGER()))!;
      await ad.evaluate(() => {
        parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 120, top: 601 }, '*');
        parent.postMessage({ sentinel: 'story-map', type: 'scroll', top: 601, smooth: false }, '*');
        parent.frames[0]!.postMessage({ sentinel: 'story-map', type: 'viewport', top: 601, height: 800 }, '*');
      });
      await page.evaluate(() => {
        const f = document.querySelector<HTMLIFrameElement>('iframe[data-story-map-frame]')!.contentWindow!;
        f.postMessage({ sentinel: 'story-map', type: 'viewport', top: '601', height: 800 }, '*');
        f.postMessage({ sentinel: 'story-map', type: 'viewport', top: 601, height: 800, extra: 1 }, '*');
        f.postMessage({ sentinel: 'story-map', type: 'viewport', top: 601, height: 0 }, '*');
      });
      await page.waitForFunction(() => (window as unknown as { heard: number }).heard >= 2);
      await frame.waitForFunction(() => (window as unknown as { heard: number }).heard >= 4);
      await nextFrame(page);
      await frame.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
      const now = await state();
      expect(now.active).toBe(was.active);
      expect(now.host).toEqual(was.host);
      expect(now.panelTop).toBe(was.panelTop);

      // 390 px wide: the frame fits the story again, and the panel stays in view.
      await page.setViewportSize({ width: 390, height: 844 });
      await expectFitted(page, frame);
      await wheelTo(page, frame, 'transfers');
      await arrived(asPage(frame), 'transfers');
      await expectPanelInView(page, frame);
      expect((await layout(page, frame)).host.width).toBe(390);
      await screenshot(page, 'frame-390');

      expect(await violations()).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it("loads the frame's map at the reader's first input in the host page, not when an ad moves the frame", async () => {
    // A tall window: the frame's panel is on screen from the start (off screen, it would wait anyway).
    const { page, frame, close, consoleErrors } = await openArticle(true, 1280, 2000);
    try {
      const engine: string[] = [];
      page.on('request', (r) => {
        if (/\/assets\/engine-[^/]+\.js$/.test(r.url())) engine.push(r.url());
      });
      await expectFitted(page, frame);
      // An ad loads above the frame and moves it, with no input: the parent script tells the frame
      // where it is now, and the frame's map still waits.
      await page.evaluate(() => {
        const ad = document.createElement('div');
        ad.className = 'ad';
        document.querySelector('main')!.prepend(ad);
      });
      await expect.poll(async () => (await layout(page, frame)).host.top).toBeGreaterThan(250);
      await frame.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1000)));
      expect(engine).toEqual([]);
      // The reader's first input in the article (a key, outside the frame): the frame's map loads.
      await page.keyboard.press('Shift');
      await frame.waitForFunction(() => document.querySelector('story-map')?.map?.loaded(), null, {
        polling: 100,
        timeout: 30_000,
      });
      expect(engine).toHaveLength(1);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('without the parent script, the frame keeps its size and scrolls by itself', async () => {
    const { page, frame, close, consoleErrors, offOrigin } = await openArticle(false);
    try {
      await page.evaluate(() => document.querySelector('iframe[data-story-map-frame]')!.scrollIntoView());
      const box = (await page.locator('iframe[data-story-map-frame]').boundingBox())!;
      expect(box.height).toBe(600);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height - 40);
      for (let i = 0; i < 4; i++) {
        await page.mouse.wheel(0, 500);
        await scrollRest(asPage(frame));
      }
      const inner = await frame.evaluate(() => ({
        scrollY,
        active: document.querySelector('story-map')!.activeChapter,
      }));
      expect(inner.scrollY).toBeGreaterThan(1000);
      expect(inner.active).not.toBe('lakeside');
      expect((await page.locator('iframe[data-story-map-frame]').boundingBox())!.height).toBe(600);

      // A link to a source opens in a new tab; the article stays where it is. (The new tab's page is
      // answered here: nothing leaves the machine.)
      const article = page.url();
      const link = frame.locator('story-map a[href^="http"]').first();
      const href = (await link.getAttribute('href'))!;
      await page.context().route(href, (r) => r.fulfill({ contentType: 'text/html', body: '<title>Source</title>' }));
      const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
      expect(tab.url()).toBe(href);
      expect(page.url()).toBe(article);
      expect(await frame.evaluate(() => location.pathname)).toBe('/iframe.html');
      await tab.close();
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is sized by a Pym.js parent too (pym.js 1.3.2, its own messages)', async () => {
    // A site that already uses Pym.js: its parent makes the frame (adding ?childId=…) and resizes it.
    site().file(
      '/pym.v1.min.js',
      readFileSync(join(ROOT, 'node_modules/pym.js/dist/pym.v1.min.js')),
      'text/javascript',
    );
    site().page(
      '/pym.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pym article</title></head><body>
<main style="max-width: 640px; margin: 0 auto"><h1>Pym</h1><div id="story"></div></main>
<script src="/pym.v1.min.js"></script>
<script>new pym.Parent('story', ${JSON.stringify(`${baseUrl()}iframe.html?story=data/story.json`)}, {});</script>
</body></html>`,
    );
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), site().url('/pym.html'), {
      context: { reducedMotion: 'reduce' },
    });
    try {
      const frame = page.locator('#story iframe');
      expect(await frame.getAttribute('src')).toContain('childId=story');
      // Pym's default frame is 150 px; it grows to the story's height, as Pym writes it.
      await expect
        .poll(async () => Number.parseInt((await frame.getAttribute('height')) ?? '0', 10))
        .toBeGreaterThan(3000);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });
});
