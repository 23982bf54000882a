#!/usr/bin/env node
// `npm test`: runs `vitest run` (unit + browser projects, see vitest.config.ts) and ends with exactly one
// closing line `N passed, N failed`, whatever happens to vitest. Exit code: vitest's, or 1 if it was
// killed or left no summary. Extra arguments go to vitest: `npm test -- test/unit`, `npm test -- -t name`.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
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

if (!existsSync(vitest)) finish(0, 1, 1, `vitest not found at ${vitest}: run npm install (or npm ci) first.`);

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

child.on('error', (error) => finish(0, 1, 1, `could not start vitest: ${error.message}`));
child.on('exit', (code, signal) => {
  const exitCode = signal ? 1 : (code ?? 1);
  let summary;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    finish(0, 1, exitCode || 1, `vitest ended (${signal ?? `exit code ${code}`}) without reporting results.`);
    return;
  }
  const notes = [];
  if (summary.skipped > 0) notes.push(`${summary.skipped} skipped (not counted)`);
  if (summary.errors > 0) notes.push(`${summary.errors} error(s) outside tests counted as failed`);
  let failed = summary.failed;
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited with ${signal ?? `code ${code}`} without a failed test: counted as 1 failed`);
  }
  finish(summary.passed, failed, failed > 0 ? exitCode || 1 : exitCode, notes.length ? notes.join('; ') : undefined);
});
