import { describe, expect, it } from 'vitest';
import {
  breakWidth,
  contextLabel,
  estimateWidth,
  LABEL_GAP,
  LABEL_X,
  layoutTimeline,
  type LayoutOptions,
  type Measure,
  type Placed,
  type TimelineLayout,
  timeScale,
  unitLabel,
} from '../../src/time/scale.ts';
import {
  axisRules,
  DEFAULT_DATES,
  type DateSet,
  type DrawnAxis,
  isAfter,
  randomDateSets,
  spanOf,
} from '../fixtures/timeline.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
/** Events from dates as written; those after `published` (a day) are after the article. */
const placed = (dates: readonly string[], published: string | null = null): Placed[] =>
  dates.map((s) => ({ when: spanOf(s), after: isAfter(s, published) }));

/** The phone's timeline (390 px), the desktop panel's at 1280 px, and a wide screen. */
const WIDTHS = [390, 742, 1280];

/** What a layout draws, for axisRules: positions and the labels' text, with boxes from `measure`. */
function drawn(set: DateSet, layout: TimelineLayout, measure: Measure = estimateWidth): DrawnAxis {
  return {
    width: layout.width,
    events: set.dates.map((written, i) => ({ written, x: layout.xs[i]!, after: isAfter(written, set.published) })),
    ticks: layout.ticks.map((t) => ({ x: t.x, label: t.label, context: t.context })),
    breaks: layout.breaks,
    boxes: layout.ticks.flatMap((t) => {
      const left = t.x + LABEL_X;
      const line1 = { line: 1 as const, left, right: left + measure(t.label, t.level === 'year'), text: t.label };
      if (t.context === null) return [line1];
      return [line1, { line: 2 as const, left, right: left + measure(t.context, t.major === 'year'), text: t.context }];
    }),
    afterX: layout.afterX,
    labelGap: LABEL_GAP,
  };
}

/** The rules only a layout can be asked about: its map from time to pixels, the breaks' dates, its width. */
function layoutRules(set: DateSet, layout: TimelineLayout, available: number): string[] {
  const out: string[] = [];
  const events = placed(set.dates, set.published);
  // The instants each tick marks: its unit's start, and the larger units' its second line names.
  const marks = layout.ticks.map((t) => {
    const month = new Date(+t.date);
    month.setUTCDate(1);
    const year = new Date(+month);
    year.setUTCMonth(0);
    return t.context === null ? [+t.date] : [+t.date, +month, +year];
  });
  layout.ticks.forEach((t, k) => {
    // Where a unit starts together with a longer one drawn before it, the map jumps to the later x.
    const jump = marks.slice(k + 1).some((m) => m.includes(+t.date));
    if (!jump && Math.abs(layout.scale(t.date) - t.x) > 1e-6) out.push(`scale at tick ${t.label}`);
  });
  const first = layout.scale.domain()[0]!;
  events.forEach((e, i) => {
    // Any instant before the span maps left of the event, any from its end on, right of it.
    const before = +e.when.start - 1;
    if (before >= first && !(layout.scale(before) < layout.xs[i]!)) out.push(`scale before ${set.dates[i]}`);
    if (!(layout.scale(e.when.end) > layout.xs[i]!)) out.push(`scale after ${set.dates[i]}`);
  });
  const [domain, range] = [layout.scale.domain(), layout.scale.range()];
  for (let k = 1; k < domain.length; k++)
    if (domain[k]! < domain[k - 1]! || range[k]! < range[k - 1]!) out.push('scale not increasing');
  for (const b of layout.breaks) if (!(+b.to > +b.from)) out.push('a break that leaves nothing out');
  if (layout.width < available - 1e-6) out.push('narrower than the width given');
  return out;
}

function check(set: DateSet, options: LayoutOptions): string[] {
  const layout = layoutTimeline(placed(set.dates, set.published), options);
  return [...axisRules(drawn(set, layout, options.measure)), ...layoutRules(set, layout, options.width)];
}

