/**
 * The frame's half of the iframe embed (`iframe.html`): the story as tall as itself, driven by the
 * host page's scroll when the host runs the parent script (`parent.ts`, `dist/embed/frame.js`).
 *
 * - It tells the parent the story's height whenever it changes (AMP's `embed-size`, and Pym.js's
 *   height message when Pym made the frame), to the parent's origin when known (else to any: a height
 *   is no secret). A parent that resizes the frame makes the frame's `vh` the story's height, so the
 *   story's viewport-relative sizes use `--sm-vh` instead: 1% of the host's viewport height, or of the
 *   frame's own height but never more than the screen's (so a Pym or AMP host, which only resizes,
 *   cannot make the story grow with every resize).
 * - It takes messages only from `window.parent` and from the parent's exact origin
 *   (`parentOrigin`: `location.ancestorOrigins`, else the referrer), and only of the exact shape
 *   (`readViewport`). From the first one on, the reader's viewport is the host's (`setReaderView`):
 *   chapters are measured in it, the panel is kept in view in it, and jumps ask the host to scroll.
 *   Until then (no parent script, or no origin known) the frame scrolls by itself, as a page does.
 * - It never navigates the parent: the page's links open in a new tab (`<base target="_blank">` in
 *   `iframe.html`, which implies `rel="noopener"`).
 */
import { readerActs } from '../components/first-input.ts';
import { setReaderView, viewChanged } from '../scroll/viewport.ts';
import { hashId } from '../story/url.ts';
import {
  ampSize,
  type HostViewport,
  isInput,
  isPing,
  parentOrigin,
  pymHeight,
  readViewport,
  scrollRequest,
} from './protocol.ts';

/** `connectFrame()` starts the frame's half of the embed; nothing happens unless the page is in a frame. */
export function connectFrame(): void {
  if (window.parent === window) return;
  const origin = parentOrigin(location.ancestorOrigins, document.referrer);
  const childId = new URLSearchParams(location.search).get('childId');
  const send = (message: unknown): void => window.parent.postMessage(message, origin ?? '*');
  const root = document.documentElement;
  let host: HostViewport | null = null;
  let sent = -1;

  const setVh = (): void => {
    const height = host ? host.height : Math.min(window.innerHeight, screen.height || window.innerHeight);
    root.style.setProperty('--sm-vh', `${height / 100}px`);
  };
  const sendHeight = (): void => {
    const height = Math.ceil(document.body.getBoundingClientRect().bottom + window.scrollY);
    if (height === sent) return;
    sent = height;
    send(ampSize(height));
    if (childId) send(pymHeight(childId, height));
  };

  setVh();
  window.addEventListener('resize', () => host || setVh(), { passive: true });
  // Chromium does not render a cross-origin frame out of view (no ResizeObserver, no animation
  // frames): the height is also sent at once, when the text changes, and with every viewport message.
  sendHeight();
  new ResizeObserver(sendHeight).observe(document.body);
  new MutationObserver(sendHeight).observe(document.body, { childList: true, subtree: true });
  if (!origin) return;

  window.addEventListener('message', (e) => {
    if (e.source !== window.parent || e.origin !== origin) return;
    // The reader acted in the host page: the map loads, as at an input here (see first-input.ts).
    if (isInput(e.data)) {
      readerActs();
      return;
    }
    if (isPing(e.data)) {
      sent = -1;
      sendHeight();
      return;
    }
    const next = readViewport(e.data);
    if (!next) return;
    const first = host === null;
    const resized = next.height !== host?.height;
    host = next;
    if (resized) setVh();
    if (!first) {
      viewChanged();
      sendHeight();
      return;
    }
    // A chapter the frame showed by itself (its deep link, or the reader's scroll, which the hash
    // follows) is shown in the host: read it before the host's viewport moves the reader.
    const shown = hashId(location.hash);
    setReaderView(() => ({
      offset: host!.top,
      height: host!.height,
      // The reader's view starts at -offset in the frame's viewport; the host scrolls in the frame's pixels.
      scrollBy: (by, smooth) => send(scrollRequest(window.scrollY - host!.top + by, smooth)),
    }));
    // The parent may have come after the first height: say it again.
    sent = -1;
    sendHeight();
    if (shown) void showChapter(shown);
  });
}

/**
 * Once hosted: if `id` is a chapter of the story shown, the host scrolls to it. (Before the story has
 * loaded, the element takes the hash itself, in the host's viewport already.)
 */
async function showChapter(id: string): Promise<void> {
  const element = document.querySelector('story-map');
  if (!element) return;
  await customElements.whenDefined('story-map');
  if (element.chapterElements.some((c) => c.dataset.chapter === id)) void element.goTo(id);
}
