// The benchmark's Lighthouse section: the built page, served with brotli as a CDN would
// (serve-brotli.mjs), through Lighthouse 12.2.3 mobile (its defaults: simulated throttling, a Moto G
// Power screen) `runs` times; prints the median and the min-max of the four scores and of FCP, LCP,
// TBT and CLS. Prints numbers, asserts nothing.
//
// Lighthouse is large and is not a dependency of the project: the benchmark runs
// `npx -y lighthouse@12.2.3` (npm fetches it into its cache once), or the binary that env
// LIGHTHOUSE names. Lighthouse 12.2.3's trace engine errors on Chromium 156 for six audits (LCP
// element, render-blocking, layout shifts); the scores and headline metrics are unaffected.
//   node scripts/bench-lighthouse.mjs [dist] [runs=5]   (without dist, builds the site)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSite, findChrome, spread } from './bench-util.mjs';
import { serveBrotli } from './serve-brotli.mjs';

const VERSION = '12.2.3';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

function lighthouse(args, chromePath) {
  const [command, ...prefix] = process.env.LIGHTHOUSE
    ? [process.env.LIGHTHOUSE]
    : ['npx', '-y', `lighthouse@${VERSION}`];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], {
      env: { ...process.env, CHROME_PATH: chromePath },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`lighthouse exited ${code}: ${err.slice(-2000)}`)),
    );
  });
}

/**
 * `benchLighthouse({dist, chrome, runs})` serves `dist` with brotli and runs Lighthouse mobile on
 * its index page `runs` times with the Chromium `chrome.executablePath`; prints and returns the samples.
 */
export async function benchLighthouse({ dist, chrome, runs = 5 }) {
  const dir = mkdtempSync(join(tmpdir(), 'story-map-lighthouse-'));
  const server = await serveBrotli({ '/': dist });
  const samples = [];
  try {
    for (let r = 0; r < runs; r++) {
      const output = join(dir, `run-${r}.json`);
      await lighthouse(
        [
          server.url,
          '--quiet',
          '--output=json',
          `--output-path=${output}`,
          `--only-categories=${CATEGORIES.join(',')}`,
          '--chrome-flags=--headless=new --no-sandbox',
        ],
        chrome.executablePath,
      );
      const report = JSON.parse(readFileSync(output, 'utf8'));
      const audit = (id) => report.audits[id]?.numericValue ?? null;
      samples.push({
        version: report.lighthouseVersion,
        ...Object.fromEntries(
          CATEGORIES.map((c) => [c, Math.round((report.categories[c]?.score ?? Number.NaN) * 100)]),
        ),
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        cls: audit('cumulative-layout-shift'),
        errored: Object.values(report.audits)
          .filter((a) => a.scoreDisplayMode === 'error')
          .map((a) => a.id),
      });
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const col = (key, format) =>
    spread(
      samples.map((s) => s[key]),
      format,
    );
  const ms = (x) => `${Math.round(x)} ms`;
  console.log(
    `\nLighthouse ${samples[0]?.version ?? VERSION} mobile (simulated throttling), brotli, median of ${runs} (min, max):`,
  );
  console.log(`  performance ${col('performance')} (budget >= 95)`);
  console.log(
    `  accessibility ${col('accessibility')}, best practices ${col('best-practices')}, SEO ${col('seo')} (budget 100)`,
  );
  console.log(`  FCP ${col('fcp', ms)}, LCP ${col('lcp', ms)} (budget: LCP within 100 ms of FCP)`);
  console.log(
    `  LCP - FCP ${spread(
      samples.map((s) => s.lcp - s.fcp),
      ms,
    )}, TBT ${col('tbt', ms)} (budget <= 150 ms), CLS ${col('cls', (x) => x.toFixed(3))} (budget 0)`,
  );
  const errored = [...new Set(samples.flatMap((s) => s.errored))];
  if (errored.length) console.log(`  audits that errored (trace engine on this Chromium): ${errored.join(', ')}`);
  return samples;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [given, runs] = process.argv.slice(2);
  const dist = given || (await buildSite());
  try {
    await benchLighthouse({ dist, chrome: await findChrome(), runs: runs ? Number(runs) : undefined });
  } finally {
    if (!given) rmSync(dist, { recursive: true, force: true });
  }
}
