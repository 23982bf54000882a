// @vitest-environment happy-dom
// The axis drawn with Lit: a mark and labels per tick of the layout, the line broken at each break.
import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { axisLine, breakMark, crispOffset, storyAxis, TICK_SIZE } from '../../src/components/axis.ts';
import { LABEL_X, layoutTimeline } from '../../src/time/scale.ts';
import { isAfter, spanOf } from '../fixtures/timeline.ts';

const SVG = 'http://www.w3.org/2000/svg';
const DATES = ['2019-06-01', '2022-03-26', '2022-03-27', '2025-01-20', '2025-01-23', '2025-02-03', '2025-07-18'];
const layoutOf = (dates: readonly string[], width: number) =>
  layoutTimeline(
    dates.map((s) => ({ when: spanOf(s), after: isAfter(s, '2025-02-04') })),
    { width },
  );

function draw(layout: ReturnType<typeof layoutOf>, offset = 0.5, into = document.createElementNS(SVG, 'svg')) {
  render(storyAxis(layout, 40, offset), into);
  return into;
}

describe('storyAxis', () => {
  const layout = layoutOf(DATES, 742);

  it('storyAxis(layout, y, offset) draws each tick as a mark with its unit and, where larger units begin, a second line', () => {
    const svg = draw(layout);
    const ticks = [...svg.querySelectorAll('g.tick')];
    expect(ticks.map((t) => t.getAttribute('transform'))).toEqual(layout.ticks.map((t) => `translate(${t.x + 0.5},0)`));
    expect(ticks.map((t) => t.querySelector('text.unit')!.textContent)).toEqual([
      '1',
      '26',
      '27',
      '20',
      '23',
      '3',
      '18',
    ]);
    expect(ticks.map((t) => t.querySelector('text.context')?.textContent ?? null)).toEqual([
      'Jun 2019',
      'Mar 2022',
      null,
      'Jan 2025',
      null,
      'Feb',
      'Jul',
    ]);
    // Labels start right of their mark; a mark with a second line runs down beside both lines.
    expect(ticks.every((t) => t.querySelector('text')!.getAttribute('x') === String(LABEL_X))).toBe(true);
    expect(ticks.map((t) => Number(t.querySelector('line')!.getAttribute('y2')))).toEqual(
      layout.ticks.map((t) => (t.context === null ? TICK_SIZE : 34)),
    );
    expect(svg.querySelector('g.axis')!.getAttribute('text-anchor')).toBe('start');
  });

  it('storyAxis(layout) classes ticks by level, and those where a year begins as major', () => {
    const svg = draw(layoutOf(['1784', '1784-06', '1799-02-03'], 390));
    expect([...svg.querySelectorAll('g.tick')].map((t) => t.getAttribute('class'))).toEqual([
      'tick year major',
      'tick month',
      'tick day major',
    ]);
  });

  it('storyAxis(layout) breaks the line at each break and draws a // mark there', () => {
    const svg = draw(layout, 0);
    expect(layout.breaks).toHaveLength(5);
    expect(svg.querySelector('path.domain')!.getAttribute('d')).toBe(axisLine(layout.range, layout.breaks));
    expect([...svg.querySelectorAll('path.break')].map((p) => p.getAttribute('d'))).toEqual(
      layout.breaks.map((b) => breakMark(b.x)),
    );
    expect(svg.querySelector('path.break')!.getAttribute('data-from')).toBe('2019-06-02T00:00:00.000Z');
  });

  it('storyAxis(layout) draws a new layout over the old one', () => {
    const svg = draw(layout);
    draw(layoutOf(DATES.slice(0, 3), 390), 0.5, svg);
    expect(svg.querySelectorAll('g.tick')).toHaveLength(3);
    expect(svg.querySelectorAll('path.break')).toHaveLength(1);
    expect(svg.querySelectorAll('path.domain')).toHaveLength(1);
  });
});

describe('axisLine', () => {
  it('axisLine(range, breaks) runs from end to end with a gap at each break', () => {
    expect(axisLine([16, 300], [{ x: 100 }, { x: 200 }])).toBe('M16,0H96M104,0H196M204,0H300');
    expect(axisLine([16, 300], [], 0.5)).toBe('M16.5,0.5H300.5');
  });

  it('breakMark(x) is two slanted strokes across the line at x', () => {
    expect(breakMark(100)).toBe('M96,5L99,-5M101,5L104,-5');
  });
});

describe('crispOffset', () => {
  it('crispOffset(devicePixelRatio) shifts lines by half a pixel on 1x screens only, as d3-axis does', () => {
    expect(crispOffset(1)).toBe(0.5);
    expect(crispOffset(2)).toBe(0);
    expect(crispOffset(1.5)).toBe(0);
  });
});
