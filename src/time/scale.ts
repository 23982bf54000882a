/**
 * The timeline's layout: where each event goes, which ticks label the axis, and where the axis is
 * broken. A story's dates are uneven: centuries of background, then a cluster of days, and several
 * events on one day. No single linear time axis shows them all (a fortnight collapses into a
 * pixel), and any axis that bends time to make room has to say where it bends. The rules:
 *
 * 1. **Every event is a span, and sits inside it.** A day spans the day, `1741-06` the month,
 *    `1784` the year (see DateSpan). Events are grouped by their span (all the events of 3 February
 *    2025; all those dated only "1784"), and each group gets a region of the axis wide enough for
 *    its events to be `spacing` pixels apart (a touch target each) and for its label.
 *
 * 2. **Ticks are the units that hold events, labelled as Observable Plot labels time.** A tick
 *    marks the start of the region of a day, month or year that has events, and its label sits to
 *    its right, over that region, so it names what follows it up to the next tick (d3's time ticks
 *    mark instants: a label centred on midnight between two events of consecutive days could be
 *    either's). The first line names the unit itself (`3`, `Feb`, `1784`); the second line names the
 *    larger units that begin there (`Feb 2025`, `1942`), as Plot's time axes write the month or year
 *    below a tick only when it differs from the tick before. So every event's date reads off the
 *    axis: the nearest tick to its left is its own day, month or year, and the month and year in
 *    force are the last ones written. No tick is ever placed on a year, month or day without events
 *    (d3's ticks, evenly spaced in time, would label 1838 in a gap between 1799 and 1867 and none of
 *    the years that matter).
 *
 * 3. **Time is to scale only within a run, and a break shows where it is not.** A run is a
 *    sequence of adjacent units of one kind (26 and 27 March; 2022, 2023, 2024), drawn equally
 *    wide. Where time is left out between two regions (20 to 23 January, 1815 to 1927) a `//` mark
 *    breaks the axis line, in the room between the last event before and the next tick (the mark
 *    is on the line, the events above it and the labels below, so it needs no room of its own), and
 *    a gap grows with the logarithm of the time left out (11 px for a century: it looks longer
 *    than three days, but not 10,000 times longer). A region of a month or a year that also holds
 *    finer dates (`1942` and 3 June 1942) comes first, then the finer ones inside it. Events after
 *    the story's publication day sit behind a further gap, under their own label. When everything
 *    fits with room to spare, the whole axis is stretched to the width given.
 *
 * 4. **One map from time to pixels.** The ticks, the events and `scale` (a piecewise-linear map
 *    through the regions' edges; inside a break it reaches the next region's left edge at the first
 *    unit that starts there) agree: for any instant T before an event's span, scale(T) is left of
 *    the event, and from its end on, right of it. test/unit/scale.test.ts checks these rules on 500
 *    generated date sets at phone and desktop widths, and test/browser/timeline.test.ts on the page.
 */
import { bisectRight, utcMonth, utcYear } from 'd3';
import type { DatePrecision, DateSpan } from '../story/types.ts';

/**
 * A piecewise-linear map from time (a Date, or ms since the epoch) to pixels, through `domain` (ms,
 * ascending) and `range`, extended past both ends by the end pieces: what d3's polylinear
 * `scaleLinear` does. Written out (with d3's bisect) because the scale module brings d3-interpolate,
 * d3-color and d3-format with it, about 7 KiB brotli of the reader's first load, for this alone.
 */
export interface TimeScale {
  (t: Date | number): number;
  domain(): number[];
  range(): number[];
}

export function timeScale(domain: readonly number[], range: readonly number[]): TimeScale {
  const d = [...domain];
  const r = [...range];
  const last = Math.max(0, Math.min(d.length, r.length) - 2);
  const scale = (time: Date | number): number => {
    const v = +time;
    const i = Math.max(0, Math.min(last, bisectRight(d, v) - 1));
    const span = d[i + 1]! - d[i]!;
    // As d3 computes it (normalize, then interpolateNumber), to the last bit.
    const t = span === 0 ? 0.5 : (v - d[i]!) / span;
    return r[i]! * (1 - t) + r[i + 1]! * t;
  };
  return Object.assign(scale, { domain: () => [...d], range: () => [...r] });
}

export type TickLevel = DatePrecision;

/** What the layout needs of an event: its date, and whether it is after the article. */
export interface Placed {
  readonly when: DateSpan;
  readonly after: boolean;
}

export interface Tick {
  /** The start of the unit it names. */
  date: Date;
  x: number;
  /** The unit it names on its first line. */
  level: TickLevel;
  /** The first line: the unit (`3`, `Feb`, `1784`). */
  label: string;
  /** The second line: the larger units that begin here (`Feb 2025`, `Jun`, `1942`), or null. */
  context: string | null;
  /** The largest unit that begins here: `year` ticks are drawn stronger. */
  major: TickLevel;
}

