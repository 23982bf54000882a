/**
 * The worker that reads a story's large GeoJSON files off the page's main thread (started by
 * run-read.ts): one message in (a ReadInput: the story, its files' texts), one message out (the
 * normalized story with the features its chapters show, and normalize's issues; or `null` when a
 * file does not parse, for the page to report as it always does), then it is stopped.
 */
import { nestingPassed } from './nesting.ts';
import { normalizeStory, shownOnly, type StoryData } from './normalize.ts';
import type { ReadInput, ReadOutput } from './run-read.ts';
import type { Layer } from './types.ts';

addEventListener('message', (event: MessageEvent<ReadInput>) => {
  const { story, data, texts, files } = event.data;
  const all: StoryData = { ...data };
  for (const [layer, text] of Object.entries(texts) as [Layer, string][]) {
    if (nestingPassed(text) >= 0) return void postMessage(null satisfies ReadOutput);
    try {
      // A file whose whole text is `null` is a wrong value, not a missing file (as in load.ts).
      all[layer] = JSON.parse(text) ?? 'null';
    } catch {
      return void postMessage(null satisfies ReadOutput);
    }
  }
  const result = normalizeStory(story, all, files);
  postMessage({ story: shownOnly(result.story), issues: result.issues } satisfies ReadOutput);
});
