// The hostile-payload corpus (test/fixtures/xss) in every string field an editor writes: no script
// runs, nothing is fetched from the canary host, no javascript: link (nor event handler, nor injected
// script or frame) is in the DOM, its shadow roots or the still map's SVG, and the text still reads.
// The same files as the page's own story (data/story.json) and as a ?story= from another origin;
// the URL hash and goTo() with every payload; and the element's API: `src` (a file, and the payload
// itself) and the `story` property. A canary counts what ran (`__xss(n)`, exposed to every frame)
// and every request the payloads could make (off this machine, or to a canary path).
import type { Browser, Page, Request, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DATA_FILES, editorFields, hostileStory, storyVariant, variantText } from '../fixtures/xss/fields.ts';
import { CANARY_HOST, payloads } from '../fixtures/xss/payloads.ts';
import { useHostServer } from './host-server.ts';
import { wellFormed } from '../../src/story/url.ts';
import { baseUrl, isOffOrigin, nextFrame, openPage, useBrowser } from './page.ts';
import { settle } from './story.ts';

const browser = useBrowser();
const site = useHostServer();

const P = payloads();
const FIELDS = editorFields();
const files = hostileStory(P);
const CORS = { 'access-control-allow-origin': '*' };

/** What the canary saw in one page: scripts that ran, requests made, errors thrown. */
interface Canary {
  page: Page;
  /** The payload numbers whose `__xss(n)` ran, in any frame. */
  ran: number[];
  /** Requests a payload could have caused: off this machine or to a canary path, as "type url". */
  requests: () => string[];
  /** Uncaught exceptions (pageerror). */
  thrown: string[];
  close: () => Promise<void>;
}

/**
 * A fresh page with the canary set: `__xss` in every frame, the canary host answered here (204, so
 * nothing leaves the machine), story-error cancelled (its issues are expected, and otherwise logged).
 * `expected` are URLs a request may go to by design: a payload used as a story's or a data file's URL
 * is fetched as such (a fetch, not markup).
 */
async function canaryPage(b: Browser, expected: () => Set<string> = () => new Set()): Promise<Canary> {
  const { page, context, close } = await openPage(b, 'about:blank', { context: { reducedMotion: 'reduce' } });
  const ran: number[] = [];
  const thrown: string[] = [];
  const seen: Request[] = [];
  await context.exposeFunction('__xss', (n: number) => void ran.push(n));
  await context.route(new RegExp(`^\\w+://${CANARY_HOST.replace('.', '\\.')}/`), (r) => r.fulfill({ status: 204 }));
  page.on('request', (r) => seen.push(r));
  page.on('pageerror', (e) => thrown.push(e.stack ?? e.message));
  await page.addInitScript(() => document.addEventListener('story-error', (e) => e.preventDefault()));
  const requests = () =>
    seen
      .filter((r) => isOffOrigin(r.url()) || /canary|\/x$/.test(new URL(r.url(), 'http://x/').pathname))
      .filter((r) => !(r.resourceType() === 'fetch' && expected().has(r.url())))
      .map((r) => `${r.resourceType()} ${r.url()}`);
  return { page, ran, requests, thrown, close };
}

/** Nothing ran, nothing was fetched, nothing was thrown. */
function expectNothing(c: Canary): void {
  expect({ ran: c.ran, requests: c.requests(), thrown: c.thrown }).toEqual({ ran: [], requests: [], thrown: [] });
}

/**
 * Everything in the page's DOM that could run or load something a payload wrote: event-handler
 * attributes, javascript:/vbscript: (and data: in links) URLs, srcdoc, style attributes with url(),
 * and script, style, frame, object, base, meta and form elements that mention the payloads. Walks the
 * document, every shadow root and every same-origin frame.
 */
function injected(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const URL_ATTRS = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'data', 'poster', 'background']);
    const RISKY = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'form', 'link']);
    const where = (el: Element) => `<${el.localName}${el.id ? `#${el.id.slice(0, 40)}` : ''}>`;
    const walk = (root: Document | ShadowRoot) => {
      for (const el of root.querySelectorAll('*')) {
        for (const { name, value } of el.attributes) {
          const lower = name.toLowerCase();
          if (lower.startsWith('on')) found.push(`${where(el)} ${name}=${value.slice(0, 60)}`);
          if (lower === 'srcdoc') found.push(`${where(el)} srcdoc`);
          if (lower === 'style' && /url\(|canary|expression/i.test(value)) found.push(`${where(el)} style=${value}`);
          // A custom element's `src` (story-map's) is its embedder's input, fetched as a file, never followed.
          if (URL_ATTRS.has(lower) && !el.localName.includes('-')) {
            let protocol = '';
            try {
              protocol = new URL(value, document.baseURI).protocol;
            } catch {
              /* not a URL: nothing to follow */
            }
            if (protocol === 'javascript:' || protocol === 'vbscript:' || (protocol === 'data:' && lower !== 'src'))
              found.push(`${where(el)} ${name}=${value.slice(0, 60)}`);
          }
        }
        if (RISKY.has(el.localName) && /__xss|canary/.test(el.outerHTML))
          found.push(`${where(el)} ${el.outerHTML.slice(0, 80)}`);
        if (el.shadowRoot) walk(el.shadowRoot);
        if (el instanceof HTMLIFrameElement && el.contentDocument) walk(el.contentDocument);
      }
    };
    walk(document);
    if (document.baseURI !== location.href.replace(/#.*$/, '') && document.querySelector('base'))
      found.push(`base URI ${document.baseURI}`);
    return found;
  });
}

