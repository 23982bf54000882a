/**
 * `checkStory(input, signal)` runs a story's format checks (checks.ts) in a worker of its own, so
 * that a reader's main thread does not spend the seconds a large GeoJSON file takes to check (a
 * 10 MB file: about 2 s of line finding and schema checks). Where no worker can start, the checks
 * run here, as before: a script served from another origin than the page (a browser starts workers
 * from the page's origin only), a page whose CSP `worker-src` leaves the file out, a file that did
 * not load. Aborting `signal` stops the worker and rejects with its reason.
 */
import type { CheckInput } from './checks.ts';
import type { Issue } from './issues.ts';
import { ask, TrustedWorker } from './worker.ts';

/** `checkHere(input)` runs the checks on this thread (their code loads then): the checker's way, and the fallback. */
export async function checkHere(input: CheckInput): Promise<Issue[]> {
  const { runChecks } = await import('./checks.ts');
  return runChecks(input);
}

/**
 * `forWorker(input)` is what the worker is sent: the files as their texts only (it parses them again).
 * Copying a string costs next to nothing; copying the parsed objects of a 10 MB file costs the main
 * thread more than parsing it again there.
 */
export function forWorker(input: CheckInput): CheckInput {
  const layers = Object.fromEntries(
    Object.entries(input.layers).map(([layer, { file, text, value }]) => [
      layer,
      text !== undefined ? { file, text } : { file, value },
    ]),
  );
  return { ...input, layers };
}

export function checkStory(input: CheckInput, signal?: AbortSignal): Promise<Issue[]> {
  return ask(
    () => {
      const Worker = TrustedWorker;
      return new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'story-map checks' });
    },
    forWorker(input),
    () => checkHere(input),
    signal,
  );
}
