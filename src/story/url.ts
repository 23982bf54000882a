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

/** `hashId(hash)` is the id named by a URL hash (`#cecot` → `cecot`), decoded. */
export function hashId(hash: string): string {
  return safeDecode(hash.replace(/^#/, ''));
}

/**
 * `sameOriginStory(value, page)` is `value` when it names a file on the page's own origin, else
 * null. The story page accepts `?story=` only for such files, so a link cannot make a site show a
 * story written by someone else under its name.
 */
export function sameOriginStory(value: string | null, page: string): string | null {
  if (!value) return null;
  try {
    return new URL(value, page).origin === new URL(page).origin ? value : null;
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
