/**
 * The messages between the iframe embed (`iframe.html`, `child.ts`) and its host page, as plain
 * functions. The parent script (`parent.ts`) checks the same shapes itself: it must import nothing.
 *
 * Frame to host:
 * - `{sentinel: 'amp', type: 'embed-size', height}`: the story's height (AMP's `amp-iframe` resize
 *   request; the parent script reads it too), and, when Pym.js made the frame (`?childId=`), Pym's
 *   `pymxPYMx<id>xPYMxheightxPYMx<px>`;
 * - `{sentinel: 'story-map', type: 'scroll', top, smooth}`: scroll the host page so that the frame's
 *   pixel `top` is at the top of the viewport.
 *
 * Host to frame: `{sentinel: 'story-map', type: 'viewport', top, height}`: the frame's content top in
 * the host's viewport, and the viewport's height, in CSS pixels; `{sentinel: 'story-map', type:
 * 'ping'}` when the parent script starts (answered with the height); and `{sentinel: 'story-map',
 * type: 'input'}` once, at the reader's first input in the host page.
 */

export const SENTINEL = 'story-map';

/** Where the host page's viewport is, seen from the frame. */
export interface HostViewport {
  /** The frame's top (its content box) in the host's viewport: negative once scrolled past. */
  top: number;
  /** The host viewport's height. */
  height: number;
}

/** The largest number of pixels either side accepts (a story is far shorter). */
const MAX = 1e6;

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) < MAX;

/**
 * `readViewport(data)` is the host's viewport from a message's data, or null when the data is not
 * exactly a viewport message (another sentinel or type, a field missing, not a finite number, a
 * height of 0 or less, or extra fields).
 */
export function readViewport(data: unknown): HostViewport | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const m = data as Record<string, unknown>;
  const keys = Object.keys(m);
  if (keys.length !== 4 || m.sentinel !== SENTINEL || m.type !== 'viewport') return null;
  if (!finite(m.top) || !finite(m.height) || m.height <= 0) return null;
  return { top: m.top, height: m.height };
}

/**
 * `isPing(data)` tells whether a message's data is exactly the parent script's ping (`{sentinel:
 * 'story-map', type: 'ping'}`), sent when it starts: a frame that loaded before it answers with its height.
 */
export function isPing(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const m = data as Record<string, unknown>;
  return Object.keys(m).length === 2 && m.sentinel === SENTINEL && m.type === 'ping';
}

/**
 * `isInput(data)` tells whether a message's data is exactly the parent script's word that the reader
 * has acted in the host page (`{sentinel: 'story-map', type: 'input'}`: a key, a pointer, a wheel, a
 * touch or a scroll there), sent once: the frame's map loads then, as at an input of its own.
 */
export function isInput(data: unknown): boolean {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return false;
  const m = data as Record<string, unknown>;
  return Object.keys(m).length === 2 && m.sentinel === SENTINEL && m.type === 'input';
}

/** `ampSize(height)` is AMP's `embed-size` request (also read by the parent script). */
export function ampSize(height: number) {
  return { sentinel: 'amp', type: 'embed-size', height } as const;
}

/** `pymHeight(id, height)` is Pym.js's height message for the child `id` (its `?childId=`). */
export function pymHeight(id: string, height: number): string {
  return ['pym', id, 'height', String(height)].join('xPYMx');
}

/** `scrollRequest(top, smooth)` asks the host page to bring the frame's pixel `top` to the top of its viewport. */
export function scrollRequest(top: number, smooth: boolean) {
  return { sentinel: SENTINEL, type: 'scroll', top: Math.max(0, Math.round(top)), smooth } as const;
}

/**
 * `parentOrigin(ancestors, referrer)` is the origin of the page that embeds the frame, the only one
 * whose messages the frame takes: `location.ancestorOrigins[0]` where the browser has it (Chromium,
 * Safari: set by the browser, neither spoofable nor removed by a referrer policy), else the origin of
 * `document.referrer` (the embedding page, for a frame that has not navigated; a host with
 * `Referrer-Policy: no-referrer` gives none). Null when neither names an http(s) origin: the frame then
 * takes no message and scrolls by itself.
 */
export function parentOrigin(ancestors: ArrayLike<string> | undefined, referrer: string): string | null {
  const candidate = ancestors && ancestors.length > 0 ? ancestors[0]! : referrer;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
