/**
 * Every event the story map dispatches, with its detail type. They bubble and cross shadow roots
 * (composed), so a page can listen on the element or on the document.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Issue } from '../story/issues.ts';

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

/** Internal: the timeline or the map asks for a chapter. */
export interface ChapterRequestDetail {
  id: string;
}

/** Internal: the reader clicked a feature on the map. */
export interface FeatureSelectDetail {
  id: string;
}

declare global {
  interface HTMLElementEventMap {
    'story-chapter-change': CustomEvent<ChapterChangeDetail>;
    'story-error': CustomEvent<StoryErrorDetail>;
    'story-map-ready': CustomEvent<MapReadyDetail>;
    'story-chapter-request': CustomEvent<ChapterRequestDetail>;
    'story-feature-select': CustomEvent<FeatureSelectDetail>;
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
