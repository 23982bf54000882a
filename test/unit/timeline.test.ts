import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/story/rules.ts';
import type { Chapter, TimelineEvent } from '../../src/story/types.ts';
import { cursorChapter, cursorSpan, keyTarget, revealScroll, tabStop } from '../../src/time/timeline.ts';

const when = (s: string) => parseDate(s)!;

function chapter(id: string, index: number, period: [string, string] | null): Chapter {
  return {
    id,
    index,
    title: id,
    kicker: null,
    body: [],
    sources: [],
    view: { camera: null, focus: [], highlight: [], visible: [], description: '', whole: false },
    period: period && [when(period[0]), when(period[1])],
    after: false,
  };
}

function event(id: string, date: string, chapter: string | null): TimelineEvent {
  return { id, when: when(date), written: date, label: id, chapter, after: false };
}

// Chapter "quiet" has no events: the cursor stays on "first" while it is read.
const CHAPTERS = [
  chapter('intro', 0, null),
  chapter('first', 1, ['2020-01-01', '2020-03-01']),
  chapter('quiet', 2, null),
  chapter('second', 3, ['2021-05-01', '2021-05-01']),
];
const EVENTS = [
  event('a', '2020-01-01', 'first'),
  event('loose', '2020-02-01', null),
  event('b', '2020-03-01', 'first'),
  event('c', '2021-05-01', 'second'),
];
const XS = [20, 60, 100, 300];

describe('cursorChapter', () => {
  it('cursorChapter(chapters, active) is the active chapter when it has events', () => {
    expect(cursorChapter(CHAPTERS, 'second')?.id).toBe('second');
    expect(cursorChapter(CHAPTERS, 'first')?.id).toBe('first');
  });

  it('cursorChapter(chapters, active) is the nearest earlier chapter with events when the active one has none', () => {
    expect(cursorChapter(CHAPTERS, 'quiet')?.id).toBe('first');
  });

  it('cursorChapter(chapters, active) is null before any chapter with events, or when none is active', () => {
    expect(cursorChapter(CHAPTERS, 'intro')).toBeNull();
    expect(cursorChapter(CHAPTERS, null)).toBeNull();
    expect(cursorChapter(CHAPTERS, 'missing')).toBeNull();
    expect(cursorChapter([], 'first')).toBeNull();
  });
});

describe('cursorSpan', () => {
  it('cursorSpan(events, xs, chapter) spans the events of the chapter being read', () => {
    expect(cursorSpan(EVENTS, XS, 'first')).toEqual([20, 100]);
  });

  it('cursorSpan(events, xs, chapter) is one point for a chapter with one event', () => {
    expect(cursorSpan(EVENTS, XS, 'second')).toEqual([300, 300]);
  });

  it('cursorSpan(events, xs, chapter) is null for a chapter without events', () => {
    expect(cursorSpan(EVENTS, XS, 'quiet')).toBeNull();
  });

  it('cursorSpan(events, xs, null) is null, even when some events belong to no chapter', () => {
    expect(cursorSpan(EVENTS, XS, null)).toBeNull();
  });
});

describe('tabStop', () => {
  it("tabStop(events, chapter, current, false) moves to the chapter's first event", () => {
    expect(tabStop(EVENTS, 'first', 3, false)).toBe(0);
    expect(tabStop(EVENTS, 'second', 0, false)).toBe(3);
  });

  it('tabStop(events, chapter, current, true) stays while the reader moves through the list', () => {
    expect(tabStop(EVENTS, 'second', 1, true)).toBe(1);
  });

  it('tabStop(events, chapter, current) stays when the chapter has no events or there is none', () => {
    expect(tabStop(EVENTS, 'quiet', 2, false)).toBe(2);
    expect(tabStop(EVENTS, null, 2, false)).toBe(2);
  });
});

describe('keyTarget', () => {
  it('keyTarget(key, i, count) steps to the next or previous event with the arrow keys', () => {
    expect(keyTarget('ArrowRight', 1, 4)).toBe(2);
    expect(keyTarget('ArrowDown', 1, 4)).toBe(2);
    expect(keyTarget('ArrowLeft', 1, 4)).toBe(0);
    expect(keyTarget('ArrowUp', 1, 4)).toBe(0);
  });

  it('keyTarget(key, i, count) stops at the ends', () => {
    expect(keyTarget('ArrowRight', 3, 4)).toBe(3);
    expect(keyTarget('ArrowLeft', 0, 4)).toBe(0);
  });

  it('keyTarget(key, i, count) goes to the first event with Home and the last with End', () => {
    expect(keyTarget('Home', 2, 4)).toBe(0);
    expect(keyTarget('End', 0, 4)).toBe(3);
  });

  it('keyTarget(key, i, count) is null for other keys, which the browser keeps', () => {
    expect(keyTarget('Enter', 1, 4)).toBeNull();
    expect(keyTarget('Tab', 1, 4)).toBeNull();
    expect(keyTarget('a', 1, 4)).toBeNull();
    expect(keyTarget('toString', 1, 4)).toBeNull();
  });
});

describe('revealScroll', () => {
  it('revealScroll(left, width, x, room) stays put when the event is in view with room around it', () => {
    expect(revealScroll(100, 390, 300, 24)).toBe(100);
  });

  it('revealScroll(left, width, x, room) moves just enough to show an event at either edge, half hidden or out of view', () => {
    expect(revealScroll(100, 390, 480, 24)).toBe(114);
    expect(revealScroll(100, 390, 900, 24)).toBe(534);
    expect(revealScroll(100, 390, 110, 24)).toBe(86);
    expect(revealScroll(100, 390, 10, 24)).toBe(0);
  });
});
