/**
 * The story's text, in the light DOM of `<story-map>`: rendered into the page at build time (so it
 * reads before any script runs), or in the browser for a story loaded later. Its styles are the
 * page's own (the story page links text.css), or else one constructable sheet the document adopts
 * (CSP-safe: no `<style>` element), with the theme's colours (src/theme.css). Whatever `hostConnected` starts, `hostDisconnected` stops (nothing here).
 */
import { type ReactiveController, type ReactiveControllerHost, render } from 'lit';
import { fingerprint } from '../story/fingerprint.ts';
import { storyTemplate } from '../story/render.ts';
import type { Story } from '../story/types.ts';

let sheet: Promise<CSSStyleSheet> | null = null;

/**
 * `adoptTextStyles(doc, host)` gives the document the story text's styles, once, unless its own
 * stylesheet already has them (the story page links text.css: `--sm-text-styles` is set on `host`).
 * Resolves when they apply.
 */
export async function adoptTextStyles(doc: Document, host?: Element): Promise<void> {
  if (host && getComputedStyle(host).getPropertyValue('--sm-text-styles').trim() === 'in') return;
  sheet ??= import('./text-styles.ts').then(({ default: css }) => {
    const made = new CSSStyleSheet();
    made.replaceSync(css);
    return made;
  });
  const styles = await sheet;
  if (!doc.adoptedStyleSheets.includes(styles)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, styles];
}

/**
 * `renderStoryText(host, story, text)` keeps the server-rendered text when it was rendered from
 * this very file (`text`, the story file as loaded, has the fingerprint the page carries), and
 * renders the story's text into `host` otherwise.
 */
export function renderStoryText(host: HTMLElement, story: Story, text: string | null): void {
  const existing = host.querySelector<HTMLElement>(':scope > .sm-story');
  const fromServer = existing !== null && !existing.hasAttribute('data-rendered');
  if (fromServer && text !== null && existing.dataset.hash === fingerprint(text)) return;
  if (fromServer) {
    for (const part of host.querySelectorAll(':scope > [data-story-part]')) part.remove();
  }
  render(storyTemplate(story), host);
  host.querySelector(':scope > .sm-story')?.setAttribute('data-rendered', '');
}

/** The host's text: its styles adopted on connection, a story's text shown, the chapter being read marked. */
export class TextController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** The chapter elements, in order. */
  get chapters(): HTMLElement[] {
    return [...this.#host.querySelectorAll<HTMLElement>(':scope > .sm-story > [data-chapter]')];
  }

  hostConnected(): void {
    void adoptTextStyles(this.#host.ownerDocument, this.#host);
  }

  /** `show(story, text)`: see renderStoryText. */
  show(story: Story, text: string | null): void {
    renderStoryText(this.#host, story, text);
  }

  /** `mark(index)` marks the chapter being read (a rule in the margin; others stay fully legible); -1: none. */
  mark(index: number): void {
    for (const [i, el] of this.chapters.entries()) el.toggleAttribute('data-active', i === index);
  }
}
