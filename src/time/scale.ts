/**
 * The timeline's layout. A story's dates are uneven: this one has years of background (2019 to
 * 2024), then a dense fortnight (late January to early February 2025), then months after the
 * article. On a linear axis the fortnight collapses into one pixel; on an ordinal axis the years
 * lose their length. We blend the two. Event i of n (sorted by date) sits at
 *
 *   x(i) = BLEND · (its date's linear position) + (1 − BLEND) · i / (n − 1)
 *
 * so order is kept, every event gets at least (1 − BLEND) · width / (n − 1) pixels to itself (even
 * events on the same day sit side by side, each its own target), and long gaps still look longer
 * than short ones. The axis is a polylinear time scale through the event days, so year, month
 * and day ticks fall where the events are. The domain stays fixed while the reader scrolls (no
 * zooming axis to re-read); events after the story's publication day sit behind a visible gap.
 */
import { bisectRight, utcDay, utcMonth, utcYear } from 'd3';

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

/** Share of the position taken from real time; the rest comes from the event's rank. */
export const BLEND = 0.2;

export interface LayoutOptions {
  /** Left and right ends of the axis in pixels. */
  range: [number, number];
  /** Dates after this one start the "after" section, behind a gap. */
  split?: Date | null;
  /** Width of the gap before the "after" section, in pixels. */
  gap?: number;
}

export interface TimelineLayout {
  /** x of each date given, in the same order. */
  xs: number[];
  /** Time scale through the event days (each at the middle of its events), for the axis. */
  /** Time to pixels (the labels come from storyTicks). */
  scale: TimeScale;
  /** x where the "after" section begins (middle of the gap), or null if there is none. */
  afterX: number | null;
}

/** `uniqueDays(dates)` returns the distinct UTC days, sorted. */
export function uniqueDays(dates: readonly Date[]): Date[] {
  const days = new Map<number, Date>();
  for (const d of dates) {
    const day = utcDay.floor(d);
    days.set(+day, day);
  }
  return [...days.values()].sort((a, b) => +a - +b);
}

/**
 * `minWidthFor(count, spacing)` is the narrowest axis on which `count` events are each at least
 * `spacing` pixels apart.
 */
export function minWidthFor(count: number, spacing: number): number {
  return count <= 1 ? spacing : (spacing * (count - 1)) / (1 - BLEND);
}

/**
 * `layoutTimeline(dates, options)` places dates (sorted ascending) along the axis as described
 * above, and returns the matching d3 scale.
 */
export function layoutTimeline(dates: readonly Date[], options: LayoutOptions): TimelineLayout {
  const [x0, x1] = options.range;
  const n = dates.length;
  if (n === 0) {
    const start = new Date(0);
    return {
      xs: [],
      scale: timeScale([+start, +utcDay.offset(start, 1)], [x0, x1]),
      afterX: null,
    };
  }
  const split = options.split ?? null;
  const isAfter = (d: Date) => split !== null && d > split;
  const hasAfter = dates.some(isAfter) && dates.some((d) => !isAfter(d));
  const gap = hasAfter ? (options.gap ?? 24) : 0;
  const width = x1 - x0 - gap;
  const t0 = +dates[0]!;
  const t1 = +dates[n - 1]!;
  const xs = dates.map((d, i) => {
    const linear = t1 > t0 ? (+d - t0) / (t1 - t0) : 0.5;
    const rank = n > 1 ? i / (n - 1) : 0.5;
    const x = x0 + width * (BLEND * linear + (1 - BLEND) * rank);
    return isAfter(d) ? x + gap : x;
  });
  // The axis: each day at the middle of its events.
  const byDay = new Map<number, number[]>();
  dates.forEach((d, i) => {
    const key = +utcDay.floor(d);
    byDay.set(key, [...(byDay.get(key) ?? []), xs[i]!]);
  });
  const days = [...byDay.keys()].sort((a, b) => a - b);
  const dayXs = days.map((k) => {
    const list = byDay.get(k)!;
    return list.reduce((a, b) => a + b, 0) / list.length;
  });
  const scale =
    days.length === 1
      ? timeScale(
          [+utcDay.offset(new Date(days[0]!), -1), days[0]!, +utcDay.offset(new Date(days[0]!), 1)],
          [x0, dayXs[0]!, x1],
        )
      : timeScale(days, dayXs);
  const firstAfter = dates.findIndex(isAfter);
  const afterX = hasAfter ? (xs[firstAfter - 1]! + xs[firstAfter]!) / 2 : null;
  return { xs, scale, afterX };
}

