/**
 * The story page's URL options, applied before the element is defined: `?story=<url>` opens another
 * story file of this site in place of the default one (whose server-rendered text is removed at
 * once). Files on other origins are refused (see `sameOriginStory`). `?edit` turns on preview mode
 * (the editors' panel), which the development server turns on by itself.
 */
import { sameOriginStory } from './story/url.ts';

const requested = new URLSearchParams(location.search).get('story');
const other = sameOriginStory(requested, location.href);
const element = document.querySelector('story-map');
if (requested && !other) {
  console.warn(`story-map: ?story=${requested} was ignored: only story files on ${location.origin} can be opened this way`);
} else if (other && element) {
  element.querySelectorAll(':scope > [data-story-part]').forEach((part) => part.remove());
  element.setAttribute('src', other);
}
// Preview mode for editors: ?edit on the page, and always on the development server.
if (element && (new URLSearchParams(location.search).has('edit') || import.meta.env.DEV)) element.setAttribute('edit', '');
