/**
 * The story page's entry. URL options are applied first (`?story=` must set the element's `src`
 * before it is defined, or it would start loading the default story), then the element is loaded,
 * once the page has painted.
 * The "Embed this story" control below the story (and the oEmbed link's `?story=`) is filled when
 * the browser is idle after the reader's first input: readers need it last, so its code stays out
 * of the first load.
 */
import { readerHasActed } from './components/first-input.ts';
import './page-params.ts';
import './page.css';

// Listening for the reader's first input from now: a key or a touch before the element is defined counts.
void readerHasActed();

// The element after the first paint (two frames): the prerendered page paints with none of its
// script on the way, so that paint is the largest one too (LCP = FCP), and the upgrade changes nothing.
// A page loaded in a background tab gets no frames: a timer then (whichever comes first).
let defined = false;
const define = () => {
  if (defined) return;
  defined = true;
  void import('./index.ts');
};
requestAnimationFrame(() => requestAnimationFrame(define));
setTimeout(define, 500);

const embedControl = () => void import('./page-embed.ts');
void readerHasActed().then(() => {
  if ('requestIdleCallback' in window) requestIdleCallback(embedControl, { timeout: 3000 });
  else setTimeout(embedControl, 1000);
});
