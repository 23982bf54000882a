import { describe, expect, it } from 'vitest';
import { readPalette } from '../../src/map/palette.ts';
import { PLACE_KINDS } from '../../src/story/rules.ts';
import { palette, tokens } from './theme.ts';

describe('readPalette', () => {
  it('readPalette(token) reads every map colour and every kind of place from the theme', () => {
    expect(palette.water).toBe('#cfe0e8');
    expect(palette.halo).toBe('rgba(255, 255, 255, 0.9)');
    expect(Object.keys(palette.kinds)).toEqual([...PLACE_KINDS]);
    expect(palette.kinds.prison).toBe(tokens['--sm-kind-prison']);
  });

  it('readPalette(token) names a colour the theme does not define, rather than drawing in black', () => {
    expect(() => readPalette((name) => (name === '--sm-map-land' ? '' : '#000'))).toThrow(/--sm-map-land/);
  });
});

describe('theme.css', () => {
  it('defines each colour once', () => {
    const names = Object.keys(tokens);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(40);
  });
});
