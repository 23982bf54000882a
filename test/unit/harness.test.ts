// The test harness itself: Chromium discovery, the off-origin rule, and the closing-line format.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BASE_ARGS, findChrome, mergeArgs } from '../browser/chrome.ts';
import { isOffOrigin } from '../browser/page.ts';
import { summaryLine } from '../summary-reporter.ts';

const dir = mkdtempSync(join(tmpdir(), 'harness-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeExecutable(name: string, mode = 0o755): string {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, mode);
  return path;
}

const noBundled = async (): Promise<never> => {
  throw new Error('no bundled chromium in this test');
};

describe('findChrome', () => {
  it('prefers CHROME_PATH, with the root-safe software-WebGL flags', async () => {
    const exe = fakeExecutable('my-chrome');
    const found = await findChrome({ env: { CHROME_PATH: exe, PATH: '' }, systemPaths: [], bundled: noBundled });
    expect(found.executablePath).toBe(exe);
    expect(found.source).toBe('env');
    expect(found.args).toEqual(expect.arrayContaining(['--no-sandbox', '--use-angle=swiftshader', '--headless=new']));
  });

  it('rejects a CHROME_PATH that is not an executable file', async () => {
    const notExecutable = fakeExecutable('plain-file', 0o644);
    await expect(findChrome({ env: { CHROME_PATH: notExecutable }, bundled: noBundled })).rejects.toThrow(
      /CHROME_PATH/,
    );
    await expect(findChrome({ env: { CHROME_PATH: join(dir, 'missing') }, bundled: noBundled })).rejects.toThrow();
  });

  it('finds chromium on PATH like `which`, skipping non-executables', async () => {
    const bin = mkdtempSync(join(dir, 'bin-'));
    writeFileSync(join(bin, 'google-chrome'), ''); // not executable: skipped
    const exe = join(bin, 'chromium-browser');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    const found = await findChrome({
      env: { PATH: `/nonexistent:${bin}` },
      systemPaths: [join(dir, 'nope')],
      bundled: noBundled,
    });
    expect(found).toMatchObject({ executablePath: exe, source: 'system' });
  });

  it('falls back to the bundled Chromium, keeping our flags last and dropping --single-process', async () => {
    const exe = fakeExecutable('bundled-chromium');
    const found = await findChrome({
      env: { PATH: '' },
      systemPaths: [],
      bundled: async () => ({ executablePath: exe, args: ['--in-process-gpu', '--headless=shell', '--no-sandbox'] }),
    });
    expect(found.source).toBe('bundled');
    expect(found.args[0]).toBe('--in-process-gpu');
    expect(found.args.slice(-BASE_ARGS.length)).toEqual([...BASE_ARGS]);
    expect(found.args.filter((a) => a.startsWith('--headless'))).toEqual(['--headless=new']);
  });

  it('CHROME_BUNDLED=1 skips the system lookup', async () => {
    const system = fakeExecutable('system-chromium');
    const bundled = fakeExecutable('bundled-2');
    const found = await findChrome({
      env: { CHROME_BUNDLED: '1', PATH: dir },
      systemPaths: [system],
      bundled: async () => ({ executablePath: bundled, args: [] }),
    });
    expect(found.executablePath).toBe(bundled);
  });

  it('says how to get a browser when there is none', async () => {
    await expect(findChrome({ env: { PATH: '' }, systemPaths: [], bundled: noBundled })).rejects.toThrow(
      /apt-get install -y chromium/,
    );
  });
});

describe('mergeArgs', () => {
  it('keeps one copy of each flag, the last value winning', () => {
    expect(mergeArgs(['--a', '--b=1'], ['--b=2', '--c'])).toEqual(['--a', '--b=2', '--c']);
  });
});

describe('isOffOrigin', () => {
  it.each([
    ['http://localhost:5173/index.html', false],
    ['http://127.0.0.1:4173/assets/app.js', false],
    ['ws://localhost:5173/', false],
    ['http://[::1]:4173/', false],
    ['data:image/png;base64,AAAA', false],
    ['blob:http://127.0.0.1:4173/0f1e2d3c', false],
    ['https://tiles.example.com/0/0/0.pbf', true],
    ['https://fonts.googleapis.com/css2?family=Noto+Sans', true],
    ['http://192.168.1.10/', true],
    ['http://localhost.example.com/', true],
  ])('%s -> %s', (url, off) => {
    expect(isOffOrigin(url)).toBe(off);
  });
});

describe('summary line', () => {
  it('is exactly "N passed, N failed"', () => {
    expect(summaryLine({ passed: 12, failed: 0 })).toMatch(/^\d+ passed, \d+ failed$/);
    expect(summaryLine({ passed: 3, failed: 2 })).toBe('3 passed, 2 failed');
  });
});