/** A break in the axis: the time from `from` to `to` is left out, at `x`. */
export interface AxisBreak {
  x: number;
  from: Date;
  to: Date;
}

export interface TimelineLayout {
  /** Width of the whole drawing: the width asked for, or more when the events need it. */
  width: number;
  /** x of each event given, in the same order. */
  xs: number[];
  ticks: Tick[];
  breaks: AxisBreak[];
  /** The two ends of the axis line. */
  range: [number, number];
  /** x where the "after" section begins (in the gap before it), or null if there is none. */
  afterX: number | null;
  /** Time to pixels, through the regions' edges (see rule 4 above). */
  scale: TimeScale;
}

/** `measure(text, bold)`: the width in pixels of a tick label drawn at the axis's font size. */
export type Measure = (text: string, bold: boolean) => number;

export interface LayoutOptions {
  /** The width available, in pixels: the axis fills it, and is wider only when it must be. */
  width: number;
  /** Space left and right of the axis (default 16). */
  margin?: number;
  /** Least distance between two events (default 24: a touch target each). */
  spacing?: number;
  /** Width of the gap before the events after the article (default 30). */
  afterGap?: number;
  /** The label drawn at the start of the "after" section (bold, at its left edge), to make room for. */
  afterLabel?: string;
  /** The story's language, for the labels (default `en`; see `unitLabel`). */
  locale?: string;
  /** How wide a label is drawn (default `estimateWidth`; the element measures with the page's font). */
  measure?: Measure;
}

/** Where a label starts, right of its tick mark. */
export const LABEL_X = 3;
/** Least room between the end of a label and the next label on its line. */
export const LABEL_GAP = 6;
/** Font size of the tick labels, in pixels. */
export const LABEL_SIZE = 11;

/**
 * The gap a break opens, beyond the room around the events (where its mark is drawn: the mark is on
 * the axis line, the events above it, the labels below): none for a day left out, 2.5 px more for
 * each tenfold longer (11 px for a century).
 */
export function breakWidth(from: Date, to: Date): number {
  const days = Math.max(1, (+to - +from) / 86_400_000);
  return 2.5 * Math.log10(days);
}

/** Widths in em of the characters of a label, wide enough for the common system fonts (DejaVu Sans). */
function charEm(c: string): number {
  if (c >= '0' && c <= '9') return 0.64;
  if (c === ' ' || c === '.' || c === ',' || c === '\u00a0') return 0.33;
  if (c >= 'A' && c <= 'Z') return 0.74;
  if (c >= 'a' && c <= 'z') return c === 'm' || c === 'w' ? 0.98 : c === 'i' || c === 'l' ? 0.28 : 0.62;
  return 0.7;
}

/** `estimateWidth(text, bold)`: a label's width without a browser to measure it (a little wide, never narrow). */
export function estimateWidth(text: string, bold = false): number {
  let em = 0;
  for (const c of text) em += charEm(c);
  return em * LABEL_SIZE * (bold ? 1.1 : 1);
}

// ---------------------------------------------------------------------------------------------
// Labels

type Part = 'day' | 'month' | 'year' | 'month-year';
const PART_FORMATS: Record<Part, Intl.DateTimeFormatOptions> = {
  day: { day: 'numeric', timeZone: 'UTC' },
  month: { month: 'short', timeZone: 'UTC' },
  year: { year: 'numeric', timeZone: 'UTC' },
  'month-year': { month: 'short', year: 'numeric', timeZone: 'UTC' },
};
/** The formats of each language, made once: making a format is slow. */
const partFormats = new Map<string, Record<Part, Intl.DateTimeFormat>>();

function format(date: Date, part: Part, locale: string): string {
  let formats = partFormats.get(locale);
  if (!formats) {
    const lang = locale === 'en' ? 'en-GB' : locale;
    formats = Object.fromEntries(
      (Object.keys(PART_FORMATS) as Part[]).map((p) => [p, new Intl.DateTimeFormat(lang, PART_FORMATS[p])]),
    ) as Record<Part, Intl.DateTimeFormat>;
    partFormats.set(locale, formats);
  }
  return formats[part].format(date);
}

/**
 * `unitLabel(date, level, locale)` is a tick's first line, the unit it names, in the story's
 * language: `3`, `Feb`, `2025` in English (written as in Britain, as everywhere in the story).
 */
export function unitLabel(date: Date, level: TickLevel, locale = 'en'): string {
  return format(date, level, locale);
}

/**
 * `contextLabel(date, levels, locale)` is a tick's second line: the larger units that begin at it
 * (`['year', 'month']`: `Feb 2025`; `['year']`: `2025`; `['month']`: `Feb`), or null for none.
 */
