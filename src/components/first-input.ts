/**
 * `readerHasActed()` resolves at the reader's first input (a key, a pointer, a wheel, a touch or a
 * scroll). Work that scrolls an element by script waits for it: a programmatic scroll before any
 * input makes Chromium stop measuring Largest Contentful Paint, and the page then reports none.
 */
const INPUTS = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'scroll'] as const;

let acted: Promise<void> | null = null;

export function readerHasActed(): Promise<void> {
  acted ??= new Promise<void>((resolve) => {
    const done = () => {
      for (const type of INPUTS) window.removeEventListener(type, done, { capture: true });
      resolve();
    };
    for (const type of INPUTS) window.addEventListener(type, done, { capture: true, passive: true });
  });
  return acted;
}