describe('layoutTimeline: the rules, on generated date sets', () => {
  const sets = randomDateSets(500, 20260101);

  it('randomDateSets(n) makes sets from one day to centuries, with clusters and partial dates', () => {
    const spanDays = (s: DateSet) => {
      const starts = s.dates.map((x) => +spanOf(x).start);
      return (Math.max(...starts) - Math.min(...starts)) / 86_400_000;
    };
    expect(sets.some((s) => new Set(s.dates).size === 1 && s.dates.length > 1)).toBe(true);
    expect(sets.some((s) => spanDays(s) > 200 * 365)).toBe(true);
    expect(sets.some((s) => spanDays(s) < 10)).toBe(true);
    expect(sets.some((s) => s.dates.some((x) => x.length === 4) && s.dates.some((x) => x.length === 7))).toBe(true);
    expect(sets.filter((s) => s.published !== null).length).toBeGreaterThan(100);
  });

  it('layoutTimeline(events) keeps every rule for 500 generated date sets at phone and desktop widths', () => {
    const failures: string[] = [];
    for (const set of sets)
      for (const width of WIDTHS) {
        const broken = check(set, { width });
        if (broken.length) failures.push(`${JSON.stringify(set)} at ${width}px: ${broken.join('; ')}`);
      }
    expect(failures.slice(0, 3)).toEqual([]);
    // About 3 s of one core; more while the browser tests run beside it.
  }, 30_000);

  it('layoutTimeline(events, {measure}) keeps the rules with labels of other widths (another font)', () => {
    const narrow = (text: string) => text.length * 5;
    const wide = (text: string, bold: boolean) => text.length * (bold ? 10 : 9);
    for (const set of sets.slice(0, 150))
      for (const measure of [narrow, wide])
        expect(check(set, { width: 390, measure }), JSON.stringify(set)).toEqual([]);
  });

  it('axisRules(axis) finds each fault of a drawn axis (the checks can fail)', () => {
    const set: DateSet = { dates: ['2025-01-29', '2025-02-03', '2025-02-03', '2025-03-15'], published: '2025-02-04' };
    const good = drawn(set, layoutTimeline(placed(set.dates, set.published), { width: 390 }));
    expect(axisRules(good)).toEqual([]);
    const feb = good.ticks.findIndex((t) => t.context === 'Feb');
    // The "Feb" tick right of the first event of 3 February: it reads as January, and the tick is on its wrong side.
    const late = { ...good, ticks: good.ticks.map((t, i) => (i === feb ? { ...t, x: good.events[1]!.x + 1 } : t)) };
    expect(axisRules(late)).toEqual([
      'the tick saying 2025-02-03 (2025-02-03) is not left of 2025-02-03',
      'the tick saying 2025-02-03 (2025-02-01) is not left of 2025-02-03',
      '2025-02-03 reads as 2025-01-29',
    ]);
    // No break where days are left out.
    expect(axisRules({ ...good, breaks: [] })).toContain('0 breaks between 2025-01-29 and 2025-02-03, wanted 1');
    // Two events on top of each other; two labels on top of each other; a year where its day was.
    const close = { ...good, events: good.events.map((e, i) => (i === 2 ? { ...e, x: good.events[1]!.x + 10 } : e)) };
    expect(axisRules(close).join()).toMatch(/spacing/);
    const overlap = {
      ...good,
      boxes: [
        ...good.boxes,
        { line: 1 as const, left: good.boxes[0]!.left + 1, right: good.boxes[0]!.right, text: 'x' },
      ],
    };
    expect(axisRules(overlap).join()).toMatch(/labels overlap on line 1/);
    const year = { ...good, ticks: good.ticks.map((t, i) => (i === 0 ? { ...t, label: '1929', context: null } : t)) };
    expect(axisRules(year)[0]).toBe('the tick saying 1929-02-03 (1929-02-03) is not left of 2025-01-29');
    // The section after the article drawn before the last event of 3 February.
    expect(axisRules({ ...good, afterX: good.events[2]!.x - 1 })).toContain('after section misplaced');
  });
});

