/**
 * `readHere(input)`: what the worker that reads large GeoJSON answers (read-worker.ts, started by
 * run-read.ts), as a plain function: the long files parsed, the story normalized, normalize's issues
 * in those files given their lines (the page would otherwise parse a 10 MB text again to find
 * them), and the story with only the features its chapters show or frame (shownOnly). Null when a
 * long file nests too deep or is not JSON: the page then reads it itself and reports the mistake.
 */
import { locateIssues } from './locate.ts';
import { nestingPassed } from './nesting.ts';
import { normalizeStory, shownOnly, type StoryData } from './normalize.ts';
import type { ReadInput, ReadOutput } from './run-read.ts';
import type { Layer } from './types.ts';

export function readHere({ story, data, texts, files }: ReadInput): ReadOutput {
  const all: StoryData = { ...data };
  const located = new Map<string, string>();
  for (const [layer, text] of Object.entries(texts) as [Layer, string][]) {
    if (nestingPassed(text) >= 0) return null;
    try {
      // A file whose whole text is `null` is a wrong value, not a missing file (as in load.ts).
      all[layer] = JSON.parse(text) ?? 'null';
    } catch {
      return null;
    }
    const file = files[layer];
    if (file) located.set(file, text);
  }
  const result = normalizeStory(story, all, files);
  return { story: shownOnly(result.story), issues: locateIssues(result.issues, located) };
}
