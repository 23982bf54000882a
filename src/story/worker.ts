/**
 * One question to a worker of our own, one answer, then the worker is stopped: what the checks
 * (run-checks.ts) and the reading of large GeoJSON (run-read.ts) share. Where the worker cannot
 * start or answer (blocked, missing, a failure in it, a message that cannot be copied), the caller's
 * `instead` gives the answer.
 */
import { scriptUrl } from '../trusted-types.ts';

/**
 * `new Worker(url, options)` with the URL made trusted (trusted-types.ts), for a page that enforces
 * Trusted Types. Called by that name at each worker's start, in the shape bundlers know
 * (`new Worker(new URL(<file>, import.meta.url))`): Vite reads that shape as text, bundles the file as a
 * worker and rewrites its URL (webpack 5 looks for the global `Worker` only: not tested here).
 */
// biome-ignore lint/complexity/useArrowFunction: it is called with `new`, which an arrow function refuses.
export const TrustedWorker = function (url: URL, options: WorkerOptions): Worker {
  return new globalThis.Worker(scriptUrl(url.href), options);
} as unknown as new (
  url: URL,
  options: WorkerOptions,
) => Worker;

/**
 * `ask(start, message, instead, signal)` starts a worker with `start` (which may throw: then
 * `instead()`), posts it `message` and resolves with its first answer. Aborting `signal` stops the
 * worker and rejects with its reason.
 */
export function ask<T>(
  start: () => Worker,
  message: unknown,
  instead: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  signal?.throwIfAborted();
  let worker: Worker;
  try {
    worker = start();
  } catch {
    return instead();
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      stop();
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<T>) => {
      stop();
      resolve(event.data);
    });
    const fallBack = () => {
      stop();
      instead().then(resolve, reject);
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      fallBack();
    });
    worker.addEventListener('messageerror', fallBack);
    try {
      worker.postMessage(message);
    } catch {
      // Something in a story given as an object cannot be copied to a worker (a function, a DOM node).
      fallBack();
    }
  });
}
