/**
 * The worker that reads a story's large GeoJSON files off the page's main thread (started by
 * run-read.ts): one message in (a ReadInput: the story, its files' texts), one message out
 * (read.ts `readHere`), then it is stopped.
 */
import { readHere } from './read.ts';
import type { ReadInput } from './run-read.ts';

addEventListener('message', (event: MessageEvent<ReadInput>) => {
  postMessage(readHere(event.data));
});
