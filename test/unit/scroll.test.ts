import { describe, expect, it } from 'vitest';
import { activeIndex, focusScrollDelta, isInView, panelCover, triggerLine } from '../../src/scroll/active.ts';

const spans = (tops: number[]) => tops.map((top) => ({ top, bottom: top + 300 }));

describe('activeIndex', () => {
  it('activeIndex(spans, trigger) returns the last chapter whose top has reached the trigger line', () => {
    expect(activeIndex(spans([-900, -400, 100, 700]), 320)).toBe(2);
    expect(activeIndex(spans([-900, -400, 320, 700]), 320)).toBe(2);
    expect(activeIndex(spans([-900, -400, 321, 700]), 320)).toBe(1);
  });

  it('activeIndex(spans, trigger) returns 0 above the story and the last chapter below it', () => {
    expect(activeIndex(spans([500, 1200, 1900]), 320)).toBe(0);
    expect(activeIndex(spans([-3000, -2000, -1000]), 320)).toBe(2);
  });

  it('activeIndex([], trigger) returns -1', () => {
    expect(activeIndex([], 100)).toBe(-1);
  });

  it('activeIndex depends only on positions: a fling that skips chapters lands on the one in view', () => {
    // Same final layout, whatever happened before: no enter/exit replay.
    const final = spans([-5000, -4000, -3000, -2000, -1000, 200, 1500]);
    expect(activeIndex(final, 320)).toBe(5);
  });
});

describe('triggerLine', () => {
  it('triggerLine(height) is 40% down the viewport', () => {
    expect(triggerLine(1000)).toBe(400);
  });
  it('triggerLine(height, covered) is 40% down the part the sticky map leaves free', () => {
    expect(triggerLine(844, 444)).toBe(444 + 160);
  });
});

describe('isInView', () => {
  it('isInView(span, height) is true when any part is on screen', () => {
    expect(isInView({ top: -100, bottom: 10 }, 800)).toBe(true);
    expect(isInView({ top: 799, bottom: 900 }, 800)).toBe(true);
    expect(isInView({ top: -100, bottom: 0 }, 800)).toBe(false);
    expect(isInView({ top: 800, bottom: 900 }, 800)).toBe(false);
  });
});

describe('panelCover', () => {
  it('panelCover(panel) covers the top of the viewport down to the panel when it spans the element (phones)', () => {
    expect(panelCover({ top: 0, bottom: 473, width: 390, height: 472.6 }, 390, 844)).toEqual({ top: 473, height: 473 });
    expect(panelCover({ top: -20, bottom: 2000, width: 390, height: 2020 }, 390, 844)).toEqual({
      top: 844,
      height: 2020,
    });
  });
  it('panelCover(panel) covers nothing when the panel sits beside the text', () => {
    expect(panelCover({ top: 0, bottom: 800, width: 742, height: 800 }, 1280, 800)).toEqual({ top: 0, height: 0 });
  });
});

describe('focusScrollDelta', () => {
  const base = { trigger: 320, covered: 0, viewportHeight: 800 };
  it('focusScrollDelta(layout) is 0 when the chapter is at the trigger line and the target on screen', () => {
    expect(focusScrollDelta({ ...base, sectionTop: 100, nextTop: 900, target: { top: 150, bottom: 180 } })).toBe(0);
  });
  it('focusScrollDelta(layout) moves a chapter that starts below the trigger line up to it', () => {
    expect(focusScrollDelta({ ...base, sectionTop: 700, nextTop: 1500, target: { top: 720, bottom: 750 } })).toBe(382);
  });
  it('focusScrollDelta(layout) moves down when the next chapter has already reached the line', () => {
    expect(focusScrollDelta({ ...base, sectionTop: -900, nextTop: 200, target: { top: 100, bottom: 130 } })).toBe(-122);
  });
  it('focusScrollDelta(layout) keeps the focused element clear of the sticky panel', () => {
    const phone = { trigger: 600, covered: 473, viewportHeight: 844 };
    expect(focusScrollDelta({ ...phone, sectionTop: 500, nextTop: 2000, target: { top: 420, bottom: 450 } })).toBe(-69);
  });
  it('focusScrollDelta(layout) brings an element below the screen into view', () => {
    expect(focusScrollDelta({ ...base, sectionTop: -2000, nextTop: 1200, target: { top: 850, bottom: 880 } })).toBe(96);
  });
});
