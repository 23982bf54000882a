// A news site's hostile article stylesheet and narrow containers: the element lays itself out from
// its own width, never sticks out of its container, and its story text keeps its layout, before
// any script runs and after the element upgraded.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CAPITALS, capitalsStory } from './capitals.ts';
import { baseUrl, expectClean, openPage, screenshot, useBrowser } from './page.ts';

/** The rules of the issue: common article styles that used to split, pad and resize the story text. */
const HOSTILE = `
* { box-sizing: content-box; margin: 3px }
div { display: flex }
section { padding: 40px }
p { columns: 2 }
h2 { font-size: 60px }
button { all: unset }
img, canvas { max-width: 50% }
:root { font-size: 22px }
`;

const HOST_CSS = `${HOSTILE}
body { display: flex; gap: 40px; justify-content: center; font: 20px/1.5 Georgia, serif }
.column { flex: none; width: 640px }
.sidebar { flex: none; width: 320px }
/* Theming through the documented custom properties: the sidebar's story only. */
#side { --story-map-accent: rgb(0, 128, 0); --story-map-text-font: 'Courier New', monospace }
`;

const filler = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Host paragraph ${i + 1}. Lorem ipsum dolor sit amet.</p>`).join('\n');

// A 640 px article column (the story inside a `div`, which the host makes a flex row) and a 320 px
// sidebar (the story in a `figure`), on a 1280 px window.
const HOST = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Un article</title>
<link rel="stylesheet" href="host.css">
<script type="module" src="embed/story-map.js"></script>
</head><body>
<main class="column">
<h1>Newsroom</h1>
${filler(3)}
<div class="wrap"><story-map id="col" src="data/story.json"></story-map></div>
${filler(3)}
</main>
<aside class="sidebar"><figure><story-map id="side" src="other/story.json" no-hash></story-map></figure></aside>
</body></html>`;

const tiny = capitalsStory('A sidebar story', 'First, a paragraph long enough to wrap over several lines.');

/**
 * The text's layout inside one `story-map` (by selector): its width and its container's, the
 * boxes that stick out (an element wider than its parent, or a line of text out of its element or
 * its chapter: 235 lines in the 640 px column before the fix),
 * paragraphs in columns, and the computed sizes that must be the story's own.
 */
function textLayout(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const el = document.querySelector<HTMLElement>(selector)!;
    const box = (e: Element) => e.getBoundingClientRect();
    const text = [...el.querySelectorAll<HTMLElement>('.sm-header, .sm-story')];
    const inside = text.flatMap((t) => [...t.querySelectorAll<HTMLElement>('*')]);
    const wider = inside.filter(
      (e) => !e.matches('.sm-map-description') && box(e).width > box(e.parentElement!).width + 0.5,
    ).length;
    let outside = 0;
    for (const chapter of el.querySelectorAll<HTMLElement>('[data-chapter]')) {
      const c = box(chapter);
      const walker = document.createTreeWalker(chapter, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.closest('.sm-map-description')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const p = box(n.parentElement!);
        for (const r of range.getClientRects()) {
          const out = (b: DOMRect) => r.left < b.left - 0.5 || r.right > b.right + 0.5;
          if (r.width && (out(c) || out(p))) outside++;
        }
      }
    }
    const style = (q: string) => getComputedStyle(el.querySelector(q)!);
    const panel = el.shadowRoot?.querySelector('.panel');
    const story = el.querySelector('.sm-story')!;
    return {
      width: box(el).width,
      container: el.parentElement!.clientWidth,
      wider,
      outside,
      columns: [...el.querySelectorAll('p')].filter((p) => getComputedStyle(p).columnCount !== 'auto').length,
      elementFont: getComputedStyle(el).fontSize,
      // The story's language (`lang` on the text, which the reset must keep), not the page's.
      locale: getComputedStyle(el.querySelector('.sm-chapter p')!).getPropertyValue('-webkit-locale'),
      h2: style('.sm-chapter h2').fontSize,
      paragraph: style('.sm-chapter > p:not([class])').fontSize,
      chapterPadding: style('.sm-chapter').padding,
      chapterMargin: style('.sm-chapter').marginBottom,
      storyTop: box(story).top,
      storyWidth: box(story).width,
      panel: panel ? { top: box(panel).top, bottom: box(panel).bottom, width: box(panel).width } : null,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  }, selector);
}

