// The story page in a real browser, as a reader on a desktop uses it: scrolling through every
// chapter, deep links, a fast fling, a reload mid-story, scrolling back, the timeline and the keyboard.
// Each test opens its own page; only the walk goes through every chapter, the others start where
// they need to with a deep link.
import { describe, expect, it } from 'vitest';
import { baseUrl, expectClean, nextFrame, openPage, screenshot, useBrowser, type OpenedPage } from './page.ts';
import { defaultStory, expectChapter, landOn, pageState, scrollRest, settle, wheelToChapter } from './story.ts';

const story = defaultStory();
const ids = story.chapters.map((c) => c.id);
const DESKTOP = { width: 1280, height: 800 };

const browser = useBrowser();

/** Opens the story at `hash` (e.g. '#cecot'; '' for the top) on a desktop, with the map settled there. */
async function openAt(hash: string, options: Parameters<typeof openPage>[2] = {}): Promise<OpenedPage> {
  const opened = await openPage(browser(), `${baseUrl()}${hash}`, { ...DESKTOP, ...options });
  if (hash) await landOn(opened.page, hash.slice(1));
  else await settle(opened.page);
  return opened;
}

describe('the story page on a desktop (1280x800)', () => {
  it("shows the headline and the first chapter's map before any scrolling", async () => {
    const opened = await openAt('');
    try {
      const { page } = opened;
      await screenshot(page, 'desktop-00-top');
      const state = await pageState(page);
      expect(state.active).toBe(ids[0]);
      expect(state.hash).toBe('');
      await expect(page.locator('h1.sm-title').textContent()).resolves.toBe(story.title);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('follows the reader scrolling down through every chapter', async () => {
    // Motion reduced: the map jumps to each chapter. Flights (and where they land) are the point of
    // the scroll-back, fling and timeline tests; a flight costs the software renderer three times
    // as much as a jump, twelve times over here.
    const opened = await openAt('', { context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      const changes: string[] = [];
      await page.exposeFunction('recordChange', (id: string) => changes.push(id));
      await page.evaluate(() =>
        document
          .querySelector('story-map')!
          .addEventListener('story-chapter-change', (e) =>
            (window as unknown as { recordChange: (id: string) => void }).recordChange(e.detail.id),
          ),
      );
      for (const [i, id] of ids.entries()) {
        await wheelToChapter(page, id);
        await settle(page);
        await expectChapter(story, page, id);
        await screenshot(page, `desktop-${String(i + 1).padStart(2, '0')}-${id}`);
      }
      // One change event per chapter after the first, in order (the first was already active).
      expect(changes).toEqual(ids.slice(1));
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('lands on the chapter in view when scrolling back up', async () => {
    // From three chapters further on, by the wheel. Motion reduced: flights as the reader scrolls
    // are the fling test's point.
    const opened = await openAt('#legal', { context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      await wheelToChapter(page, 'cecot', 1200);
      await settle(page);
      await expectChapter(story, page, 'cecot');
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('lands on the right state after a fast fling through several chapters', async () => {
    const opened = await openAt('#lakeside');
    try {
      const { page } = opened;
      // Fling: big wheel steps with no pause, then let it rest on whatever chapter is in view.
      const before = await page.evaluate(() => scrollY);
      for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 900);
      await page.waitForFunction((before) => scrollY > before, before);
      await settle(page);
      const inView = await page.evaluate(() => {
        const el = document.querySelector('story-map')!;
        const trigger = innerHeight * 0.4;
        const sections = [...el.querySelectorAll<HTMLElement>('[data-chapter]')];
        return sections.filter((s) => s.getBoundingClientRect().top <= trigger).at(-1)!.id;
      });
      expect(ids.indexOf(inView)).toBeGreaterThan(3);
      await expectChapter(story, page, inView);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('goes to a chapter when the reader clicks its event on the timeline', async () => {
    const opened = await openAt('');
    try {
      const { page } = opened;
      await page.locator('story-timeline button[data-event="guantanamo-beds"]').click();
      await landOn(page, 'deportations');
      await expectChapter(story, page, 'deportations');
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
      expect(focused).toBe('guantanamo-beds');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await landOn(page, 'swap');
      await expectChapter(story, page, 'swap');
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('reloads mid-story onto the same chapter', async () => {
    // Motion reduced: the map jumps; where the reader is after a reload does not depend on it.
    const opened = await openAt('', { context: { reducedMotion: 'reduce' } });
    try {
      const { page } = opened;
      await wheelToChapter(page, 'popularity', 3000);
      await settle(page);
      await expectChapter(story, page, 'popularity');
      await page.reload();
      await landOn(page, 'popularity');
      await expectChapter(story, page, 'popularity');
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
      for (const id of ['offer', 'cecot', 'legal']) {
        await wheelToChapter(page, id, 2000);
        await page.waitForFunction((id) => location.hash === `#${id}`, id);
      }
      await scrollRest(page);
      expect(await page.evaluate(() => history.length)).toBe(before);
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
