/**
 * `cssom(styles)` sets inline styles (and custom properties) through the CSSOM, as a Lit element
 * directive. A `style` attribute, which Lit's styleMap writes on first render, is blocked by a
 * strict Content-Security-Policy without 'unsafe-inline'; the CSSOM is not.
 */
import { ref } from 'lit/directives/ref.js';

export const cssom = (styles: Record<string, string>) =>
  ref((el) => {
    if (!(el instanceof HTMLElement)) return;
    for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value);
  });
