// The site built with SITE_URL: an oEmbed response next to every story file, and the discovery link
// in the page's head (README, "oEmbed"). A real `vite build` of the project, into a temp folder.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SITE = 'https://news.example/story-map/';
const out = mkdtempSync(join(tmpdir(), 'story-map-oembed-'));

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the build with SITE_URL', () => {
  it('writes each story its oEmbed response, and the page its discovery link', async () => {
    const before = process.env.SITE_URL;
    process.env.SITE_URL = SITE;
    try {
      await build({
        root: ROOT,
        configFile: join(ROOT, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir: out, emptyOutDir: true },
      });
    } finally {
      if (before === undefined) delete process.env.SITE_URL;
      else process.env.SITE_URL = before;
    }
    const read = (path: string) => JSON.parse(readFileSync(join(out, path), 'utf8'));
    const main = read('data/story.oembed.json');
    expect(main).toMatchObject({ version: '1.0', type: 'rich', provider_url: SITE, width: 800, height: 600 });
    expect(main.title).toBe(JSON.parse(readFileSync(join(ROOT, 'data/story.json'), 'utf8')).title);
    expect(main.html).toContain(`<iframe src="${SITE}iframe.html?story=data/story.json"`);
    expect(main.html).toContain(`<script async src="${SITE}embed/frame.js"></script>`);
    expect(read('data/examples/panama-canal/story.oembed.json').html).toContain(
      `${SITE}iframe.html?story=data/examples/panama-canal/story.json`,
    );
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toMatch(
      new RegExp(`<link rel="alternate" type="application/json\\+oembed" href="${SITE}data/story.oembed.json"`),
    );
    // The responses are assets of the site, beside the story files they describe.
    expect(existsSync(join(out, 'data/story.json'))).toBe(true);
  }, 60_000);
});
