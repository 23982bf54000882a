/** The elements `<story-map>` renders in its shadow root, defined once (see define.ts). */
import { StoryMapControls } from './controls.ts';
import { define } from './define.ts';
import { StoryMapView } from './map-view.ts';
import { StoryTimeline } from './timeline.ts';

define('story-map-view', StoryMapView);
define('story-map-controls', StoryMapControls);
define('story-timeline', StoryTimeline);
