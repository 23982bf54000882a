// The checker (`npm run check`) on large hostile files (large-fuzz.mjs), 50 MB each by default: a
// GeoJSON of many features, one with one enormous string, one with deeply nested coordinates, the
// many-features file truncated and mutated, and a story file of that size. Each is checked in a fresh
// Node process, as an editor runs it, killed if it takes longer than `limit`. Prints the checker's
// time, the process's peak memory (max RSS) and what it reported; asserts nothing
// (test/unit/fuzz-large.test.ts asserts, on smaller files, that it never throws and names the lines).
//   node scripts/bench-fuzz.mjs [MB=50] [limit=300 s]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LARGE_CASES, writeLargeCase } from './large-fuzz.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MB = 1024 * 1024;

/** In the child: checks one story file, prints {ms, rss, errors, warnings, located, first} as JSON. */
async function child(file) {
  const t0 = performance.now();
  const { checkFile } = await import('../src/cli/check.ts');
  const { lines, errors, warnings } = await checkFile(file);
  const ms = performance.now() - t0;
  // Issues with a line and column (file:line:col: …), and the first one, shortened.
  const located = lines.filter((l) => /^[^:]+:\d+:\d+: /.test(l)).length;
  const first = lines[0]?.slice(0, 160) ?? '';
  process.stdout.write(
    JSON.stringify({ ms, rss: process.resourceUsage().maxRSS * 1024, errors, warnings, located, first }),
  );
}

/** Checks `file` in a fresh process, killed (by its PID) after `limitMs`: its numbers, or how it failed. */
function checkOnce(file, limitMs) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      process.kill(proc.pid, 'SIGKILL');
    }, limitMs);
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (err += d));
    proc.on('exit', (code) => {
      clearTimeout(timer);
      const wall = performance.now() - t0;
      if (killed) resolve({ failed: `no answer after ${(limitMs / 1000).toFixed(0)} s (killed)`, wall });
      else if (code !== 0) resolve({ failed: `exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`, wall });
      else resolve({ ...JSON.parse(out), wall });
    });
  });
}

/** `benchFuzz({mb, limitMs})` checks every large case once; prints and returns the results. */
export async function benchFuzz({ mb = 50, limitMs = 300_000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'story-map-fuzz-'));
  const results = [];
  try {
    console.log(`\nthe checker (npm run check) on large hostile files of about ${mb} MB, one fresh process each:`);
    for (const name of Object.keys(LARGE_CASES)) {
      const folder = join(dir, name.replace(/\W+/g, '-'));
      const bytes = writeLargeCase(folder, name, mb * MB);
      const r = await checkOnce(join(folder, 'story.json'), limitMs);
      const size = `${(bytes / MB).toFixed(1)} MB`;
      if (r.failed) console.log(`  ${name} (${size}): FAILED, ${r.failed}`);
      else
        console.log(
          `  ${name} (${size}): check ${(r.ms / 1000).toFixed(2)} s; process ${(r.wall / 1000).toFixed(2)} s; ` +
            `peak memory ${(r.rss / MB).toFixed(0)} MB; ${r.errors} errors, ${r.warnings} warnings ` +
            `(${r.located} with a line); first: ${r.first}`,
        );
      results.push({ name, bytes, ...r });
      rmSync(folder, { recursive: true, force: true });
    }
    const done = results.filter((r) => !r.failed);
    if (done.length) {
      const slowest = done.reduce((a, b) => (b.ms > a.ms ? b : a));
      const largest = done.reduce((a, b) => (b.rss > a.rss ? b : a));
      console.log(
        `  worst: ${(slowest.ms / 1000).toFixed(2)} s (${slowest.name}); ` +
          `peak memory ${(largest.rss / MB).toFixed(0)} MB (${largest.name})`,
      );
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === '--child') await child(process.argv[3]);
  else {
    const [mb, limit] = process.argv.slice(2);
    await benchFuzz({ mb: mb ? Number(mb) : undefined, limitMs: limit ? Number(limit) * 1000 : undefined });
  }
}