describe('layoutTimeline: what a reader sees', () => {
  it('layoutTimeline(events) puts the meeting of 3 February 2025 right of the "Feb" tick, after the January days', () => {
    for (const width of WIDTHS) {
      const layout = layoutTimeline(placed(DEFAULT_DATES, '2025-02-04'), { width });
      const feb = layout.ticks.find((t) => t.context === 'Feb' && t.date.getUTCFullYear() === 2025)!;
      expect(feb.label).toBe('3');
      const meeting = DEFAULT_DATES.indexOf('2025-02-03');
      expect(layout.xs[meeting]!).toBeGreaterThan(feb.x);
      const jan29 = DEFAULT_DATES.indexOf('2025-01-29');
      expect(layout.xs[jan29]!).toBeLessThan(feb.x);
      // Every tick is a day that has events: none on an empty year, month or day.
      expect(layout.ticks.map((t) => t.date.toISOString().slice(0, 10))).toEqual([...new Set(DEFAULT_DATES)]);
    }
  });

  it('layoutTimeline(events) labels every event year of a story over centuries, and no other', () => {
    const dates = [
      '1741-06',
      '1741-07-16',
      '1784',
      '1799',
      '1867-03-30',
      '1867-10-18',
      '1867-10-18',
      '1898',
      '1942-06-03',
      '1942-06-04',
      '1942-06-04',
      '1942-06-06',
      '1959-01-03',
      '1964',
    ];
    const layout = layoutTimeline(placed(dates), { width: 742 });
    const years = layout.ticks.flatMap((t) => (t.level === 'year' ? [t.label] : (t.context?.match(/\d{4}/) ?? [])));
    expect(years).toEqual(['1741', '1784', '1799', '1867', '1898', '1942', '1959', '1964']);
    // The second event of 18 October 1867 is before 1898's tick, and both are right of "18".
    const oct18 = layout.ticks.find((t) => t.label === '18')!;
    expect(oct18.context).toBe('Oct');
    expect(layout.xs[6]!).toBeGreaterThan(oct18.x);
    expect(layout.xs[6]!).toBeLessThan(layout.ticks.find((t) => t.label === '1898')!.x);
    // The June 1942 days name their month and year.
    expect(layout.ticks.filter((t) => t.date.getUTCFullYear() === 1942).map((t) => [t.label, t.context])).toEqual([
      ['3', 'Jun 1942'],
      ['4', null],
      ['6', null],
    ]);
  });

  it('layoutTimeline(events) breaks the axis where time is left out, not between adjacent days', () => {
    const layout = layoutTimeline(placed(['2022-03-26', '2022-03-27', '2022-07-21', '2025-01-20']), { width: 742 });
    expect(layout.breaks.map((b) => [b.from.toISOString().slice(0, 10), b.to.toISOString().slice(0, 10)])).toEqual([
      ['2022-03-28', '2022-07-21'],
      ['2022-07-22', '2025-01-20'],
    ]);
    // Adjacent days are one run, to scale: equally wide.
    const run = layoutTimeline(placed(['2022-03-26', '2022-03-27', '2022-03-27', '2022-03-28']), { width: 390 });
    const lefts = run.ticks.map((t) => t.x);
    expect(lefts[1]! - lefts[0]!).toBeCloseTo(lefts[2]! - lefts[1]!, 9);
    expect(run.breaks).toEqual([]);
  });

  it('layoutTimeline(events) puts a year first, then the dates inside it', () => {
    const layout = layoutTimeline(placed(['1942-06-04', '1942', '1942-06']), { width: 390 });
    expect(layout.xs[1]!).toBeLessThan(layout.xs[2]!);
    expect(layout.xs[2]!).toBeLessThan(layout.xs[0]!);
    expect(layout.ticks.map((t) => [t.label, t.context])).toEqual([
      ['1942', null],
      ['Jun', null],
      ['4', null],
    ]);
    expect(layout.breaks).toEqual([]);
  });

  it('layoutTimeline(events) sets the events after the article behind a gap', () => {
    const layout = layoutTimeline(placed(DEFAULT_DATES, '2025-02-04'), { width: 742 });
    const last = DEFAULT_DATES.lastIndexOf('2025-02-03');
    expect(layout.afterX!).toBeGreaterThan(layout.xs[last]! + 12);
    expect(layout.afterX!).toBeLessThan(layout.xs[last + 1]! - 12);
    expect(layoutTimeline(placed(DEFAULT_DATES), { width: 742 }).afterX).toBeNull();
  });

  it('layoutTimeline(events, {width}) fills a wide screen and scrolls on a narrow one', () => {
    const wide = layoutTimeline(placed(['2025-01-20', '2025-02-03']), { width: 1280 });
    expect(wide.width).toBe(1280);
    expect(wide.range).toEqual([16, 1264]);
    const narrow = layoutTimeline(placed(DEFAULT_DATES), { width: 390 });
    expect(narrow.width).toBeGreaterThan(390);
  });

  it('layoutTimeline([]) and a single event do not throw', () => {
    expect(layoutTimeline([], { width: 100 }).xs).toEqual([]);
    const one = layoutTimeline(placed(['2025-02-03']), { width: 100 });
    expect(one.xs).toEqual([50]);
    expect(one.ticks.map((t) => [t.label, t.context])).toEqual([['3', 'Feb 2025']]);
  });

  it('layoutTimeline(events) gives the x of each event in the order given', () => {
    const dates = ['2025-02-03', '2019-06-01', '2022-03-26'];
    const layout = layoutTimeline(placed(dates), { width: 742 });
    expect(layout.xs[1]!).toBeLessThan(layout.xs[2]!);
    expect(layout.xs[2]!).toBeLessThan(layout.xs[0]!);
  });
});

