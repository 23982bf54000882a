/**
 * Vite plugin: puts the default story's text into index.html at build (and on every dev request),
 * so the page reads before any script runs, and ships the editor's data folder with the site.
 *
 * oEmbed: when the build knows the site's address (`siteUrl`, from the SITE_URL environment variable),
 * it writes an oEmbed response next to every story file in the data folder (`data/story.json` →
 * `data/story.oembed.json`, also `data/examples/<name>/story.json`), and puts the default story's
 * discovery link in the page's head. Both need absolute URLs, and a CMS reads them without running
 * any script, so without SITE_URL the build writes neither (and says so).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import { normalizeStory, type StoryData } from '../src/story/normalize.ts';
import { storyTemplate } from '../src/story/render.ts';
import { createHash } from 'node:crypto';
import { PRINT_FRAME, PRINT_SIZE, printStill, stillFigure, stillMap } from '../src/still/figure.ts';
import { standaloneSvg, stillStyles } from '../src/still/standalone.ts';
import { decodeBasemap } from '../src/map/basemap.ts';
import type { Topology } from 'topojson-specification';
import { fingerprint } from '../src/story/fingerprint.ts';
import { formatIssue } from '../src/story/issues.ts';
import { type Chapter, LAYERS } from '../src/story/types.ts';
import { escapeHtml, oembed, oembedLink, oembedPath, PROVIDER_NAME, siteUrl } from '../src/embed-code.ts';

export interface StoryPluginOptions {
  /** The data folder, copied to the site as `data/`. */
  dataDir: string;
  /** The default story, relative to the project root (the page's `src` attribute names it too). */
  story: string;
  /**
   * The address the built site will be served from (absolute, e.g. `https://news.example/story-map/`).
   * Default: the SITE_URL environment variable. Without it, no oEmbed files and no discovery link.
   */
  siteUrl?: string;
  /** The oEmbed `provider_name`. Default: the SITE_NAME environment variable, else 'Story map'. */
  providerName?: string;
}

/** The story files in the data folder (every `story.json`, outside the basemap), relative to it, '/'-separated. */
export async function storyFiles(dataDir: string): Promise<string[]> {
  return (await listFiles(dataDir))
    .map((path) => relative(dataDir, path).split(sep).join('/'))
    .filter((rel) => posix.basename(rel) === 'story.json' && !rel.startsWith('basemap/'))
    .sort();
}

/**
 * `oembedFile(site, path, storyText, providerName)`: the oEmbed response (JSON text) for the story
 * file at `path` on the site (`data/story.json`), from the file's text. Null when the file is not a
 * story with a title (nothing sensible to embed).
 */
export function oembedFile(site: string, path: string, storyText: string, providerName = PROVIDER_NAME): string | null {
  let title: unknown;
  try {
    title = (JSON.parse(storyText) as { title?: unknown }).title;
  } catch {
    return null;
  }
  if (typeof title !== 'string' || !title.trim()) return null;
  return `${JSON.stringify(oembed({ site, story: path, title: title.trim() }, providerName), null, 2)}\n`;
}

/** The offline basemap the map draws (the engine bundles the same file), relative to the project root. */
export const BASEMAP = 'data/basemap/americas.json';

const stripLit = (html: string) => html.replace(/<!--\/?lit-(?:part|node)[^>]*-->/g, '');

/**
 * Renders the story file to HTML, as the element would, without Lit's hydration comments: the
 * header, then the first chapter's static map (`still`: src/still/figure.ts, both layouts), then
 * the chapters, each with its print figure (`printStill`), whose map is a standalone SVG file
 * (`files`: its path in the site, `assets/print-<hash>.svg`, and its text), fetched only to print.
 */