/** Serves the hostile story's files from the test's own server, for ?story= from another origin. */
function serveHostile(path: string): string {
  site().file(`${path}/story.json`, JSON.stringify(files.story), 'application/json', CORS);
  for (const layer of ['places', 'routes', 'areas'] as const)
    site().file(`${path}/${DATA_FILES[layer]}`, JSON.stringify(files[layer]), 'application/geo+json', CORS);
  return site().url(`${path}/story.json`);
}

/** The chapters the page shows, each with its heading's text. */
const chapters = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('story-map > .sm-story > [data-chapter]')].map((s) => ({
      id: s.dataset.chapter!,
      title: s.querySelector('h2')?.textContent ?? null,
    })),
  );

/** Goes to every chapter with goTo(): the element's API with every payload as an id. Returns those it did not reach. */
const goToEach = (page: Page) =>
  page.evaluate(async (ids) => {
    const el = document.querySelector('story-map')!;
    const missed: string[] = [];
    for (const id of ids) {
      await el.goTo(id);
      if (el.activeChapter !== id) missed.push(id);
    }
    return missed;
  }, P);

describe('hostile texts in every field an editor writes', () => {
  it(`runs none of ${P.length} payloads in ${FIELDS.length} fields of the page's own story, nor from the hash (still maps included)`, async () => {
    const c = await canaryPage(browser());
    try {
      const { page } = c;
      await page.route(`${baseUrl()}data/story.json`, (r) => r.fulfill({ json: files.story }));
      for (const layer of ['places', 'routes', 'areas'] as const)
        await page.route(`${baseUrl()}data/${DATA_FILES[layer]}`, (r) => r.fulfill({ json: files[layer] }));
      // The map's code is held until the hash has been through every chapter: until the map is drawn the
      // panel shows each chapter's still map (SVG), drawn from the chapter's places, routes and areas.
      const held: Route[] = [];
      await page.route(/\/assets\/engine-[^/]+\.js$/, (route) => void held.push(route));
      const deep = 3;
      await page.goto(`${baseUrl()}#${encodeURIComponent(P[deep]!)}`);
      await page.waitForFunction((n) => document.querySelector('story-map')?.chapterElements?.length === n, P.length);
      await nextFrame(page);
      expectNothing(c);
      expect(await page.evaluate(() => document.querySelector('story-map')!.activeChapter)).toBe(P[deep]);
      // The text reads: every chapter, its id and heading the payload, as text.
      expect(await chapters(page)).toEqual(P.map((p) => ({ id: p, title: p })));

      // Before the map: the hash names each chapter in turn; the still map of each is drawn.
      const hashes = await page.evaluate(async (ids) => {
        const el = document.querySelector('story-map')!;
        const missed: string[] = [];
        const noStill: string[] = [];
        for (const id of ids) {
          let hash: string;
          try {
            hash = encodeURIComponent(id);
          } catch {
            hash = id; // a lone surrogate: no percent-encoding exists
          }
          location.hash = hash;
          const deadline = performance.now() + 1000;
          // Not a selector: CSS.escape writes U+0000 as U+FFFD.
          const still = () =>
            [...el.querySelectorAll<HTMLElement>(':scope > [slot="still"]')].find((f) => f.dataset.stillChapter === id);
          while ((el.activeChapter !== id || !still()) && performance.now() < deadline)
            await new Promise((r) => requestAnimationFrame(r));
          if (el.activeChapter !== id) missed.push(id);
          if (!still()?.querySelector('svg')) noStill.push(id);
        }
        return { missed, noStill };
      }, P);
      // Only an id with a lone surrogate has no URL form (it is written with U+FFFD: see hashFor).
      const unnamed = P.filter((p) => p !== wellFormed(p));
      expect(hashes).toEqual({ missed: unnamed, noStill: unnamed });
      expect(await injected(page)).toEqual([]);

      // With the map: goTo() every chapter (the map's legend and description follow).
      await page.unroute(/\/assets\/engine-[^/]+\.js$/);
      for (const route of held) await route.continue();
      await settle(page, { timeout: 30_000 });
      expect(await goToEach(page)).toEqual([]);
      expect(await injected(page)).toEqual([]);
      expectNothing(c);
    } finally {
      await c.close();
    }
  }, 180_000);

  it(`runs none from a ?story= on another origin, in preview mode (the issues panel quotes them)`, async () => {
    const c = await canaryPage(browser());
    try {
      const { page } = c;
      const src = serveHostile('/xss');
      await page.goto(`${baseUrl()}?story=${encodeURIComponent(src)}&edit`);
      await page.waitForFunction((n) => document.querySelector('story-map')?.chapterElements?.length === n, P.length);
      expect(await chapters(page)).toEqual(P.map((p) => ({ id: p, title: p })));
      await settle(page, { timeout: 30_000 });
      // Preview mode lists the issues (colours, kinds, dates…), quoting the payloads.
      await page.waitForFunction(() => document.querySelector('story-map')!.issues.length > 0, null, {
        timeout: 30_000,
      });
      const panel = await page.evaluate(
        () =>
          document.querySelector('story-map')!.renderRoot.querySelector('story-map-editor')?.renderRoot.textContent ??
          '',
      );
      expect(panel).toContain('__xss(');
      expect(await goToEach(page)).toEqual([]);
      expect(await injected(page)).toEqual([]);
      expectNothing(c);
    } finally {
      await c.close();
    }
  }, 180_000);

  it(`runs none in the story-level fields: ${P.length} stories each by src (same origin, another origin) and by the story property, and src set to each payload`, async () => {
    // A story or data URL that is a payload is fetched as a URL: by design, not by markup.
    const fetched = new Set<string>();
    const c = await canaryPage(browser(), () => fetched);
    try {
      const { page } = c;
      const variants = P.map((_, i) => JSON.stringify(storyVariant(P, i)));
      await page.route(`${baseUrl()}data/xss/*.json`, (r) => {
        const i = Number(/v(\d+)\.json$/.exec(r.request().url())?.[1]);
        return r.fulfill({ contentType: 'application/json', body: variants[i] ?? '{}' });
      });
      for (const [i, v] of variants.entries()) site().file(`/xss-v/v${i}.json`, v, 'application/json', CORS);
      const sameOrigin = P.map((_, i) => `${baseUrl()}data/xss/v${i}.json`);
      const otherOrigin = P.map((_, i) => site().url(`/xss-v/v${i}.json`));
      for (const story of [...sameOrigin, ...otherOrigin, baseUrl()])
        for (const p of P) {
          try {
            fetched.add(new URL(p, story).href.replace(/#.*$/, ''));
          } catch {
            /* not a URL: never fetched */
          }
        }
      await page.goto(baseUrl());
      await page.waitForFunction(() => (document.querySelector('story-map')?.chapterElements?.length ?? 0) > 0);

      /**
       * Adds one `<story-map no-hash edit>` per story (its `src`, or its `story` property), waits until each
       * shows its chapter or says why it could not load, returns what each shows, then removes them.
       */
      const batch = (how: 'src' | 'story', values: unknown[]) =>
        page.evaluate(
          async ({ how, values }) => {
            const els = values.map((v) => {
              const el = document.createElement('story-map');
              el.setAttribute('no-hash', '');
              el.setAttribute('edit', '');
              if (how === 'src') el.setAttribute('src', v as string);
              else el.story = v as never;
              document.body.append(el);
              return el;
            });
            const done = (el: HTMLElementTagNameMap['story-map']) =>
              el.chapterElements.length > 0 || el.renderRoot.querySelector('.load-failed') !== null;
            const deadline = performance.now() + 30_000;
            while (!els.every(done) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
            // Preview mode checks at once: wait for the issues of those that loaded (each has some).
            await new Promise((r) => setTimeout(r, 500));
            const shown = els.map((el) =>
              el.chapterElements.length > 0
                ? (el.querySelector('.sm-story p:not(.sm-map-description)')?.textContent ?? '')
                : `failed: ${el.renderRoot.querySelector('.load-failed li')?.textContent ?? ''}`,
            );
            return shown;
          },
          { how, values },
        );
      const readAll = async (how: 'src' | 'story', values: unknown[]) => {
        const shown = await batch(how, values);
        const found = await injected(page);
        await page.evaluate(() => {
          for (const el of [...document.querySelectorAll('story-map')].slice(1)) el.remove();
        });
        return { shown, found };
      };
      const texts = P.map((_, i) => variantText(i));
      expect(await readAll('src', sameOrigin)).toEqual({ shown: texts, found: [] });
      expect(await readAll('src', otherOrigin)).toEqual({ shown: texts, found: [] });
      expect(
        await readAll(
          'story',
          variants.map((v) => JSON.parse(v)),
        ),
      ).toEqual({ shown: texts, found: [] });
      // src is the payload itself: a file that cannot load, and says so.
      const bySrc = await readAll('src', P);
      expect(bySrc.found).toEqual([]);
      expect(bySrc.shown.filter((s) => !s.startsWith('failed: '))).toEqual([]);
      expectNothing(c);
    } finally {
      await c.close();
    }
  }, 180_000);
});
