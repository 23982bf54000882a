// The browser harness end to end: the built site is served on localhost, Chromium opens it, and the page
// answers 200 with zero console errors and zero requests leaving localhost.
import { describe, expect, it } from 'vitest';
import { baseUrl, openPage, screenshot, useBrowser } from './page.ts';

describe('browser harness', () => {
  const browser = useBrowser();

  it('serves the built site on localhost', () => {
    expect(new URL(baseUrl()).hostname).toMatch(/^(127\.0\.0\.1|localhost)$/);
  });

  it('opens the page: HTTP 200, no console errors, no off-origin requests', async () => {
    const { page, response, consoleErrors, offOrigin, close } = await openPage(browser(), baseUrl(), {
      width: 1280,
      height: 800,
    });
    try {
      expect(response?.status()).toBe(200);
      // Give scripts a moment to run (and fail) after load.
      await page.waitForTimeout(500);
      await screenshot(page, 'harness-home');
      expect(consoleErrors).toEqual([]);
      expect(offOrigin).toEqual([]);
    } finally {
      await close();
    }
  });
});
