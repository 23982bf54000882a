import { describe, expect, it } from 'vitest';
import { loadingNote, type MapPhase, panelView, SLOW_MS, wantsEngine } from '../../src/map/panel.ts';
import { stillAction } from '../../src/still/when.ts';

describe('wantsEngine', () => {
  it('waits for the panel to be near, and then for an input or a chapter past the first', () => {
    expect(wantsEngine({ near: false, acted: true, past: true })).toBe(false);
    expect(wantsEngine({ near: true, acted: false, past: false })).toBe(false);
    expect(wantsEngine({ near: true, acted: true, past: false })).toBe(true);
    expect(wantsEngine({ near: true, acted: false, past: true })).toBe(true);
  });
});

describe('panelView', () => {
  const phases: MapPhase[] = ['waiting', 'loading', 'drawn', 'lost', 'failed'];

  it('shows the canvas only once the map has drawn the chapter', () => {
    expect(phases.map((phase) => panelView({ phase, still: true }).canvas)).toEqual([false, false, true, false, false]);
  });

  it('shows the still until then, when the story has one of the chapter', () => {
    expect(phases.map((phase) => panelView({ phase, still: true }).still)).toEqual([true, true, false, true, true]);
    expect(phases.map((phase) => panelView({ phase, still: false }).still)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('says why there is no interactive map, but nothing while it is not wanted', () => {
    expect(phases.map((phase) => panelView({ phase, still: true }).note)).toEqual([
      null,
      'loading',
      null,
      'lost',
      'failed',
    ]);
  });
});

describe('stillAction', () => {
  const base = { needed: true, chapter: 'cecot', size: '741x662', loaded: false };

  it('keeps any figure while the interactive map is shown', () => {
    expect(stillAction({ ...base, needed: false, figure: null })).toBe('keep');
    expect(stillAction({ ...base, needed: false, figure: { chapter: 'swap', size: null } })).toBe('keep');
  });

  it("keeps the page's figure for its chapter at any size until the renderer is here, and a drawn one at its own size", () => {
    expect(stillAction({ ...base, figure: { chapter: 'cecot', size: null } })).toBe('keep');
    expect(stillAction({ ...base, figure: { chapter: 'cecot', size: null }, loaded: true })).toBe('draw');
    expect(stillAction({ ...base, figure: { chapter: 'cecot', size: '741x662' } })).toBe('keep');
    expect(stillAction({ ...base, figure: { chapter: 'cecot', size: '390x339' }, loaded: true })).toBe('draw');
  });

  it("draws another chapter's, loading the renderer first", () => {
    expect(stillAction({ ...base, figure: { chapter: 'swap', size: null } })).toBe('load');
    expect(stillAction({ ...base, figure: null })).toBe('load');
    expect(stillAction({ ...base, figure: { chapter: 'swap', size: null }, loaded: true })).toBe('draw');
  });
});

describe('loadingNote', () => {
  it('loadingNote(step, elapsed, still) names the step, and after SLOW_MS says the load is slow (and what stands in)', () => {
    expect(loadingNote('code', 0, true)).toEqual({ text: 'Loading the interactive map: its code…', slow: false });
    expect(loadingNote('files', SLOW_MS - 1, true).text).toBe('Loading the interactive map: its data and fonts…');
    expect(loadingNote('drawing', SLOW_MS, true)).toEqual({
      text: 'The interactive map is slow to load (drawing the chapter, on a slow connection?); the picture shows this chapter meanwhile.',
      slow: true,
    });
    // With no still picture in the panel, nothing is said to stand in for the map.
    expect(loadingNote('code', SLOW_MS * 2, false).text).toBe(
      'The interactive map is slow to load (its code, on a slow connection?).',
    );
  });
});
