/**
 * The timeline's axis as a Lit `svg` template, drawn from `layoutTimeline` (which has already
 * placed and labelled every tick and break, see time/scale.ts). Each tick is a mark with its
 * labels to its right: the unit it names on the first line, and the larger units that begin there
 * on the second, beside a longer mark. The axis line is broken, with a `//` mark, wherever time is
 * left out. The markup follows d3-axis's (`.domain`, `.tick`), so the styles read the same way.
 */
import { svg, type SVGTemplateResult } from 'lit';
import { LABEL_X, type TimelineLayout } from '../time/scale.ts';

/** Length of a tick mark below the axis line (d3-axis's `tickSizeInner`). */
export const TICK_SIZE = 6;
/** Top of the first line of labels, below the axis line. */
const LINE1_Y = 9;
/** Top of the second line of labels. */
const LINE2_Y = 23;
/** Length of the mark of a tick with a second line: down beside both lines. */
const MAJOR_SIZE = 34;
/** Height the axis needs below its line, for both lines of labels. */
export const AXIS_DEPTH = 38;
/** Half the gap the axis line leaves at a break, and half the width of the `//` mark. */
const BREAK_HALF = 4;

/**
 * `crispOffset(devicePixelRatio)` is d3-axis's half-pixel shift: on a 1x screen a 1 px line on a
 * whole coordinate is smeared over two pixel rows, so lines move by 0.5 px; denser screens need
 * no shift.
 */
export function crispOffset(devicePixelRatio: number): number {
  return devicePixelRatio > 1 ? 0 : 0.5;
}

/**
 * `axisLine(range, breaks)` is the path of the axis line from `range[0]` to `range[1]`, with a gap
 * at each break.
 */
export function axisLine(range: readonly [number, number], breaks: readonly { x: number }[], offset = 0): string {
  let d = `M${range[0] + offset},${offset}`;
  for (const b of breaks) d += `H${b.x - BREAK_HALF + offset}M${b.x + BREAK_HALF + offset},${offset}`;
  return `${d}H${range[1] + offset}`;
}

/** `breakMark(x)` is the path of a `//` mark across the axis line at x. */
export function breakMark(x: number, offset = 0): string {
  const h = 5;
  const a = x + offset;
  return `M${a - BREAK_HALF},${h}L${a - 1},${-h}M${a + 1},${h}L${a + BREAK_HALF},${-h}`;
}

/**
 * `storyAxis(layout, y, offset)` draws the bottom axis of a layout at height `y`: the line (broken
 * at each break, with its mark), and each tick as a mark with its labels, classed by level
 * (`tick year`, `tick month`, `tick day`, plus `major` when it begins a year). `offset` is
 * `crispOffset(...)`.
 */
export function storyAxis(
  layout: Pick<TimelineLayout, 'ticks' | 'breaks' | 'range'>,
  y: number,
  offset: number,
): SVGTemplateResult {
  return svg`<g class="axis" transform="translate(0,${y})" fill="none" font-size="11" text-anchor="start">
    <path class="domain" stroke="currentColor" d=${axisLine(layout.range, layout.breaks, offset)}></path>
    ${layout.breaks.map(
      (b) =>
        svg`<path class="break" stroke="currentColor" d=${breakMark(b.x, offset)} data-from=${b.from.toISOString()} data-to=${b.to.toISOString()}></path>`,
    )}
    ${layout.ticks.map(
      (
        t,
      ) => svg`<g class=${`tick ${t.level}${t.major === 'year' ? ' major' : ''}`} transform=${`translate(${t.x + offset},0)`} data-date=${t.date.toISOString()}>
        <line stroke="currentColor" y2=${t.context === null ? TICK_SIZE : MAJOR_SIZE}></line>
        <text class="unit" fill="currentColor" x=${LABEL_X} y=${LINE1_Y} dy="0.71em">${t.label}</text>
        ${t.context === null ? null : svg`<text class="context" fill="currentColor" x=${LABEL_X} y=${LINE2_Y} dy="0.71em">${t.context}</text>`}
      </g>`,
    )}
  </g>`;
}
