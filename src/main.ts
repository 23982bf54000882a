/** The story page's entry: URL options first, then the element. */
import './page-params.ts';
import './page.css';
import './index.ts';
