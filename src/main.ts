/**
 * The story page's entry. URL options are applied first (`?story=` must set the element's `src`
 * before it is defined, or it would start loading the default story), then the "Embed this story"
 * control is filled (it reads the element's `src`), then the element is loaded.
 */
import './page-params.ts';
import './page-embed.ts';
import './page.css';

void import('./index.ts');
