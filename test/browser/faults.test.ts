// The reader's state survives faults: walks the fault table (faults.ts) and asserts, for every row,
// that the text reads, the failure is named where the reader or editor looks, nothing is thrown (no
// pageerror, no console error but the row's own report), and no WebGL context is left live beyond
// the story's one map: contexts are counted by wrapping getContext (made, minus those lost or released).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FAULTS, type Fault, mapNote } from './faults.ts';
import { baseUrl, openPage, useBrowser } from './page.ts';

const browser = useBrowser();

/** Counts the page's WebGL contexts from its first script: `__webgl()` gives those made and those still live. */
async function countContexts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const made: (WebGLRenderingContext | WebGL2RenderingContext)[] = [];
    for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype]) {
      const getContext = proto.getContext as (this: unknown, type: string, ...rest: unknown[]) => unknown;
      Object.defineProperty(proto, 'getContext', {
        configurable: true,
        writable: true,
        value(this: unknown, type: string, ...rest: unknown[]) {
          const context = getContext.call(this, type, ...rest);
          if (/^(experimental-)?webgl2?$/.test(type) && context && !made.includes(context as never))
            made.push(context as WebGL2RenderingContext);
          return context;
        },
      });
    }
    (window as unknown as { __webgl: () => { made: number; live: number } }).__webgl = () => ({
      made: made.length,
      live: made.filter((c) => !c.isContextLost()).length,
    });
  });
}

const contexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { __webgl: () => { made: number; live: number } }).__webgl());

/** story-error's issues, as "file: message" (left uncancelled, so the element logs them too). */
async function recordStoryErrors(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { storyErrors: string[] };
    w.storyErrors = [];
    document.addEventListener('story-error', (e) => {
      for (const i of (e as CustomEvent<{ issues: { file: string; severity: string; message: string }[] }>).detail
        .issues)
        w.storyErrors.push(`${i.file}: ${i.severity}: ${i.message}`);
    });
  });
}

/** The lines where `fault` says its failure is named. */
async function named(page: Page, fault: Fault, noted: string[]): Promise<string[]> {
  switch (fault.where) {
    case 'panel':
      // Preview mode checks at once; wait for the panel to list them.
      await page.waitForFunction(() => (document.querySelector('story-map')?.issues.length ?? 0) > 0, null, {
        timeout: 30_000,
      });
      return page.evaluate(() =>
        [
          ...(document
            .querySelector('story-map')!
            .renderRoot.querySelector('story-map-editor')
            ?.renderRoot.querySelectorAll('li code') ?? []),
        ].map((c) => c.textContent ?? ''),
      );
    case 'text column':
      await page.locator('story-map .load-failed li').first().waitFor();
      return page.locator('story-map .load-failed li').allTextContents();
    case 'story-error':
      await page.waitForFunction(() => (window as unknown as { storyErrors: string[] }).storyErrors.length > 0);
      return page.evaluate(() => (window as unknown as { storyErrors: string[] }).storyErrors);
    case 'map note':
    case 'motion button':
      return noted;
    case 'nothing':
      return page.evaluate(() => (window as unknown as { storyErrors: string[] }).storyErrors);
  }
}

/** The story's text shows: a heading and a paragraph of it, visible. */
async function textReads(page: Page): Promise<void> {
  const heading = page.locator('story-map section[data-chapter] h2').first();
  await heading.waitFor();
  expect(await heading.isVisible()).toBe(true);
  expect(await page.locator('story-map section[data-chapter] p:not(.sm-map-description)').first().isVisible()).toBe(
    true,
  );
}

describe('the fault table', () => {
  it('has a row for every fault issue 11 names', () => {
    expect(FAULTS.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'a colour that is CSS text',
        'texts of 20,000 to 100,000 characters',
        'reduced motion',
        'a ?story= file that is missing',
        'a ?story= file that is an HTML page',
        'a ?story= file of broken JSON',
        'a slow network',
        'a GeoJSON file that is missing',
        'a truncated GeoJSON file',
        'a 20 MB GeoJSON file',
        'a story with no chapters',
        'ids that name nothing',
        "the map's WebGL context lost, then restored",
        'the element removed and added again 20 times',
      ]),
    );
  });

  for (const fault of FAULTS) {
    it(`${fault.name}: the text reads, the failure is named (${fault.where}), nothing thrown, no WebGL context left over`, async () => {
      const { page, close } = await openPage(browser(), 'about:blank', {
        context: { reducedMotion: fault.reducedMotion ?? 'no-preference' },
      });
      const errors: string[] = [];
      /** The element's own console lines (`story-map: file: error: …`), without their prefix. */
      const reported: string[] = [];
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.stack ?? e.message}`));
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        const text = m.text();
        // The element's own report of the row's issues (`story-map: file: error: …`), and what the row causes.
        if (/^story-map: \S+: (error|warning): /.test(text)) reported.push(text.replace(/^story-map: /, ''));
        else if (!fault.console?.some((re) => re.test(text))) errors.push(text);
      });
      try {
        await countContexts(page);
        await recordStoryErrors(page);
        await fault.setup?.(page);
        await page.goto(new URL(fault.path ?? '', baseUrl()).href);
        const noted: string[] = [];
        await fault.act?.(page, (line) => noted.push(line));
        const lines = await named(page, fault, noted);
        await (fault.text ?? textReads)(page);
        if (fault.where === 'nothing') expect(lines).toEqual([]);
        for (const pattern of fault.named) {
          expect(lines, `${fault.where}: ${pattern}`).toContainEqual(expect.stringMatching(pattern));
          // A reader's page has no panel: the element logs the issue, once, for whoever looks.
          if (fault.where === 'story-error')
            expect(
              reported.filter((line) => pattern.test(line)),
              `logged once: ${pattern}`,
            ).toHaveLength(1);
        }
        expect(errors).toEqual([]);
        const { live } = await contexts(page);
        expect(live, 'live WebGL contexts').toBe(fault.contexts ?? 1);
        if ((fault.contexts ?? 1) === 1) expect(await mapNote(page), 'the map is shown, with no note').toBe(null);
      } finally {
        await close();
      }
    });
  }
});
