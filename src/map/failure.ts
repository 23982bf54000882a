/**
 * Why a map could not start, as the reader sees it (one line in the panel) and as a site or an editor
 * reads it (an issue in `story-error`, naming the cause and the fix). Pure: the map view decides when,
 * this decides what is said. Loaded only when a map fails (the words are not in the first chunk).
 */
import type { Issue } from '../story/issues.ts';
import { type MapFailure, START_TIMEOUT_MS } from './start.ts';

export type { MapFailure };

/**
 * `failureNote(failure, still)`: the panel's line for a map that could not start. With `still` the
 * panel shows a still picture of each chapter's map instead, and the line says so; without it (the
 * picture could not be drawn either) the line says the story reads on without a map.
 */
export function failureNote(failure: MapFailure, still = true): string {
  const why: Record<MapFailure, string> = {
    webgl: 'this browser cannot draw the interactive map (it needs WebGL 2)',
    worker: "this page blocked one of the interactive map's scripts",
    'trusted-types': "this page's Trusted Types policy blocked the interactive map's worker",
    'context-lost': "the browser took back the interactive map's graphics context",
    timeout: 'the interactive map did not start in time',
    engine: "the interactive map's files did not arrive",
    error: 'this browser cannot draw the interactive map',
  };
  if (still) return `A still picture of the map: ${why[failure]}.`;
  return `${why[failure][0]!.toUpperCase()}${why[failure].slice(1)}. The story reads on without it.`;
}

/** The panel's line while the browser has taken back a map's graphics context (it may give it back). */
export function lostNote(still: boolean): string {
  return still
    ? 'A still picture of the map, until the browser gives back its graphics context.'
    : 'The map is paused: the browser took back its graphics context.';
}

export interface FailureContext {
  /** The worker script the map was started with (absolute URL). */
  workerUrl: string;
  /** The page's origin (`location.origin`). */
  pageOrigin: string;
  /** The story's file, as the issues of the story name it. */
  storyFile: string;
  /** What the browser or MapLibre said, if anything. */
  detail?: string;
}

/** The issue `story-error` carries for a map that could not start: its cause and what fixes it. */
export function failureIssue(failure: MapFailure, context: FailureContext): Issue {
  const { workerUrl, pageOrigin, storyFile, detail } = context;
  let origin = pageOrigin;
  try {
    origin = new URL(workerUrl).origin;
  } catch {
    /* not a URL: say it as given */
  }
  const crossOrigin = origin !== pageOrigin;
  const said = detail ? ` (${detail})` : '';
  const messages: Record<MapFailure, () => string> = {
    webgl: () => `The map could not start: this browser has no WebGL 2, or it is turned off${said}.`,
    worker: () =>
      crossOrigin
        ? `The map could not start: its worker ${workerUrl} was blocked or did not load. On a page of another ` +
          `origin, MapLibre starts it from a blob: URL that imports that file, so the page's ` +
          `Content-Security-Policy needs "worker-src blob: ${origin}"; or copy embed/maplibre-gl-worker.mjs to ` +
          `the page's own origin and name it with the worker-url attribute ("worker-src 'self'" is then enough).`
        : `The map could not start: its worker ${workerUrl} was blocked or did not load. The page's ` +
          `Content-Security-Policy must allow it ("worker-src 'self'"), and the file must be served.`,
    'trusted-types': () => `The map could not start: ${detail ?? 'this page enforces Trusted Types'}.`,
    'context-lost': () => `The map could not start: the browser took back its WebGL context before the map had drawn.`,
    timeout: () =>
      `The map did not start within ${START_TIMEOUT_MS / 1000} s: its worker, the basemap or the fonts did not arrive${said}.`,
    engine: () => `The map library could not be loaded${said}: check that the embed's assets folder is served.`,
    error: () => `The map could not start${said}.`,
  };
  return {
    severity: 'error',
    file: failure === 'worker' || failure === 'trusted-types' ? workerUrl : storyFile,
    path: '',
    message: messages[failure](),
  };
}
