// The timeline as drawn, read as a reader reads it: for a test story over five centuries (with
// dates known only to the month or the year, and a cluster of days) and for the default story, at
// desktop and phone sizes. From the rendered SVG (the ticks' marks and labels, the events' buttons,
// the breaks): every event's date reads off the axis, no tick contradicts an event's position, no
// labels overlap, a break wherever time is left out (test/fixtures/timeline.ts has the rules); then
// a walk through the events with the keyboard, each one's own label giving its date.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/story/format.ts';
import { axisRules, type DrawnAxis, isAfter, spanOf } from '../fixtures/timeline.ts';
import { baseUrl, expectClean, nextFrame, openPage, SCREENSHOT_DIR, useBrowser } from './page.ts';
import { storyLoaded } from './story.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = join(ROOT, 'test/fixtures/centuries');
const browser = useBrowser();

interface StoryFile {
  published?: string;
  events: { id: string; date: string; label: string }[];
}
const readStory = (path: string): StoryFile => JSON.parse(readFileSync(path, 'utf8'));

const STORIES = [
  { name: 'centuries', query: '?story=fixture/centuries/story.json', file: join(FIXTURE, 'story.json') },
  { name: 'default', query: '', file: join(ROOT, 'data/story.json') },
] as const;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

/** Opens a story, the fixture's files served from test/fixtures/centuries/, once its timeline is drawn. */
async function open(query: string, size: (typeof SIZES)[number]) {
  const opened = await openPage(browser(), 'about:blank', { ...size, context: { reducedMotion: 'reduce' } });
  await opened.page.route('**/fixture/centuries/*', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: readFileSync(join(FIXTURE, file), 'utf8'),
    });
  });
  await opened.page.goto(`${baseUrl()}${query}`);
  await storyLoaded(opened.page);
  // The reader's first input: the timeline then scrolls to the chapter being read (once, at once
  // with motion reduced), and later scrolls (the screenshots') stay.
  await opened.page.keyboard.press('Shift');
  await nextFrame(opened.page);
  return opened;
}

/** What the timeline draws, read from its shadow DOM: positions relative to the drawing's left edge. */
async function readTimeline(page: Page) {
  return page.evaluate(() => {
    const timeline = document.querySelector('story-map')!.renderRoot.querySelector('story-timeline')!;
    const root = timeline.renderRoot;
    const svg = root.querySelector('svg')!;
    const left = svg.getBoundingClientRect().left;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left - left, right: r.right - left };
    };
    const mid = (el: Element) => {
      const r = box(el);
      return (r.left + r.right) / 2;
    };
    return {
      width: svg.getBoundingClientRect().width,
      events: [...root.querySelectorAll<HTMLButtonElement>('button[data-event]')].map((b) => ({
        id: b.dataset.event!,
        x: mid(b),
      })),
      ticks: [...root.querySelectorAll('g.tick')].map((g) => ({
        x: g.querySelector('line')!.getBoundingClientRect().left - left,
        label: g.querySelector('text.unit')!.textContent!,
        context: g.querySelector('text.context')?.textContent ?? null,
        boxes: [...g.querySelectorAll('text')].map((t) => ({
          line: t.classList.contains('context') ? 2 : 1,
          ...box(t),
          text: t.textContent!,
        })),
      })),
      breaks: [...root.querySelectorAll('path.break')].map((p) => ({ x: mid(p) })),
      afterX: (() => {
        const band = root.querySelector('rect.after-band');
        return band ? band.getBoundingClientRect().left - left : null;
      })(),
    };
  });
}

