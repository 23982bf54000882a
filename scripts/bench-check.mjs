// The checker (`npm run check`) on generated large stories (large-story.mjs): 200 chapters and 5,000 or
// 50,000 places, each checked in a fresh Node process as an editor runs it. For each it prints the
// checker's time (the check itself, and the whole process with its start-up) and the process's peak
// memory (max RSS), median (min, max) over `runs`, and the issues it found. Prints numbers, asserts
// nothing (test/unit/check-scale.test.ts asserts that the time grows linearly).
//   node scripts/bench-check.mjs [runs=3] [places=5000,50000]
// Stories:
//   - "no bounds, places only": no map.bounds, no areas or routes, so the swapped-coordinates check
//     frames the story by its places (the case that was quadratic: 432 s at 50,000 places);
//   - "with bounds": map.bounds given, areas and routes (the benchmark's default story);
//   - "with mistakes": no bounds, every tenth place swapped, the others with 15 digits (an issue per
//     place), a misspelt id in every chapter.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeStory } from './large-story.mjs';

// bench-util.mjs is imported by the parent only: it loads Vite, which the measured child must not.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const STORIES = {
  'no bounds, places only': { bounds: false, routes: 0, areas: 0 },
  'with bounds': {},
  'with mistakes': { bounds: false, mistakes: true },
};

/** In the child: checks one story file, prints {ms, rss, errors, warnings} as JSON. */
async function child(file) {
  const t0 = performance.now();
  const { checkFile } = await import('../src/cli/check.ts');
  const { errors, warnings } = await checkFile(file);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS * 1024, errors, warnings }));
}

/** `checkOnce(file)` runs the checker on `file` in a fresh process: its numbers, and the whole process's time. */
function checkOnce(file) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the checker exited ${code}: ${err}`));
      else resolve({ ...JSON.parse(out), wall: performance.now() - t0 });
    });
  });
}

/** `benchCheck({runs, sizes})` measures the checker on each story at each size; prints and returns the samples. */
export async function benchCheck({ runs = 3, sizes = [5_000, 50_000] } = {}) {
  const { spread } = await import('./bench-util.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'story-map-check-'));
  const MB = 1024 * 1024;
  const results = [];
  try {
    console.log(`\nthe checker (npm run check) on generated 200-chapter stories, ${runs} runs each:`);
    for (const [name, options] of Object.entries(STORIES)) {
      for (const places of sizes) {
        const folder = join(dir, `${name.replace(/\W+/g, '-')}-${places}`);
        const bytes = Object.values(writeLargeStory(folder, { ...options, places })).reduce((a, b) => a + b, 0);
        const samples = [];
        for (let r = 0; r < runs; r++) samples.push(await checkOnce(join(folder, 'story.json')));
        const { errors, warnings } = samples[0];
        console.log(
          `  ${name}, ${places.toLocaleString('en')} places (${(bytes / MB).toFixed(1)} MB): check ${spread(
            samples.map((s) => s.ms),
            (x) => `${(x / 1000).toFixed(2)} s`,
          )}; process ${spread(
            samples.map((s) => s.wall),
            (x) => `${(x / 1000).toFixed(2)} s`,
          )}; peak memory ${spread(
            samples.map((s) => s.rss),
            (x) => `${(x / MB).toFixed(0)} MB`,
          )}; ${errors} errors, ${warnings} warnings`,
        );
        results.push({ name, places, samples });
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--child') await child(process.argv[3]);
  else {
    const [runs, sizes] = process.argv.slice(2);
    await benchCheck({
      runs: runs ? Number(runs) : undefined,
      sizes: sizes ? sizes.split(',').map(Number) : undefined,
    });
  }
}
