// Editors: a second story opens with ?story= and no code change; mistakes show in the preview panel
// (?edit) and never as a panel for readers; a broken GeoJSON file leaves the rest of the story
// working; saving a file updates the preview on the same chapter; the camera snippet and a dropped
// GeoJSON file.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixtureFiles } from '../fixtures/fixtures.ts';
import { baseUrl, openPage, screenshot, useBrowser } from './page.ts';
import { defaultStory, expectChapter, landOn, settle } from './story.ts';

/** A story file of a checker fixture (00-valid's with the fixture's change.diff applied); undefined if it has none. */
const fixture = (name: string, file: string): string | undefined => fixtureFiles(name)[file];
/** The same, for a file the test needs. */
const fixtureFile = (name: string, file: string): string => {
  const text = fixture(name, file);
  if (text === undefined) throw new Error(`fixture ${name} has no ${file}`);
  return text;
};

const browser = useBrowser();

/** Serves a fixture folder at /fixture/<name>/… (so a test can show any of them with ?story=). */
async function serveFixture(page: Page, name: string, override: Record<string, () => string> = {}): Promise<string> {
  await page.route(`**/fixture/${name}/*`, (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop()!;
    const body = override[file]?.() ?? fixture(name, file);
    return body === undefined
      ? route.fulfill({ status: 404, body: 'not found' })
      : route.fulfill({ status: 200, contentType: 'application/json', body });
  });
  return `fixture/${name}/story.json`;
}

/** The preview panel's text, or null when there is none. */
const panelText = (page: Page) =>
  page.evaluate(
    () =>
      document
        .querySelector('story-map')!
        .renderRoot.querySelector('story-map-editor')
        ?.renderRoot.textContent?.replace(/\s+/g, ' ')
        .trim() ?? null,
  );

