/**
 * Which chapter a click on the map leads to.
 */
import type { Chapter, Story } from './types.ts';

/**
 * `chapterForFeature(story, id, from)` returns the next chapter after `from` that highlights the
 * feature, wrapping around to the start; or, if none highlights it, the next that shows it at all.
 * Null when no chapter shows it.
 */
export function chapterForFeature(story: Story, id: string, from: number): Chapter | null {
  const n = story.chapters.length;
  const order = Array.from({ length: n }, (_, k) => story.chapters[(from + 1 + k) % n]!);
  return order.find((c) => c.view.highlight.includes(id)) ?? order.find((c) => c.view.visible.includes(id)) ?? null;
}