const browser = useBrowser();

describe('under a news site’s stylesheet', () => {
  it('in a 640 px column and a 320 px sidebar on a wide window: narrow layout, inside its container, text intact', async () => {
    // Motion reduced: a jump, not a flight, is enough to check where the chapter lands.
    const opened = await openPage(browser(), 'about:blank', {
      width: 1280,
      height: 800,
      context: { reducedMotion: 'reduce' },
    });
    const { page, close } = opened;
    try {
      await page.route('**/host.html', (r) => r.fulfill({ contentType: 'text/html', body: HOST }));
      await page.route('**/host.css', (r) => r.fulfill({ contentType: 'text/css', body: HOST_CSS }));
      await page.route('**/other/story.json', (r) => r.fulfill({ json: tiny }));
      await page.route('**/other/places.geojson', (r) => r.fulfill({ json: CAPITALS }));
      await page.goto(`${baseUrl()}host.html`);
      await page.waitForFunction(() => document.querySelectorAll('story-map [data-chapter]').length === 14);
      // This page has none of our CSS: the element adopts the text's sheet (story-text.ts), from a
      // chunk it imports, which can arrive after the story's text (a fresh-clone run measured the
      // text unstyled once). The layout is measured once the sheet is in.
      await page.waitForFunction(() => document.adoptedStyleSheets.length > 0);

      const col = await textLayout(page, '#col');
      const side = await textLayout(page, '#side');
      for (const [name, m] of Object.entries({ col, side })) {
        // Inside its container (the flex row's 640 px less the host's 3 px margins; the figure's content box).
        expect(m.width, name).toBeLessThanOrEqual(m.container);
        expect(m.width, name).toBeGreaterThan(m.container - 10);
        // The narrow layout: the panel spans the element, above the text.
        expect(m.panel!.width, name).toBeCloseTo(m.width, 0);
        expect(m.panel!.bottom, name).toBeLessThanOrEqual(m.storyTop + 1);
        // The story's own sizes, from the reader's default (16 px), not the host's 22 px root.
        expect(m, name).toMatchObject({
          wider: 0,
          outside: 0,
          columns: 0,
          elementFont: '16px',
          locale: '"en"',
          h2: '22px',
          paragraph: '17px',
          chapterPadding: '8px 0px 8px 16px',
          pageOverflow: 0,
        });
      }
      // The shadow DOM is out of the host's reach: `button { all: unset }` leaves the controls alone.
      // Their own container query (in their shadow root) sees the narrow element: the narrow padding.
      const controls = await page.evaluate(() => {
        const el = document.querySelector('#col')!.shadowRoot!.querySelector('story-map-controls')!;
        return {
          border: getComputedStyle(el.shadowRoot!.querySelector('button')!).borderTopWidth,
          padding: getComputedStyle(el).paddingLeft,
        };
      });
      // The narrow padding (12 px; the wide layout's is 16 px), whatever the host's :root font size.
      expect(controls).toEqual({ border: '1px', padding: '12px' });

      // The scroll code sees the panel on top: a chapter jumped to lands below it, and is the one read.
      await page.evaluate(() => document.querySelector<HTMLElementTagNameMap['story-map']>('#col')!.goTo('cecot'));
      const landed = await page.evaluate(() => {
        const el = document.querySelector<HTMLElementTagNameMap['story-map']>('#col')!;
        const panel = el.shadowRoot!.querySelector('.panel')!.getBoundingClientRect();
        return {
          active: el.activeChapter,
          panelTop: panel.top,
          panelBottom: panel.bottom,
          heading: el.querySelector('#cecot')!.getBoundingClientRect().top,
          covered: el.style.getPropertyValue('--sm-covered'),
        };
      });
      expect(landed.active).toBe('cecot');
      expect(landed.panelTop).toBe(0);
      expect(landed.heading).toBeGreaterThanOrEqual(landed.panelBottom);
      expect(landed.heading).toBeLessThan(landed.panelBottom + 40);
      expect(parseFloat(landed.covered)).toBeCloseTo(landed.panelBottom, 0);
      await screenshot(page, 'host-styles-column');

      // Theming: the sidebar's documented custom properties reach its text; the column's story keeps ours.
      await page.evaluate(() => document.querySelector<HTMLElementTagNameMap['story-map']>('#side')!.goTo('lima'));
      const themed = await page.evaluate(() =>
        ['#side', '#col'].map((id) => {
          const active = document.querySelector(`${id} [data-active]`)!;
          return {
            rule: getComputedStyle(active).borderLeftColor,
            font: getComputedStyle(active.querySelector('p:not([class])')!).fontFamily,
          };
        }),
      );
      expect(themed[0]).toEqual({ rule: 'rgb(0, 128, 0)', font: '"Courier New", monospace' });
      expect(themed[1]!.rule).toBe('rgb(181, 54, 29)');
      expect(themed[1]!.font).toMatch(/^Georgia/);
      expectClean(opened);
    } finally {
      await close();
    }
  });

  it('the prerendered page keeps its text layout before any script: with JavaScript off, and before the element is defined', async () => {
    // The host sheet goes into the page's own HTML (no script may add it).
    const withHostSheet = async (page: Page) => {
      await page.route('**/host.css', (r) => r.fulfill({ contentType: 'text/css', body: HOSTILE }));
      await page.route(baseUrl(), async (r) => {
        const html = await (await r.fetch()).text();
        await r.fulfill({
          contentType: 'text/html',
          body: html.replace('</head>', '<link rel="stylesheet" href="host.css"></head>'),
        });
      });
    };
    const off = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    try {
      const page = await off.newPage();
      await withHostSheet(page);
      await page.goto(baseUrl());
      const wide = await textLayout(page, 'story-map');
      expect(wide).toMatchObject({ wider: 0, outside: 0, columns: 0, h2: '22px', paragraph: '17px', pageOverflow: 0 });
      expect(wide.chapterPadding).toBe('8px 0px 8px 16px');
      // Without scripts the text fills the element, in its reading width (40em).
      expect(wide.storyWidth).toBe(640);
      await screenshot(page, 'host-styles-no-js');
      // The same page narrowed to a phone: the element's narrow spacing (a container query, no script).
      await page.setViewportSize({ width: 390, height: 844 });
      const narrow = await textLayout(page, 'story-map');
      expect(narrow).toMatchObject({ wider: 0, outside: 0, columns: 0, h2: '22px', pageOverflow: 0 });
      expect(parseFloat(narrow.chapterMargin)).toBeCloseTo(0.22 * 844, 0);
    } finally {
      await off.close();
    }

    // Scripts on, but the element's script never arrives: the text waits where the element will put it.
    const on = await openPage(browser(), 'about:blank', { width: 1280, height: 800 });
    try {
      await withHostSheet(on.page);
      await on.page.route('**/assets/*.js', (r) => r.abort());
      await on.page.goto(baseUrl());
      const waiting = await textLayout(on.page, 'story-map');
      expect(waiting).toMatchObject({ wider: 0, outside: 0, columns: 0, h2: '22px', pageOverflow: 0 });
      // The first of the wide layout's two columns (the panel's 58% is kept free).
      expect(Math.abs(waiting.storyWidth - waiting.width * 0.42)).toBeLessThan(1);
    } finally {
      await on.close();
    }
  });
});
