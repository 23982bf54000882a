// Helpers shared by the benchmark's sections (bench.mjs, bench-frames.mjs, bench-lighthouse.mjs,
// bench-large.mjs, and screenshots.ts, still-fixture.ts): build the site into a temp folder, serve it
// (or the dev server) with Vite, find the Chromium the tests use, a free port, summarise samples.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

/** `buildSite()` builds the site into a new temp folder and returns its path. */
export function buildSite() {
  const out = mkdtempSync(join(tmpdir(), 'story-map-bench-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITE, 'build', '--outDir', out, '--emptyOutDir'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(log))));
  });
}

/** `findChrome()` is the Chromium of the browser tests and its flags (test/browser/chrome.ts). */
export async function findChrome() {
  const { module } = await runnerImport(join(ROOT, 'test/browser/chrome.ts'));
  return module.findChrome();
}

/** The middle value (the upper one of an even count). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `spread(xs, format)` is "median (min a, max b)". */
export function spread(xs, format = (x) => String(Math.round(x))) {
  const ok = xs.filter((x) => typeof x === 'number' && Number.isFinite(x));
  if (!ok.length) return 'n/a';
  return `${format(median(ok))} (min ${format(Math.min(...ok))}, max ${format(Math.max(...ok))})`;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * `serveVite(args)` starts `node vite.js <args>` (`['preview', '--outDir', dir]` for a build, `[]`
 * for the dev server) on a free port of 127.0.0.1, as one process, and resolves once it answers:
 * `{url, stop}` (stop kills it by its PID). `env` is added to this process's environment.
 */
export async function serveVite(args, env = {}) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      ...args,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: ROOT, stdio: 'ignore', env: { ...process.env, ...env } },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 150; i++) {
    try {
      await fetch(url);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop: () => child.kill() };
}
