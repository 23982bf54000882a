import { describe, expect, it } from 'vitest';
import { hashId, safeDecode, sameOriginStory } from '../../src/story/url.ts';

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

  it('sameOriginStory(value, page) accepts files of the page origin only', () => {
    const page = 'https://news.example/story/index.html?story=x';
    expect(sameOriginStory('data/examples/x.json', page)).toBe('data/examples/x.json');
    expect(sameOriginStory('/data/story.json', page)).toBe('/data/story.json');
    expect(sameOriginStory('https://news.example/a.json', page)).toBe('https://news.example/a.json');
    expect(sameOriginStory('https://evil.example/a.json', page)).toBeNull();
    expect(sameOriginStory('//evil.example/a.json', page)).toBeNull();
    expect(sameOriginStory('http://news.example/a.json', page)).toBeNull();
    expect(sameOriginStory('http://[bad', page)).toBeNull();
    expect(sameOriginStory(null, page)).toBeNull();
  });
});