export type TickLevel = 'year' | 'month' | 'day';

export interface Tick {
  date: Date;
  x: number;
  level: TickLevel;
  label: string;
}

/** How each level of tick is labelled: `2025`, `Feb`, `4 Feb` in English. */
const TICK_FORMATS: Record<TickLevel, Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric', timeZone: 'UTC' },
  month: { month: 'short', timeZone: 'UTC' },
  day: { day: 'numeric', month: 'short', timeZone: 'UTC' },
};

/** The three tick formats of each language, made once: making a format is slow. */
const tickFormats = new Map<string, Record<TickLevel, Intl.DateTimeFormat>>();

/**
 * `tickLabel(date, level, locale)` labels a tick in the story's language (`locale`, a language tag;
 * English is written as in Britain, as everywhere in the story: `4 Feb`, not `Feb 4`).
 */
export function tickLabel(date: Date, level: TickLevel, locale = 'en'): string {
  let formats = tickFormats.get(locale);
  if (!formats) {
    const lang = locale === 'en' ? 'en-GB' : locale;
    formats = {
      year: new Intl.DateTimeFormat(lang, TICK_FORMATS.year),
      month: new Intl.DateTimeFormat(lang, TICK_FORMATS.month),
      day: new Intl.DateTimeFormat(lang, TICK_FORMATS.day),
    };
    tickFormats.set(locale, formats);
  }
  return formats[level].format(date);
}

export interface TickOptions {
  /** Least distance between two labels, in pixels (default 44). */
  minGap?: number;
  /** The story's language, for the labels (default `en`; see `tickLabel`). */
  locale?: string;
}

/**
 * `storyTicks(scale, dayCandidates, {minGap, locale})` picks axis labels that fit: years first,
 * then month starts, then the event days given, each kept only if it is at least `minGap` pixels
 * from every label already kept, and labelled in `locale`. Where the scale stretches a fortnight,
 * days appear; where it squeezes years, only years do.
 */
export function storyTicks(
  scale: TimeScale,
  dayCandidates: readonly Date[],
  { minGap = 44, locale = 'en' }: TickOptions = {},
): Tick[] {
  const [start, end] = [new Date(scale.domain()[0]!), new Date(scale.domain().at(-1)!)];
  const kept: Tick[] = [];
  const fits = (x: number) => kept.every((t) => Math.abs(t.x - x) >= minGap);
  const [r0, r1] = [scale.range()[0]!, scale.range().at(-1)!];
  const consider = (date: Date, level: TickLevel) => {
    const x = scale(date);
    if (x < r0 - 0.5 || x > r1 + 0.5) return;
    if (fits(x)) kept.push({ date, x, level, label: tickLabel(date, level, locale) });
  };
  for (const d of utcYear.range(utcYear.ceil(start), utcDay.offset(end, 1))) consider(d, 'year');
  // Months only where the scale gives a month room of its own (not squeezed between years).
  for (const d of utcMonth.range(utcMonth.ceil(start), utcDay.offset(end, 1))) {
    const roomy = scale(utcMonth.offset(d, 1)) - scale(d) >= minGap / 2;
    if (+utcYear.floor(d) !== +d && roomy) consider(d, 'month');
  }
  for (const d of uniqueDays(dayCandidates)) {
    if (+utcMonth.floor(d) !== +d) consider(d, 'day');
  }
  return kept.sort((a, b) => a.x - b.x);
}
