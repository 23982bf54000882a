/**
 * The parent script, `dist/embed/frame.js`: the host page's half of the iframe embed. A classic
 * script (`<script async src>`), self-contained (it imports nothing, so the build keeps it one file)
 * and small (under 1 KiB gzipped). For every `iframe[data-story-map-frame]` on the page, also those
 * added later (they are looked up when a message comes or the page scrolls, never registered):
 *
 * - it sizes the frame to the story's height, from the frame's AMP-style `embed-size` message;
 * - it tells the frame where it is in the host's viewport (`{sentinel: 'story-map', type: 'viewport',
 *   top, height}`: the frame's content top in viewport pixels and the viewport's height), once a frame
 *   while the page scrolls or resizes, and in answer to any message of the frame (only frames that
 *   have sent one are told: before, a frame may still hold about:blank); at start it pings the frames
 *   (`{sentinel: 'story-map', type: 'ping'}`, carrying nothing) so that those loaded before it speak again;
 * - it scrolls the host page when the frame asks (`{sentinel: 'story-map', type: 'scroll', top,
 *   smooth}`: bring the frame's `top` pixel to the top of the viewport).
 *
 * A message counts only when it comes from a story frame's window (`event.source`) and from the origin
 * of that frame's `src`, with the exact shape; anything else changes nothing. Sizes are set through the
 * CSSOM (`style.height`), which a strict `style-src` allows. Loaded twice, it runs once.
 */
(() => {
  const w = window as Window & { storyMapFrame?: boolean };
  if (w.storyMapFrame) return;
  w.storyMapFrame = true;
  const frames = () => document.querySelectorAll<HTMLIFrameElement>('iframe[data-story-map-frame]');
  const originOf = (frame: HTMLIFrameElement): string => {
    try {
      return new URL(frame.src, location.href).origin;
    } catch {
      return '';
    }
  };
  const tell = (frame: HTMLIFrameElement): void => {
    const origin = originOf(frame);
    if (!/^https?:/.test(origin)) return;
    const top = frame.getBoundingClientRect().top + frame.clientTop;
    frame.contentWindow?.postMessage({ sentinel: 'story-map', type: 'viewport', top, height: innerHeight }, origin);
  };
  // Frames that have spoken: only they are told (before, a frame may still be about:blank).
  const greeted = new WeakSet<HTMLIFrameElement>();
  let queued = 0;
  const tellAll = (): void => {
    queued = 0;
    for (const frame of frames()) if (greeted.has(frame)) tell(frame);
  };
  const schedule = (): void => {
    if (!queued) queued = requestAnimationFrame(tellAll);
  };
  addEventListener('scroll', schedule, { capture: true, passive: true });
  // The reader's first input in the article: the frames load their maps then (not during the load,
  // nor when an ad above them moves them).
  let acted = false;
  const sayInput = (frame: HTMLIFrameElement): void => {
    const origin = originOf(frame);
    if (/^https?:/.test(origin)) frame.contentWindow?.postMessage({ sentinel: 'story-map', type: 'input' }, origin);
  };
  const inputs = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'scroll'];
  const act = (): void => {
    acted = true;
    for (const type of inputs) removeEventListener(type, act, true);
    for (const frame of frames()) if (greeted.has(frame)) sayInput(frame);
  };
  for (const type of inputs) addEventListener(type, act, { capture: true, passive: true });
  addEventListener('resize', schedule, { passive: true });
  // The article's layout moved with no scroll (an image or an ad above the frame loaded): tell them.
  new ResizeObserver(schedule).observe(document.documentElement);
  addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m !== 'object') return;
    for (const frame of frames()) {
      if (frame.contentWindow !== event.source || event.origin !== originOf(frame)) continue;
      const { sentinel, type, height, top } = m;
      const n = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
      if (sentinel === 'amp' && type === 'embed-size' && n(height) && height > 0 && height < 1e6) {
        frame.style.height = `${Math.ceil(height)}px`;
        // The frames below it moved: tell them all.
        schedule();
      } else if (sentinel === 'story-map' && type === 'scroll' && n(top) && top >= 0 && top <= frame.clientHeight) {
        const y = scrollY + frame.getBoundingClientRect().top + frame.clientTop + top;
        scrollTo({ top: y, behavior: m.smooth === true ? 'smooth' : 'instant' });
      } else return;
      if (acted && !greeted.has(frame)) sayInput(frame);
      greeted.add(frame);
      tell(frame);
    }
  });
  // Frames that loaded before this script said their height to no one: ask them again. The ping
  // carries nothing, so it may go to whatever document the frame holds ('*').
  for (const frame of frames()) frame.contentWindow?.postMessage({ sentinel: 'story-map', type: 'ping' }, '*');
})();
