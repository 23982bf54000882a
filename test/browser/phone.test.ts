// The story page on a phone (390x844, touch): the map on top of the text, never over it.
// Each test opens its own page; only the walk goes through every chapter.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, expectClean, nextFrame, openPage, screenshot, useBrowser } from './page.ts';
import { defaultStory, expectChapter, landOn, settle, wheelToChapter } from './story.ts';

const story = defaultStory();
const ids = story.chapters.map((c) => c.id);
const PHONE = { width: 390, height: 844 };
const TOUCH = { isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

const browser = useBrowser();

/** Where the panel and the map are, and where the active chapter's heading is. */
function layout(page: Page) {
  return page.evaluate(() => {
    const el = document.querySelector('story-map')!;
    const panel = el.renderRoot.querySelector('.panel')!.getBoundingClientRect();
    const map = el.renderRoot.querySelector('story-map-view')!.getBoundingClientRect();
    const heading = el.querySelector(`[data-chapter="${el.activeChapter}"] h2`)!.getBoundingClientRect();
    return {
      panelTop: panel.top,
      panelBottom: panel.bottom,
      mapHeight: map.height,
      headingTop: heading.top,
      headingBottom: heading.bottom,
    };
  });
}

describe('the story page on a phone (390x844)', () => {
  it('opens on the headline, with the map below it', async () => {
    const opened = await openPage(browser(), baseUrl(), { ...PHONE, context: TOUCH });
    try {
      const { page } = opened;
      await settle(page);
      await screenshot(page, 'phone-00-top');
      const title = await page.locator('h1.sm-title').boundingBox();
      expect(title!.y).toBeGreaterThanOrEqual(0);
      expect(title!.y + title!.height).toBeLessThan(PHONE.height / 2);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('keeps the map on top, 40-50% of the screen, and the chapter text below it, through every chapter', async () => {
    // Motion reduced, as in the desktop walk: the layout is the point here, not the flights.
    const opened = await openPage(browser(), baseUrl(), { ...PHONE, context: { ...TOUCH, reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      await settle(page);
      for (const [i, id] of ids.entries()) {
        await wheelToChapter(page, id, 1000);
        await settle(page);
        await expectChapter(story, page, id);
        const l = await layout(page);
        // On screen at the top: stuck there once the headline has scrolled away.
        expect(l.panelTop).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(l.panelTop).toBe(0);
        expect(l.mapHeight / PHONE.height).toBeGreaterThanOrEqual(0.38);
        expect(l.mapHeight / PHONE.height).toBeLessThanOrEqual(0.5);
        // The chapter being read is below the map, on screen.
        expect(l.headingTop).toBeGreaterThanOrEqual(l.panelBottom);
        expect(l.headingBottom).toBeLessThanOrEqual(PHONE.height);
        await screenshot(page, `phone-${String(i + 1).padStart(2, '0')}-${id}`);
      }
      expectClean(opened);
    } finally {
      await opened.close();
    }
    // Twelve chapters, each drawn and photographed: about 30 s here, more on a busy machine.
  }, 120_000);

  it('lets the timeline scroll sideways and keeps the current event in view', async () => {
    // The last chapter: its events are at the far end of the timeline.
    const last = ids.at(-1)!;
    const opened = await openPage(browser(), `${baseUrl()}#${last}`, { ...PHONE, context: TOUCH });
    try {
      const { page } = opened;
      await landOn(page, last);
      const visible = () =>
        page.evaluate(() => {
          const timeline = document.querySelector('story-map')!.renderRoot.querySelector('story-timeline')!;
          const scroller = timeline.renderRoot.querySelector('.scroller')!;
          const box = scroller.getBoundingClientRect();
          return {
            wider: scroller.scrollWidth > scroller.clientWidth,
            scrolled: scroller.scrollLeft > 0,
            current: [...timeline.renderRoot.querySelectorAll('button[aria-current="true"]')].map((b) => {
              const r = b.getBoundingClientRect();
              return r.left >= box.left && r.right <= box.right;
            }),
          };
        });
      // The timeline scrolls (smoothly) to the current events: wait for it to get there.
      await expect.poll(async () => (await visible()).current.every(Boolean), { timeout: 10_000 }).toBe(true);
      const seen = await visible();
      expect(seen.wider).toBe(true);
      expect(seen.scrolled).toBe(true);
      expect(seen.current.length).toBeGreaterThan(0);
      expect(seen.current.every(Boolean)).toBe(true);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});

describe('keyboard focus on a phone-sized screen', () => {
  it('never hides the focused chapter link under the sticky map', async () => {
    // Motion reduced: the maps jump; focus and scrolling are the same.
    const opened = await openPage(browser(), baseUrl(), { ...PHONE, context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      await settle(page);
      let checked = 0;
      for (let i = 0; i < 120 && checked < ids.length; i++) {
        await page.keyboard.press('Tab');
        const chapter = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return a?.matches('a.sm-anchor') ? a.closest<HTMLElement>('[data-chapter]')!.id : null;
        });
        if (!chapter) continue;
        // The element brings the chapter into play in the frame after the focus.
        await page.waitForFunction((id) => document.querySelector('story-map')!.activeChapter === id, chapter);
        await nextFrame(page);
        const { top, bottom, panelBottom } = await page.evaluate(() => {
          const r = (document.activeElement as HTMLElement).getBoundingClientRect();
          const panel = document
            .querySelector('story-map')!
            .renderRoot.querySelector('.panel')!
            .getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, panelBottom: panel.bottom };
        });
        expect(top).toBeGreaterThanOrEqual(panelBottom);
        expect(bottom).toBeLessThanOrEqual(PHONE.height);
        checked++;
      }
      expect(checked).toBe(ids.length);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});