export function contextLabel(date: Date, levels: readonly TickLevel[], locale = 'en'): string | null {
  const year = levels.includes('year');
  const month = levels.includes('month');
  if (year && month) return format(date, 'month-year', locale);
  if (year) return format(date, 'year', locale);
  if (month) return format(date, 'month', locale);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Regions: the events grouped by their span, in time order, with what begins at each.

interface Region {
  when: DateSpan;
  /** The events' indices in the sorted order. */
  events: number[];
  after: boolean;
  /** The larger units (year, month) whose first region this is, largest first. */
  begins: TickLevel[];
  label: string;
  context: string | null;
  /** Least width: its events `spacing` apart, its label before the next tick. */
  min: number;
  left: number;
  right: number;
}

type Relation = 'inside' | 'next' | 'break';

/** How region `b` follows region `a`: inside a's month or year, right after it, or after a gap. */
function relation(a: DateSpan, b: DateSpan): Relation {
  if (+b.start < +a.end) return 'inside';
  return +b.start === +a.end ? 'next' : 'break';
}

/** `byDate(a, b)` sorts spans by start, a longer span first (as normalize.ts sorts events). */
function byDate(a: DateSpan, b: DateSpan): number {
  return +a.start - +b.start || +b.end - +a.end;
}

function regionsOf(sorted: readonly Placed[], locale: string, spacing: number, measure: Measure): Region[] {
  const regions: Region[] = [];
  let year: number | null = null;
  let month: number | null = null;
  sorted.forEach((e, i) => {
    const last = regions.at(-1);
    if (last && +last.when.start === +e.when.start && last.when.precision === e.when.precision) {
      last.events.push(i);
      last.after ||= e.after;
      return;
    }
    const { start, precision } = e.when;
    const y = start.getUTCFullYear();
    const m = y * 12 + start.getUTCMonth();
    const begins: TickLevel[] = [];
    if (y !== year && precision !== 'year') begins.push('year');
    if (m !== month && precision === 'day') begins.push('month');
    year = y;
    // A year region is the first of its year, but months of that year still begin after it.
    month = precision === 'year' ? null : m;
    const label = unitLabel(start, precision, locale);
    const context = contextLabel(start, begins, locale);
    regions.push({
      when: e.when,
      events: [i],
      after: e.after,
      begins,
      label,
      context,
      min: 0,
      left: 0,
      right: 0,
    });
  });
  for (const r of regions) {
    r.min = Math.max(r.events.length * spacing, LABEL_X + measure(r.label, r.when.precision === 'year') + LABEL_GAP);
  }
  // Runs of adjacent units of one kind are to scale: each as wide as the widest.
  let runStart = 0;
  for (let i = 1; i <= regions.length; i++) {
    const a = regions[i - 1]!;
    const b = regions[i];
    const continues =
      b !== undefined &&
      b.when.precision === a.when.precision &&
      relation(a.when, b.when) === 'next' &&
      b.after === a.after;
    if (continues) continue;
    const run = regions.slice(runStart, i);
    const widest = Math.max(...run.map((r) => r.min));
    for (const r of run) r.min = widest;
    runStart = i;
  }
  return regions;
}

/** Where the "after" section begins in its gap (before stretching): its middle, past a break's mark. */
function afterStart(g: { x0: number; x1: number; skipped: unknown }): number {
  return (g.x0 + g.x1) / 2 + (g.skipped ? 4 : 0);
}

/** The start of the `level` unit that holds `date`. */
function unitStart(date: Date, level: TickLevel): Date {
  return level === 'year' ? utcYear.floor(date) : level === 'month' ? utcMonth.floor(date) : date;
}

/**
 * `layoutTimeline(events, options)` places the events (each a span of time, see DateSpan) on an
 * axis at least `options.width` wide, as the comment at the top of this file describes, and
 * returns the events' x (in the order given), the ticks, the breaks and the map from time to x.
 */
export function layoutTimeline(events: readonly Placed[], options: LayoutOptions): TimelineLayout {
  const {
    width: available,
    margin = 16,
    spacing = 24,
    afterGap = 30,
    afterLabel = '',
    locale = 'en',
    measure = estimateWidth,
  } = options;
  if (events.length === 0) {
    const width = Math.max(available, 2 * margin);
    return {
      width,
      xs: [],
      ticks: [],
      breaks: [],
      range: [margin, width - margin],
      afterX: null,
      scale: timeScale([0, 86_400_000], [margin, width - margin]),
    };
  }
  // The events in time order (a stable sort keeps the order given for equal dates).
  const order = events.map((_, i) => i).sort((a, b) => byDate(events[a]!.when, events[b]!.when) || a - b);
  const sorted = order.map((i) => events[i]!);
  const regions = regionsOf(sorted, locale, spacing, measure);

  // Left to right: each region after the one before, and after the gap between them; then pushed
  // right until its labels clear the labels before them. Room a label needs between two regions
  // with no gap goes to the region before (so no gap opens where no time is left out).
  const gaps: { x0: number; x1: number; skipped: [Date, Date] | null; after: boolean; before: Region }[] = [];
  let x = margin;
  let line1 = -Infinity;
  let line2 = -Infinity;
  regions.forEach((r, i) => {
    const prev = regions[i - 1];
    let left = x;
    let gap: (typeof gaps)[number] | null = null;
    if (prev) {
      const rel = relation(prev.when, r.when);
      const after = r.after && !prev.after;
      if (rel === 'break' || after) {
        const skipped: [Date, Date] | null = rel === 'break' ? [prev.when.end, r.when.start] : null;
        gap = { x0: x, x1: 0, skipped, after, before: prev };
        const broken = skipped ? breakWidth(...skipped) : 0;
        // Before the events after the article: the break, then room for the section's edge.
        left = x + (after ? Math.max(afterGap, broken + 8) : broken);
      }
    }
    left = Math.max(left, line1 + LABEL_GAP - LABEL_X);
    if (r.context !== null) left = Math.max(left, line2 + LABEL_GAP - LABEL_X);
    if (prev) prev.right = gap ? prev.left + prev.min : left;
    if (gap) {
      gap.x1 = left;
      gaps.push(gap);
    }
    r.left = left;
    x = left + r.min;
    line1 = left + LABEL_X + measure(r.label, r.when.precision === 'year');
    if (r.context !== null) line2 = left + LABEL_X + measure(r.context, r.begins.includes('year'));
  });
  const last = regions.at(-1)!;
  // The last region reaches past its labels, and past the label of the "after" section.
  const afterGapAt = gaps.find((g) => g.after);
  const afterEnd = afterGapAt && afterLabel ? afterStart(afterGapAt) + 6 + measure(afterLabel, true) + LABEL_GAP : 0;
  const end = Math.max(x, line1 + LABEL_GAP, line2 + LABEL_GAP, afterEnd);
  last.right = end;
  // Room to spare: stretch it all to the width given.
  const need = end + margin;
  const f = need < available ? (available - 2 * margin) / (need - 2 * margin) : 1;
  const sx = (v: number) => margin + (v - margin) * f;
  for (const r of regions) {
    r.left = sx(r.left);
    r.right = sx(r.right);
  }

  const xsSorted: number[] = [];
  for (const r of regions) {
    const step = (r.right - r.left) / r.events.length;
    r.events.forEach((e, j) => {
      xsSorted[e] = r.left + (j + 0.5) * step;
    });
  }
  const xs: number[] = new Array(events.length);
  order.forEach((i, k) => {
    xs[i] = xsSorted[k]!;
  });

  const ticks: Tick[] = regions.map((r) => ({
    date: r.when.start,
    x: r.left,
    level: r.when.precision,
    label: r.label,
    context: r.context,
    major: r.begins[0] ?? r.when.precision,
  }));

  // A break's mark goes between the last event before it and the next tick; the "after" section
  // begins in the middle of its gap (past the mark, when there is one).
  const breaks: AxisBreak[] = [];
  let afterX: number | null = null;
  for (const g of gaps) {
    const lastX = g.before.left + (g.before.right - g.before.left) * (1 - 0.5 / g.before.events.length);
    const [x0, x1] = [sx(g.x0), sx(g.x1)];
    const mid = (x0 + x1) / 2;
    if (g.skipped) breaks.push({ x: (lastX + (g.after ? mid : x1)) / 2, from: g.skipped[0], to: g.skipped[1] });
    if (g.after) afterX = afterStart({ x0, x1, skipped: g.skipped });
  }

  // Time to pixels, through each region's edges and the units that begin at it (see rule 4). A
  // unit that starts together with a longer one drawn before it (January 1279 after 1279) gives
  // two points at one instant: the map then jumps there, and takes the later value.
  const times: number[] = [];
  const px: number[] = [];
  const anchor = (t: Date, x: number) => {
    times.push(+t);
    px.push(x);
  };
  regions.forEach((r, i) => {
    for (const level of r.begins) anchor(unitStart(r.when.start, level), r.left);
    anchor(r.when.start, r.left);
    const next = regions[i + 1];
    if (!next || relation(r.when, next.when) !== 'inside') anchor(r.when.end, r.right);
  });
  const scale = timeScale(times, px);

  return {
    width: Math.max(available, need),
    xs,
    ticks,
    breaks,
    range: [margin, last.right],
    afterX,
    scale,
  };
}
