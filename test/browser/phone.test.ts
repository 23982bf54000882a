// The story page on a phone (390x844, touch): the map on top of the text, never over it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, openPage, screenshot, useBrowser, type OpenedPage } from './page.ts';
import { defaultStory, expectChapter, settle, wheelToChapter } from './story.ts';

const story = defaultStory();
const ids = story.chapters.map((c) => c.id);
const PHONE = { width: 390, height: 844 };

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
  const browser = useBrowser();
  let opened: OpenedPage;

  beforeAll(async () => {
    opened = await openPage(browser(), baseUrl(), {
      ...PHONE,
      context: { isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
    });
    await settle(opened.page);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('opens on the headline, with the map below it', async () => {
    const { page } = opened;
    await screenshot(page, 'phone-00-top');
    const title = await page.locator('h1.sm-title').boundingBox();
    expect(title!.y).toBeGreaterThanOrEqual(0);
    expect(title!.y + title!.height).toBeLessThan(PHONE.height / 2);
  });

  it('keeps the map on top, 40-50% of the screen, and the chapter text below it, through every chapter', async () => {
    const { page } = opened;
    for (const [i, id] of ids.entries()) {
      await wheelToChapter(page, id);
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
  });

  it('lets the timeline scroll sideways and keeps the current event in view', async () => {
    const { page } = opened;
    const seen = await page.evaluate(() => {
      const timeline = document.querySelector('story-map')!.renderRoot.querySelector('story-timeline')!;
      const scroller = timeline.renderRoot.querySelector('.scroller')!.getBoundingClientRect();
      return [...timeline.renderRoot.querySelectorAll('button[aria-current="true"]')].map((b) => {
        const r = b.getBoundingClientRect();
        return r.left >= scroller.left && r.right <= scroller.right;
      });
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(Boolean)).toBe(true);
  });

  it('made no request off localhost and logged no errors', () => {
    expect(opened.offOrigin).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
  });
});

describe('keyboard focus on a phone-sized screen', () => {
  const browser = useBrowser();

  it('never hides the focused chapter link under the sticky map', async () => {
    const { page, close } = await openPage(browser(), baseUrl(), PHONE);
    try {
      await settle(page);
      let checked = 0;
      for (let i = 0; i < 120 && checked < ids.length; i++) {
        await page.keyboard.press('Tab');
        const isAnchor = await page.evaluate(
          () => (document.activeElement as HTMLElement | null)?.matches('a.sm-anchor') ?? false,
        );
        if (!isAnchor) continue;
        await page.waitForTimeout(100);
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
    } finally {
      await close();
    }
  });
});
