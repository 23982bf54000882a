// Accessibility as a machine checks it: axe-core (WCAG 2.x A and AA rules, and its best practices)
// finds no violation on the story page, through its open shadow roots: at the top and at every
// chapter, on a desktop and a phone, in preview mode, and with no WebGL (the still map in the panel).
// The keyboard walk, focus visibility and the map's description are tested in links.test.ts and
// lifecycle.test.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, openPage, useBrowser } from './page.ts';
import { defaultStory, landOn, settle } from './story.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const browser = useBrowser();

/**
 * axe-core's violations on the page, one line each: impact, rule, and the elements it found.
 * `panel`: only in the element's panel (the map, its key and the timeline: what a chapter changes).
 */
async function violations(page: Page, { panel = false }: { panel?: boolean } = {}): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (panel) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact: string; help: string; nodes: { target: unknown[] }[] }[];
    }
    // The panel inside story-map's shadow root (axe's `fromShadowDom`: a plain selector list there
    // would match nothing, and find nothing wrong).
    const context = panel ? { include: [{ fromShadowDom: ['story-map', '.panel'] }] } : document;
    const { violations } = await axe.run(context, { resultTypes: ['violations'] });
    return violations.map(
      (v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  }, panel);
}

describe('accessibility (axe-core)', () => {
  for (const [name, size] of [
    ['a desktop', { width: 1280, height: 800 }],
    ['a phone', { width: 390, height: 844 }],
  ] as const) {
    it(`finds no violation at the top of the page and at every chapter, on ${name} (${size.width}x${size.height})`, async () => {
      // Reduced motion: the map jumps to each chapter (the walk checks what is shown, not the flights).
      const { page, close } = await openPage(browser(), baseUrl(), { ...size, context: { reducedMotion: 'reduce' } });
      try {
        await settle(page);
        const found: Record<string, string[]> = { top: await violations(page) };
        const ids = defaultStory().chapters.map((c) => c.id);
        for (const id of ids) {
          await page.evaluate((chapter) => document.querySelector('story-map')!.goTo(chapter), id);
          await landOn(page, id);
          // The text is the same at every chapter: the panel is checked at each, the whole page at the last.
          found[id] = await violations(page, { panel: id !== ids.at(-1) });
        }
        // Every state, each with none.
        expect(found).toEqual(Object.fromEntries(['top', ...ids].map((k) => [k, []])));
      } finally {
        await close();
      }
    }, 120_000);
  }

  it('finds no violation in preview mode on a phone (the issues, the camera snippet, the file drop)', async () => {
    // The camera snippet may be wider than its box: a scrollable region, which the keyboard must reach.
    const { page, close } = await openPage(browser(), `${baseUrl()}?edit`, { width: 390, height: 844 });
    try {
      await settle(page);
      await page.waitForFunction(() =>
        document
          .querySelector('story-map')
          ?.renderRoot?.querySelector('story-map-editor')
          ?.renderRoot?.querySelector('pre'),
      );
      // Closed at first on a phone: its line, then what it opens (a sheet over the bottom of the screen).
      expect(await violations(page)).toEqual([]);
      await page.locator('story-map story-map-editor summary').click();
      await page.waitForFunction(
        () =>
          document
            .querySelector('story-map')!
            .renderRoot.querySelector('story-map-editor')!
            .renderRoot.querySelector('details')!.open,
      );
      expect(await violations(page)).toEqual([]);
    } finally {
      await close();
    }
  });

  it('finds no violation without WebGL (the still map and its note in the panel)', async () => {
    const chrome = inject('chrome');
    const webglless = await launchBrowser({ ...chrome, args: [...chrome.args, '--disable-3d-apis'] });
    try {
      const { page } = await openPage(webglless, baseUrl());
      await page.keyboard.press('Shift');
      await page.waitForFunction(() => {
        const view = document.querySelector('story-map')?.renderRoot?.querySelector('story-map-view');
        return view?.renderRoot?.querySelector('[role="status"]')?.textContent?.includes('still picture');
      });
      expect(await violations(page)).toEqual([]);
    } finally {
      await webglless.close();
    }
  });
});
