/**
 * The reader's viewport, as the story measures it. On a page, it is the window's: the story's own
 * window scrolls. In the iframe embed with its parent script (`src/frame/`), it is the host page's:
 * the frame is as tall as the story and never scrolls, the host page does, and tells the frame where
 * it is. The scroll, jump and focus controllers read the viewport here, so the same code serves both.
 * It is the document's (one reader, one viewport), so it is kept per module, not per element.
 */

export interface ReaderView {
  /** Add to a client rect's `top` (or `bottom`) to place it in the reader's viewport (0 on a page). */
  offset: number;
  /** The reader's viewport height. */
  height: number;
  /**
   * Set when the host page scrolls the story (the iframe embed): scrolls the reader's view by `by`
   * pixels (positive: the text moves up). Null on a page: the window (or a scroller) scrolls itself.
   */
  scrollBy: ((by: number, smooth: boolean) => void) | null;
}

const own = (): ReaderView => ({ offset: 0, height: window.innerHeight, scrollBy: null });
let source: () => ReaderView = own;
const listeners = new Set<() => void>();

/** `readerView()` is the reader's viewport now. */
export function readerView(): ReaderView {
  return source();
}

/** `setReaderView(next)` makes `next` the reader's viewport (null: the window's again), and says so. */
export function setReaderView(next: (() => ReaderView) | null): void {
  source = next ?? own;
  viewChanged();
}

/** `viewChanged()` tells the listeners that the reader's viewport moved (the host page scrolled). */
export function viewChanged(): void {
  for (const listener of listeners) listener();
}

/** `onViewChange(listener)` calls `listener` whenever the reader's viewport moves; returns the unsubscribe. */
export function onViewChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
