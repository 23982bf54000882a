/**
 * The story page's URL options, applied before the element is defined:
 * - `?story=<url>` opens another story file in place of the default one (whose server-rendered
 *   text is removed at once). A story from another site is marked as such above it. Naming the
 *   default file itself (as the iframe embed's snippet does) keeps its server-rendered text.
 * - `?edit` turns on preview mode (the editors' panel); the development server turns it on itself.
 */
import { storyParam } from './story/url.ts';

const params = new URLSearchParams(location.search);
const requested = params.get('story');
const story = storyParam(requested, location.href);
/** The story that `?story=` names (null when there is no usable `?story=`), even the page's own. */
export const requestedStory = story;
const element = document.querySelector('story-map');
if (requested && !story) {
  console.warn(`story-map: ?story=${requested} was ignored: give the http(s) URL or the path of a story file`);
} else if (story && element && story.url.href !== new URL(element.getAttribute('src') ?? '', location.href).href) {
  for (const part of element.querySelectorAll(':scope > [data-story-part]')) part.remove();
  element.setAttribute('src', story.src);
  // Shown only if that story cannot be loaded (the element's `failed` slot): the way back.
  const back = document.createElement('p');
  back.slot = 'failed';
  const home = document.createElement('a');
  home.href = location.pathname;
  home.textContent = "Read this site's own story instead";
  back.append(home);
  element.append(back);
  if (story.foreign) {
    const note = document.createElement('p');
    note.className = 'story-origin';
    note.setAttribute('role', 'note');
    const origin = document.createElement('strong');
    origin.textContent = story.url.host;
    note.append('This story is loaded from ', origin, `, not published by ${location.host}: ${story.url.href}`);
    element.before(note);
  }
}
if (element && (params.has('edit') || import.meta.env.DEV)) element.setAttribute('edit', '');
