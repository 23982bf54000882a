/**
 * The map key of a chapter, derived from what the chapter shows: one entry per kind of symbol on
 * the map (a prison's red dot, a ring for an approximate location, a dashed line for a proposed
 * route, a tinted country), with the colours the style draws them in. Nothing on the map goes
 * unexplained, and nothing absent is listed.
 */
import type { ChapterView, StoryFeature, Layer } from '../story/types.ts';
import { kindColor, type Palette } from './palette.ts';

export type Symbol = 'dot' | 'ring' | 'line' | 'dashed' | 'area';

export interface LegendEntry {
  symbol: Symbol;
  color: string;
  label: string;
  /** The outline's colour, for areas. */
  stroke?: string;
}

const KIND_LABELS: Record<string, string> = {
  capital: 'Capital',
  city: 'City',
  town: 'Town',
  prison: 'Prison',
  lake: 'Lake',
  base: 'Military base',
  landmark: 'Landmark',
  country: 'Country',
  department: 'Department',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ');
const kindLabel = (kind: unknown, fallback: string) =>
  typeof kind === 'string' && kind ? (Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind]! : capital(kind)) : fallback;

/** `and(['A', 'B', 'C'])` is `A, B and C` (the key's words are English). */
const and = (words: readonly string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

/**
 * `contextLabel(kinds, approximate)` names the quiet places of one symbol by their kinds, as the
 * highlighted ones are named (`City, for context`; `Capital and town, for context`); places of no
 * kind are "other places" (`Other place` when no place of that symbol has a kind).
 */
function contextLabel(kinds: readonly (string | null)[], approximate: boolean): string {
  const named = [...new Set(kinds.filter((k): k is string => k !== null))];
  const where = approximate ? ', approximate location' : '';
  if (named.length === 0) return `Other place${where}`;
  const words = [
    ...named.map((k, i) => (i === 0 ? k : k.toLowerCase())),
    ...(kinds.includes(null) ? ['other places'] : []),
  ];
  return `${and(words)}${where}, for context`;
}

/**
 * `legendFor(view, lookup, palette)` lists the symbols the chapter draws, in drawing order of importance:
 * highlighted places, other places, routes, areas.
 */
export function legendFor(
  view: ChapterView,
  lookup: (id: string) => { layer: Layer; feature: StoryFeature } | undefined,
  palette: Palette,
): LegendEntry[] {
  const entries = new Map<string, LegendEntry>();
  const add = (entry: LegendEntry) => {
    const key = `${entry.symbol}|${entry.color}|${entry.label}`;
    if (!entries.has(key)) entries.set(key, entry);
  };
  const places: LegendEntry[] = [];
  /** The kinds of the quiet places, by symbol (a dot, or a ring for an approximate location). */
  const context = new Map<Symbol, (string | null)[]>();
  const routes: LegendEntry[] = [];
  const areas: LegendEntry[] = [];
  for (const id of view.visible) {
    const found = lookup(id);
    if (!found) continue;
    const p = found.feature.properties as { kind?: unknown; color?: unknown; precision?: unknown; status?: unknown };
    const highlighted = view.highlight.includes(id);
    const color = typeof p.color === 'string' ? p.color : undefined;
    if (found.layer === 'places') {
      const approximate = p.precision === 'approximate';
      if (highlighted) {
        const ownColor = color ?? kindColor(palette, p.kind) ?? palette.accent;
        places.push({
          symbol: approximate ? 'ring' : 'dot',
          color: ownColor,
          label: approximate ? `${kindLabel(p.kind, 'Place')}, approximate location` : kindLabel(p.kind, 'Place'),
        });
      } else {
        const symbol = approximate ? 'ring' : 'dot';
        context.set(symbol, [...(context.get(symbol) ?? []), kindLabel(p.kind, '') || null]);
      }
    } else if (found.layer === 'routes') {
      const proposed = p.status === 'proposed';
      routes.push({
        symbol: proposed ? 'dashed' : 'line',
        color: color ?? (proposed ? palette.proposed : palette.happened),
        label: proposed ? 'Proposed, not carried out' : 'Happened',
      });
    } else {
      const label = kindLabel(p.kind, 'Area');
      const stroke = color ?? palette.accent;
      areas.push(
        highlighted
          ? { symbol: 'area', color: color ?? palette.area, stroke, label: `${label} in focus` }
          : { symbol: 'area', color: 'transparent', stroke, label: `${label}, outline` },
      );
    }
  }
  const quiet = [...context].map(
    ([symbol, kinds]): LegendEntry => ({
      symbol,
      color: palette.context,
      label: contextLabel(kinds, symbol === 'ring'),
    }),
  );
  for (const list of [places, quiet, routes, areas]) list.forEach(add);
  return [...entries.values()];
}