describe('the timeline, read from the page', () => {
  for (const story of STORIES)
    for (const size of SIZES)
      it(`keeps its rules for the ${story.name} story at ${size.width}x${size.height}`, async () => {
        const file = readStory(story.file);
        const opened = await open(story.query, size);
        try {
          const drawn = await readTimeline(opened.page);
          const dates = new Map(file.events.map((e) => [e.id, e.date]));
          expect(drawn.events.map((e) => e.id).sort()).toEqual([...dates.keys()].sort());
          const axis: DrawnAxis = {
            width: drawn.width,
            events: drawn.events.map((e) => ({
              written: dates.get(e.id)!,
              x: e.x,
              after: isAfter(dates.get(e.id)!, file.published ?? null),
            })),
            ticks: drawn.ticks.map(({ x, label, context }) => ({ x, label, context })),
            breaks: drawn.breaks,
            boxes: drawn.ticks.flatMap((t) => t.boxes as DrawnAxis['boxes']),
            afterX: drawn.afterX,
            // The layout measures with a canvas in the page's font; the SVG's text boxes may differ by a hair.
            labelGap: 4,
          };
          expect(axisRules(axis)).toEqual([]);
          // Each tick names a date that has events; each break leaves out time.
          expect(drawn.ticks.length).toBe(new Set(dates.values()).size);
          expect(drawn.breaks.length).toBeGreaterThan(3);
          await screenshots(opened.page, `timeline-${story.name}-${size.width}`);
          expectClean(opened);
        } finally {
          await opened.close();
        }
      });

  it('walks the centuries story with the keyboard: each event in view, its own label giving its date', async () => {
    const file = readStory(join(FIXTURE, 'story.json'));
    const sorted = [...file.events].sort(
      (a, b) => +spanOf(a.date).start - +spanOf(b.date).start || +spanOf(b.date).end - +spanOf(a.date).end,
    );
    const opened = await open(STORIES[0].query, SIZES[1]);
    try {
      const { page } = opened;
      await page.locator(`story-timeline button[data-event="${sorted[0]!.id}"]`).focus();
      for (const [i, event] of sorted.entries()) {
        if (i > 0) await page.keyboard.press('ArrowRight');
        const seen = await page.waitForFunction((id) => {
          const timeline = document.querySelector('story-map')!.renderRoot.querySelector('story-timeline')!;
          const root = timeline.renderRoot as ShadowRoot;
          const focused = root.activeElement as HTMLElement | null;
          if (focused?.dataset.event !== id) return null;
          const readout = root.querySelector('.readout')!.textContent!.replace(/\s+/g, ' ').trim();
          const scroller = root.querySelector('.scroller')!.getBoundingClientRect();
          const button = focused.getBoundingClientRect();
          return {
            readout,
            inView: button.left >= scroller.left - 1 && button.right <= scroller.right + 1,
            label: focused.getAttribute('aria-label'),
          };
        }, event.id);
        const { readout, inView, label } = (await seen.jsonValue())!;
        const date = formatDate(spanOf(event.date), 'en');
        expect(readout).toBe(`${date} · ${event.label}`);
        expect(label).toBe(
          `${date}: ${event.label}${isAfter(event.date, file.published ?? null) ? ' (after the article)' : ''}`,
        );
        expect(inView, `${event.id} in view`).toBe(true);
      }
      expectClean(opened);
    } finally {
      await opened.close();
    }
  });
});

/**
 * Screenshots of the timeline, to look at: the element as it is, then (when its drawing is wider than
 * the screen) each further screenful, scrolled sideways. Returns the paths.
 */
async function screenshots(page: Page, name: string): Promise<string[]> {
  const timeline = page.locator('story-map story-timeline');
  const { scrollWidth, clientWidth } = await page.evaluate(() => {
    const s = document
      .querySelector('story-map')!
      .renderRoot.querySelector('story-timeline')!
      .renderRoot.querySelector('.scroller')!;
    return { scrollWidth: s.scrollWidth, clientWidth: s.clientWidth };
  });
  // Those of an earlier run, which may have been more.
  for (const old of await readdir(SCREENSHOT_DIR).catch(() => [] as string[]))
    if (old.startsWith(`${name}-`)) await rm(join(SCREENSHOT_DIR, old));
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const paths: string[] = [];
  for (let left = 0, k = 0; left < scrollWidth; left += clientWidth - 40, k++) {
    await page.evaluate((left) => {
      const s = document
        .querySelector('story-map')!
        .renderRoot.querySelector('story-timeline')!
        .renderRoot.querySelector('.scroller')!;
      s.scrollTo({ left, behavior: 'instant' });
    }, left);
    const path = join(SCREENSHOT_DIR, `${name}-${k}.png`);
    await timeline.screenshot({ path });
    paths.push(path);
    if (left + clientWidth >= scrollWidth) break;
  }
  return paths;
}
