#!/usr/bin/env node
// Benchmark of scrolling through the story: the main thread's CPU per map frame and per chapter change.
// Prints numbers, asserts nothing.
//
//   node scripts/bench-frames.mjs [runs=5] [--dist DIR ...] [--profile FILE] [--chapters]
//
// Builds the site into a temp folder (or serves each already-built DIR given with --dist, alternating
// between them run by run, to compare two builds in one sitting), serves it with `vite preview`, and
// in headless Chromium (1280x800; software WebGL here, so the numbers are for comparing builds, not
// for readers' machines) opens the story at its top, waits for the map's first `idle`, then steps the
// page to each following chapter (an instant scroll that puts the chapter's top just above the
// trigger line, as wheelToChapter in test/browser/story.ts aims) and waits for the chapter change and
// the map's next `idle`, plus 250 ms for trailing work.
//
// Method: the main thread's CPU time is CDP `Performance.getMetrics` TaskDuration with
// `timeDomain: 'threadTicks'` (thread CPU time of every task on the page's main thread: script,
// style, layout, paint, MapLibre's frames and its worker messages), read before the scroll and after
// the idle. "Per map frame" divides the sum over all chapter changes by the map's `render` events in
// the same windows; "per chapter change" is each window's total. Twice: with motion (flyTo between
// chapters, as most readers see it) and with reduced motion (jumpTo: the chapter's own cost, few frames).
// The longest tasks (wall time, from the page's `longtask` entries: 50 ms and over) are reported too:
// a blocking call (a shader program's first use waits for its compile) shows there more than in CPU time.
// `--chapters` also prints each chapter change's medians. `--profile FILE` records a CDP CPU profile of the main thread during the first pass of each mode of
// the first build, writes it to FILE (and FILE-reduced) (open in Chrome DevTools) and prints the functions with the most self time.
//
// scripts/bench.mjs calls benchFrames() with its own server and browser.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serveVite } from './bench-util.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const range = (xs, digits = 1) =>
  `${median(xs).toFixed(digits)} (min ${Math.min(...xs).toFixed(digits)}, max ${Math.max(...xs).toFixed(digits)})`;

