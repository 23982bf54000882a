/**
 * `fingerprint(text)` is a short fingerprint (FNV-1a, 32 bits, hex) of a story file's text. The
 * page built from a story carries it, so the browser can tell whether the text in the page was
 * rendered from the file it just loaded, or the file has been edited since the build.
 */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
