/**
 * `checkStory(input, signal)` runs a story's format checks (checks.ts) in a worker of its own, so
 * that a reader's main thread does not spend the seconds a large GeoJSON file takes to check (a
 * 10 MB file: about 2 s of line finding and schema checks). Where no worker can start, the checks
 * run here, as before: a script served from another origin than the page (a browser starts workers
 * from the page's origin only), a page whose CSP `worker-src` leaves the file out, a file that did
 * not load. Aborting `signal` stops the worker and rejects with its reason.
 */
import { scriptUrl } from '../trusted-types.ts';
import type { CheckInput } from './checks.ts';
import type { Issue } from './issues.ts';

/**
 * `new Worker(url, options)` with the URL made trusted (trusted-types.ts), for a page that enforces
 * Trusted Types. Called by that name below, in the shape bundlers know
 * (`new Worker(new URL(<file>, import.meta.url))`): Vite reads that shape as text, bundles the file as a
 * worker and rewrites its URL (webpack 5 looks for the global `Worker` only: not tested here).
 */
// biome-ignore lint/complexity/useArrowFunction: it is called with `new`, which an arrow function refuses.
const TrustedWorker = function (url: URL, options: WorkerOptions): Worker {
  return new globalThis.Worker(scriptUrl(url.href), options);
} as unknown as new (
  url: URL,
  options: WorkerOptions,
) => Worker;

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
  signal?.throwIfAborted();
  let worker: Worker;
  try {
    const Worker = TrustedWorker;
    worker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'story-map checks' });
  } catch {
    return checkHere(input);
  }
  return new Promise<Issue[]>((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      stop();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<Issue[]>) => {
      stop();
      resolve(event.data);
    });
    // The worker could not load (blocked, missing) or failed: the checks run here instead.
    const instead = () => {
      stop();
      checkHere(input).then(resolve, reject);
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      instead();
    });
    worker.addEventListener('messageerror', instead);
    try {
      worker.postMessage(forWorker(input));
    } catch {
      // Something in a story given as an object cannot be copied to a worker (a function, a DOM node).
      instead();
    }
  });
}
