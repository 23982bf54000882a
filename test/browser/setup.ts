/**
 * Global setup of the `browser` test project: runs once per `vitest run`, only when browser tests run.
 *
 * 1. finds a Chromium (chrome.ts);
 * 2. builds the site once into a temp folder (`vite build --outDir <tmp>`), so `dist/` is left alone;
 * 3. starts ONE child process, `node node_modules/vite/bin/vite.js preview` on a free port, and waits
 *    until it answers;
 * 4. provides `baseUrl` (ends with '/') and `chrome` ({executablePath, args}) to tests: `inject('baseUrl')`.
 * Teardown stops the preview server by its PID (also on a failed setup, on SIGINT/SIGTERM, and at exit).
 *
 * If a step fails (no Chromium, build error, server not answering), setup does not abort the whole run:
 * it provides `setupError`, and `launchBrowser()` / `baseUrl()` (page.ts) throw it, so every browser test
 * file fails with that message while the unit tests still run and count.
 *
 * Env: TEST_BASE_URL=http://127.0.0.1:4173/ skips build and preview and tests that server instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { findChrome, type ChromeInfo } from './chrome.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built site's URL, ending with '/'. */
    baseUrl: string;
    /** The Chromium to launch and its flags (see chrome.ts). */
    chrome: ChromeInfo;
    /** Set when the global setup failed: why (browser tests then fail with it). */
    setupError: string;
  }
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const HOST = '127.0.0.1';

function log(message: string): void {
  process.stderr.write(`[browser setup] ${message}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Runs `node vite.js <args>` to completion; rejects with its output if it fails. */
function runVite(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // Vitest sets NODE_ENV=test, which would make Vite build a development bundle (Lit's dev
    // mode, import.meta.env.DEV): test what readers get.
    const env = { ...process.env, NODE_ENV: 'production' };
    const child = spawn(process.execPath, [VITE, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`vite ${args[0]} failed (${signal ?? `exit ${code}`}):\n${output}`)),
    );
  });
}

let server: ChildProcess | undefined;
/** The temp folder of the build, removed at teardown (or at exit). */
let buildDir: string | undefined;

/** Stops the preview server by PID: SIGTERM, then SIGKILL after 5 s. */
async function stopServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

/** Synchronous last resort at process exit and on signals: kill the server, remove the build. */
function cleanupNow(): void {
  if (server?.pid && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(server.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  buildDir = undefined;
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onSignal(signal: NodeJS.Signals): void {
  cleanupNow();
  for (const s of SIGNALS) process.off(s, onSignal);
  // If nobody else (vitest) handles the signal, restore the default behaviour: die of it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `vite preview exited (${child.signalCode ?? `exit ${child.exitCode}`}) before answering:\n${output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return; // any HTTP answer means the server is up
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline)
      throw new Error(`vite preview did not answer at ${url} within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startPreview(outDir: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [VITE, 'preview', '--outDir', outDir, '--host', HOST, '--port', String(port), '--strictPort'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server = child;
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const url = `http://${HOST}:${port}/`;
    try {
      await waitUntilAnswering(url, child, () => output);
      log(`vite preview pid ${child.pid} at ${url}`);
      return url;
    } catch (error) {
      await stopServer();
      // The port may have been taken between freePort() and listen(): try once more.
      if (attempt >= 2 || !/already in use|EADDRINUSE/i.test(output)) throw error;
    }
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardown = async (): Promise<void> => {
    await stopServer();
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('exit', cleanupNow);
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
    buildDir = undefined;
  };

  project.provide('setupError', '');
  project.provide('baseUrl', '');
  try {
    let started = Date.now();
    const chrome = await findChrome();
    log(`chromium (${chrome.source}): ${chrome.executablePath} [${Date.now() - started} ms]`);
    project.provide('chrome', chrome);

    const external = process.env.TEST_BASE_URL?.trim();
    if (external) {
      project.provide('baseUrl', external.endsWith('/') ? external : `${external}/`);
      log(`testing ${external} (TEST_BASE_URL): no build, no preview`);
      return teardown;
    }

    process.on('exit', cleanupNow);
    for (const signal of SIGNALS) process.on(signal, onSignal);

    const outDir = await mkdtemp(join(tmpdir(), 'story-map-test-build-'));
    buildDir = outDir;
    started = Date.now();
    await runVite(['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn']);
    log(`vite build -> ${outDir} [${Date.now() - started} ms]`);

    started = Date.now();
    const baseUrl = await startPreview(outDir);
    log(`preview answering [${Date.now() - started} ms]`);
    project.provide('baseUrl', baseUrl);
    return teardown;
  } catch (error) {
    await teardown();
    const message = error instanceof Error ? error.message : String(error);
    log(`FAILED: ${message}`);
    project.provide('setupError', `browser test setup failed: ${message}`);
    return async () => {};
  }
}
