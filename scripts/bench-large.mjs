// The benchmark's large story: a generated 200-chapter, 50,000-place story (large-story.mjs) opened on
// the built page with `?story=`, served with brotli. For each load it prints:
//   - time to text: when the first chapter of that story is in the DOM and visible;
//   - the main thread's JS heap once the page has settled (the map idle, then no long task for 3 s),
//     after a forced garbage collection (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage);
//   - its peak while loading (CDP Performance.getMetrics every 100 ms: JSHeapUsedSize, JSHeapTotalSize);
//   - the page's longest task (PerformanceObserver 'longtask');
// then one load with the places file held back for `delay` ms (Playwright's route), to show whether the
// text waits for the GeoJSON, and one load of the same story without map.bounds, areas or routes (the
// checks then frame the story by its 50,000 places: the case that once held the main thread 95 s).
// Prints numbers, asserts nothing.
//   node scripts/bench-large.mjs [dist] [runs=3] [delay-ms=30000]   (without dist, builds the site)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, findChrome, spread } from './bench-util.mjs';
import { writeLargeStory } from './large-story.mjs';
import { serveBrotli } from './serve-brotli.mjs';

const MB = 1024 * 1024;

/** Installed before the page's scripts: records the text's arrival, the map's idle and the long tasks. */
function probe() {
  const w = window;
  const bench = { tasks: [], text: null, ready: null, idle: null };
  w.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('story-map-ready', (e) => {
    bench.ready = performance.now();
    e.detail.map.once('idle', () => (bench.idle = performance.now()));
  });
  const look = () => {
    const first = document.querySelector('story-map > article[data-story="large-story"] > [data-chapter]');
    if (first?.textContent?.trim() && first.checkVisibility?.() !== false && first.getBoundingClientRect().height > 0)
      bench.text = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}

async function settle(page, timeout) {
  const end = Date.now() + timeout;
  // The map's first idle (it loads at the first input, when its panel is on screen, which it is at 1280x800).
  await page.waitForFunction(() => window.__bench.idle !== null, null, { timeout }).catch(() => {});
  // Then no long task for 3 s (the checks run at idle, after the text).
  for (;;) {
    const quiet = await page.evaluate(() => {
      const last = window.__bench.tasks.at(-1);
      return performance.now() - (last ? last.start + last.duration : 0);
    });
    if (quiet >= 3000 || Date.now() > end) return;
    await page.waitForTimeout(3000 - quiet + 50);
  }
}

async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
  return { used: usedSize, total: totalSize };
}

/**
 * `benchLarge({dist, chrome, runs, delay})` measures the large story on the site built in `dist`,
 * with the browser `chrome` ({executablePath, args}); prints and returns the samples.
 */
export async function benchLarge({ dist, chrome, runs = 3, delay = 30_000 }) {
  const dir = mkdtempSync(join(tmpdir(), 'story-map-large-'));
  let server;
  let browser;
  try {
    const sizes = writeLargeStory(dir);
    const unframed = join(dir, 'unframed');
    const unframedSizes = writeLargeStory(unframed, { bounds: false, routes: 0, areas: 0 });
    server = await serveBrotli({ '/': dist, '/large/': dir });
    // Compress the large files once before measuring (a CDN would have them compressed already).
    for (const file of [...Object.keys(sizes), ...Object.keys(unframedSizes).map((f) => `unframed/${f}`)])
      await (await fetch(`${server.url}large/${file}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
    const url = `${server.url}?story=large/story.json`;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chrome.executablePath, args: chrome.args });

    const load = async (hold, story = url) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(probe);
      if (hold) {
        await page.route('**/large/places.geojson', (route) => {
          setTimeout(() => route.continue().catch(() => {}), hold);
        });
      }
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      // The heap's peak while loading: sampled every 100 ms (used, and committed by V8).
      const peak = { used: 0, total: 0 };
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          const { metrics } = await cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] }));
          for (const m of metrics) {
            if (m.name === 'JSHeapUsedSize') peak.used = Math.max(peak.used, m.value);
            if (m.name === 'JSHeapTotalSize') peak.total = Math.max(peak.total, m.value);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();
      await page.goto(story, { waitUntil: 'commit' });
      await page.waitForFunction(() => window.__bench.text !== null, null, { timeout: hold + 120_000, polling: 100 });
      // MapLibre loads at the reader's first input: a key press once the text is there.
      await page.keyboard.press('Shift');
      await settle(page, hold + 120_000);
      sampling = false;
      await sampler;
      const heap = await heapAfterGc(cdp);
      const bench = await page.evaluate(() => window.__bench);
      await context.close();
      const longest = Math.max(0, ...bench.tasks.map((t) => t.duration));
      return {
        text: bench.text,
        idle: bench.idle,
        longest,
        heap: heap.used / MB,
        peak: peak.used / MB,
        committed: peak.total / MB,
        errors,
      };
    };

    const samples = [];
    for (let r = 0; r < runs; r++) samples.push(await load(0));
    const held = delay > 0 ? await load(delay) : null;
    const bare = await load(0, `${server.url}?story=large/unframed/story.json`);

    const total = Object.values(sizes).reduce((a, b) => a + b, 0);
    const ms = (x) => `${Math.round(x)} ms`;
    console.log(
      `\nlarge story (200 chapters, 50,000 places; ${(total / MB).toFixed(1)} MB of JSON, brotli), ${runs} loads at 1280x800:`,
    );
    console.log(
      `  time to text (first chapter visible): ${spread(
        samples.map((s) => s.text),
        ms,
      )}`,
    );
    console.log(
      `  first map idle:                       ${spread(
        samples.map((s) => s.idle),
        ms,
      )}`,
    );
    console.log(
      `  main-thread JS heap, settled, after GC: ${spread(
        samples.map((s) => s.heap),
        (x) => `${x.toFixed(1)} MB`,
      )} (goal <= 60 MB)`,
    );
    console.log(
      `  main-thread JS heap, peak while loading: ${spread(
        samples.map((s) => s.peak),
        (x) => `${x.toFixed(1)} MB`,
      )} used, ${spread(
        samples.map((s) => s.committed),
        (x) => `${x.toFixed(1)} MB`,
      )} committed`,
    );
    console.log(
      `  longest task:                         ${spread(
        samples.map((s) => s.longest),
        ms,
      )}`,
    );
    if (held)
      console.log(
        `  with places.geojson held ${delay / 1000} s: time to text ${ms(held.text)}, heap ${held.heap.toFixed(1)} MB, longest task ${ms(held.longest)}`,
      );
    console.log(
      `  without map.bounds, areas or routes: time to text ${ms(bare.text)}, first map idle ${ms(bare.idle)}, longest task ${ms(bare.longest)}, heap ${bare.heap.toFixed(1)} MB`,
    );
    const errors = [...samples, ...(held ? [held] : []), bare].flatMap((s) => s.errors);
    if (errors.length) console.log(`  page errors: ${[...new Set(errors)].join('; ')}`);
    return { samples, held, bare };
  } finally {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [given, runs, delay] = process.argv.slice(2);
  const dist = given || (await buildSite());
  try {
    await benchLarge({
      dist,
      chrome: await findChrome(),
      runs: runs ? Number(runs) : undefined,
      delay: delay ? Number(delay) : undefined,
    });
  } finally {
    if (!given) rmSync(dist, { recursive: true, force: true });
  }
}
