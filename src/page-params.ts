/**
 * The story page's URL options, applied before the element is defined: `?story=<url>` opens another
 * story file in place of the default one (whose server-rendered text is removed at once).
 */
const other = new URLSearchParams(location.search).get('story');
const element = document.querySelector('story-map');
if (other && element) {
  element.querySelectorAll(':scope > [data-story-part]').forEach((part) => part.remove());
  element.setAttribute('src', other);
}
