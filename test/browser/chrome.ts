/**
 * Finds a Chromium for the browser tests and the launch arguments that work here (as root, no GPU).
 *
 * Order:
 *   1. env CHROME_PATH (must be an executable file, else this throws);
 *   2. a system Chromium or Chrome: /usr/bin/{chromium,chromium-browser,google-chrome,google-chrome-stable},
 *      then the same names on PATH (skipped when env CHROME_BUNDLED=1);
 *   3. the Chromium that the npm package @sparticuz/chromium ships inside itself (unpacked into the temp
 *      folder on first use, ~2 s), so `npm install && npm test` works where no browser is installed.
 *
 * Playwright's `chromium.launch()` makes a fresh, empty user-data-dir for every launch and refuses a
 * `--user-data-dir` argument, so none is added here.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Flags that work as root on a machine without a GPU: SwiftShader gives WebGL2 in software. */
export const BASE_ARGS: readonly string[] = [
  '--headless=new',
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const SYSTEM_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const SYSTEM_NAMES: readonly string[] = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
];

/**
 * Flags of @sparticuz/chromium's recommended list that we drop:
 * - `--single-process`: the browser dies when a test closes a browser context (seen with playwright-core
 *   1.65: "Target page, context or browser has been closed" on the next newPage);
 * - `--disable-web-security`, `--allow-running-insecure-content`, `--disable-site-isolation-trials`: would
 *   hide CORS, mixed-content and isolation problems that a real reader's browser has;
 * - `--headless='shell'` (quotes included, for puppeteer): we set headless ourselves;
 * - `--disable-features=` / `--enable-features=`: a second copy replaces Playwright's own lists.
 */
const SPARTICUZ_DROPPED = [
  /^--single-process$/,
  /^--disable-web-security$/,
  /^--allow-running-insecure-content$/,
  /^--disable-site-isolation-trials$/,
  /^--headless\b/,
  /^--(disable|enable)-features=/,
];

export type ChromeSource = 'env' | 'system' | 'bundled';

export interface ChromeInfo {
  executablePath: string;
  args: string[];
  /** Where the executable came from (for logs). */
  source: ChromeSource;
}

export interface FindChromeOptions {
  /** Environment to read CHROME_PATH, CHROME_BUNDLED and PATH from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Absolute paths tried first in step 2 (default: SYSTEM_PATHS). */
  systemPaths?: readonly string[];
  /** Step 3; replaceable in unit tests (default: unpacks @sparticuz/chromium). */
  bundled?: () => Promise<{ executablePath: string; args: readonly string[] }>;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`: the first `name` found as an executable file in the PATH folders. */
export function which(name: string, pathEnv: string | undefined): string | undefined {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** Merge flag lists: later lists win for `--name=value` flags, and each flag appears once. */
export function mergeArgs(...lists: ReadonlyArray<readonly string[]>): string[] {
  const byName = new Map<string, string>();
  for (const list of lists) {
    for (const arg of list) {
      const name = arg.split('=')[0]!;
      byName.delete(name); // keep the order of the last occurrence
      byName.set(name, arg);
    }
  }
  return [...byName.values()];
}

export async function bundledChromium(): Promise<{ executablePath: string; args: readonly string[] }> {
  const mod = await import('@sparticuz/chromium');
  const chromium = mod.default;
  const executablePath = await chromium.executablePath();
  const args = chromium.args.filter((arg: string) => !SPARTICUZ_DROPPED.some((re) => re.test(arg)));
  return { executablePath, args };
}

export async function findChrome(options: FindChromeOptions = {}): Promise<ChromeInfo> {
  const env = options.env ?? process.env;

  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    if (!isExecutableFile(fromEnv)) {
      throw new Error(`CHROME_PATH=${fromEnv} is not an executable file`);
    }
    return { executablePath: fromEnv, args: [...BASE_ARGS], source: 'env' };
  }

  if (env.CHROME_BUNDLED !== '1') {
    for (const path of options.systemPaths ?? SYSTEM_PATHS) {
      if (isExecutableFile(path)) return { executablePath: path, args: [...BASE_ARGS], source: 'system' };
    }
    for (const name of SYSTEM_NAMES) {
      const found = which(name, env.PATH);
      if (found) return { executablePath: found, args: [...BASE_ARGS], source: 'system' };
    }
  }

  let bundled: { executablePath: string; args: readonly string[] };
  try {
    bundled = await (options.bundled ?? bundledChromium)();
  } catch (error) {
    throw new Error(
      'No Chromium found: set CHROME_PATH, install one (apt-get install -y chromium), ' +
        `or run npm install so that @sparticuz/chromium is present (${String(error)})`,
    );
  }
  return { executablePath: bundled.executablePath, args: mergeArgs(bundled.args, BASE_ARGS), source: 'bundled' };
}

export default findChrome;
