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

/**
 * `panelCover(panel, hostWidth, viewportHeight)` is how the sticky panel sits over the text: on
 * phones it spans the element's width above the text, so it covers the top of the viewport down to
 * its bottom edge (`top`) and chapters must keep `height` pixels clear when scrolled to; beside the
 * text it covers nothing.
 */
export function panelCover(panel: Span & { width: number; height: number }, hostWidth: number, viewportHeight: number) {
  const above = panel.width >= hostWidth * 0.9;
  return {
    top: above ? Math.max(0, Math.min(panel.bottom, viewportHeight)) : 0,
    height: above ? Math.round(panel.height) : 0,
  };
}

/** Where things are when an element inside a chapter receives the keyboard focus. */
export interface FocusLayout {
  /** Top of the focused element's chapter, and of the next chapter (Infinity when it is the last). */
  sectionTop: number;
  nextTop: number;
  /** The focused element's edges. */
  target: Span;
  /** The trigger line (see `triggerLine`) and the part of the viewport the panel covers. */
  trigger: number;
  covered: number;
  viewportHeight: number;
}

/**
 * `focusScrollDelta(layout)` is how far to scroll (positive: content moves up) so that the focused
 * element's chapter is the one at the trigger line and the element itself is on screen, clear of
 * the sticky panel; 0 when both already hold.
 */
export function focusScrollDelta({
  sectionTop,
  nextTop,
  target,
  trigger,
  covered,
  viewportHeight,
}: FocusLayout): number {
  // The chapter starts below the line: move up to it. The next chapter has reached it: move down.
  let by = sectionTop > trigger - 2 ? sectionTop - (trigger - 2) : nextTop <= trigger ? nextTop - (trigger + 2) : 0;
  if (target.top - by < covered + 8) by = target.top - (covered + 16);
  else if (target.bottom - by > viewportHeight - 8) by = target.bottom - (viewportHeight - 16);
  return Math.abs(by) >= 1 ? by : 0;
}

/**
 * `stickyShift(panel, containerBottom)` is how far to move the panel down from where the layout puts
 * it (`panel.top`, without the shift) so that it behaves as `position: sticky; top: 0` in the reader's
 * viewport when its own window does not scroll (the iframe embed, which the host page scrolls): 0
 * until its top reaches the top of the viewport, then as far as the reader has scrolled past, never
 * beyond the bottom of its container. Everything in reader-viewport pixels.
 */
export function stickyShift(panel: { top: number; height: number }, containerBottom: number): number {
  return Math.max(0, Math.min(-panel.top, containerBottom - panel.top - panel.height));
}
