import { describe, expect, it } from 'vitest';
import { chapterLayers, PLACE_LAYERS, sdfCircle, storyStyle } from '../../src/map/style.ts';
import type { ChapterView } from '../../src/story/types.ts';
import { palette } from './theme.ts';

const view: ChapterView = {
  camera: null,
  focus: ['a', 'b'],
  highlight: ['a', 'r'],
  visible: ['a', 'b', 'r'],
  description: '',
};
const empty = { type: 'FeatureCollection' as const, features: [] };

describe('chapterLayers', () => {
  const filters = new Map(
    chapterLayers(view, (id) => (id === 'b' ? 'east' : 'west')).map((l) => [l.layer, JSON.stringify(l.filter)]),
  );

  it('chapterLayers(view) puts highlighted places in the prominent layer of their side', () => {
    expect(filters.get('place-highlight-west')).toBe(JSON.stringify(['in', ['get', 'id'], ['literal', ['a', 'r']]]));
    expect(filters.get('place-highlight-east')).toBe(JSON.stringify(['in', ['get', 'id'], ['literal', []]]));
  });

  it('chapterLayers(view) puts the other visible places in the quiet layer', () => {
    expect(filters.get('place-context-east')).toBe(JSON.stringify(['in', ['get', 'id'], ['literal', ['b']]]));
    expect(filters.get('place-context-west')).toBe(JSON.stringify(['in', ['get', 'id'], ['literal', []]]));
  });

  it('chapterLayers(view) splits proposed routes (dashed) from those that happened', () => {
    expect(filters.get('route-line-proposed')).toContain('"proposed"');
    expect(filters.get('route-line')).toContain('"!="');
  });

  it('chapterLayers(view) filters every story layer of the style', () => {
    const style = storyStyle(
      { countries: empty, borders: empty, departments: empty, labels: empty },
      { places: empty, routes: empty, areas: empty },
      { regular: 'r', regularExt: 'x', bold: 'b', italic: 'i' },
      palette,
    );
    const storyLayers = style.layers
      .filter((l) => 'source' in l && ['places', 'routes', 'areas'].includes(l.source as string))
      .map((l) => l.id);
    expect([...filters.keys()].sort()).toEqual(storyLayers.sort());
    expect(PLACE_LAYERS.every((id) => storyLayers.includes(id))).toBe(true);
  });
});

describe('storyStyle', () => {
  it('storyStyle(...) uses bundled fonts only: font-faces, no glyphs URL, no remote source', () => {
    const style = storyStyle(
      { countries: empty, borders: empty, departments: empty, labels: empty },
      { places: empty, routes: empty, areas: empty },
      { regular: '/r.woff2', regularExt: '/x.woff2', bold: '/b.woff2', italic: '/i.woff2' },
      palette,
    );
    expect(style.glyphs).toBeUndefined();
    expect(Object.keys(style['font-faces']!)).toEqual(['Noto Sans Regular', 'Noto Sans Bold', 'Noto Sans Italic']);
    expect(JSON.stringify(style.sources)).not.toMatch(/https?:/);
    const fonts = new Set(
      style.layers.flatMap((l) => (l.layout as { 'text-font'?: string[] } | undefined)?.['text-font'] ?? []),
    );
    for (const f of fonts) expect(style['font-faces']).toHaveProperty(f);
  });
});

describe('sdfCircle', () => {
  it('sdfCircle(size) is opaque inside, 192 at the edge and 0 far outside', () => {
    const { data, width } = sdfCircle(48);
    const alpha = (x: number, y: number) => data[(y * width + x) * 4 + 3]!;
    expect(alpha(24, 24)).toBe(255);
    expect(alpha(0, 0)).toBe(0);
    const edge = alpha(24 + 16, 24);
    expect(Math.abs(edge - 192)).toBeLessThan(40);
  });
  it('sdfCircle(size, ring) is hollow: its middle is outside the shape (below the 192 edge, and any halo)', () => {
    const { data, width } = sdfCircle(48, true);
    expect(data[(24 * width + 24) * 4 + 3]).toBeLessThan(64);
    expect(data[(24 * width + 24 + 13) * 4 + 3]).toBeGreaterThan(192);
  });
});
