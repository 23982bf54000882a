// Ways into and through the story besides scrolling: Previous/Next, Shift+Tab, the timeline's Enter,
// goTo() before the story has loaded, the events it fires; and the URLs a reader may be given that
// are wrong: a malformed hash, a ?story= from another site or not there, a story file that fails.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { baseUrl, deepFocus, expectClean, nextFrame, openPage, useBrowser } from './page.ts';
import { arrived, defaultStory, expectChapter, landOn, pageState, settle } from './story.ts';

const story = defaultStory();
const ids = story.chapters.map((c) => c.id);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Waits for the active chapter to be `id`. */
const activeIs = (page: Page, id: string) =>
  page.waitForFunction((id) => document.querySelector('story-map')?.activeChapter === id, id, { timeout: 10_000 });

/** The text of the element's live region (wherever in its shadow roots it is). */
const liveText = (page: Page) => page.locator('story-map [aria-live]').textContent();

const browser = useBrowser();

describe('Previous and Next', () => {
  it('Next goes forward one chapter at a time, keeps the focus on the button, and says where the reader is', async () => {
    const opened = await openPage(browser(), baseUrl(), DESKTOP);
    try {
      const { page } = opened;
      await settle(page);
      const next = page.locator('story-map').getByRole('button', { name: 'Next' });
      await next.focus();
      // Above the story, Next goes to the first chapter; then one chapter each.
      for (const [i, id] of ids.slice(0, 3).entries()) {
        await page.keyboard.press('Enter');
        await arrived(page, id);
        expect(await deepFocus(page)).toBe('button:Next ›');
        expect(await liveText(page)).toBe(`${story.chapters[i]!.title}, chapter ${i + 1} of ${ids.length}`);
      }
      await settle(page);
      await expectChapter(story, page, ids[2]!);
      expect(await next.getAttribute('aria-disabled')).toBe('false');
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });

  it('at the last chapter Next is unavailable and does nothing, and Previous goes back one', async () => {
    const last = ids.at(-1)!;
    // Motion reduced: the buttons are the point (the Next test above flies).
    const opened = await openPage(browser(), `${baseUrl()}#${last}`, {
      ...DESKTOP,
      context: { reducedMotion: 'reduce' },
    });
    try {
      const { page } = opened;
      await landOn(page, last);
      await expectChapter(story, page, last);
      // At the end Next says it is unavailable, stays focusable, and does nothing.
      const next = page.locator('story-map').getByRole('button', { name: 'Next' });
      expect(await next.getAttribute('aria-disabled')).toBe('true');
      await next.focus();
      const before = await page.evaluate(() => scrollY);
      const said = await liveText(page);
      await page.keyboard.press('Enter');
      // Whatever the press would do is rendered and under way after the element's update and a frame.
      await page.evaluate(() => document.querySelector('story-map')!.updateComplete);
      await nextFrame(page);
      await nextFrame(page);
      expect(await page.evaluate(() => scrollY)).toBe(before);
      expect(await liveText(page)).toBe(said);
      expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe(last);
      expect(await deepFocus(page)).toBe('button:Next ›');
      // Previous goes back one, and says so.
      await page.locator('story-map').getByRole('button', { name: 'Previous' }).click();
      await landOn(page, ids.at(-2)!);
      await expectChapter(story, page, ids.at(-2)!);
      expect(await liveText(page)).toBe(`${story.chapters.at(-2)!.title}, chapter ${ids.length - 1} of ${ids.length}`);
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});

describe('keyboard, backwards and from the timeline', () => {
  it('Shift+Tab back into the previous chapter brings it into play, the focused link in view below the map', async () => {
    // Motion reduced: the map jumps; the focus and the page's scrolling are the same.
    const { page, close } = await openPage(browser(), `${baseUrl()}#legal`, {
      ...PHONE,
      context: { reducedMotion: 'reduce' },
    });
    try {
      await landOn(page, 'legal');
      await page.locator('#legal h2 a').focus();
      await page.keyboard.press('Tab'); // into legal's body (a source link), so Shift+Tab has somewhere to go
      const steps: string[] = [];
      for (let i = 0; i < 30 && !steps.includes('crackdown'); i++) {
        await page.keyboard.press('Shift+Tab');
        const where = await page.evaluate(
          () => (document.activeElement as HTMLElement).closest<HTMLElement>('[data-chapter]')?.id ?? null,
        );
        if (!where) continue;
        await activeIs(page, where);
        await nextFrame(page); // the element moves the page in the frame after the focus
        const { top, bottom, panelBottom } = await page.evaluate(() => {
          const r = (document.activeElement as HTMLElement).getBoundingClientRect();
          const panel = document
            .querySelector('story-map')!
            .renderRoot.querySelector('.panel')!
            .getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, panelBottom: panel.bottom };
        });
        expect(top, `focused link in ${where} below the map`).toBeGreaterThanOrEqual(panelBottom);
        expect(bottom).toBeLessThanOrEqual(PHONE.height);
        if (steps.at(-1) !== where) steps.push(where);
      }
      expect(steps).toEqual(['legal', 'popularity', 'crackdown']);
    } finally {
      await close();
    }
  });

  it("Enter on a timeline event takes the focus to that chapter's heading", async () => {
    // Motion reduced: the focus is the point (a click on the timeline flies, in story.test.ts).
    const { page, close } = await openPage(browser(), baseUrl(), { ...DESKTOP, context: { reducedMotion: 'reduce' } });
    try {
      await settle(page);
      const event = story.events.find((e) => e.chapter === 'venezuelans')!;
      const button = page.locator(`story-map story-timeline button[data-event="${event.id}"]`);
      await button.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.closest('[data-chapter]')?.id === 'venezuelans');
      await landOn(page, 'venezuelans');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).matches('#venezuelans h2 a'))).toBe(
        true,
      );
      await expectChapter(story, page, 'venezuelans');
      // The timeline's one tab stop is now the active chapter's first event.
      const tabStop = page.locator('story-map story-timeline button[tabindex="0"]');
      await expect(tabStop.getAttribute('data-event')).resolves.toBe(event.id);
    } finally {
      await close();
    }
  });
});

