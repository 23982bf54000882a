/**
 * `readerHasActed()` resolves at the reader's first input (a key, a pointer, a wheel, a touch or a
 * scroll). Work that scrolls an element by script waits for it: a programmatic scroll before any
 * input makes Chromium stop measuring Largest Contentful Paint, and the page then reports none. The
 * map's engine waits for it too (see src/map/panel.ts): it is not loaded for a reader who only looks.
 */
const INPUTS = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'scroll'] as const;

let acted: Promise<void> | null = null;
let act: (() => void) | null = null;

export function readerHasActed(): Promise<void> {
  acted ??= new Promise<void>((resolve) => {
    const done = () => {
      for (const type of INPUTS) window.removeEventListener(type, done, { capture: true });
      act = null;
      resolve();
    };
    act = done;
    for (const type of INPUTS) window.addEventListener(type, done, { capture: true, passive: true });
  });
  return acted;
}

/**
 * `readerActs()`: the reader acted where this window cannot see it (the page that embeds the iframe
 * scrolled, as its parent script reports).
 */
export function readerActs(): void {
  readerHasActed();
  act?.();
}