export async function prerender(
  root: string,
  storyPath: string,
): Promise<{ html: string; title: string; description: string | null; still: string; files: Map<string, string> }> {
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
    try {
      data[layer] = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      // An editor's mistake, not the build's end: the page is built without the layer, and the
      // element names the file's problem in the browser (with its line), as the checker does.
      console.warn(
        `[story] ${storyPath}: the ${layer} file ${JSON.stringify(ref)} could not be read (${(error as Error).message.split('\n')[0]}); the page is built without it`,
      );
    }
  }
  const { story, issues } = normalizeStory(input, data, files);
  for (const issue of issues) console.warn(`[story] ${formatIssue(issue)}`);
  const basemap = decodeBasemap(JSON.parse(await readFile(resolve(root, BASEMAP), 'utf8')) as Topology);
  const styles = stillStyles(
    await readFile(resolve(root, 'src/theme.css'), 'utf8'),
    await readFile(resolve(root, 'src/story/text.css'), 'utf8'),
  );
  const printFiles = new Map<string, string>();
  const printSrc = (chapter: Chapter) => {
    const map = ssr(stillMap({ story, basemap, chapter, frame: PRINT_FRAME }));
    const svg = standaloneSvg(map, styles, PRINT_SIZE);
    const path = `assets/print-${createHash('sha256').update(svg).digest('hex').slice(0, 10)}.svg`;
    printFiles.set(path, svg);
    return path;
  };
  const extras = { printStill: (chapter: Chapter) => printStill({ story, chapter, src: printSrc(chapter) }) };
  const text_ = ssr(storyTemplate(story, fingerprint(text), extras));
  const first = story.chapters[0];
  const still = first ? ssr(stillFigure({ story, basemap, chapter: first })) : '';
  // The figure goes between the header and the article: the panel's place in the narrow layout.
  const cut = text_.indexOf('<article');
  const html = cut < 0 ? text_ + still : text_.slice(0, cut) + still + text_.slice(cut);
  return { html, title: story.title, description: story.dek, still, files: printFiles };
}

const ssr = (template: unknown) => stripLit(collectResultSync(render(template)));

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

export function storyPlugin(options: StoryPluginOptions): Plugin {
  let root = process.cwd();
  const given = options.siteUrl ?? process.env.SITE_URL?.trim();
  const site = given ? siteUrl(given) : null;
  const providerName = options.providerName ?? (process.env.SITE_NAME?.trim() || PROVIDER_NAME);
  /** The default story's path on the site: `data/…`, as the page's `src` attribute names it. */
  const storyOnSite = () =>
    posix.join('data', relative(resolve(root, options.dataDir), resolve(root, options.story)).split(sep).join('/'));
  let building = false;
  /** The build's prerender, made once for its pages and its print files. */
  let built: ReturnType<typeof prerender> | null = null;
  /** The dev server's print files, from the page it served last. */
  let served = new Map<string, string>();
  const page = () => {
    if (!building) return prerender(root, options.story);
    built ??= prerender(root, options.story);
    return built;
  };
  return {
    name: 'story-map:prerender',
    configResolved(config) {
      root = config.root;
      building = config.command === 'build';
      if (config.command === 'build' && !site) {
        config.logger.warn(
          'story-map: SITE_URL is not set, so the build writes no oEmbed files and no discovery link (see README, "oEmbed").',
        );
      }
    },
    async transformIndexHtml(html) {
      if (!html.includes('<!--story-->')) return html;
      const page_ = await page();
      served = page_.files;
      // Replacement functions: a `$` in the story's text must not be read as a replacement pattern.
      let out = html
        .replace('<!--story-->', () => page_.html)
        .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(page_.title)}</title>`);
      const description = page_.description;
      if (description) {
        out = out.replace(
          '</title>',
          () => `</title>\n    <meta name="description" content="${escapeHtml(description)}">`,
        );
      }
      if (site) {
        const link = oembedLink(new URL(oembedPath(storyOnSite()), site).href, page_.title);
        out = out.replace('</title>', () => `</title>\n    ${link}`);
      }
      return out;
    },
    configureServer(server) {
      // The print figures' maps of the page served last (the build writes them as files).
      server.middlewares.use((req, res, next) => {
        const svg = served.get((req.url ?? '').split('?')[0]!.replace(/^\//, ''));
        if (svg === undefined) return next();
        res.setHeader('Content-Type', 'image/svg+xml');
        res.end(svg);
      });
    },
    async generateBundle() {
      for (const [fileName, source] of (await page()).files) this.emitFile({ type: 'asset', fileName, source });
      // Ship the editor's data (stories and GeoJSON) as data/…; the basemap is bundled as an asset.
      const dataDir = resolve(root, options.dataDir);
      for (const path of await listFiles(dataDir)) {
        const rel = relative(dataDir, path).split(sep).join('/');
        if (rel.startsWith('basemap/') || rel.endsWith('.md')) continue;
        this.emitFile({ type: 'asset', fileName: posix.join('data', rel), source: await readFile(path) });
      }
      if (!site) return;
      for (const rel of await storyFiles(dataDir)) {
        const path = posix.join('data', rel);
        const json = oembedFile(site, path, await readFile(join(dataDir, rel), 'utf8'), providerName);
        if (json) this.emitFile({ type: 'asset', fileName: oembedPath(path), source: json });
        else this.warn(`${path}: no title, so no oEmbed response`);
      }
    },
  };
}
