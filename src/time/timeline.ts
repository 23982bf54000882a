/**
 * The timeline's decisions, taken out of `<story-timeline>` so they can be tested without a
 * browser: which chapter the cursor marks, where the cursor is, which event holds the list's one
 * tab stop, and where an arrow key leads. The component only wires these to the DOM.
 */
import type { Chapter, TimelineEvent } from '../story/types.ts';

/**
 * `cursorChapter(chapters, active)` is the chapter whose events the cursor marks: the active
 * chapter if it has events, otherwise the nearest earlier chapter that has some (a chapter
 * without dates goes on from the last dated one). Null when no chapter is active or none up to
 * it has events.
 */
export function cursorChapter(chapters: readonly Chapter[], active: string | null): Chapter | null {
  const at = chapters.findIndex((c) => c.id === active);
  for (let i = at; i >= 0; i--) {
    const c = chapters[i]!;
    if (c.period) return c;
  }
  return null;
}

/**
 * `cursorSpan(events, xs, chapter)` is [left, right] in pixels of the events of `chapter` (the
 * id of the chapter being read), `xs` being each event's x; null when it has none.
 */
export function cursorSpan(
  events: readonly TimelineEvent[],
  xs: readonly number[],
  chapter: string | null,
): [number, number] | null {
  if (chapter === null) return null;
  let left = Infinity;
  let right = -Infinity;
  events.forEach((e, i) => {
    const x = xs[i];
    if (e.chapter !== chapter || x === undefined) return;
    left = Math.min(left, x);
    right = Math.max(right, x);
  });
  return left <= right ? [left, right] : null;
}

/**
 * `tabStop(events, chapter, current, inList)` is the index of the event that holds the list's
 * one tab stop once the reading moves to `chapter`: its first event, so Tab lands where the
 * reader is. It stays at `current` while the reader is moving through the list (`inList`), or
 * when the chapter has no events.
 */
export function tabStop(
  events: readonly TimelineEvent[],
  chapter: string | null,
  current: number,
  inList: boolean,
): number {
  if (inList || chapter === null) return current;
  const first = events.findIndex((e) => e.chapter === chapter);
  return first >= 0 ? first : current;
}

/** Where each key leads, from event `i` of `count`. */
const KEY_STEPS: Record<string, (i: number, count: number) => number> = {
  ArrowRight: (i) => i + 1,
  ArrowDown: (i) => i + 1,
  ArrowLeft: (i) => i - 1,
  ArrowUp: (i) => i - 1,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/**
 * `keyTarget(key, i, count)` is the index of the event that `key` (a `KeyboardEvent.key`) moves
 * to from event `i` of `count`: the next or previous one for the arrow keys (stopping at the
 * ends), the first for Home, the last for End. Null for any other key, which the list leaves
 * to the browser.
 */
export function keyTarget(key: string, i: number, count: number): number | null {
  const step = Object.hasOwn(KEY_STEPS, key) ? KEY_STEPS[key] : undefined;
  if (!step || count <= 0) return null;
  return Math.max(0, Math.min(count - 1, step(i, count)));
}

/**
 * `revealScroll(scrollLeft, clientWidth, x, room)` is where a sideways scroller showing
 * [scrollLeft, scrollLeft + clientWidth] of the timeline scrolls to so that an event at x is in
 * view with `room` pixels on each side: the same place when it already is, else the least move.
 */
export function revealScroll(scrollLeft: number, clientWidth: number, x: number, room: number): number {
  if (x - room < scrollLeft) return Math.max(0, x - room);
  if (x + room > scrollLeft + clientWidth) return x + room - clientWidth;
  return scrollLeft;
}
