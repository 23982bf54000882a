import { utcFormat } from 'd3';
import { describe, expect, it } from 'vitest';
import { BLEND, layoutTimeline, minWidthFor, storyTicks, tickLabel, uniqueDays } from '../../src/time/scale.ts';

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const DATES = [
  '2019-06-01',
  '2022-03-26',
  '2022-03-27',
  '2022-07-21',
  '2023-01-31',
  '2023-02-24',
  '2024-02-04',
  '2024-06-01',
  '2025-01-10',
  '2025-01-20',
  '2025-01-20',
  '2025-01-23',
  '2025-01-28',
  '2025-01-29',
  '2025-02-03',
  '2025-02-03',
  '2025-02-03',
  '2025-03-15',
  '2025-03-16',
  '2025-03-26',
  '2025-07-18',
].map(d);

describe('layoutTimeline', () => {
  const layout = layoutTimeline(DATES, { range: [16, 716], split: d('2025-02-04'), gap: 30 });

  it('layoutTimeline(dates) keeps date order', () => {
    for (let i = 1; i < layout.xs.length; i++) expect(layout.xs[i]!).toBeGreaterThan(layout.xs[i - 1]!);
  });

  it('layoutTimeline(dates) gives every event, even on the same day, its own room', () => {
    const gaps = layout.xs.slice(1).map((x, i) => x - layout.xs[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(((1 - BLEND) * (700 - 30)) / (DATES.length - 1) - 1e-9);
  });

  it('layoutTimeline(dates) spans the range', () => {
    expect(layout.xs[0]).toBeCloseTo(16);
    expect(layout.xs.at(-1)).toBeCloseTo(716);
  });

  it('layoutTimeline(dates, {split}) puts a gap before the events after the split', () => {
    const i = DATES.findIndex((x) => x > d('2025-02-04'));
    const withGap = layout.xs[i]! - layout.xs[i - 1]!;
    const noSplit = layoutTimeline(DATES, { range: [16, 716] });
    expect(withGap).toBeGreaterThan(noSplit.xs[i]! - noSplit.xs[i - 1]! - 10);
    expect(layout.afterX).toBeGreaterThan(layout.xs[i - 1]!);
    expect(layout.afterX).toBeLessThan(layout.xs[i]!);
  });

  it('layoutTimeline(dates).scale maps each day to the middle of its events', () => {
    const same = DATES.map((x, i) => [x, i] as const)
      .filter(([x]) => +x === +d('2025-02-03'))
      .map(([, i]) => layout.xs[i]!);
    expect(layout.scale(d('2025-02-03'))).toBeCloseTo((same[0]! + same.at(-1)!) / 2, 6);
  });

  it('layoutTimeline(dates) stretches the dense fortnight and squeezes the years', () => {
    const fortnight = layout.scale(d('2025-02-03')) - layout.scale(d('2025-01-20'));
    const year = layout.scale(d('2024-06-01')) - layout.scale(d('2023-06-01'));
    expect(fortnight).toBeGreaterThan(year / 4);
    const linearFortnight = ((+d('2025-02-03') - +d('2025-01-20')) / (+d('2025-07-18') - +d('2019-06-01'))) * 670;
    expect(fortnight).toBeGreaterThan(10 * linearFortnight);
  });

  it('layoutTimeline([]) and a single date do not throw', () => {
    expect(layoutTimeline([], { range: [0, 100] }).xs).toEqual([]);
    expect(layoutTimeline([d('2025-02-03')], { range: [0, 100] }).xs).toEqual([50]);
  });
});

describe('minWidthFor', () => {
  it('minWidthFor(n, spacing) is the axis width at which events are spacing apart', () => {
    const width = minWidthFor(DATES.length, 24);
    const layout = layoutTimeline(DATES, { range: [0, width] });
    const gaps = layout.xs.slice(1).map((x, i) => x - layout.xs[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(24 - 1e-9);
  });
});

describe('storyTicks', () => {
  const layout = layoutTimeline(DATES, { range: [16, 716], split: d('2025-02-04'), gap: 30 });
  const ticks = storyTicks(layout.scale, DATES, { minGap: 44 });

  it('storyTicks(scale) keeps labels at least minGap apart', () => {
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.x - ticks[i - 1]!.x).toBeGreaterThanOrEqual(44);
  });

  it('storyTicks(scale) labels years and, where the scale stretches them, days', () => {
    expect(ticks.filter((t) => t.level === 'year').map((t) => t.label)).toEqual(
      expect.arrayContaining(['2020', '2023', '2025']),
    );
    expect(ticks.some((t) => t.level === 'day' || t.level === 'month')).toBe(true);
  });

  it('storyTicks(scale) labels English ticks as d3-time-format did (%Y, %b, %-d %b)', () => {
    const d3Formats = { year: utcFormat('%Y'), month: utcFormat('%b'), day: utcFormat('%-d %b') };
    expect(ticks.map((t) => t.label)).toEqual(ticks.map((t) => d3Formats[t.level](t.date)));
  });

  it('storyTicks(scale, days, {locale}) labels the ticks in the story language', () => {
    const es = storyTicks(layout.scale, DATES, { minGap: 44, locale: 'es' });
    expect(es.map((t) => [t.x, t.level])).toEqual(ticks.map((t) => [t.x, t.level]));
    expect(es.map((t) => t.label)).toEqual(es.map((t) => tickLabel(t.date, t.level, 'es')));
    expect(es.find((t) => t.level === 'day' && t.date.getUTCMonth() === 0)?.label).toMatch(/^\d+ ene/);
  });

  it('uniqueDays(dates) drops repeats and sorts', () => {
    expect(
      uniqueDays([d('2025-02-03'), d('2019-06-01'), d('2025-02-03')]).map((x) => x.toISOString().slice(0, 10)),
    ).toEqual(['2019-06-01', '2025-02-03']);
  });
});

describe('tickLabel', () => {
  it("tickLabel(date, level, 'en') writes English as in Britain: 2025, Feb, 4 Feb", () => {
    expect(tickLabel(d('2025-01-01'), 'year', 'en')).toBe('2025');
    expect(tickLabel(d('2025-02-01'), 'month', 'en')).toBe('Feb');
    expect(tickLabel(d('2025-02-04'), 'day', 'en')).toBe('4 Feb');
  });

  it('tickLabel(date, level, locale) reads the date in UTC', () => {
    expect(tickLabel(new Date('2024-12-31T23:30:00Z'), 'year', 'en')).toBe('2024');
    expect(tickLabel(new Date('2025-03-01T00:30:00Z'), 'day', 'en')).toBe('1 Mar');
  });

  it('tickLabel(date, level, locale) uses the language given', () => {
    expect(tickLabel(d('2025-03-01'), 'month', 'fr')).toBe('mars');
    expect(tickLabel(d('2025-02-04'), 'day', 'es')).toBe(
      new Intl.DateTimeFormat('es', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d('2025-02-04')),
    );
  });

  it('tickLabel(date, level, locale) makes the formats of a language once', () => {
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
        tickLabel(d('2025-02-04'), level, 'nl');
        tickLabel(d('2024-03-05'), level, 'nl');
      }
      expect(made).toBe(3);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});

describe('timeScale', () => {
  it("maps time as d3's polylinear scaleLinear does, inside the domain and past both ends", async () => {
    const { scaleLinear } = await import('d3');
    const { timeScale } = await import('../../src/time/scale.ts');
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
