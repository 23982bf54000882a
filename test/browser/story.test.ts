// The story page in a real browser, as a reader on a desktop uses it: scrolling through every
// chapter, deep links, a fast fling, a reload mid-story, scrolling back, the timeline and the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, openPage, screenshot, useBrowser, type OpenedPage } from './page.ts';
import { defaultStory, expectChapter, pageState, settle, wheelToChapter } from './story.ts';

const story = defaultStory();
const ids = story.chapters.map((c) => c.id);

describe('the story page on a desktop (1280x800)', () => {
  const browser = useBrowser();
  let opened: OpenedPage;

  beforeAll(async () => {
    opened = await openPage(browser(), baseUrl(), { width: 1280, height: 800 });
    await settle(opened.page);
  });
  afterAll(async () => {
    await opened?.close();
  });

  it("shows the headline and the first chapter's map before any scrolling", async () => {
    const { page } = opened;
    await screenshot(page, 'desktop-00-top');
    const state = await pageState(page);
    expect(state.active).toBe(ids[0]);
    expect(state.hash).toBe('');
    await expect(page.locator('h1.sm-title').textContent()).resolves.toBe(story.title);
  });

  it('follows the reader scrolling down through every chapter', async () => {
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
  });

  it('lands on the chapter in view when scrolling back up', async () => {
    const { page } = opened;
    await wheelToChapter(page, 'cecot', 1200);
    await settle(page);
    await expectChapter(story, page, 'cecot');
  });

  it('lands on the right state after a fast fling through several chapters', async () => {
    const { page } = opened;
    await wheelToChapter(page, 'lakeside', 5000);
    await settle(page);
    // Fling: big wheel steps with no pause, then let it rest on whatever chapter is in view.
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 900);
    await page.waitForTimeout(200);
    await settle(page);
    const inView = await page.evaluate(() => {
      const el = document.querySelector('story-map')!;
      const trigger = innerHeight * 0.4;
      const sections = [...el.querySelectorAll<HTMLElement>('[data-chapter]')];
      return sections.filter((s) => s.getBoundingClientRect().top <= trigger).at(-1)!.id;
    });
    expect(ids.indexOf(inView)).toBeGreaterThan(3);
    await expectChapter(story, page, inView);
  });

  it('goes to a chapter when the reader clicks its event on the timeline', async () => {
    const { page } = opened;
    const button = page.locator('story-timeline button[data-event="guantanamo-beds"]');
    await button.click();
    await page.waitForFunction(() => document.querySelector('story-map')!.activeChapter === 'deportations');
    await page.waitForTimeout(1600); // the smooth scroll
    await settle(page);
    await expectChapter(story, page, 'deportations');
  });

  it('moves through the timeline with arrow keys and opens an event with Enter', async () => {
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
    await page.waitForFunction(() => document.querySelector('story-map')!.activeChapter === 'swap');
    await page.waitForTimeout(1600);
    await settle(page);
    await expectChapter(story, page, 'swap');
  });

  it('reloads mid-story onto the same chapter', async () => {
    const { page } = opened;
    await wheelToChapter(page, 'popularity', 3000);
    await settle(page);
    await expectChapter(story, page, 'popularity');
    await page.reload();
    await settle(page);
    await page.waitForFunction(() => document.querySelector('story-map')!.activeChapter === 'popularity');
    await settle(page);
    await expectChapter(story, page, 'popularity');
  });

  it('made no request off localhost and logged no errors', () => {
    expect(opened.offOrigin).toEqual([]);
    expect(opened.consoleErrors).toEqual([]);
  });
});

describe('deep links and keyboard', () => {
  const browser = useBrowser();

  it('#chapter-id opens at that chapter, with its map and timeline', async () => {
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), `${baseUrl()}#venezuelans`, {
      width: 1280,
      height: 800,
    });
    try {
      await page.waitForFunction(() => document.querySelector('story-map')?.activeChapter === 'venezuelans');
      await settle(page);
      await expectChapter(story, page, 'venezuelans');
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });

  it('follows the reader without adding history entries', async () => {
    const { page, close } = await openPage(browser(), baseUrl(), { width: 1280, height: 800 });
    try {
      await settle(page);
      const before = await page.evaluate(() => history.length);
      for (const id of ['offer', 'cecot', 'legal']) {
        await wheelToChapter(page, id, 2000);
        await page.waitForFunction((id) => location.hash === `#${id}`, id);
      }
      expect(await page.evaluate(() => history.length)).toBe(before);
    } finally {
      await close();
    }
  });

  it('Tab walks the chapters in order, each coming into play, focus visible', async () => {
    const { page, close } = await openPage(browser(), baseUrl(), { width: 1280, height: 800 });
    try {
      await settle(page);
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
        const after = await page.evaluate(() =>
          (document.activeElement as HTMLElement).getBoundingClientRect().toJSON(),
        );
        expect(after.top).toBeGreaterThanOrEqual(0);
        expect(after.bottom).toBeLessThanOrEqual(800);
        expect(info.outline).not.toBe('none');
        seen.push(info.id);
      }
      expect(seen).toEqual(ids);
    } finally {
      await close();
    }
  });
});
