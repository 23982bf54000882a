// The browser harness end to end: the built site is served on localhost, Chromium opens it, and the page
// answers 200 with zero console errors and zero requests leaving localhost.
import { describe, expect, it } from 'vitest';
import { baseUrl, expectClean, openPage, screenshot, useBrowser } from './page.ts';
import { settle } from './story.ts';

const browser = useBrowser();

describe('browser harness', () => {
  it('serves the production build, as readers get it (no Vite dev client, Lit not in dev mode)', async () => {
    const { page, close, consoleErrors, offOrigin } = await openPage(browser(), 'about:blank');
    try {
      const requests: string[] = [];
      const warnings: string[] = [];
      page.on('request', (request) => requests.push(new URL(request.url()).pathname));
      page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()));
      await page.goto(baseUrl());
      await settle(page);
      // The built page, not the dev server's: bundled assets, no Vite client, no source modules.
      expect(requests).toContain('/');
      expect(
        requests.filter((path) => path.startsWith('/@') || path.startsWith('/src/') || path.endsWith('.ts')),
      ).toEqual([]);
      expect(requests.some((path) => /^\/assets\/[^/]+\.js$/.test(path))).toBe(true);
      // Lit's development build keeps a set of the warnings it issued and says it is in dev mode.
      expect(await page.evaluate(() => 'litIssuedWarnings' in globalThis)).toBe(false);
      expect(warnings.filter((w) => /dev mode/i.test(w))).toEqual([]);
      expectClean({ consoleErrors, offOrigin });
    } finally {
      await close();
    }
  });

  it('opens the page: HTTP 200, no console errors, no off-origin requests', async () => {
    const { page, response, consoleErrors, offOrigin, close } = await openPage(browser(), baseUrl(), {
      width: 1280,
      height: 800,
    });
    try {
      expect(response?.status()).toBe(200);
      // Every script has run (and could have failed) once the element has its map drawn.
      await settle(page);
      await screenshot(page, 'harness-home');
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });
});
