#!/usr/bin/env node
// `npm test`: the project's checks, then `vitest run` (unit + browser projects, see vitest.config.ts),
// ending with exactly one closing line `N passed, N failed`, whatever happens to vitest.
//
// The checks run side by side while vitest runs, and each counts as one test in the closing line:
// - lint: `biome ci .` (formatting and lint rules, as `npm run lint`);
// - types: `tsc --noEmit` (as `npm run typecheck`);
// - manifest: custom-elements.json is what `npm run manifest` would write from the JSDoc.
//
// Extra arguments go to vitest and skip the checks: `npm test -- test/unit`, `npm test -- -t name`.
// Exit code: 1 if a check failed, else vitest's (or 1 if it was killed or left no summary).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (path) => join(root, 'node_modules', path);
const vitest = bin('vitest/vitest.mjs');
const summaryReporter = './test/summary-reporter.ts';
const userArgs = process.argv.slice(2);

const tmp = mkdtempSync(join(tmpdir(), 'story-map-test-summary-'));
const summaryFile = join(tmp, 'summary.json');

function finish(passed, failed, code, note) {
  rmSync(tmp, { recursive: true, force: true });
  if (note) console.log(note);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

/** Runs `node <args>` in the project, collecting its output; resolves with the exit code and the output. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
    child.on('exit', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), output }));
  });
}

const CHECKS = {
  lint: () => run([bin('@biomejs/biome/bin/biome'), 'ci', '--colors=off', '.']),
  types: () => run([bin('typescript/bin/tsc'), '--noEmit', '-p', root]),
  manifest: () => run([join(root, 'scripts/manifest.mjs'), '--check']),
};

/** Runs every check at once. */
function checks() {
  return Promise.all(
    Object.entries(CHECKS).map(async ([name, check]) => {
      const started = Date.now();
      const { code, output } = await check().catch((error) => ({ code: 1, output: String(error?.stack ?? error) }));
      return { name, ok: code === 0, output, ms: Date.now() - started };
    }),
  );
}

/** Prints one line per check (and the output of those that failed); returns how many passed and failed. */
async function reportChecks() {
  const results = await checking;
  for (const { name, ok, output, ms } of results) {
    console.log(`check ${name}: ${ok ? 'ok' : 'FAILED'} (${ms} ms)`);
    if (!ok) console.log(output.trim());
  }
  const passed = results.filter((c) => c.ok).length;
  return { passed, failed: results.length - passed, names: results.filter((c) => !c.ok).map((c) => c.name) };
}

if (!existsSync(vitest)) finish(0, 1, 1, `vitest not found at ${vitest}: run npm install (or npm ci) first.`);

// The checks run while vitest does (they take a few seconds of one core); their results are
// printed once vitest has finished.
const checking = userArgs.length ? Promise.resolve([]) : checks();

// CLI reporters replace the config's, so always name ours; keep the user's own if they gave any.
const hasReporter = userArgs.some((arg) => arg === '--reporter' || arg.startsWith('--reporter='));
const reporterArgs = hasReporter
  ? [`--reporter=${summaryReporter}`]
  : ['--reporter=default', `--reporter=${summaryReporter}`];

const child = spawn(process.execPath, [vitest, 'run', ...reporterArgs, ...userArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, VITEST_SUMMARY_FILE: summaryFile },
});

const forward = (signal) => {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(child.pid, signal);
    } catch {
      /* already gone */
    }
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => forward(signal));

child.on('error', async (error) => {
  const c = await reportChecks();
  finish(c.passed, c.failed + 1, 1, `could not start vitest: ${error.message}`);
});
child.on('exit', async (code, signal) => {
  const exitCode = signal ? 1 : (code ?? 1);
  const c = await reportChecks();
  let summary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    finish(
      c.passed,
      c.failed + 1,
      exitCode || 1,
      `vitest ended (${signal ?? `exit code ${code}`}) without reporting results.`,
    );
    return;
  }
  const notes = [];
  if (c.failed > 0) notes.push(`${c.failed} check(s) failed: ${c.names.join(', ')}`);
  if (summary.skipped > 0) notes.push(`${summary.skipped} skipped (not counted)`);
  if (summary.errors > 0) notes.push(`${summary.errors} error(s) outside tests counted as failed`);
  let failed = summary.failed;
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited with ${signal ?? `code ${code}`} without a failed test: counted as 1 failed`);
  }
  const exit = c.failed > 0 ? 1 : failed > 0 ? exitCode || 1 : exitCode;
  finish(summary.passed + c.passed, failed + c.failed, exit, notes.length ? notes.join('; ') : undefined);
});