describe('breakWidth', () => {
  it('breakWidth(from, to) grows with the logarithm of the time left out', () => {
    expect(breakWidth(d('2025-01-21'), d('2025-01-22'))).toBe(0);
    expect(breakWidth(d('2025-01-21'), d('2025-05-01'))).toBeCloseTo(5, 0);
    expect(breakWidth(d('1900-01-01'), d('2000-01-01'))).toBeCloseTo(2.5 * Math.log10(36524), 9);
  });
});

describe('unitLabel and contextLabel', () => {
  it("unitLabel(date, level, 'en') names the unit as in Britain: 4, Feb, 2025", () => {
    expect(unitLabel(d('2025-02-04'), 'day', 'en')).toBe('4');
    expect(unitLabel(d('2025-02-01'), 'month', 'en')).toBe('Feb');
    expect(unitLabel(d('2025-09-01'), 'month', 'en')).toBe('Sept');
    expect(unitLabel(d('2025-01-01'), 'year', 'en')).toBe('2025');
  });

  it('contextLabel(date, levels) names the larger units that begin at a tick', () => {
    expect(contextLabel(d('2025-02-03'), ['year', 'month'])).toBe('Feb 2025');
    expect(contextLabel(d('2025-02-03'), ['month'])).toBe('Feb');
    expect(contextLabel(d('2025-02-03'), ['year'])).toBe('2025');
    expect(contextLabel(d('2025-02-03'), [])).toBeNull();
  });

  it('unitLabel(date, level, locale) reads the date in UTC, in the language given', () => {
    expect(unitLabel(new Date('2024-12-31T23:30:00Z'), 'year', 'en')).toBe('2024');
    expect(unitLabel(d('2025-03-01'), 'month', 'fr')).toBe('mars');
    expect(contextLabel(d('2025-01-03'), ['month'], 'es')).toBe(
      new Intl.DateTimeFormat('es', { month: 'short', timeZone: 'UTC' }).format(d('2025-01-03')),
    );
  });

  it('unitLabel(date, level, locale) makes the formats of a language once', () => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made++;
      }
    } as typeof Original;
    try {
      for (const level of ['year', 'month', 'day'] as const) {
        unitLabel(d('2025-02-04'), level, 'nl');
        unitLabel(d('2024-03-05'), level, 'nl');
      }
      contextLabel(d('2025-02-04'), ['year', 'month'], 'nl');
      expect(made).toBe(4);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});

describe('timeScale', () => {
  it("maps time as d3's polylinear scaleLinear does, inside the domain and past both ends", async () => {
    const { scaleLinear } = await import('d3');
    const domain = [+d('2020-01-01'), +d('2023-06-01'), +d('2025-02-03'), +d('2025-02-04')];
    const range = [16, 300, 650, 716];
    const ours = timeScale(domain, range);
    const d3s = scaleLinear().domain(domain).range(range);
    for (const t of [+d('2019-01-01'), ...domain, +d('2024-01-01'), +d('2025-02-03') + 3_600_000, +d('2026-01-01')])
      expect(ours(t)).toBeCloseTo(d3s(t), 9);
    expect(ours(new Date(domain[1]!))).toBe(300);
    expect(ours.domain()).toEqual(domain);
    expect(ours.range()).toEqual(range);
  });
});
