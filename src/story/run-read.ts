/**
 * `readStory(input, signal)` parses a story's large GeoJSON files and normalizes the story in a
 * worker of its own (read-worker.ts), so that a 10 MB file does not hold the reader's main thread:
 * there it takes about 25 ms to scan, 70 to parse and 80 to normalize, while the copy that comes
 * back holds only the features the chapters show (shownOnly). Resolves with null where that cannot
 * be done, for the caller to read the files itself: no worker can start (see worker.ts), or a
 * file does not parse (the caller finds and reports the mistake). Aborting `signal` stops the
 * worker and rejects with its reason.
 */
import type { Issue } from './issues.ts';
import type { StoryData, StoryFiles } from './normalize.ts';
import { ask, TrustedWorker } from './worker.ts';
import type { Layer, Story } from './types.ts';

/** What the worker is sent: the story's value, the GeoJSON already parsed (or inline), and the texts to parse. */
export interface ReadInput {
  story: unknown;
  data: StoryData;
  texts: Partial<Record<Layer, string>>;
  files: StoryFiles;
}

/** What it answers: normalizeStory's result with only the features shown, or null (see readStory). */
export type ReadOutput = { story: Story; issues: Issue[] } | null;

export function readStory(input: ReadInput, signal?: AbortSignal): Promise<ReadOutput> {
  return ask<ReadOutput>(
    () => {
      const Worker = TrustedWorker;
      return new Worker(new URL('./read-worker.ts', import.meta.url), { type: 'module', name: 'story-map data' });
    },
    input,
    async () => null,
    signal,
  );
}
