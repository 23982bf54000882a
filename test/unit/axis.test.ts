// @vitest-environment happy-dom
// The axis drawn with Lit must be the axis d3-axis drew before it: same elements, same attributes.
import { axisBottom, scaleLinear, select } from 'd3';
import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { crispOffset, storyAxis } from '../../src/components/axis.ts';
import { layoutTimeline, storyTicks, type Tick } from '../../src/time/scale.ts';

const SVG = 'http://www.w3.org/2000/svg';
const d = (s: string) => new Date(`${s}T00:00:00Z`);
const DATES = ['2019-06-01', '2022-03-26', '2023-01-31', '2025-01-20', '2025-01-23', '2025-02-03', '2025-07-18'].map(d);

interface Shape {
  tag: string;
  attributes: string[];
  text: string;
  children: Shape[];
}

/** An element as what is drawn: its tag, attributes in any order, text, and child elements (no comments). */
function shape(el: Element): Shape {
  return {
    tag: el.tagName.toLowerCase(),
    attributes: [...el.attributes].map((a) => `${a.name}=${a.value}`).sort(),
    text: [...el.childNodes]
      .filter((n) => n.nodeType === 3)
      .map((n) => n.textContent)
      .join('')
      .trim(),
    children: [...el.children].map(shape),
  };
}

/** What the timeline drew with d3-axis: `axisBottom` with the ticks' dates and labels, classed by level. */
function drawnByD3(ticks: Tick[], layout: ReturnType<typeof layoutTimeline>, offset: number): Shape {
  const svg = document.createElementNS(SVG, 'svg');
  const g = document.createElementNS(SVG, 'g');
  g.setAttribute('class', 'axis');
  g.setAttribute('transform', 'translate(0,40)');
  svg.append(g);
  // d3's own polylinear scale through the same points (timeScale does what it does).
  const axis = axisBottom(scaleLinear().domain(layout.scale.domain()).range(layout.scale.range()))
    .tickValues(ticks.map((t) => +t.date))
    .tickFormat((_, i) => ticks[i]?.label ?? '')
    .tickSizeOuter(0)
    .offset(offset);
  select(g).call(axis);
  select(g)
    .selectAll<SVGGElement, unknown>('.tick')
    .attr('class', (_, i) => `tick ${ticks[i]?.level ?? ''}`);
  return shape(g);
}

function drawnByLit(ticks: Tick[], layout: ReturnType<typeof layoutTimeline>, offset: number): Shape {
  const svg = document.createElementNS(SVG, 'svg');
  render(storyAxis(ticks, layout.scale.range(), 40, offset), svg);
  return shape(svg.querySelector('g.axis')!);
}

describe('storyAxis', () => {
  const layout = layoutTimeline(DATES, { range: [16, 716], split: d('2025-02-04'), gap: 30 });
  const ticks = storyTicks(layout.scale, DATES);

  it('storyAxis(ticks, range, y, 0.5) draws what d3-axis drew on a 1x screen', () => {
    expect(ticks.length).toBeGreaterThan(3);
    expect(drawnByLit(ticks, layout, 0.5)).toEqual(drawnByD3(ticks, layout, 0.5));
  });

  it('storyAxis(ticks, range, y, 0) draws what d3-axis drew on a denser screen', () => {
    expect(drawnByLit(ticks, layout, 0)).toEqual(drawnByD3(ticks, layout, 0));
  });

  it('storyAxis(ticks, range, y, offset) keeps the classes the styles select', () => {
    const svg = document.createElementNS(SVG, 'svg');
    render(storyAxis(ticks, layout.scale.range(), 40, 0.5), svg);
    expect(svg.querySelectorAll('path.domain')).toHaveLength(1);
    expect([...svg.querySelectorAll('g.tick')].map((t) => t.getAttribute('class'))).toEqual(
      ticks.map((t) => `tick ${t.level}`),
    );
    expect(svg.querySelectorAll('.tick.year').length).toBeGreaterThan(0);
  });

  it('storyAxis(ticks, ...) draws a new set of ticks over the old one', () => {
    const svg = document.createElementNS(SVG, 'svg');
    render(storyAxis(ticks, layout.scale.range(), 40, 0.5), svg);
    const wider = layoutTimeline(DATES, { range: [16, 1016], split: d('2025-02-04'), gap: 30 });
    const more = storyTicks(wider.scale, DATES);
    render(storyAxis(more, wider.scale.range(), 40, 0.5), svg);
    expect(shape(svg.querySelector('g.axis')!)).toEqual(drawnByD3(more, wider, 0.5));
  });
});

describe('crispOffset', () => {
  it('crispOffset(devicePixelRatio) shifts lines by half a pixel on 1x screens only, as d3-axis does', () => {
    expect(crispOffset(1)).toBe(0.5);
    expect(crispOffset(2)).toBe(0);
    expect(crispOffset(1.5)).toBe(0);
  });
});