/** Main-thread CPU (ms) of the page so far: CDP TaskDuration in thread ticks. */
async function cpu(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

/**
 * `scrollThrough(browser, base, {motion, profile})`: one load of the story and one pass through its
 * chapters. Returns per chapter change `{id, task, script, frames, wall}` (CPU and wall ms), and the
 * CPU profile when asked.
 */
export async function scrollThrough(browser, base, { motion = true, profile = false } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: motion ? 'no-preference' : 'reduce',
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window;
      w.__frames = { renders: 0, idle: false, long: [] };
      new PerformanceObserver((list) => w.__frames.long.push(...list.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
      });
      document.addEventListener('story-map-ready', (e) => {
        const map = e.detail.map;
        map.on('render', () => w.__frames.renders++);
        map.once('idle', () => (w.__frames.idle = true));
      });
    });
    await page.goto(base);
    // MapLibre loads at the reader's first input: a key press.
    await page.waitForFunction(() => document.querySelector('story-map')?.chapterElements?.length, null, {
      timeout: 60_000,
    });
    await page.keyboard.press('Shift');
    await page.waitForFunction(() => window.__frames.idle, null, { timeout: 60_000, polling: 100 });
    // Let the first load's trailing work (fades, fonts, late tiles) finish before measuring.
    await page.waitForTimeout(1000);
    const ids = await page.evaluate(() =>
      [...document.querySelector('story-map').querySelectorAll('[data-chapter]')].map((s) => s.dataset.chapter),
    );
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const changes = [];
    for (const id of ids.slice(1)) {
      const before = await cpu(cdp);
      const step = await page.evaluate(async (id) => {
        const el = document.querySelector('story-map');
        const view = el.renderRoot.querySelector('story-map-view');
        const section = el.querySelector(`[data-chapter="${CSS.escape(id)}"]`);
        const panel = el.renderRoot.querySelector('.panel').getBoundingClientRect();
        const covered = panel.width >= el.clientWidth * 0.9 ? Math.max(0, Math.min(panel.bottom, innerHeight)) : 0;
        const trigger = covered + (innerHeight - covered) * 0.4;
        const timeout = (ms, what) =>
          new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} after ${ms} ms`)), ms));
        const map = el.map;
        const r0 = window.__frames.renders;
        window.__frames.long = [];
        const t0 = performance.now();
        const changed = new Promise((resolve) => {
          const on = (e) => {
            if (e.detail.id !== id) return;
            el.removeEventListener('story-chapter-change', on);
            resolve();
          };
          el.addEventListener('story-chapter-change', on);
        });
        scrollBy({ top: section.getBoundingClientRect().top - (trigger - 40), behavior: 'instant' });
        await Promise.race([changed, timeout(10_000, `no change to ${id}`)]);
        await el.updateComplete;
        await view.updateComplete;
        await Promise.race([new Promise((resolve) => map.once('idle', resolve)), timeout(20_000, `no idle in ${id}`)]);
        const idle = performance.now() - t0;
        await new Promise((resolve) => setTimeout(resolve, 250));
        const long = window.__frames.long;
        return {
          frames: window.__frames.renders - r0,
          wall: idle,
          longest: Math.max(0, ...long),
          long: long.reduce((a, b) => a + b, 0),
          active: el.activeChapter,
        };
      }, id);
      const after = await cpu(cdp);
      if (step.active !== id) throw new Error(`scrolled to ${id} but ${step.active} is active`);
      changes.push({ id, task: after.task - before.task, script: after.script - before.script, ...step });
    }
    const result = { changes };
    if (profile) result.profile = (await cdp.send('Profiler.stop')).profile;
    return result;
  } finally {
    await context.close();
  }
}

/** Sums one pass: CPU per map frame, and the chapter changes' CPU. */
function summarize({ changes }) {
  const sum = (k) => changes.reduce((a, c) => a + c[k], 0);
  return {
    perFrame: sum('task') / Math.max(1, sum('frames')),
    scriptPerFrame: sum('script') / Math.max(1, sum('frames')),
    perChange: median(changes.map((c) => c.task)),
    total: sum('task'),
    frames: sum('frames'),
    wall: median(changes.map((c) => c.wall)),
    longest: Math.max(...changes.map((c) => c.longest)),
    long: sum('long'),
  };
}

/** Prints the functions of a CPU profile with the most self time (ms), grouped by name and file. */
export function topFunctions(profile, count = 30) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const file = f.url ? f.url.replace(/^.*\//, '') : '';
    const key = `${f.functionName || '(anonymous)'} ${file}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (dt[i + 1] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return { total, top: [...self].sort((a, b) => b[1] - a[1]).slice(0, count) };
}

/**
 * `benchFrames({browser, bases, runs, log})` runs `runs` passes of each mode for each base URL
 * (alternating between them) and logs the medians. `bases` maps a label to a URL.
 */
export async function benchFrames({
  browser,
  bases,
  runs = 5,
  log = console.log,
  profileFile = null,
  chapters = false,
}) {
  const labels = Object.keys(bases);
  for (const motion of [true, false]) {
    const samples = Object.fromEntries(labels.map((l) => [l, []]));
    for (let r = 0; r < runs; r++) {
      for (const label of r % 2 ? [...labels].reverse() : labels) {
        const profile = profileFile !== null && r === 0 && label === labels[0];
        const pass = await scrollThrough(browser, bases[label], { motion, profile });
        samples[label].push({ ...summarize(pass), changes: pass.changes });
        if (pass.profile) {
          const file = motion ? profileFile : profileFile.replace(/(\.cpuprofile)?$/, '-reduced$1');
          writeFileSync(file, JSON.stringify(pass.profile));
          const { total, top } = topFunctions(pass.profile);
          log(
            `\nCPU profile of ${label} (${motion ? 'motion' : 'reduced motion'}), ${total.toFixed(0)} ms sampled, written to ${file}:`,
          );
          for (const [key, ms] of top) log(`  ${ms.toFixed(1).padStart(8)} ms  ${key}`);
        }
      }
    }
    const count = samples[labels[0]][0].changes.length;
    log(
      `\nscrolling through ${count} chapter changes, ${motion ? 'with motion (flyTo)' : 'reduced motion (jumpTo)'}, ${runs} passes; main-thread CPU (CDP TaskDuration, thread time):`,
    );
    for (const label of labels) {
      const s = samples[label];
      const name = labels.length > 1 ? `${label}: ` : '';
      log(
        `  ${name}per map frame:       ${range(
          s.map((x) => x.perFrame),
          2,
        )} ms`,
      );
      log(
        `  ${name}  of it script:      ${range(
          s.map((x) => x.scriptPerFrame),
          2,
        )} ms`,
      );
      log(`  ${name}per chapter change:  ${range(s.map((x) => x.perChange))} ms (median chapter of each pass)`);
      log(
        `  ${name}all changes:         ${range(
          s.map((x) => x.total),
          0,
        )} ms CPU, ${range(
          s.map((x) => x.frames),
          0,
        )} frames`,
      );
      log(
        `  ${name}scroll to idle:      ${range(
          s.map((x) => x.wall),
          0,
        )} ms wall (median chapter)`,
      );
      log(
        `  ${name}longest task:        ${range(
          s.map((x) => x.longest),
          0,
        )} ms wall (the pass's longest; long tasks >= 50 ms)`,
      );
      log(
        `  ${name}long tasks in all:   ${range(
          s.map((x) => x.long),
          0,
        )} ms wall`,
      );
      if (chapters)
        for (const [i, c] of s[0].changes.entries()) {
          const of = (k) => median(s.map((x) => x.changes[i][k]));
          log(
            `    ${c.id.padEnd(14)} ${of('task').toFixed(1).padStart(7)} ms CPU ${String(of('frames')).padStart(4)} frames, longest task ${of('longest').toFixed(0)} ms`,
          );
        }
    }
  }
}

/** Serves a built site with `vite preview`; resolves to `{base, stop}`. */
export async function preview(dir) {
  const { url, stop } = await serveVite(['preview', '--outDir', dir]);
  return { base: url, stop };
}

async function main() {
  const args = process.argv.slice(2);
  const dists = [];
  let runs = 5;
  let profileFile = null;
  let chapters = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--dist') dists.push(args[++i]);
    else if (args[i] === '--profile') profileFile = args[++i];
    else if (args[i] === '--chapters') chapters = true;
    else runs = Number(args[i]);
  }
  let temp = null;
  if (dists.length === 0) {
    temp = mkdtempSync(join(tmpdir(), 'story-map-frames-'));
    await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [VITE, 'build', '--outDir', temp, '--emptyOutDir'], {
        cwd: ROOT,
        stdio: 'ignore',
      });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited ${code}`))));
    });
    dists.push(temp);
  }
  const servers = [];
  let browser;
  try {
    for (const dir of dists) servers.push(await preview(dir));
    const { runnerImport } = await import('vite');
    const { module: chrome } = await runnerImport(join(ROOT, 'test/browser/chrome.ts'));
    const info = await chrome.findChrome();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: info.executablePath, args: info.args });
    const bases = Object.fromEntries(dists.map((d, i) => [temp ? 'this build' : d, servers[i].base]));
    await benchFrames({ browser, bases, runs, profileFile, chapters });
  } finally {
    await browser?.close();
    for (const s of servers) s.stop();
    if (temp) rmSync(temp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
