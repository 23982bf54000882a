import { describe, expect, it } from 'vitest';
import { CHAPTER_ID, featureId, isLanguageTag, parseDate, parseDay } from '../../src/story/rules.ts';
import { isoDate, isoDay } from '../../src/story/schema.ts';

describe('parseDay', () => {
  it('parseDay(day) accepts real YYYY-MM-DD days only', () => {
    expect(parseDay('2025-02-04')?.toISOString()).toBe('2025-02-04T00:00:00.000Z');
    expect(parseDay('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    for (const bad of ['2025-02-30', '2025-02-29', '2025-2-4', '04/02/2025', ' 2025-02-04', 20250204, null])
      expect(parseDay(bad)).toBeNull();
  });

  it('parseDay(day) and the schema agree on every day (the schema asks parseDay)', () => {
    for (const text of ['2025-02-04', '2024-02-29', '2025-02-29', '2025-13-01', '2025-00-10', '0000-01-01', '2025-2-4'])
      expect(isoDay.safeParse(text).success, text).toBe(parseDay(text) !== null);
  });
});

describe('featureId', () => {
  it('featureId(id) is text or a number as text; null for blank text and anything else', () => {
    expect(featureId('cecot')).toBe('cecot');
    expect(featureId(7)).toBe('7');
    for (const bad of ['', '  ', null, undefined, { a: 1 }, ['x']]) expect(featureId(bad)).toBeNull();
  });
});

describe('CHAPTER_ID', () => {
  it('CHAPTER_ID.test(id) takes ids a link can use', () => {
    expect(['cecot', 'a', 'ok_id-2'].every((id) => CHAPTER_ID.test(id))).toBe(true);
    expect(['1st', 'two words', '-x', ''].some((id) => CHAPTER_ID.test(id))).toBe(false);
  });
});

describe('isLanguageTag', () => {
  it('isLanguageTag(tag) takes tags the browser can write dates in', () => {
    expect(isLanguageTag('en')).toBe(true);
    expect(isLanguageTag('es-SV')).toBe(true);
    for (const bad of ['en-x', '', 'xx-!!', 3]) expect(isLanguageTag(bad)).toBe(false);
  });
});

describe('parseDate', () => {
  const iso = (v: unknown) => {
    const when = parseDate(v);
    return when && [when.start.toISOString().slice(0, 10), when.end.toISOString().slice(0, 10), when.precision];
  };

  it('parseDate(text) is the span of a day, a month or a year', () => {
    expect(iso('2025-02-04')).toEqual(['2025-02-04', '2025-02-05', 'day']);
    expect(iso('2024-02-29')).toEqual(['2024-02-29', '2024-03-01', 'day']);
    expect(iso('1741-06')).toEqual(['1741-06-01', '1741-07-01', 'month']);
    expect(iso('1741-12')).toEqual(['1741-12-01', '1742-01-01', 'month']);
    expect(iso('1784')).toEqual(['1784-01-01', '1785-01-01', 'year']);
  });

  it('parseDate(text) keeps the years before 100 as written (Date.UTC would make 0050 into 1950)', () => {
    expect(parseDate('0050')!.start.getUTCFullYear()).toBe(50);
    expect(parseDate('0099-12-31')!.end.getUTCFullYear()).toBe(100);
  });

  it('parseDate(text) is null for what is not a date of the calendar', () => {
    for (const bad of [
      '2025-02-30',
      '2025-13',
      '2025-00',
      '0000',
      '0000-01-01',
      '1784-6',
      '84',
      '1784-06-',
      'June 1784',
      1784,
      null,
    ])
      expect(parseDate(bad), String(bad)).toBeNull();
  });

  it('parseDate(text) and the schema agree on every date (the schema asks parseDate)', () => {
    for (const text of ['2025-02-04', '2025-02-29', '1741-06', '1741-13', '1784', '0000', '0000-05', '2025-2', '17840'])
      expect(isoDate.safeParse(text).success, text).toBe(parseDate(text) !== null);
  });

  it('parseDay(text) still takes only days (the publication day is a day)', () => {
    expect(parseDay('1784')).toBeNull();
    expect(parseDay('1741-06')).toBeNull();
  });
});
