/**
 * Every event the story map dispatches, with its detail type. They bubble and cross shadow roots
 * (composed), so a page can listen on the element or on the document. The first three are the
 * element's public API; the others pass requests between its parts (properties go down, events
 * come up, and `<story-map>` decides).
 */
import type { MapLibreMap } from '../map/engine.ts';
import type { FeatureCollection } from 'geojson';
import type { Issue } from '../story/issues.ts';
import type { MapPhase } from '../map/panel.ts';
import type { Camera } from '../story/types.ts';

export interface ChapterChangeDetail {
  id: string;
  index: number;
}

export interface StoryErrorDetail {
  issues: readonly Issue[];
}

export interface MapReadyDetail {
  map: MapLibreMap;
}

/** Internal: the timeline or the controls ask for a chapter. */
export interface ChapterRequestDetail {
  id: string;
}

/** Internal: the map could not start; the issue names why (the story reports it with `story-error`). */
export interface MapFailureDetail {
  issue: Issue;
}

/** Internal: where the interactive map is in its life (the story shows a still map until it has drawn). */
export interface MapPhaseDetail {
  phase: MapPhase;
}

/** Internal: the reader clicked a feature on the map. */
export interface FeatureSelectDetail {
  id: string;
}

/** Internal: the reader pressed the motion switch; `motion` is what they want. */
export interface MotionRequestDetail {
  motion: boolean;
}

/** Internal, preview mode: the map came to rest at this camera. */
export interface CameraChangeDetail {
  camera: Camera;
}

/** Internal, preview mode: draw this GeoJSON over the story (a dropped file), or nothing (null). */
export interface OverlayChangeDetail {
  overlay: FeatureCollection | null;
}

declare global {
  interface HTMLElementEventMap {
    'story-chapter-change': CustomEvent<ChapterChangeDetail>;
    'story-error': CustomEvent<StoryErrorDetail>;
    'story-map-ready': CustomEvent<MapReadyDetail>;
    'story-chapter-request': CustomEvent<ChapterRequestDetail>;
    'story-feature-select': CustomEvent<FeatureSelectDetail>;
    'story-map-failure': CustomEvent<MapFailureDetail>;
    'story-map-phase': CustomEvent<MapPhaseDetail>;
    'story-motion-request': CustomEvent<MotionRequestDetail>;
    'story-camera-change': CustomEvent<CameraChangeDetail>;
    'story-overlay-change': CustomEvent<OverlayChangeDetail>;
    /** Internal, preview mode: a file of the story changed; load it again. */
    'story-map-reload': CustomEvent<null>;
  }
}

/** `emit(target, name, detail, {cancelable})` dispatches a bubbling, composed CustomEvent. */
export function emit<K extends keyof HTMLElementEventMap>(
  target: EventTarget,
  name: K,
  detail: HTMLElementEventMap[K] extends CustomEvent<infer D> ? D : never,
  options: { cancelable?: boolean } = {},
): boolean {
  return target.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}
