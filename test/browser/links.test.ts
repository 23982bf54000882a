// Ways through the story page on a desktop besides scrolling: deep links, the hash following the
// reader, the keyboard, and the timeline (a click, and arrow keys then Enter).
import { describe, expect, it } from 'vitest';
import { baseUrl, expectClean, nextFrame, type OpenPageOptions, openPage, useBrowser } from './page.ts';
import { defaultStory, expectChapter, landOn, openStoryAt, scrollRest, settle, wheelToChapter } from './story.ts';

const story = defaultStory();
const ids = story.chapters.map((c) => c.id);
const DESKTOP = { width: 1280, height: 800 };

const browser = useBrowser();

const openAt = (hash: string, options: OpenPageOptions = {}) =>
  openStoryAt(browser(), hash, { ...DESKTOP, ...options });

describe('the timeline', () => {
  it('goes to a chapter when the reader clicks its event on the timeline', async () => {
    const opened = await openAt('');
    try {
      const { page } = opened;
      // From the first chapter to the fourth: a smooth jump over two chapters, and a short flight.
      await page.locator('story-timeline button[data-event="cecot-opens"]').click();
      await landOn(page, 'cecot');
      await expectChapter(story, page, 'cecot');
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('moves through the timeline with arrow keys and opens an event with Enter', async () => {
    // Motion reduced: the keys are the point (a click on the timeline flies, above).
    const opened = await openAt('', { context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      await page.locator('story-timeline button[data-event="meeting"]').focus();
      await page.keyboard.press('ArrowLeft');
      const focused = await page.evaluate(() => {
        const timeline = document.querySelector('story-map')!.renderRoot.querySelector('story-timeline')!;
        return ((timeline.renderRoot as ShadowRoot).activeElement as HTMLElement | null)?.dataset.event;
      });
      expect(focused).toBe('guantanamo-memorandum');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await landOn(page, 'swap');
      await expectChapter(story, page, 'swap');
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});

describe('deep links and keyboard', () => {
  it('#chapter-id opens at that chapter, with its map and timeline', async () => {
    const opened = await openPage(browser(), `${baseUrl()}#venezuelans`, DESKTOP);
    try {
      const { page } = opened;
      await page.waitForFunction(() => document.querySelector('story-map')?.activeChapter === 'venezuelans');
      await settle(page);
      await expectChapter(story, page, 'venezuelans');
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('follows the reader without adding history entries', async () => {
    // Motion reduced: the map jumps, and the scrolling (which is what writes the hash) is the same.
    const opened = await openAt('', { context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      const before = await page.evaluate(() => history.length);
      // Chromium fetches and decodes the page's icon again at every replaceState: it is a PNG, not an
      // SVG (parsed as a document each time, four times the main thread: scripts/favicon.mjs).
      const icon = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href);
      const icons: string[] = [];
      page.on('response', (r) => {
        if (r.url() === icon) icons.push(r.headers()['content-type'] ?? '');
      });
      for (const id of ['offer', 'cecot', 'legal']) {
        await wheelToChapter(page, id, 2000);
        await page.waitForFunction((id) => location.hash === `#${id}`, id);
      }
      await scrollRest(page);
      expect(await page.evaluate(() => history.length)).toBe(before);
      expect(icons.filter((type) => type !== 'image/png')).toEqual([]);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('Tab walks the chapters in order, each coming into play, focus visible', async () => {
    // Motion reduced: each chapter's map jumps instead of flying (no flight to wait for or draw).
    const opened = await openAt('', { context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      const seen: string[] = [];
      for (let i = 0; i < 120 && seen.length < ids.length; i++) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          if (!a?.matches('a.sm-anchor')) return null;
          const r = a.getBoundingClientRect();
          return {
            id: a.closest<HTMLElement>('[data-chapter]')!.id,
            top: r.top,
            bottom: r.bottom,
            outline: getComputedStyle(a).outlineStyle,
          };
        });
        if (!info) continue;
        await page.waitForFunction((id) => document.querySelector('story-map')!.activeChapter === id, info.id);
        await nextFrame(page); // the element moves the page in the frame after the focus
        const after = await page.evaluate(() =>
          (document.activeElement as HTMLElement).getBoundingClientRect().toJSON(),
        );
        expect(after.top).toBeGreaterThanOrEqual(0);
        expect(after.bottom).toBeLessThanOrEqual(DESKTOP.height);
        expect(info.outline).not.toBe('none');
        seen.push(info.id);
      }
      expect(seen).toEqual(ids);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});
