import { describe, expect, it } from 'vitest';
import { activeIndex, isInView, triggerLine } from '../../src/scroll/active.ts';

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
