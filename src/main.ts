/**
 * The story page's entry. URL options are applied first (`?story=` must set the element's `src`
 * before it is defined, or it would start loading the default story), then the element is loaded.
 */
import './page-params.ts';
import './page.css';

void import('./index.ts');
