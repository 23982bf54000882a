/**
 * Vite plugin: puts the default story's text into index.html at build (and on every dev request),
 * so the page reads before any script runs, and ships the editor's data folder with the site.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { normalizeStory, type StoryData } from '../src/story/normalize.ts';
import { storyTemplate } from '../src/story/render.ts';
import { fingerprint } from '../src/story/fingerprint.ts';
import { formatIssue } from '../src/story/issues.ts';
import { LAYERS } from '../src/story/types.ts';

export interface StoryPluginOptions {
  /** The data folder, copied to the site as `data/`. */
  dataDir: string;
  /** The default story, relative to the project root (the page's `src` attribute names it too). */
  story: string;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Renders the story file to HTML, as the element would, without Lit's hydration comments. */
export async function prerender(
  root: string,
  storyPath: string,
): Promise<{ html: string; title: string; description: string | null }> {
  const file = resolve(root, storyPath);
  const text = await readFile(file, 'utf8');
  const input = JSON.parse(text) as { data?: Record<string, string> };
  const data: StoryData = {};
  const files = { story: storyPath } as Record<string, string> & { story: string };
  for (const layer of LAYERS) {
    const ref = input.data?.[layer];
    if (typeof ref !== 'string') continue;
    const path = resolve(file, '..', ref);
    files[layer] = relative(root, path).split(sep).join('/');
    data[layer] = JSON.parse(await readFile(path, 'utf8'));
  }
  const { story, issues } = normalizeStory(input, data, files);
  for (const issue of issues) console.warn(`[story] ${formatIssue(issue)}`);
  const html = collectResultSync(render(storyTemplate(story, fingerprint(text)))).replace(
    /<!--\/?lit-(?:part|node)[^>]*-->/g,
    '',
  );
  return { html, title: story.title, description: story.dek };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export function storyPlugin(options: StoryPluginOptions): Plugin {
  let root = process.cwd();
  return {
    name: 'story-map:prerender',
    configResolved(config) {
      root = config.root;
    },
    async transformIndexHtml(html) {
      if (!html.includes('<!--story-->')) return html;
      const page = await prerender(root, options.story);
      // Replacement functions: a `$` in the story's text must not be read as a replacement pattern.
      let out = html
        .replace('<!--story-->', () => page.html)
        .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page.title)}</title>`);
      const description = page.description;
      if (description) {
        out = out.replace(
          '</title>',
          () => `</title>\n    <meta name="description" content="${escapeHtml(description)}">`,
        );
      }
      return out;
    },
    async generateBundle() {
      // Ship the editor's data (stories and GeoJSON) as data/…; the basemap is bundled as an asset.
      const dataDir = resolve(root, options.dataDir);
      for (const path of await listFiles(dataDir)) {
        const rel = relative(dataDir, path).split(sep).join('/');
        if (rel.startsWith('basemap/') || rel.endsWith('.md')) continue;
        this.emitFile({ type: 'asset', fileName: posix.join('data', rel), source: await readFile(path) });
      }
    },
  };
}