describe('a second story, with no change to code', () => {
  const example = defaultStory('examples/panama-canal/story.json');

  it('opens data/examples/panama-canal with ?story= and shows every chapter', async () => {
    // Motion reduced, so each goTo() jumps and the map jumps with it (scrolling through a story is the
    // default story's walk, in story.test.ts and phone.test.ts).
    const { page, close, consoleErrors, offOrigin } = await openPage(
      browser(),
      `${baseUrl()}?story=data/examples/panama-canal/story.json`,
      { width: 1280, height: 800, context: { reducedMotion: 'reduce' } },
    );
    try {
      await settle(page);
      expect(await page.locator('story-map h1').textContent()).toBe(example.title);
      for (const chapter of example.chapters) {
        await page.evaluate((id) => document.querySelector('story-map')!.goTo(id), chapter.id);
        await landOn(page, chapter.id);
        await expectChapter(example, page, chapter.id);
        await screenshot(page, `example-${chapter.index + 1}-${chapter.id}`);
      }
      expect(await page.evaluate(() => document.querySelector('story-map')!.issues)).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
    // Every chapter landed on, checked and photographed: 47-55 s on a loaded 2-core machine, alone.
  }, 120_000);
});

describe('a second story on a phone', () => {
  const example = defaultStory('examples/panama-canal/story.json');

  it('opens a deep link at that chapter, its heading below the map (text rendered in the browser)', async () => {
    const { page, close } = await openPage(
      browser(),
      `${baseUrl()}?story=data/examples/panama-canal/story.json#treaties`,
      { width: 390, height: 844 },
    );
    try {
      await landOn(page, 'treaties');
      await expectChapter(example, page, 'treaties');
      const { heading, panel } = await page.evaluate(() => ({
        heading: document.querySelector('#treaties h2')!.getBoundingClientRect().top,
        panel: document.querySelector('story-map')!.renderRoot.querySelector('.panel')!.getBoundingClientRect().bottom,
      }));
      expect(heading).toBeGreaterThanOrEqual(panel);
      await screenshot(page, 'example-phone-treaties');
    } finally {
      await close();
    }
  });
});

describe('mistakes: a panel for editors, none for readers', () => {
  it("lists a broken story's issues in the ?edit panel, as the checker prints them", async () => {
    const { page, close } = await openPage(browser(), 'about:blank');
    try {
      const src = await serveFixture(page, '21-unknown-focus-id');
      await page.goto(`${baseUrl()}?story=${src}&edit`);
      await page.waitForFunction(() =>
        document
          .querySelector('story-map')
          ?.renderRoot?.querySelector('story-map-editor')
          ?.renderRoot?.querySelector('li'),
      );
      const text = await panelText(page);
      expect(text).toContain('Preview · 1 error');
      expect(text).toContain(
        'fixture/21-unknown-focus-id/story.json:36:11: error: no place, route or area has the id "cuzco"; did you mean "cusco"? [chapters[0].map.focus[0]]',
      );
      await screenshot(page, 'edit-panel-broken');
    } finally {
      await close();
    }
  });

  it("checks the files in a worker: their issues arrive with lines, and the page's own thread loads none of the checks", async () => {
    const { page, close } = await openPage(browser(), 'about:blank');
    try {
      const src = await serveFixture(page, '41-lat-lon-swapped', {
        // Two more of the checks' kinds: a duplicate key, a schema mistake.
        'story.json': () =>
          fixtureFile('41-lat-lon-swapped', 'story.json').replace('"title": ', '"title": "x", "title": '),
      });
      // A reader's page (the preview panel has the checker on its own thread, for dropped files).
      await page.goto(`${baseUrl()}?story=${src}`);
      await settle(page);
      await page.waitForFunction(() => document.querySelector('story-map')!.issues.length);
      const issues = await page.evaluate(() =>
        document.querySelector('story-map')!.issues.map((i) => `${i.file}:${i.line}: ${i.message}`),
      );
      expect(issues).toEqual([
        expect.stringMatching(/^fixture\/41-lat-lon-swapped\/story\.json:\d+: "title" is written twice/),
        expect.stringMatching(
          /^fixture\/41-lat-lon-swapped\/places\.geojson:6: \[-16\.409, -71\.5375\] is outside the story's area/,
        ),
      ]);
      // Scripts the page's main thread loaded (a worker's own imports are not listed here).
      const scripts = await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((e) => new URL(e.name).pathname.split('/').pop()!)
          .filter((name) => name.endsWith('.js')),
      );
      expect(scripts).toContainEqual(expect.stringMatching(/^check-worker-/));
      expect(scripts.filter((name) => /^(validate|locate|checks)-/.test(name))).toEqual([]);
      // Nor the schema inside another chunk (a constant of schema.ts imported by normalize.ts once
      // put zod into the first chunk: 25 KiB brotli more before the first input).
      const withZod = await page.evaluate(async () => {
        const urls = performance
          .getEntriesByType('resource')
          .map((e) => e.name)
          .filter((url) => new URL(url).pathname.endsWith('.js') && !/\/check-worker-/.test(url));
        const texts = await Promise.all(urls.map(async (url) => [url, await (await fetch(url)).text()] as const));
        return texts.filter(([, text]) => text.includes('ZodError')).map(([url]) => new URL(url).pathname);
      });
      expect(withZod).toEqual([]);
      // The page links the text's styles itself: the element loads no copy of them.
      expect(scripts.filter((name) => /^text-styles-/.test(name))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows readers no panel: the story reads, the issues go to the console once and to story-error', async () => {
    const { page, close, consoleErrors } = await openPage(browser(), 'about:blank');
    try {
      const src = await serveFixture(page, '21-unknown-focus-id');
      await page.addInitScript(() => {
        const w = window as unknown as { errorEvents: number };
        w.errorEvents = 0;
        document.addEventListener('story-error', () => w.errorEvents++);
      });
      await page.goto(`${baseUrl()}?story=${src}`);
      await settle(page);
      expect(await page.evaluate(() => document.querySelector('story-map')!.hasAttribute('edit'))).toBe(false);
      expect(await panelText(page)).toBeNull();
      expect(await page.locator('story-map section[data-chapter] h2').allTextContents()).toEqual([
        'The source',
        'The mouth',
      ]);
      expect(await page.evaluate(() => (window as unknown as { errorEvents: number }).errorEvents)).toBe(1);
      expect(consoleErrors.filter((e) => e.includes('"cuzco"'))).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('keeps the story working when a GeoJSON file is broken: the other layers draw, the chapters move the map', async () => {
    // Motion reduced: the map jumps to the chapter (whether it flies there is not the point here).
    const { page, close } = await openPage(browser(), 'about:blank', { context: { reducedMotion: 'reduce' } });
    try {
      const src = await serveFixture(page, '00-valid', {
        'routes.geojson': () => fixtureFile('00-valid', 'routes.geojson').replace('"LineString",', '"LineString"'),
      });
      await page.goto(`${baseUrl()}?story=${src}&edit`);
      await settle(page);
      const issues = await page.evaluate(() =>
        document.querySelector('story-map')!.issues.map((i) => `${i.file}:${i.line}: ${i.message}`),
      );
      expect(issues).toEqual([
        expect.stringMatching(/^fixture\/00-valid\/routes\.geojson:4: JSON syntax: a comma is missing/),
      ]);
      // Lima and Cusco are still drawn in the second chapter, and the map went there.
      await page.evaluate(() => document.querySelector('story-map')!.goTo('mouth'));
      await landOn(page, 'mouth');
      const drawn = await page.evaluate(() => {
        const map = document.querySelector('story-map')!.map!;
        const layers = map
          .getStyle()
          .layers.filter((l) => l.id.startsWith('place-'))
          .map((l) => l.id);
        return [...new Set(map.queryRenderedFeatures({ layers }).map((f) => f.properties.id as string))].sort();
      });
      expect(drawn).toEqual(['lima']);
      const center = await page.evaluate(() => document.querySelector('story-map')!.map!.getCenter().toArray());
      expect(center[0]).toBeCloseTo(-77.04, 0);
    } finally {
      await close();
    }
  });
});

describe('preview mode (?edit)', () => {
  it("updates when a file is saved, staying on the reader's chapter", async () => {
    const { page, close } = await openPage(browser(), 'about:blank');
    try {
      let title = 'The mouth';
      const src = await serveFixture(page, '00-valid', {
        'story.json': () => fixtureFile('00-valid', 'story.json').replace('"The mouth"', JSON.stringify(title)),
      });
      await page.goto(`${baseUrl()}?story=${src}&edit#mouth`);
      await landOn(page, 'mouth');
      title = 'Where the river meets the sea';
      await page.waitForFunction((t) => document.querySelector('#mouth h2')?.textContent === t, title, {
        timeout: 10_000,
      });
      await settle(page);
      expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe('mouth');
      expect(await page.evaluate(() => location.hash)).toBe('#mouth');
    } finally {
      await close();
    }
  });

  it('shows the camera as a snippet to paste into a chapter', async () => {
    const { page, close } = await openPage(browser(), `${baseUrl()}?edit#cecot`, {
      context: { permissions: ['clipboard-read', 'clipboard-write'] },
    });
    try {
      await landOn(page, 'cecot');
      const editor = page.locator('story-map story-map-editor');
      const snippet = await editor.locator('pre code').textContent();
      const camera = JSON.parse(`{${snippet}}`).camera;
      const map = await page.evaluate(() => {
        const m = document.querySelector('story-map')!.map!;
        return { center: m.getCenter().toArray(), zoom: m.getZoom() };
      });
      expect(camera.center[0]).toBeCloseTo(map.center[0], 3);
      expect(camera.center[1]).toBeCloseTo(map.center[1], 3);
      expect(camera.zoom).toBeCloseTo(map.zoom, 1);
      await editor.getByRole('button', { name: 'Copy' }).click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    } finally {
      await close();
    }
  });

  it('draws a dropped GeoJSON file and checks it with the same checker', async () => {
    const { page, close } = await openPage(browser(), 'about:blank');
    try {
      const src = await serveFixture(page, '00-valid');
      await page.goto(`${baseUrl()}?story=${src}&edit`);
      await settle(page);
      const text = fixtureFile('41-lat-lon-swapped', 'places.geojson');
      await page.evaluate(async (text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'andes.geojson', { type: 'application/geo+json' }));
        for (const type of ['dragover', 'drop'])
          window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }, text);
      await page.waitForFunction(() => document.querySelector('story-map')!.map!.getSource('dropped') !== undefined);
      const panel = await panelText(page);
      expect(panel).toContain('andes.geojson: 3 features, drawn in purple as places; 1 warning.');
      expect(panel).toContain(
        "andes.geojson:6:125: warning: [-16.409, -71.5375] is outside the story's area, but [-71.5375, -16.409] is inside it",
      );
      await settle(page);
      const drawn = await page.evaluate(
        () => document.querySelector('story-map')!.map!.queryRenderedFeatures({ layers: ['dropped-point'] }).length,
      );
      expect(drawn).toBeGreaterThanOrEqual(2);
      await screenshot(page, 'edit-dropped-geojson');
    } finally {
      await close();
    }
  });
});

describe('the preview panel, where it is', () => {
  type Box = { left: number; top: number; right: number; bottom: number };
  const meets = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

  /** The boxes of the panel (the editor), the map key, the timeline's first three events, the next chapter's heading and the map panel. */
  const boxes = (page: Page, next: string) =>
    page.evaluate((next) => {
      const el = document.querySelector('story-map')!;
      const box = (e: Element | null | undefined) => {
        if (!e) return null;
        const r = e.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      };
      const editor = el.renderRoot.querySelector('story-map-editor')!;
      const view = el.renderRoot.querySelector('story-map-view')!;
      const timeline = el.renderRoot.querySelector('story-timeline')!;
      return {
        editor: box(editor)!,
        open: editor.renderRoot.querySelector('details')!.open,
        summary: box(editor.renderRoot.querySelector('summary'))!,
        legend: box(view.renderRoot.querySelector('.legend'))!,
        events: [...timeline.renderRoot.querySelectorAll('button[data-event]')].slice(0, 3).map((b) => box(b)!),
        heading: box(el.querySelector(`[data-chapter="${next}"] h2`))!,
        panel: box(el.renderRoot.querySelector('.panel'))!,
        map: box(view)!,
      };
    }, next);

  /** Waits for the CECOT chapter and the preview panel, and returns the boxes with the next chapter's heading. */
  const atCecot = async (page: Page) => {
    await landOn(page, 'cecot');
    await page.waitForFunction(() =>
      document
        .querySelector('story-map')!
        .renderRoot.querySelector('story-map-editor')
        ?.renderRoot.querySelector('summary'),
    );
    return boxes(page, 'crackdown');
  };

  const summaryText = (page: Page) =>
    page.evaluate(() =>
      document
        .querySelector('story-map')!
        .renderRoot.querySelector('story-map-editor')!
        .renderRoot.querySelector('summary')!
        .textContent!.replace(/\s+/g, ' ')
        .trim(),
    );

  /** Checks a GeoJSON file with a mistake, as a drop would. */
  const dropBroken = (page: Page) =>
    page.evaluate(
      (text) =>
        document
          .querySelector('story-map')!
          .renderRoot.querySelector('story-map-editor')!
          .preview('crossing.geojson', text),
      fixtureFile('52-naive-crossing-line', 'routes.geojson'),
    );

  it("docks under the timeline on a desktop (1280x800): none of the text, the map key or the timeline under it, and it counts a dropped file's issues", async () => {
    const { page, close } = await openPage(browser(), `${baseUrl()}?edit#cecot`, {
      width: 1280,
      height: 800,
      context: { reducedMotion: 'reduce' },
    });
    try {
      const b = await atCecot(page);
      expect(b.open, 'open on a desktop').toBe(true);
      expect(meets(b.editor, b.legend), 'the map key').toBe(false);
      for (const e of b.events) expect(meets(b.editor, e), 'the first events').toBe(false);
      expect(meets(b.editor, b.heading), "the next chapter's heading").toBe(false);
      // In the map's column, under the map and the timeline, on screen; the map keeps its width.
      expect(b.editor.left).toBeGreaterThanOrEqual(b.panel.left - 1);
      expect(b.editor.top).toBeGreaterThanOrEqual(b.map.bottom);
      expect(b.editor.bottom).toBeLessThanOrEqual(800 + 1);
      expect(Math.abs(b.map.right - b.map.left - (b.panel.right - b.panel.left))).toBeLessThanOrEqual(1.5);
      // And no chapter's text under it.
      const sections = await page.evaluate(() =>
        [...document.querySelectorAll('story-map [data-chapter]')].map((s) => {
          const r = s.getBoundingClientRect();
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        }),
      );
      for (const s of sections) expect(meets(b.editor, s)).toBe(false);

      expect(await summaryText(page)).toBe('Preview · no issues');
      await dropBroken(page);
      await expect.poll(() => summaryText(page)).toBe('Preview · 1 error (1 error in crossing.geojson)');
      await settle(page);
      await screenshot(page, 'edit-desktop-docked');
    } finally {
      await close();
    }
  });

  it('is one line under the timeline on a phone (390x844), collapsed, and opens as a sheet with its toggle', async () => {
    const { page, close } = await openPage(browser(), `${baseUrl()}?edit#cecot`, {
      width: 390,
      height: 844,
      context: { reducedMotion: 'reduce', hasTouch: true, isMobile: true },
    });
    try {
      const b = await atCecot(page);
      expect(b.open, 'collapsed on a phone').toBe(false);
      expect(meets(b.editor, b.legend), 'the map key').toBe(false);
      for (const e of b.events) expect(meets(b.editor, e), 'the first events').toBe(false);
      expect(meets(b.editor, b.heading), "the next chapter's heading").toBe(false);
      // One line, inside the sticky map panel: it takes nothing from the text below.
      expect(b.editor.bottom - b.editor.top).toBeLessThan(40);
      expect(b.editor.top).toBeGreaterThanOrEqual(b.panel.top);
      expect(b.editor.bottom).toBeLessThanOrEqual(b.panel.bottom + 1);
      // The toggle says what it is and how many issues there are, and is big enough to tap.
      expect(await summaryText(page)).toBe('Preview · no issues');
      expect(b.summary.bottom - b.summary.top).toBeGreaterThanOrEqual(24);

      await dropBroken(page);
      await expect.poll(() => summaryText(page)).toBe('Preview · 1 error (1 error in crossing.geojson)');
      await page.locator('story-map story-map-editor summary').tap();
      const opened = await boxes(page, 'crackdown');
      expect(opened.open).toBe(true);
      // Open, its content is a sheet at the bottom of the screen; the line stays where it was, to close it.
      const sheet = await page.evaluate(() => {
        const r = document
          .querySelector('story-map')!
          .renderRoot.querySelector('story-map-editor')!
          .renderRoot.querySelector('.body')!
          .getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, height: r.height };
      });
      expect(sheet.bottom).toBeCloseTo(844, 0);
      expect(sheet.height).toBeLessThanOrEqual(844 * 0.45 + 1);
      expect(opened.summary.top).toBeCloseTo(b.summary.top, 0);
      expect(await panelText(page)).toContain('crossing.geojson:5:181: error: this line jumps');
      await screenshot(page, 'edit-phone-open');
      await page.locator('story-map story-map-editor summary').tap();
      expect((await boxes(page, 'crackdown')).open).toBe(false);
      await screenshot(page, 'edit-phone-collapsed');
    } finally {
      await close();
    }
  });
});
