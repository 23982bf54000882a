import { describe, expect, it } from 'vitest';
import { CHAPTER_ID, featureId, isLanguageTag, parseDay } from '../../src/story/rules.ts';
import { isoDay } from '../../src/story/schema.ts';

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