describe('the element API around loading', () => {
  it('goTo() called before the story has loaded goes there once it has', async () => {
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), 'about:blank', DESKTOP);
    try {
      await page.addInitScript(() => {
        void customElements.whenDefined('story-map').then(() => document.querySelector('story-map')!.goTo('transfers'));
      });
      await page.goto(baseUrl());
      await landOn(page, 'transfers');
      await expectChapter(story, page, 'transfers');
      expectClean({ consoleErrors, offOrigin });
    } finally {
      await close();
    }
  });

  it('fires story-chapter-change when the chapter changes: not for the first chapter on load, nor for those a jump passes', async () => {
    const { page, close } = await openPage(browser(), 'about:blank', DESKTOP);
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { changes: string[] };
        w.changes = [];
        document.addEventListener('story-chapter-change', (e) =>
          w.changes.push((e as CustomEvent<{ id: string }>).detail.id),
        );
      });
      await page.goto(baseUrl());
      await settle(page);
      // A smooth jump over two chapters (offer, rubio): the scroll passes them, the map and the events do not.
      await page.evaluate(() => document.querySelector('story-map')!.goTo('cecot'));
      await landOn(page, 'cecot');
      expect(await page.evaluate(() => (window as unknown as { changes: string[] }).changes)).toEqual(['cecot']);
    } finally {
      await close();
    }
  });
});

describe('wrong URLs and failed loads', () => {
  it('ignores a malformed hash', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), `${baseUrl()}#%E0%A4%A`, DESKTOP);
    try {
      await settle(page);
      expect((await pageState(page)).active).toBe(ids[0]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('opens a ?story= from another site, and says so above the story', async () => {
    const { page, close, offOrigin, consoleErrors } = await openPage(browser(), 'about:blank', DESKTOP);
    try {
      // Another origin on this machine: the same server under another host name.
      const other = new URL(baseUrl());
      other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
      const src = new URL('data/examples/panama-canal/story.json', other).href;
      await page.goto(`${baseUrl()}?story=${encodeURIComponent(src)}`);
      await settle(page);
      expect(await page.locator('story-map h1').textContent()).toBe('A canal between two oceans');
      expect(await page.locator('.story-origin').textContent()).toBe(
        `This story is loaded from ${other.host}, not published by ${new URL(baseUrl()).host}: ${src}`,
      );
      expect(offOrigin).toEqual([]);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('ignores a ?story= that is not a web address', async () => {
    const { page, close } = await openPage(browser(), 'about:blank', DESKTOP);
    try {
      const warnings: string[] = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await page.goto(`${baseUrl()}?story=javascript:alert(1)`);
      await settle(page);
      expect(await page.locator('story-map h1').textContent()).toBe(story.title);
      expect(warnings.some((w) => w.includes('?story=javascript:alert(1) was ignored'))).toBe(true);
    } finally {
      await close();
    }
  });

  // A ?story= file that is missing, an HTML page or broken JSON: the fault table's rows (faults.ts).

  it("keeps the page's text when the story file cannot be fetched, and says the map could not load (no failure block)", async () => {
    const { page, close } = await openPage(browser(), 'about:blank', DESKTOP);
    try {
      await page.route('**/data/story.json', (r) => r.abort('failed'));
      await page.goto(baseUrl());
      await page.locator('story-map .failed').waitFor();
      expect(await page.locator('story-map .load-failed').count()).toBe(0);
      const titles = await page.locator('story-map section[data-chapter] h2').allTextContents();
      expect(titles).toEqual(story.chapters.map((c) => c.title));
      expect(await page.locator('story-map h1').textContent()).toBe(story.title);
      expect(await page.evaluate(() => document.querySelector('story-map')!.issues.map((i) => i.message))).toEqual([
        expect.stringMatching(/^the story file could not be loaded from .*data\/story\.json/),
      ]);
    } finally {
      await close();
    }
  });
});
