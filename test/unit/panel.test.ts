import { describe, expect, it } from 'vitest';
import { type MapPhase, panelView, wantsEngine } from '../../src/map/panel.ts';

describe('wantsEngine', () => {
  it('waits for the panel to be near, and then for an input or a chapter past the first', () => {
    expect(wantsEngine({ near: false, acted: true, past: true })).toBe(false);
    expect(wantsEngine({ near: true, acted: false, past: false })).toBe(false);
    expect(wantsEngine({ near: true, acted: true, past: false })).toBe(true);
    expect(wantsEngine({ near: true, acted: false, past: true })).toBe(true);
  });
});

describe('panelView', () => {
  const input = { canDraw: false, served: 'meeting', chapter: 'meeting' };

  it('shows the canvas only once the map has drawn the chapter', () => {
    const phases: MapPhase[] = ['waiting', 'loading', 'drawn', 'lost', 'failed'];
    expect(phases.map((phase) => panelView({ ...input, phase }).canvas)).toEqual([false, false, true, false, false]);
  });

  it('says why there is no interactive map, but nothing while it is not wanted', () => {
    const notes = (['waiting', 'loading', 'drawn', 'lost', 'failed'] as const).map(
      (phase) => panelView({ ...input, phase }).note,
    );
    expect(notes).toEqual([null, 'loading', null, 'lost', 'failed']);
  });

  it("shows the page's still while it is of the chapter shown, then the panel's own", () => {
    const still = (over: Partial<Parameters<typeof panelView>[0]>) =>
      panelView({ ...input, phase: 'waiting', ...over }).still;
    expect(still({})).toBe('served');
    // Before the story has loaded, the page's still is of its first chapter.
    expect(still({ chapter: null })).toBe('served');
    expect(still({ chapter: 'cecot' })).toBe(null);
    expect(still({ served: null })).toBe(null);
    expect(still({ chapter: 'cecot', canDraw: true })).toBe('drawn');
    expect(still({ canDraw: true })).toBe('drawn');
  });
});
