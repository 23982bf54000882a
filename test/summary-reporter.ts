/**
 * A vitest reporter, used beside the default one, that counts tests across all projects and ends the run
 * with one line `N passed, N failed`.
 *
 * - passed: tests whose result is 'passed' (skipped and todo tests are not counted);
 * - failed: tests whose result is 'failed', plus one for each file or suite that failed outside a test
 *   (import/syntax error, a throwing beforeAll/afterAll, whose tests then count as skipped), plus one for
 *   each unhandled error.
 *
 * With env VITEST_SUMMARY_FILE set (scripts/test.mjs does), it writes the counts there as JSON instead of
 * printing, and scripts/test.mjs prints the line after vitest has exited, so it is the very last line.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
  /** Failures outside tests: file, suite and hook errors, unhandled errors. */
  errors: number;
  reason: string;
}

interface SuiteLike {
  errors(): ReadonlyArray<unknown>;
  state(): string;
}

/** Counts results the way the closing line reports them (exported for unit tests). */
export function summarize(
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<unknown>,
  reason: string,
): Summary {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let errors = unhandledErrors.length;
  for (const module of modules) {
    let failedTests = 0;
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failedTests++;
      else skipped++;
    }
    failed += failedTests;
    const containers: SuiteLike[] = [module, ...module.children.allSuites()];
    for (const container of containers) {
      if (container.errors().length > 0) errors++;
    }
    // A module can end 'failed' with neither a failed test nor a recorded error (e.g. a worker crash).
    if (module.state() === 'failed' && failedTests === 0 && !containers.some((c) => c.errors().length > 0)) errors++;
  }
  return { passed, failed: failed + errors, skipped, errors, reason };
}

export function summaryLine({ passed, failed }: Pick<Summary, 'passed' | 'failed'>): string {
  return `${passed} passed, ${failed} failed`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: string): void {
    const summary = summarize(testModules, unhandledErrors, reason);
    const file = process.env.VITEST_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify(summary));
    else process.stdout.write(`${summaryLine(summary)}\n`);
  }
}
