import { describe, expect, it } from 'vitest';
import {
  ampSize,
  isInput,
  isPing,
  parentOrigin,
  pymHeight,
  readViewport,
  scrollRequest,
} from '../../src/frame/protocol.ts';
import { stickyShift } from '../../src/scroll/active.ts';

describe('readViewport', () => {
  it('readViewport(data) reads exactly a viewport message', () => {
    expect(readViewport({ sentinel: 'story-map', type: 'viewport', top: -1200.5, height: 800 })).toEqual({
      top: -1200.5,
      height: 800,
    });
  });

  it('readViewport(data) is null for any other shape', () => {
    const ok = { sentinel: 'story-map', type: 'viewport', top: 10, height: 800 };
    for (const data of [
      null,
      undefined,
      'pymxPYMx1xPYMxheightxPYMx300',
      [ok],
      { ...ok, sentinel: 'amp' },
      { ...ok, type: 'scroll' },
      { ...ok, top: '10' },
      { ...ok, top: Number.NaN },
      { ...ok, top: Number.POSITIVE_INFINITY },
      { ...ok, top: 1e7 },
      { ...ok, height: 0 },
      { ...ok, height: -5 },
      { ...ok, extra: 1 },
      { sentinel: 'story-map', type: 'viewport', top: 10 },
    ])
      expect(readViewport(data), JSON.stringify(data)).toBeNull();
  });
});

describe('isInput', () => {
  it('isInput(data) is true only for the exact word that the reader acted in the host', () => {
    expect(isInput({ sentinel: 'story-map', type: 'input' })).toBe(true);
    expect(isInput({ sentinel: 'story-map', type: 'input', top: 1 })).toBe(false);
    expect(isInput({ sentinel: 'story-map', type: 'ping' })).toBe(false);
    expect(isInput({ sentinel: 'amp', type: 'input' })).toBe(false);
    expect(isInput(['story-map', 'input'])).toBe(false);
    expect(isInput(null)).toBe(false);
  });
});

describe('isPing', () => {
  it('isPing(data) is true only for the exact ping', () => {
    expect(isPing({ sentinel: 'story-map', type: 'ping' })).toBe(true);
    expect(isPing({ sentinel: 'story-map', type: 'ping', x: 1 })).toBe(false);
    expect(isPing({ sentinel: 'amp', type: 'ping' })).toBe(false);
    expect(isPing('ping')).toBe(false);
    expect(isPing(null)).toBe(false);
  });
});

describe('messages to the host', () => {
  it("ampSize(height) is AMP's embed-size request; pymHeight(id, height) is Pym.js's height message", () => {
    expect(ampSize(8064)).toEqual({ sentinel: 'amp', type: 'embed-size', height: 8064 });
    expect(pymHeight('story', 8064)).toBe('pymxPYMxstoryxPYMxheightxPYMx8064');
  });

  it('scrollRequest(top, smooth) asks for a whole, non-negative pixel', () => {
    expect(scrollRequest(1234.6, true)).toEqual({ sentinel: 'story-map', type: 'scroll', top: 1235, smooth: true });
    expect(scrollRequest(-20, false)).toEqual({ sentinel: 'story-map', type: 'scroll', top: 0, smooth: false });
  });
});

describe('parentOrigin', () => {
  it('parentOrigin(ancestors, referrer) takes the first ancestor origin, else the referrer’s origin', () => {
    expect(parentOrigin(['https://news.example', 'https://top.example'], 'https://other.example/a')).toBe(
      'https://news.example',
    );
    expect(parentOrigin([], 'https://news.example:8443/2025/story.html?x=1#y')).toBe('https://news.example:8443');
    expect(parentOrigin(undefined, 'http://localhost:5173/')).toBe('http://localhost:5173');
  });

  it('parentOrigin is null when neither names an http(s) origin (no referrer, a file, an opaque origin)', () => {
    expect(parentOrigin(undefined, '')).toBeNull();
    expect(parentOrigin([], 'file:///tmp/a.html')).toBeNull();
    expect(parentOrigin(['null'], 'https://news.example/')).toBeNull();
  });
});

describe('stickyShift', () => {
  const panel = { height: 800 };
  it('stickyShift(panel, containerBottom) is 0 while the panel is below the top of the viewport', () => {
    expect(stickyShift({ ...panel, top: 300 }, 9000)).toBe(0);
    expect(stickyShift({ ...panel, top: 0 }, 9000)).toBe(0);
  });

  it('stickyShift follows the reader past the top, and stops at the bottom of the container', () => {
    expect(stickyShift({ ...panel, top: -2500 }, 6000)).toBe(2500);
    expect(stickyShift({ ...panel, top: -8000 }, 1000)).toBe(8000);
    // The container ends 500 px below the viewport's top, or above it: the panel's bottom stays on its bottom.
    expect(stickyShift({ ...panel, top: -8000 }, 500)).toBe(7700);
    expect(stickyShift({ ...panel, top: -8000 }, -500)).toBe(6700);
  });

  it('stickyShift never moves the panel up out of its place', () => {
    expect(stickyShift({ ...panel, top: -100 }, 500)).toBe(0);
  });
});
