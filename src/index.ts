/**
 * The story map library: defines `<story-map>` (and its internal parts) and exports the pieces a
 * page or a tool may want.
 */
import { StoryMap } from './components/story-map.ts';
import { define } from './components/define.ts';

define('story-map', StoryMap);

export { StoryMap };
export type { Story, StoryInput, Chapter, ChapterView, TimelineEvent } from './story/types.ts';
export type { Issue, Severity } from './story/issues.ts';
export { formatIssue } from './story/issues.ts';
export type { ChapterChangeDetail, StoryErrorDetail, MapReadyDetail } from './components/events.ts';

declare global {
  interface HTMLElementTagNameMap {
    'story-map': StoryMap;
  }
}
