/**
 * The timeline's axis as a Lit `svg` template, drawn from `storyTicks` (which has already placed
 * and labelled every tick). It writes the same elements and attributes as d3-axis's
 * `axisBottom(scale).tickValues(dates).tickFormat(labels).tickSizeOuter(0)`, so the styles written
 * for d3's markup (`.domain`, `.tick`, `.tick.year`) still apply and the picture is unchanged,
 * without shipping d3-axis and d3-selection to the reader.
 */
import { svg, type SVGTemplateResult } from 'lit';
import type { Tick } from '../time/scale.ts';

/** Length of a tick mark below the axis line (d3-axis's `tickSizeInner`). */
const TICK_SIZE = 6;
/** Space between a tick mark and its label (d3-axis's `tickPadding`). */
const TICK_PADDING = 3;

/**
 * `crispOffset(devicePixelRatio)` is d3-axis's half-pixel shift: on a 1x screen a 1 px line on a
 * whole coordinate is smeared over two pixel rows, so lines move by 0.5 px; denser screens need
 * no shift.
 */
export function crispOffset(devicePixelRatio: number): number {
  return devicePixelRatio > 1 ? 0 : 0.5;
}

/**
 * `storyAxis(ticks, range, y, offset)` draws a bottom axis at height `y`: the line from the first
 * to the last value of `range` (the scale's range), and each tick as a mark with its label below,
 * classed by level (`tick year`, `tick month`, `tick day`). `offset` is `crispOffset(...)`.
 */
export function storyAxis(
  ticks: readonly Tick[],
  range: readonly number[],
  y: number,
  offset: number,
): SVGTemplateResult {
  const x0 = (range[0] ?? 0) + offset;
  const x1 = (range.at(-1) ?? 0) + offset;
  return svg`<g class="axis" transform="translate(0,${y})" fill="none" font-size="10" font-family="sans-serif" text-anchor="middle">
    <path class="domain" stroke="currentColor" d=${`M${x0},${offset}H${x1}`}></path>
    ${ticks.map(
      (t) => svg`<g class=${`tick ${t.level}`} opacity="1" transform=${`translate(${t.x + offset},0)`}>
        <line stroke="currentColor" y2=${TICK_SIZE}></line>
        <text fill="currentColor" y=${TICK_SIZE + TICK_PADDING} dy="0.71em">${t.label}</text>
      </g>`,
    )}
  </g>`;
}
