/**
 * Whether a new map starts: its first `load`, or why not (see failure.ts). Apart from engine.ts so that
 * it can be tested without MapLibre: it needs only a map's events and `remove()`.
 */

/**
 * Why a map could not start (what is said of each: failure.ts):
 * - `webgl`: the browser has no WebGL 2 (or it is turned off);
 * - `worker`: the map's worker script was blocked (Content-Security-Policy) or did not load;
 * - `trusted-types`: the page enforces Trusted Types and the story map has no policy to start its
 *   worker with (the page's CSP leaves `story-map` out, or a sandboxed frame);
 * - `context-lost`: the browser took the graphics context back before the map had drawn;
 * - `timeout`: nothing came of the map within the time allowed;
 * - `engine`: the map library itself could not be loaded (its files did not arrive);
 * - `error`: anything else MapLibre threw while starting.
 */
export type MapFailure = 'webgl' | 'worker' | 'trusted-types' | 'context-lost' | 'timeout' | 'engine' | 'error';

/** How long a map may take, from the start of its engine's download to its first drawn style, before the panel gives up. */
export const START_TIMEOUT_MS = 20_000;

/** A map that could not start, and why. */
export class MapStartError extends Error {
  readonly failure: MapFailure;
  constructor(failure: MapFailure, message: string) {
    super(message);
    this.name = 'MapStartError';
    this.failure = failure;
  }
}

/** What `started` needs of a MapLibre map. */
export interface StartingMap {
  on(type: string, listener: (event: { error?: { message: string } }) => void): unknown;
  off(type: string, listener: (event: { error?: { message: string } }) => void): unknown;
  remove(): void;
}

const timeout = (deadline: number) => new MapStartError('timeout', `nothing after ${deadline - Date.now()} ms`);

/** `promise`, or a MapStartError('timeout') at `deadline` (ms since the epoch), whichever comes first. */
export function beforeDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout(deadline)), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Resolves on the map's first `load`; rejects with a MapStartError (and removes the map) if its worker
 * fails, its WebGL context is lost, or it has not loaded by `deadline`. MapLibre says "Worker failed to
 * load" with an `error` event (the blocked script itself is only in the console, with no
 * `securitypolicyviolation` in the page); other errors while starting (a font, a tile) are not fatal and
 * are logged as MapLibre would have logged them.
 */
export function started(map: StartingMap, deadline: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      map.off('load', onLoad);
      map.off('error', onError);
      map.off('webglcontextlost', onLost);
    };
    const fail = (failure: MapFailure, message: string) => {
      stop();
      map.remove();
      reject(new MapStartError(failure, message));
    };
    const onLoad = () => {
      stop();
      resolve();
    };
    const onError = (e: { error?: { message: string } }) => {
      const message = e.error?.message ?? 'unknown error';
      if (/worker failed to load/i.test(message)) fail('worker', message);
      else console.error('story-map:', e.error ?? e);
    };
    const onLost = () => fail('context-lost', 'WebGL context lost');
    const timer = setTimeout(() => fail('timeout', timeout(deadline).message), Math.max(0, deadline - Date.now()));
    map.on('load', onLoad);
    map.on('error', onError);
    map.on('webglcontextlost', onLost);
  });
}
