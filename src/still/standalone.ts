/**
 * A still map as a file of its own: the `<svg>` that template.ts makes, with the styles it needs
 * inside it. The build serves one per chapter for print (figure.ts, `printStill`): an image does not
 * see the page's styles, so the colours of the theme's defaults (src/theme.css) and the shapes'
 * rules (src/story/text.css, `.sm-s-*` and `.sm-c-*`) are copied in, from those two files as they
 * are, so there is one place where each is written. A site's own theme is not in these files: the
 * element draws the print figures again in the page's theme once the still maps' code is loaded.
 * Labels use the map's font where the reader's system has it, else the UI fonts of the rule.
 */

/** A custom property's declaration: `--sm-map-water: #cfe0e8;`. */
const PROPERTY = /(--sm-[\w-]+)\s*:\s*([^;{}]+);/g;

/** A rule of text.css for one still-map class, nested in the element's block: `& .sm-s-land { … }`. */
const RULE = /^\s*&\s+(\.sm-[sc]-[\w-]+)\s*\{([^{}]*)\}/gm;

/**
 * `stillStyles(themeCss, textCss)`: the CSS of a standalone still map: the theme's custom
 * properties on the `svg`, and text.css's rules for the map's classes, un-nested.
 */
export function stillStyles(themeCss: string, textCss: string): string {
  const properties = [...themeCss.matchAll(PROPERTY)].map(([, name, value]) => `${name}:${value!.trim()}`);
  const rules = [...textCss.matchAll(RULE)].map(([, selector, body]) => `${selector}{${squeeze(body!)}}`);
  return `svg{${properties.join(';')}}${rules.join('')}`;
}

/** A rule's body on one line, comments out. */
function squeeze(body: string): string {
  return body
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(';')
    .map((d) => d.trim().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join(';');
}

/**
 * `standaloneSvg(svg, styles, size)`: the markup of one `<svg>` (from template.ts, rendered to a
 * string) as an SVG file: its namespace, its size in px, and `styles` in a `<style>` first.
 * Throws if `svg` does not start with an `<svg` tag, or `styles` hold `<` or `&`.
 */
export function standaloneSvg(svg: string, styles: string, size: { width: number; height: number }): string {
  const open = /^\s*<svg\b([^>]*)>/.exec(svg);
  if (!open) throw new Error('standaloneSvg: the markup does not start with <svg>');
  // Our rules never hold `<` or `&`: a sheet that did would need escaping in XML.
  if (/[<&]/.test(styles)) throw new Error('standaloneSvg: the styles hold < or &');
  // Lit's server rendering marks an empty part with `<?>`: a comment to HTML, an error in XML.
  const body = svg.slice(open[0].length).replaceAll('<?>', '').trim();
  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}"${open[1]}><style>${styles}</style>${body}\n`;
}
