import { describe, expect, it } from 'vitest';
import { hashFor, hashId, safeDecode, safeUrl, storyParam } from '../../src/story/url.ts';

describe('url helpers', () => {
  it('safeDecode(text) decodes, and returns malformed %-encoding unchanged instead of throwing', () => {
    expect(safeDecode('lake%20coatepeque')).toBe('lake coatepeque');
    expect(safeDecode('%E0%A4%A')).toBe('%E0%A4%A');
    expect(safeDecode('100%')).toBe('100%');
  });

  it('hashId(hash) strips the # and decodes', () => {
    expect(hashId('#cecot')).toBe('cecot');
    expect(hashId('#%zz')).toBe('%zz');
    expect(hashId('')).toBe('');
  });

  it('hashFor(id) percent-encodes, and writes a lone surrogate (which encodeURIComponent throws on) as U+FFFD', () => {
    expect(hashFor('lake coatepeque')).toBe('#lake%20coatepeque');
    expect(hashFor('🗺️ map')).toBe(`#${encodeURIComponent('🗺️ map')}`);
    expect(() => encodeURIComponent('a\ud800b')).toThrow(URIError);
    expect(hashFor('a\ud800b\udfffc')).toBe('#a%EF%BF%BDb%EF%BF%BDc');
    expect(hashId(hashFor('a\ud800b'))).toBe('a\ufffdb');
  });

  it('storyParam(value, page) takes paths and http(s) URLs, and says when they are on another site', () => {
    const page = 'https://news.example/story/index.html?story=x';
    expect(storyParam('data/examples/x.json', page)).toMatchObject({ src: 'data/examples/x.json', foreign: false });
    expect(storyParam('/data/story.json', page)).toMatchObject({ foreign: false });
    expect(storyParam('https://news.example/a.json', page)).toMatchObject({ foreign: false });
    expect(storyParam('https://other.example/a.json', page)).toMatchObject({ foreign: true });
    expect(storyParam('//other.example/a.json', page)).toMatchObject({ foreign: true });
    expect(storyParam('http://news.example/a.json', page)).toMatchObject({ foreign: true });
    expect(storyParam('javascript:alert(1)', page)).toBeNull();
    expect(storyParam('data:application/json,{}', page)).toBeNull();
    expect(storyParam('http://[bad', page)).toBeNull();
    expect(storyParam(null, page)).toBeNull();
  });
});

describe('safeUrl', () => {
  it('safeUrl(url) keeps web links and drops script URLs', () => {
    expect(safeUrl('https://example.com/a')).toBe('https://example.com/a');
    expect(safeUrl('notes/a.html')).toBe('notes/a.html');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl(' JavaScript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,x')).toBeNull();
  });

  it('safeUrl(url) sees through what the URL parser strips: tabs, newlines, control characters', () => {
    expect(safeUrl('java\tscript:alert(1)')).toBeNull();
    expect(safeUrl('java\nscript:alert(1)')).toBeNull();
    expect(safeUrl('\u0001javascript:alert(1)')).toBeNull();
    expect(safeUrl('mailto:desk@example.com')).toBe('mailto:desk@example.com');
    expect(safeUrl('//example.com/a')).toBe('//example.com/a');
    expect(safeUrl('http://[bad')).toBeNull();
  });
});
