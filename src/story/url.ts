/**
 * URL helpers that never throw: the page's URL is written by whoever made the link, so malformed
 * input is expected, not exceptional.
 */

/** `safeDecode(text)` is `decodeURIComponent(text)`, or `text` itself when it is not valid %-encoding. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * `hashFor(id)` is the URL hash that names chapter `id` (`cecot` → `#cecot`), percent-encoded. A lone
 * surrogate (half of a UTF-16 pair: the checker rejects such an id, but the page still reads it) has
 * no percent-encoding, and `encodeURIComponent` throws on it: it is written as U+FFFD, as the URL
 * parser itself would.
 */
export function hashFor(id: string): string {
  return `#${encodeURIComponent(wellFormed(id))}`;
}

/** `wellFormed(text)` is `text` with every lone surrogate replaced by U+FFFD (String#toWellFormed). */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** `hashId(hash)` is the id named by a URL hash (`#cecot` → `cecot`), decoded. */
export function hashId(hash: string): string {
  return safeDecode(hash.replace(/^#/, ''));
}

/**
 * `storyParam(value, page)` reads `?story=`: the story file's URL as given, and whether it is on
 * another site than the page (the page then says so above the story, so a link cannot pass someone
 * else's story off as this site's). Null when it is not an http(s) URL or path.
 */
export function storyParam(value: string | null, page: string): { src: string; url: URL; foreign: boolean } | null {
  if (!value) return null;
  try {
    const url = new URL(value, page);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return { src: value, url, foreign: url.origin !== new URL(page).origin };
  } catch {
    return null;
  }
}

/**
 * `safeUrl(value)` keeps web links (http, https, mailto, or relative) and drops anything else, such
 * as `javascript:` URLs. It asks the URL parser, as the browser will: the parser strips tabs,
 * newlines and leading control characters, so `java\tscript:` is seen for what it is.
 */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let protocol: string;
  try {
    protocol = new URL(value, 'https://relative.invalid/').protocol;
  } catch {
    return null;
  }
  return ['http:', 'https:', 'mailto:'].includes(protocol) ? value : null;
}
