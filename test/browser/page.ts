/**
 * Helpers for browser tests: one browser per test file, one fresh context per page, and the two things
 * every page test asserts: zero console errors and zero requests leaving localhost.
 *
 *   const browser = useBrowser(); // once, at the top of the file: beforeAll launches, afterAll closes
 *
 *   it('...', async () => {
 *     const { page, consoleErrors, offOrigin, close } = await openPage(browser(), baseUrl());
 *     ...
 *     expect(consoleErrors).toEqual([]);
 *     expect(offOrigin).toEqual([]);
 *     await close();
 *   });
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import type { ChromeInfo } from './chrome.ts';

/** test-results/screenshots/ at the project root (git-ignored). Built from paths, not `new URL(.., import.meta.url)`,
 * which Vite rewrites into an asset URL under happy-dom. */
export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** Schemes that never reach the network. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/** True when loading `url` would leave this machine (anything but localhost, 127.0.0.1, [::1], data:, blob:). */
export function isOffOrigin(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return false;
  const host = parsed.hostname.toLowerCase();
  return !(LOCAL_HOSTS.has(host) || host.endsWith('.localhost'));
}

/** Throws the global setup's error, if it failed (build error, no Chromium, server down). */
function checkSetup(): void {
  const error = inject('setupError');
  if (error) throw new Error(error);
}

/** The built site's URL from the global setup (ends with '/'); throws the setup's error if it failed. */
export function baseUrl(): string {
  checkSetup();
  return inject('baseUrl');
}

/**
 * Flags the tests add to the setup's (chrome.ts): the page itself is composited and rasterised in software
 * (Skia on the CPU) instead of through SwiftShader's emulated GPU, which here costs CPU that the map's
 * WebGL (still SwiftShader) needs. What the page does and draws is the same; set TEST_GPU_COMPOSITING=1 to
 * leave them out.
 */
export const TEST_ARGS: readonly string[] =
  process.env.TEST_GPU_COMPOSITING === '1' ? [] : ['--disable-gpu-compositing', '--disable-gpu-rasterization'];

/**
 * Launches Chromium with the executable and flags that the global setup found (see chrome.ts), plus TEST_ARGS.
 * `chrome` defaults to `inject('chrome')`.
 * Throws the global setup's error, if it failed, so each browser test file reports it.
 */
export async function launchBrowser(chrome?: ChromeInfo): Promise<Browser> {
  if (!chrome) checkSetup();
  const info = chrome ?? inject('chrome');
  const { chromium } = await import('playwright-core');
  const args = [...info.args, ...TEST_ARGS.filter((arg) => !info.args.includes(arg))];
  return chromium.launch({ executablePath: info.executablePath, args, headless: true, timeout: 60_000 });
}

/**
 * One browser for the calling test file: launched in beforeAll, closed in afterAll.
 * Returns a getter (the browser exists only once beforeAll has run).
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('useBrowser(): the browser is not launched (call it at the top of a test file)');
    return browser;
  };
}

export interface OpenPageOptions {
  width?: number;
  height?: number;
  /** Extra options for the new browser context (locale, reducedMotion, ...). */
  context?: Parameters<Browser['newContext']>[0];
  /** Passed to page.goto (default: waitUntil 'load'). */
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit';
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** The main document's response (null if goto returned none). */
  response: Response | null;
  /** console.error messages (page and its workers) and uncaught exceptions, as text with their location. */
  consoleErrors: string[];
  /** Every request whose URL is off this machine (see isOffOrigin), as "METHOD url". */
  offOrigin: string[];
  /** Closes the page's context. */
  close: () => Promise<void>;
}

/** Opens `url` in a fresh context of `browser`, recording console errors and off-origin requests from the start. */
export async function openPage(
  browser: Browser,
  url: string,
  { width = 1280, height = 800, context: contextOptions, waitUntil = 'load' }: OpenPageOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width, height }, ...contextOptions });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const offOrigin: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url: where, lineNumber } = message.location();
    consoleErrors.push(where ? `${message.text()} (${where}:${lineNumber})` : message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('request', (request) => {
    if (isOffOrigin(request.url())) offOrigin.push(`${request.method()} ${request.url()}`);
  });
  const response = await page.goto(url, { waitUntil });
  return { page, context, response, consoleErrors, offOrigin, close: () => context.close() };
}

/** Saves a PNG of the viewport to test-results/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const safe = name.replace(/[^\w.-]+/g, '-');
  const path = join(SCREENSHOT_DIR, `${safe}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  return path;
}

/**
 * The focused element, followed down through open shadow roots, as "localName:text" (e.g. "button:Next ›");
 * null when nothing is focused. Independent of which shadow root holds the element.
 */
export function deepFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a && a !== document.body ? `${a.localName}:${a.textContent?.trim() ?? ''}` : null;
  });
}

/** Resolves at the next animation frame of the page (after the rAF callbacks queued before it). */
export function nextFrame(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
}

/** What every page must hold: no request left this machine, and no error was logged. */
export function expectClean({ offOrigin, consoleErrors }: Pick<OpenedPage, 'offOrigin' | 'consoleErrors'>): void {
  expect(offOrigin).toEqual([]);
  expect(consoleErrors).toEqual([]);
}

/**
 * Starts recording what a Content-Security-Policy blocks in `page` (call it before `goto`): the
 * `securitypolicyviolation` event in every frame, and Chromium's console lines about policies and
 * workers or Trusted Types (a blocked worker is told only there, with no event in the page). Returns a function that
 * gives everything recorded so far, from every frame still open.
 */
export async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (m) => {
    if (/content.security.policy|refused to|violat|worker|trusted/i.test(m.text())) logged.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { policyViolations: string[] };
    w.policyViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.policyViolations.push(`${location.origin}: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return async () => {
    const seen: string[] = [];
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate(() => (window as unknown as { policyViolations?: string[] }).policyViolations ?? [])
        .catch(() => [] as string[]); // a frame that went away meanwhile
      seen.push(...found);
    }
    return [...seen, ...logged];
  };
}
