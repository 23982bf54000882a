/**
 * The story's text as a Lit template: rendered to HTML at build time (so the text is in the page
 * before any script runs) and in the browser for stories loaded later. Every editor string goes
 * through Lit's escaping; nothing is inserted as HTML.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { chapterKicker, compassWord, describeView, formatDay, formatDistance } from './format.ts';
import type { Block, Chapter, Source, Story } from './types.ts';

function sourceLink(s: Source): TemplateResult {
  const text = s.title ? `${s.name}, “${s.title}”` : s.name;
  const dated = s.date ? `${text} (${s.date})` : text;
  return s.url ? html`<a href=${s.url} rel="noopener">${dated}</a>` : html`${dated}`;
}

function list<T>(items: readonly T[], each: (item: T) => TemplateResult): TemplateResult[] {
  return items.flatMap((item, i) => (i === 0 ? [each(item)] : [html`; `, each(item)]));
}

function blockTemplate(block: Block, lang: string): TemplateResult {
  switch (block.type) {
    case 'paragraph':
      return html`<p>${block.text}</p>`;
    case 'quote':
      return html`<blockquote class="sm-quote">
        <p>${block.text}</p>
        <footer>— <cite>${block.speaker}</cite>${block.role ? html`, ${block.role}` : nothing}${block.context ? html`, ${block.context}` : nothing}</footer>
      </blockquote>`;
    case 'note':
      // A note, not a landmark: two notes may share a label ("After this report").
      return html`<div class="sm-note" role="note"><strong>${block.label}:</strong> ${block.text}</div>`;
    case 'distance':
      return html`<figure class="sm-distance">
        <p class="sm-distance-figure">${formatDistance(block.km, block.miles, lang)}</p>
        <figcaption>${block.fromName} to ${block.toName} in a straight line, heading ${compassWord(block.bearing)}.${block.text ? html` ${block.text}` : nothing}</figcaption>
      </figure>`;
  }
}

/** What the build adds to the page's text (prerendered only). */
export interface PageExtras {
  /** A chapter's print figure, under its map's description (src/still/figure.ts, `printStill`). */
  printStill?: (chapter: Chapter) => TemplateResult;
}

/** `chapterTemplate(chapter, story)` is one chapter's section, in the story's language. */
export function chapterTemplate(
  chapter: Chapter,
  { lang, features }: Pick<Story, 'lang' | 'features'>,
  extras: PageExtras = {},
): TemplateResult {
  const kicker = chapterKicker(chapter, lang);
  return html`<section class=${chapter.after ? 'sm-chapter sm-chapter--after' : 'sm-chapter'} id=${chapter.id} data-chapter=${chapter.id}>
    ${chapter.after ? html`<p class="sm-after-label">After the article</p>` : nothing}
    ${kicker ? html`<p class="sm-chapter-kicker">${kicker}</p>` : nothing}
    <h2 id=${`${chapter.id}--title`}><a class="sm-anchor" href=${`#${chapter.id}`}>${chapter.title}</a></h2>
    <p class="sm-map-description">${describeView(chapter.view, features, lang, chapter.body)}</p>${extras.printStill?.(chapter) ?? nothing}
    ${chapter.body.map((b) => blockTemplate(b, lang))}
    ${chapter.sources.length ? html`<p class="sm-sources">Sources: ${list(chapter.sources, sourceLink)}.</p>` : nothing}
  </section>`;
}

/**
 * The whole story text: a header (slotted above the map on phones) and an article of chapters.
 * `hash` fingerprints the story file it was rendered from (fingerprint.ts), for the page built at
 * build time (with its `extras`); the element re-renders the text when the file it loads has another fingerprint.
 */
export function storyTemplate(story: Story, hash: string | null = null, extras: PageExtras = {}): TemplateResult {
  const published = story.published ? formatDay(story.published, story.lang) : null;
  return html`<header class="sm-header" slot="header" lang=${story.lang} data-story-part>
      <h1 class="sm-title">${story.title}</h1>
      ${story.dek ? html`<p class="sm-dek">${story.dek}</p>` : nothing}
      ${story.byline ? html`<p class="sm-byline">${story.byline}</p>` : nothing}
      ${
        story.source
          ? html`<p class="sm-source">Retelling ${sourceLink(story.source)}${published && !story.source.date ? html`, published ${published}` : nothing}.</p>`
          : nothing
      }
    </header>
    <article class="sm-story" lang=${story.lang} data-story=${story.id} data-hash=${hash ?? nothing} data-story-part aria-label=${story.title}>
      ${story.chapters.map((c) => chapterTemplate(c, story, extras))}
    </article>`;
}
