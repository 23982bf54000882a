/**
 * Which chapter is active, decided from where the chapters are on screen. Scroll position is the
 * single source of truth: the answer depends only on the current layout, never on the order in
 * which chapters were entered, so a fast fling, a reload or a deep link all land on the right one.
 */

export interface Span {
  /** Top and bottom edges in viewport pixels (as from getBoundingClientRect). */
  top: number;
  bottom: number;
}

/**
 * `activeIndex(spans, triggerY)` returns the index of the last chapter whose top has reached the
 * trigger line, or 0 if none has yet (the reader is above the story: the first chapter's state is
 * what they will see first). Returns -1 only when there are no chapters.
 */
export function activeIndex(spans: readonly Span[], triggerY: number): number {
  if (spans.length === 0) return -1;
  let active = 0;
  for (let i = 0; i < spans.length; i++) {
    if (spans[i]!.top <= triggerY) active = i;
    else break;
  }
  return active;
}

/**
 * `triggerLine(viewportHeight, coveredTop)` is where a chapter becomes active: 40% of the way down
 * the part of the viewport that the sticky map does not cover.
 */
export function triggerLine(viewportHeight: number, coveredTop = 0): number {
  return coveredTop + (viewportHeight - coveredTop) * 0.4;
}

/** `isInView(span, viewportHeight)` tells whether any part of the element is on screen. */
export function isInView(span: Span, viewportHeight: number): boolean {
  return span.bottom > 0 && span.top < viewportHeight;
}
