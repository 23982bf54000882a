/**
 * What the map panel shows, decided from where the interactive map is in its life. Until it has
 * drawn the chapter (the reader has not acted yet, its files are on their way, it could not start,
 * or the browser took its graphics context back) the panel shows a still picture of the chapter
 * (the story provides it: components/controllers/still.ts). Once the map has drawn, it fades in over
 * the still. Pure: the map view renders what this says.
 */

/**
 * - `waiting`: the engine is not wanted yet (the reader has not acted, and is on the first chapter);
 * - `loading`: the engine or the map's files are on their way;
 * - `drawn`: the map has drawn the chapter;
 * - `lost`: the browser took the map's WebGL context back (it draws again when it is restored);
 * - `failed`: the map could not start (no WebGL, a blocked worker, a timeout).
 */
export type MapPhase = 'waiting' | 'loading' | 'drawn' | 'lost' | 'failed';

export interface PanelInput {
  phase: MapPhase;
  /** A still picture of the chapter shown is in the page (see components/controllers/still.ts). */
  still: boolean;
}

export interface PanelView {
  /** The interactive map is shown (it fades in over the still). */
  canvas: boolean;
  /** The still picture is wanted: the story has one of the chapter, and the map has not drawn it. */
  still: boolean;
  /** The line under the map, if any. */
  note: 'loading' | 'lost' | 'failed' | null;
}

/** `panelView(input)` is what the panel shows (see MapPhase). */
export function panelView({ phase, still }: PanelInput): PanelView {
  const note = phase === 'loading' || phase === 'lost' || phase === 'failed' ? phase : null;
  return { canvas: phase === 'drawn', still: still && phase !== 'drawn', note };
}

/**
 * `wantsEngine({near, acted, past})`: the interactive map loads once the panel is near the viewport
 * and the reader has acted (a key, a pointer, a wheel, a touch, a scroll) or has gone past the first
 * chapter (a deep link, a timeline jump): not during the page's load.
 */
export function wantsEngine({ near, acted, past }: { near: boolean; acted: boolean; past: boolean }): boolean {
  return near && (acted || past);
}

/** Where a map that is loading is: its code (MapLibre), its files (worker, basemap, fonts), its first frame. */
export type LoadStep = 'code' | 'files' | 'drawing';

/** After this long, the note under the map says the map is slow to come (a slow connection). */
export const SLOW_MS = 6000;

/**
 * `loadingNote(step, elapsed, still)` is the line under the panel while the interactive map loads:
 * which step it is at, and after SLOW_MS that it is slow (then announced to screen readers, once per
 * step), and whether the still picture stands for it meanwhile.
 */
export function loadingNote(step: LoadStep, elapsed: number, still: boolean): { text: string; slow: boolean } {
  const what = { code: 'its code', files: 'its data and fonts', drawing: 'drawing the chapter' }[step];
  if (elapsed < SLOW_MS) return { text: `Loading the interactive map: ${what}…`, slow: false };
  const meanwhile = still ? '; the picture shows this chapter meanwhile' : '';
  return { text: `The interactive map is slow to load (${what}, on a slow connection?)${meanwhile}.`, slow: true };
}
