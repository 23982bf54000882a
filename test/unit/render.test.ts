// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from 'lit';
import { describe, expect, it } from 'vitest';
import { normalizeStory } from '../../src/story/normalize.ts';
import { storyTemplate } from '../../src/story/render.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '../../data');
const json = (name: string) => JSON.parse(readFileSync(join(DATA, name), 'utf8'));
const { story } = normalizeStory(
  json('story.json'),
  { places: json('places.geojson'), routes: json('routes.geojson'), areas: json('areas.geojson') },
  { story: 'data/story.json' },
);

function rendered(s = story): HTMLElement {
  const host = document.createElement('div');
  render(storyTemplate(s, 'abc123'), host);
  return host;
}

describe('storyTemplate', () => {
  it('storyTemplate(story) renders the headline, and each chapter as a section with its id', () => {
    const host = rendered();
    expect(host.querySelector('h1')!.textContent).toBe(story.title);
    expect([...host.querySelectorAll('section[data-chapter]')].map((s) => s.id)).toEqual(
      story.chapters.map((c) => c.id),
    );
    expect(host.querySelector('article')!.dataset.hash).toBe('abc123');
  });

  it('storyTemplate(story) attributes every quote to its speaker', () => {
    const quotes = [...rendered().querySelectorAll('blockquote')];
    expect(quotes.length).toBeGreaterThan(5);
    for (const q of quotes) expect(q.querySelector('cite')!.textContent!.length).toBeGreaterThan(0);
  });

  it('storyTemplate(story) shows the correction and the computed distance', () => {
    const cecot = rendered().querySelector('#cecot')!;
    expect(cecot.querySelector('.sm-note')!.textContent).toContain('Correction:');
    expect(cecot.querySelector('.sm-distance-figure')!.textContent).toBe('45 km (28 mi)');
    expect(cecot.querySelector('.sm-distance figcaption')!.textContent).toContain('east-southeast');
  });

  it("storyTemplate(story) writes each chapter's dates, and words its map unless the editor did", () => {
    const kickers = [...rendered().querySelectorAll('section')].map(
      (s) => s.querySelector('.sm-chapter-kicker')?.textContent,
    );
    expect(kickers).toContain('21 July 2022\u2009–\u200924 February 2023');
    const { story: own } = normalizeStory(
      {
        title: 'T',
        chapters: [
          { id: 'x', title: 'X', map: { description: 'A map of nothing.' } },
          { id: 'y', title: 'Y' },
        ],
      },
      {},
      { story: 's' },
    );
    expect([...rendered(own).querySelectorAll('.sm-map-description')].map((p) => p.textContent)).toEqual([
      'A map of nothing.',
      "Map of the story's area, with nothing marked on it.",
    ]);
  });

  it("storyTemplate(story) writes dates and distances in the story's language", () => {
    const host = rendered({ ...story, lang: 'es' });
    expect(host.querySelector('#cecot .sm-distance-figure')!.textContent).toBe('45 km (28 mi)');
    expect(host.querySelector('#cecot .sm-chapter-kicker')!.textContent).toBe(
      '21 de julio de 2022\u2009–\u200924 de febrero de 2023',
    );
    expect(host.querySelector('article')!.lang).toBe('es');
  });

  it('storyTemplate(story) marks chapters after the article', () => {
    const after = [...rendered().querySelectorAll('.sm-chapter--after')].map((s) => s.id);
    expect(after).toEqual(['transfers', 'swap']);
  });

  it('storyTemplate(story) renders editor text as text, and drops script links', () => {
    const { story: evil } = normalizeStory(
      {
        title: '<img src=x onerror=alert(1)>',
        chapters: [
          {
            id: 'x',
            title: '<script>alert(1)</script>',
            body: ['<b>bold</b>'],
            sources: [{ name: 'S', url: 'javascript:alert(1)' }],
          },
        ],
      },
      {},
      { story: 's' },
    );
    const host = rendered(evil);
    expect(host.querySelector('img, script, b')).toBeNull();
    expect(host.querySelector('h1')!.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(host.querySelector('.sm-sources a')).toBeNull();
  });
});
