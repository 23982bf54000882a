/** The theme's colours for unit tests: src/theme.css's custom properties, read as the browser would. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPalette } from '../../src/map/palette.ts';

const css = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../src/theme.css'), 'utf8');

/**
 * Every `--sm-*` custom property of the theme, with its value: a public `--story-map-*` property
 * it reads (`var(--story-map-accent, #b5361d)`) gives its fallback, as when a page sets none.
 */
export const tokens: Record<string, string> = Object.fromEntries(
  [...css.matchAll(/(--sm-[\w-]+):\s*([^;]+);/g)].map((m) => [
    m[1]!,
    m[2]!.trim().replace(/^var\(--story-map-[\w-]+,\s*(.+)\)$/, '$1'),
  ]),
);

export const palette = readPalette((name) => tokens[name] ?? '');
