/**
 * The map's colours, as the map style and its key need them: read from the custom properties that
 * src/theme.css defines (the one place where colours are written), as computed for the map's
 * element. MapLibre takes colour values, not CSS variables, so they are read once per map.
 */

import { PLACE_KINDS } from '../story/rules.ts';

const NAMES = {
  water: '--sm-map-water',
  land: '--sm-map-land',
  border: '--sm-map-border',
  coast: '--sm-map-coast',
  department: '--sm-map-department',
  departmentLabel: '--sm-map-department-label',
  label: '--sm-map-label',
  sea: '--sm-map-sea',
  halo: '--sm-map-halo',
  area: '--sm-map-area',
  context: '--sm-map-context',
  happened: '--sm-map-happened',
  proposed: '--sm-map-proposed',
  highlightText: '--sm-map-highlight-text',
  markerHalo: '--sm-map-marker-halo',
  accent: '--sm-accent',
  dropped: '--sm-dropped',
} as const;

export type Palette = { readonly [K in keyof typeof NAMES]: string } & {
  /** Marker colour by place kind. */
  readonly kinds: Readonly<Record<string, string>>;
};

/**
 * `readPalette(token)` builds the palette from a function that gives a custom property's value
 * (`(name) => getComputedStyle(element).getPropertyValue(name)`). Throws when one is missing: the
 * theme's sheet was not adopted, and the map would draw in black.
 */
export function readPalette(token: (name: string) => string): Palette {
  const read = (name: string) => {
    const value = token(name).trim();
    if (!value) throw new Error(`story-map: the colour ${name} is not defined (is src/theme.css adopted?)`);
    return value;
  };
  const colors = Object.fromEntries(Object.entries(NAMES).map(([key, name]) => [key, read(name)]));
  const kinds = Object.fromEntries(PLACE_KINDS.map((kind) => [kind, read(`--sm-kind-${kind}`)]));
  return { ...(colors as { [K in keyof typeof NAMES]: string }), kinds };
}

/**
 * The palette as references to the theme's custom properties (`var(--sm-map-area)`), for what CSS
 * paints, such as the map key: the browser resolves them where they are drawn, so nothing has to
 * read the computed style (a forced style recalculation of the page, tens of milliseconds while it
 * loads) before the map itself is built.
 */
export const CSS_PALETTE: Palette = readPalette((name) => `var(${name})`);

/**
 * `kindColor(palette, kind)` is the marker colour of a place's `kind`, or undefined when the kind is
 * not one of PLACE_KINDS. Only the palette's own entries count: a kind written "constructor" or
 * "__proto__" must not find Object's members (a function is no colour).
 */
export function kindColor(palette: Pick<Palette, 'kinds'>, kind: unknown): string | undefined {
  return typeof kind === 'string' && Object.hasOwn(palette.kinds, kind) ? palette.kinds[kind] : undefined;
}
