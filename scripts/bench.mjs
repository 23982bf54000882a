#!/usr/bin/env node
// Benchmark of the built story page: prints numbers, asserts nothing.
//   node scripts/bench.mjs [runs=5]
// Builds the site into a temp folder, serves it with `vite preview`, opens it in headless Chromium
// (software WebGL here, so timings are upper bounds) and reports:
//   - the JavaScript (and everything else) requested before MapLibre's chunk, raw and brotli;
//   - time to the first map `idle`, to first paint of the text, and request counts;
//   - the size budget items of DESIGN.md section 5;
//   - Lighthouse mobile over `runs` runs, served with brotli (bench-lighthouse.mjs);
//   - the generated 200-chapter, 50,000-place story: time to text, heap, longest task (bench-large.mjs);
//   - the checker's time and peak memory on generated stories of 5,000 and 50,000 places (bench-check.mjs);
//   - the checker's time and peak memory on 50 MB hostile files (bench-fuzz.mjs);
//   - the main thread's CPU per map frame and per chapter change while scrolling through every chapter.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { runnerImport } from 'vite';
import { benchCheck } from './bench-check.mjs';
import { benchFuzz } from './bench-fuzz.mjs';
import { benchLarge } from './bench-large.mjs';
import { median, serveVite } from './bench-util.mjs';
import { benchLighthouse } from './bench-lighthouse.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const runs = Number(process.argv[2] ?? 5);

const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function run(args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITE, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...options,
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(out))));
  });
}

const out = mkdtempSync(join(tmpdir(), 'story-map-bench-'));
let server;
try {
  const t0 = Date.now();
  await run(['build', '--outDir', out, '--emptyOutDir']);
  console.log(`build: ${Date.now() - t0} ms`);

  server = await serveVite(['preview', '--outDir', out]);
  const base = server.url;

  const { module: chrome } = await runnerImport(join(ROOT, 'test/browser/chrome.ts'));
  const info = await chrome.findChrome();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: info.executablePath, args: info.args });

  const sizeOf = (url) => {
    const pathname = decodeURIComponent(new URL(url).pathname);
    const path = join(out, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    try {
      const buf = readFileSync(path);
      return { raw: buf.length, br: brotli(buf) };
    } catch {
      return { raw: 0, br: 0 };
    }
  };

  const samples = [];
  let first;
  let firstQuiet = 0;
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const requests = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.addInitScript(() => {
      const w = window;
      w.__bench = {};
      document.addEventListener('story-map-ready', (e) => {
        w.__bench.ready = performance.now();
        e.detail.map.once('idle', () => (w.__bench.idle = performance.now()));
      });
    });
    await page.goto(base);
    // The page loads and goes quiet with no input: what it asked for so far is the reader's first load
    // (MapLibre waits for the reader's first input). Then a key press, and the map to its first idle.
    await page.waitForFunction(
      () =>
        document
          .querySelector('story-map')
          ?.renderRoot?.querySelector('story-timeline')
          ?.renderRoot.querySelector('button'),
      null,
      { timeout: 60_000 },
    );
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 5000 })));
    await page.waitForTimeout(1000);
    const quiet = requests.length;
    await page.evaluate(() => (window.__bench.input = performance.now()));
    await page.keyboard.press('Shift');
    await page.waitForFunction(() => window.__bench.idle !== undefined, null, { timeout: 60_000 });
    const timing = await page.evaluate(() => ({
      ...window.__bench,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
    }));
    samples.push({ ...timing, inputToIdle: timing.idle - timing.input });
    if (r === 0) {
      first = requests;
      firstQuiet = quiet;
    }
    await context.close();
  }
  await browser.close();

  const engineIndex = first.findIndex((u) => /\/assets\/engine-[^/]+\.js$/.test(u));
  if (engineIndex >= 0 && engineIndex < firstQuiet) console.log('\nMapLibre was requested before the first input!');
  const before = first.slice(0, firstQuiet);
  const beforeJs = before.filter((u) => /\.m?js$/.test(new URL(u).pathname));
  const sum = (urls) => urls.map(sizeOf).reduce((a, b) => ({ raw: a.raw + b.raw, br: a.br + b.br }), { raw: 0, br: 0 });
  const js = sum(beforeJs);
  console.log(`\nrequests before the first input, the page quiet (${before.length}):`);
  for (const u of before) {
    const s = sizeOf(u);
    console.log(`  ${new URL(u).pathname.padEnd(48)} ${kib(s.raw).padStart(10)} raw ${kib(s.br).padStart(10)} br`);
  }
  console.log(`JavaScript before the first input: ${kib(js.raw)} raw, ${kib(js.br)} brotli (budget 40 KiB brotli)`);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const figure = html.match(/<figure class="sm-still"[\s\S]*?<\/figure>/)?.[0] ?? '';
  console.log(
    `the first chapter's still map in the HTML: ${kib(figure.length)} raw, ${kib(brotli(Buffer.from(figure)))} brotli (budget 25 KiB brotli)`,
  );

  const after = first.slice(firstQuiet);
  const all = sum(first);
  console.log(
    `\nall requests on first load: ${first.length}, ${kib(all.raw)} raw, ${kib(all.br)} brotli; off localhost: ${first.filter((u) => !/^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(u) && !/^(data|blob):/.test(u)).length}`,
  );
  for (const u of after) {
    const s = sizeOf(u);
    console.log(`  ${new URL(u).pathname.padEnd(48)} ${kib(s.raw).padStart(10)} raw ${kib(s.br).padStart(10)} br`);
  }

  const basemap = readdirSync(join(out, 'assets'))
    .filter((f) => /^americas-.*\.json$/.test(f))
    .map((f) => readFileSync(join(out, 'assets', f)));
  console.log(
    `\nbasemap: ${basemap.map((b) => `${kib(b.length)} raw, ${kib(brotli(b))} brotli`).join('; ')} (budget 60 KiB brotli)`,
  );

  const fmt = (key) =>
    `${median(samples.map((s) => s[key])).toFixed(0)} ms (min ${Math.min(...samples.map((s) => s[key])).toFixed(0)}, max ${Math.max(...samples.map((s) => s[key])).toFixed(0)})`;
  console.log(`\nover ${runs} loads, 1280x800, headless Chromium ${info.source}, software WebGL:`);
  console.log(`  first contentful paint (text): ${fmt('fcp')}`);
  console.log(`  DOMContentLoaded:              ${fmt('dcl')}`);
  console.log(`  first input to map idle:       ${fmt('inputToIdle')}`);

  await benchLighthouse({ dist: out, chrome: info, runs });
  await benchLarge({ dist: out, chrome: info });
  await benchCheck();
  await benchFuzz();
  // Scrolling through every chapter: main-thread CPU per map frame and per chapter change (bench-frames.mjs).
  const { benchFrames } = await import('./bench-frames.mjs');
  const scroller = await chromium.launch({ executablePath: info.executablePath, args: info.args });
  await benchFrames({ browser: scroller, bases: { 'this build': base }, runs }).finally(() => scroller.close());
} finally {
  if (server) server.stop();
  rmSync(out, { recursive: true, force: true });
}
