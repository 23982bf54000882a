// The story page in a real browser, as a reader on a desktop scrolls it: through every chapter, back
// up, in a fast fling, and a reload mid-story (deep links, the keyboard and the timeline are in
// links.test.ts). Each test opens its own page; only the walk goes through every chapter, the others
// start where they need to with a deep link.
import { describe, expect, it } from 'vitest';
import { expectClean, type OpenPageOptions, screenshot, useBrowser } from './page.ts';
import { defaultStory, expectChapter, landOn, openStoryAt, pageState, settle, wheelToChapter } from './story.ts';

const story = defaultStory();
const ids = story.chapters.map((c) => c.id);
const DESKTOP = { width: 1280, height: 800 };

const browser = useBrowser();

const openAt = (hash: string, options: OpenPageOptions = {}) =>
  openStoryAt(browser(), hash, { ...DESKTOP, ...options });

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
        await wheelToChapter(page, id, 1000);
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
    // Twelve chapters, each drawn and photographed: about 30 s here, more on a busy machine.
  }, 120_000);

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
