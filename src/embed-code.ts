/**
 * The code a news site pastes to embed a story, as text: the script snippet, the iframe snippet and
 * the oEmbed response (whose `html` is the iframe snippet). Pure, no DOM: the story page's "Embed
 * this story" control (page-embed.ts) and the build's oEmbed files (scripts/vite-story-plugin.ts)
 * both write it from here, so the two always agree.
 */

/** The iframe's height in the snippet and in the oEmbed response (the frame's script then fits it to the story). */
export const IFRAME_HEIGHT = 600;
/** The width the oEmbed response declares (an integer is required; the iframe itself is 100% wide). */
export const OEMBED_WIDTH = 800;
/** The oEmbed `provider_name` unless the build is told another (SITE_NAME). */
export const PROVIDER_NAME = 'Story map';

export interface EmbedTarget {
  /** The site's folder: an absolute http(s) URL ending with '/', where index.html, iframe.html and embed/ are. */
  site: string;
  /**
   * The story file as the page names it (`<story-map src>` or `?story=`): a path relative to the site
   * (`data/story.json`) or an absolute URL.
   */
  story: string;
  /** The story's title ('' when not known yet). */
  title: string;
}

/** `escapeHtml(text)` is `text` safe inside an HTML attribute value in double quotes, or as text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `siteFolder(page)` is the folder of the page's URL (`https://h/a/index.html?x#y` → `https://h/a/`). */
export function siteFolder(page: string): string {
  return new URL('./', page).href;
}

/** `siteUrl(value)` checks a site URL given to the build (SITE_URL): absolute http(s), made to end with '/'. */
export function siteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL must be an absolute http(s) URL, such as https://news.example/story-map/ (got ${value})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`SITE_URL must be an http(s) URL (got ${value})`);
  }
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * `queryValue(text)` percent-encodes a `?story=` value, leaving `/`, `:`, `@` and `,` readable
 * (`data/story.json` stays as it is; `&`, `#`, `+` and spaces are encoded).
 */
export function queryValue(text: string): string {
  return encodeURIComponent(text).replace(/%(?:2F|3A|40|2C)/gi, (c) => decodeURIComponent(c));
}

/** `iframeTitle(title)`: the iframe's accessible name. */
export function iframeTitle(title: string): string {
  return title.trim() ? `Story map: ${title.trim()}` : 'Story map';
}

/** `scriptSnippet(target)`: the embed bundle and the element, with absolute URLs. */
export function scriptSnippet({ site, story }: EmbedTarget): string {
  const bundle = new URL('embed/story-map.js', site).href;
  const src = new URL(story, site).href;
  return [
    `<script type="module" src="${escapeHtml(bundle)}"></script>`,
    `<story-map src="${escapeHtml(src)}"></story-map>`,
  ].join('\n');
}

/** `iframeSrc(target)`: iframe.html opening the story (named as the page names it: relative paths stay relative to the site). */
export function iframeSrc({ site, story }: Pick<EmbedTarget, 'site' | 'story'>): string {
  return `${new URL('iframe.html', site).href}?story=${queryValue(story)}`;
}

/** `iframeSnippet(target)`: the iframe and the script that fits its height to the story (embed/frame.js). */
export function iframeSnippet(target: EmbedTarget): string {
  const frame = new URL('embed/frame.js', target.site).href;
  return [
    `<iframe src="${escapeHtml(iframeSrc(target))}" title="${escapeHtml(iframeTitle(target.title))}" width="100%" height="${IFRAME_HEIGHT}" data-story-map-frame></iframe>`,
    `<script async src="${escapeHtml(frame)}"></script>`,
  ].join('\n');
}

/** `oembedPath(story)`: where a story file's oEmbed response is, next to it (`data/story.json` → `data/story.oembed.json`). */
export function oembedPath(story: string): string {
  const [path = '', rest = ''] = story.split(/(?=[?#])/, 2);
  return `${path.replace(/(\.json)?$/i, '.oembed.json')}${rest}`;
}

/** An oEmbed 1.0 response of type "rich" (https://oembed.com/, section 2.3.4). */
export interface OEmbedRich {
  version: '1.0';
  type: 'rich';
  title: string;
  provider_name: string;
  provider_url: string;
  html: string;
  width: number;
  height: number;
}

/** `oembed(target, providerName)`: the oEmbed response for a story; `target.site` must be absolute. */
export function oembed(target: EmbedTarget, providerName: string = PROVIDER_NAME): OEmbedRich {
  return {
    version: '1.0',
    type: 'rich',
    title: target.title,
    provider_name: providerName,
    provider_url: target.site,
    html: iframeSnippet(target),
    width: OEMBED_WIDTH,
    height: IFRAME_HEIGHT,
  };
}

/** `oembedLink(href, title)`: the discovery link for a page's head. */
export function oembedLink(href: string, title: string): string {
  return `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(href)}" title="${escapeHtml(title)}">`;
}
