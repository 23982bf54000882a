import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { legendFor } from '../../src/map/legend.ts';
import { normalizeStory } from '../../src/story/normalize.ts';
import { palette } from './theme.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '../../data');
const json = (name: string) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));
const input = json('story.json');
const { story } = normalizeStory(
  input,
  { places: json('places.geojson'), routes: json('routes.geojson'), areas: json('areas.geojson') },
  { story: 'story.json' },
);
const legend = (id: string) =>
  legendFor(story.chapters.find((c) => c.id === id)!.view, (f) => story.features.get(f), palette);

describe('legendFor', () => {
  it('legendFor(view) lists what the chapter draws: the capital and the prison it highlights, the route as proposed', () => {
    expect(legend('offer')).toEqual([
      { symbol: 'dot', color: '#2b2b2b', label: 'Capital' },
      { symbol: 'dot', color: '#b5361d', label: 'Prison' },
      { symbol: 'dashed', color: '#b5361d', label: 'Proposed, not carried out' },
    ]);
  });

  it('legendFor(view) marks an approximate location as a ring and a highlighted area by its kind', () => {
    expect(legend('lakeside')).toContainEqual({
      symbol: 'ring',
      color: '#1f6f8b',
      label: 'Lake, approximate location',
    });
    expect(legend('crackdown')).toContainEqual({
      symbol: 'area',
      color: '#d9734e',
      stroke: '#b5361d',
      label: 'Country in focus',
    });
  });

  it('legendFor(view) tells a route that happened from one that was proposed', () => {
    expect(legend('swap')).toContainEqual({ symbol: 'line', color: '#1d3557', label: 'Happened' });
  });

  it('legendFor(view) names the places shown for context by their kind, as it names the highlighted ones', () => {
    // Lake Coatepeque is highlighted; San Salvador (a capital) and El Congo (a town) are in `show`.
    expect(legend('lakeside')).toContainEqual({
      symbol: 'dot',
      color: palette.context,
      label: 'Capital and town, for context',
    });
    expect(legend('lakeside').some((e) => e.label.startsWith('Other place'))).toBe(false);
  });

  it('legendFor(view) keys a city in `show` as a city, an approximate one as a ring, and places of no kind as other places', () => {
    const place = (id: string, properties: Record<string, unknown>) => ({
      layer: 'places' as const,
      feature: {
        type: 'Feature',
        id,
        properties: { name: id, ...properties },
        geometry: { type: 'Point', coordinates: [0, 0] },
      } as never,
    });
    const features = new Map([
      ['a', place('a', { kind: 'prison' })],
      ['b', place('b', { kind: 'city' })],
      ['c', place('c', { kind: 'city', precision: 'approximate' })],
      ['d', place('d', {})],
      ['e', place('e', { kind: 'city' })],
    ]);
    const key = (visible: string[]) =>
      legendFor(
        { camera: null, focus: ['a'], highlight: ['a'], visible, description: '', whole: false },
        (id) => features.get(id),
        palette,
      );
    expect(key(['a', 'b', 'c', 'e']).map((e) => [e.symbol, e.label])).toEqual([
      ['dot', 'Prison'],
      ['dot', 'City, for context'],
      ['ring', 'City, approximate location, for context'],
    ]);
    expect(key(['a', 'b', 'd']).map((e) => e.label)).toEqual(['Prison', 'City and other places, for context']);
    expect(key(['a', 'd']).map((e) => e.label)).toEqual(['Prison', 'Other place']);
  });

  it('legendFor(view) follows a colour set in the data', () => {
    const view = { camera: null, focus: ['p'], highlight: ['p'], visible: ['p'], description: '', whole: false };
    const feature = {
      type: 'Feature',
      id: 'p',
      properties: { name: 'P', kind: 'city', color: '#123456' },
      geometry: { type: 'Point', coordinates: [0, 0] },
    };
    expect(legendFor(view, () => ({ layer: 'places', feature: feature as never }), palette)).toEqual([
      { symbol: 'dot', color: '#123456', label: 'City' },
    ]);
  });

  it("legendFor(view) takes a kind named like one of Object's members for an unknown kind, not for its member", () => {
    const view = { camera: null, focus: ['p'], highlight: ['p'], visible: ['p'], description: '', whole: false };
    for (const kind of ['constructor', '__proto__', 'toString']) {
      const feature = {
        type: 'Feature',
        id: 'p',
        properties: { name: 'P', kind },
        geometry: { type: 'Point', coordinates: [0, 0] },
      };
      expect(legendFor(view, () => ({ layer: 'places', feature: feature as never }), palette)).toEqual([
        {
          symbol: 'dot',
          color: palette.accent,
          label: kind.charAt(0).toUpperCase() + kind.slice(1).replace(/-/g, ' '),
        },
      ]);
    }
  });
});
