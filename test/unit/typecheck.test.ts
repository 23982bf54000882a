// The whole project (app, tests, config, scripts) type-checks with the pinned TypeScript.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

it('tsc --noEmit reports no type errors', async () => {
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', ROOT],
      { cwd: ROOT },
      (error, stdout, stderr) => {
        resolve(error ? `${stdout}${stderr}` || String(error) : '');
      },
    );
  });
  expect(output).toBe('');
}, 120_000);
