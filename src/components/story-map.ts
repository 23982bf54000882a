/**
 * `<story-map>`: a scroll-driven story. The story's text lives in the light DOM (rendered into the
 * page at build time, so it reads before any script runs); the map and the timeline sit in a
 * sticky panel beside it (on top of it on phones) and follow the chapter being read.
 *
 * Scroll position is the single source of truth: it decides the active chapter, and the active
 * chapter decides the map's camera and layers and the timeline's cursor. The timeline, the map's
 * markers, the previous/next buttons and `goTo()` all scroll the text; they never set the state
 * directly, so every path ends in the same state.
 *
 * @fires story-chapter-change - The active chapter changed. `detail: {id, index}`.
 * @fires story-error - The story has issues (cancelable; if not canceled they are logged once). `detail: {issues}`.
 * @fires story-map-ready - The MapLibre map has loaded. `detail: {map}`.
 * @slot - The story text: an `<article class="sm-story">` with `<section data-chapter>` chapters.
 *   Rendered from the story when absent or out of date.
 * @slot header - The story's headline, dek and credits (above the map on phones).
 * @csspart panel - The sticky panel holding the map and the timeline.
 * @cssproperty --story-map-panel-width - Width of the map panel on wide screens (default 58%).
 */
import { LitElement, css, html, render, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { formatIssue, type Issue } from '../story/issues.ts';
import { loadStory, loadStoryData } from '../story/load.ts';
import { storyTemplate } from '../story/render.ts';
import { hashText } from '../story/hash.ts';
import type { Chapter, Story, StoryInput } from '../story/types.ts';
import { ScrollController, type ScrollState } from '../scroll/controller.ts';
import { chapterForFeature } from '../story/navigate.ts';
import { emit } from './events.ts';
import { StoryMapView } from './map-view.ts';
import { StoryTimeline } from './timeline.ts';
import { define } from './define.ts';
import textCss from '../story/text.css?inline';

define('story-map-view', StoryMapView);
define('story-timeline', StoryTimeline);

let documentSheet: CSSStyleSheet | null = null;

/** The story text's styles, adopted once by the document (the text is light DOM). CSP-safe. */
function adoptTextStyles(doc: Document): void {
  if (!documentSheet) {
    documentSheet = new CSSStyleSheet();
    documentSheet.replaceSync(textCss);
  }
  if (!doc.adoptedStyleSheets.includes(documentSheet)) doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, documentSheet];
}

const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class StoryMap extends LitElement {
  static override styles = css`
    :host {
      display: block;
      position: relative;
      --sm-panel-width: var(--story-map-panel-width, 58%);
      --sm-ui-font: var(--story-map-ui-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(0, 1fr) var(--sm-panel-width);
      grid-template-rows: auto 1fr;
      grid-template-areas: 'header panel' 'text panel';
      align-items: start;
    }
    .header {
      grid-area: header;
      min-width: 0;
    }
    .panel {
      grid-area: panel;
      position: sticky;
      top: 0;
      height: 100vh;
      height: 100dvh;
      display: flex;
      flex-direction: column;
      border-left: 1px solid #ddd6ca;
      background: #fbfaf7;
      z-index: 1;
    }
    story-map-view {
      flex: 1 1 auto;
    }
    .text {
      grid-area: text;
      min-width: 0;
      /* Room after the last chapter, so it can reach the trigger line. */
      padding-bottom: 55vh;
    }
    .controls {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.375rem 1rem;
      font: 13px/1.2 var(--sm-ui-font);
      color: #3b3733;
      background: #fbfaf7;
      border-top: 1px solid #ddd6ca;
    }
    .controls .position {
      min-width: 4.5em;
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .controls .motion {
      margin-left: auto;
    }
    button {
      font: inherit;
      color: #1f1c18;
      background: #ffffff;
      border: 1px solid #b8b0a3;
      border-radius: 4px;
      min-height: 32px;
      min-width: 32px;
      padding: 0.25rem 0.625rem;
      cursor: pointer;
    }
    button:disabled {
      color: #8a8378;
      cursor: default;
    }
    button:focus-visible {
      outline: 3px solid #1d3557;
      outline-offset: 2px;
    }
    @media (max-width: 48rem) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
        grid-template-rows: auto auto 1fr;
        grid-template-areas: 'header' 'panel' 'text';
      }
      .panel {
        height: 56vh;
        height: 56svh;
        border-left: 0;
        border-bottom: 1px solid #ddd6ca;
        box-shadow: 0 2px 6px rgba(0, 0, 0, 0.08);
      }
      .controls {
        padding: 0.25rem 0.75rem;
      }
      .text {
        padding-bottom: 40svh;
      }
    }
  `;

  /** URL of the story file (JSON). Relative URLs in it resolve against this URL. */
  @property({ reflect: true }) src: string | null = null;

  /** Do not read or write the page's URL hash (for pages that use it themselves). */
  @property({ type: Boolean, attribute: 'no-hash' }) noHash = false;

  @state() private model: Story | null = null;
  @state() private activeIndex = 0;
  @state() private motion = !reducedMotion();

  #input: StoryInput | null = null;
  #issues: readonly Issue[] = [];
  #load = 0;
  #reached = false;
  #inView = false;
  #pending: { index: number; timer: number } | null = null;
  #hashApplied = false;
  #motionQuery: MediaQueryList | null = null;
  #motionChosen = false;
  /** The chapter index last announced with story-chapter-change. */
  #announced = -1;

  #scroll = new ScrollController(this, {
    chapters: () => this.chapterElements,
    container: () => this,
    coveredTop: () => this.#coveredTop(),
    onChange: (s) => this.#onScroll(s),
  });

  /** The story as an already-parsed object (the contents of a story file). Setting it loads it. */
  @property({ attribute: false })
  get story(): StoryInput | null {
    return this.#input;
  }
  set story(value: StoryInput | null) {
    const old = this.#input;
    this.#input = value;
    this.requestUpdate('story', old);
  }

  /** The id of the chapter being read, or null before the story has loaded. */
  get activeChapter(): string | null {
    return this.model?.chapters[this.activeIndex]?.id ?? null;
  }

  /** The MapLibre map, once loaded (see `story-map-ready`); null before. */
  get map(): MapLibreMap | null {
    return this.renderRoot?.querySelector<StoryMapView>('story-map-view')?.map ?? null;
  }

  /** The issues found in the story and its data (`[]` when it is valid). */
  get issues(): readonly Issue[] {
    return this.#issues;
  }

  /** The chapter elements in the light DOM, in order. */
  get chapterElements(): HTMLElement[] {
    return [...this.querySelectorAll<HTMLElement>(':scope > .sm-story > [data-chapter]')];
  }

  /**
   * Scrolls the story to a chapter; the map and the timeline follow. Resolves when the scroll has
   * been started. Unknown ids are ignored (and said so on the console).
   */
  async goTo(id: string): Promise<void> {
    await this.updateComplete;
    const index = this.model?.chapters.findIndex((c) => c.id === id) ?? -1;
    const element = this.chapterElements[index];
    if (index < 0 || !element) {
      console.warn(`story-map: goTo("${id}"): no chapter has that id`);
      return;
    }
    this.#scrollTo(index, this.motion);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    adoptTextStyles(this.ownerDocument);
    this.#motionQuery = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)') ?? null;
    this.#motionQuery?.addEventListener('change', this.#onMotionQuery);
    window.addEventListener('hashchange', this.#onHashChange);
    this.addEventListener('click', this.#onClick);
    this.addEventListener('focusin', this.#onFocusIn);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#motionQuery?.removeEventListener('change', this.#onMotionQuery);
    window.removeEventListener('hashchange', this.#onHashChange);
    this.removeEventListener('click', this.#onClick);
    this.removeEventListener('focusin', this.#onFocusIn);
    this.#clearPending();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('src') || changed.has('story')) void this.#loadStory();
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('model') && this.model) this.#afterModel();
    // Mark the chapter being read (a rule in the margin; other chapters stay fully legible).
    this.chapterElements.forEach((el, i) => el.toggleAttribute('data-active', this.#reached && i === this.activeIndex));
  }

  protected override render() {
    const story = this.model;
    const chapter = story?.chapters[this.activeIndex] ?? null;
    const count = story?.chapters.length ?? 0;
    return html`<div class="layout">
      <div class="header"><slot name="header"></slot></div>
      <div class="panel" part="panel" role="region" aria-label="Map and timeline">
        <story-map-view
          .story=${story}
          .view=${chapter?.view ?? null}
          ?motion=${this.motion}
          @story-feature-select=${this.#onFeatureSelect}
        ></story-map-view>
        <div class="controls">
          <button type="button" ?disabled=${!story || this.activeIndex === 0 || !this.#reached}
            @click=${() => this.#step(-1)}><span aria-hidden="true">‹ </span>Previous</button>
          <span class="position" aria-live="polite">${story && this.#reached ? `${this.activeIndex + 1} of ${count}` : ''}</span>
          <button type="button" ?disabled=${!story || (this.#reached && this.activeIndex >= count - 1)}
            @click=${() => this.#step(1)}>Next<span aria-hidden="true"> ›</span></button>
          <button type="button" class="motion" aria-pressed=${this.motion ? 'false' : 'true'}
            @click=${this.#toggleMotion}>${this.motion ? 'Reduce motion' : 'Motion off'}</button>
        </div>
        <story-timeline
          .events=${story?.events ?? []}
          .chapters=${story?.chapters ?? []}
          .active=${chapter?.id ?? null}
          .split=${story?.published ?? null}
          .locale=${story?.lang ?? 'en'}
          ?motion=${this.motion}
          @story-chapter-request=${(e: CustomEvent<{ id: string }>) => void this.goTo(e.detail.id)}
        ></story-timeline>
      </div>
      <div class="text"><slot></slot></div>
    </div>`;
  }

  async #loadStory(): Promise<void> {
    const load = ++this.#load;
    let result;
    let text: string | null = null;
    if (this.#input) {
      const base = new URL(this.src ?? '.', document.baseURI);
      result = await loadStoryData(this.#input, base, this.src ?? 'story');
      text = JSON.stringify(this.#input);
    } else if (this.src) {
      const url = new URL(this.src, document.baseURI);
      const fetchText = async (u: string) => {
        const response = await fetch(u);
        if (u === url.href && response.ok) {
          text = await response.clone().text();
        }
        return response;
      };
      result = await loadStory(url, fetchText);
    } else {
      return;
    }
    if (load !== this.#load) return;
    this.#issues = result.issues;
    this.#renderText(result.story, text);
    this.activeIndex = 0;
    this.#reached = false;
    this.#hashApplied = false;
    this.#announced = -1;
    this.model = result.story;
    if (result.issues.length && emit(this, 'story-error', { issues: result.issues }, { cancelable: true })) {
      for (const issue of result.issues) {
        (issue.severity === 'error' ? console.error : console.warn)(`story-map: ${formatIssue(issue)}`);
      }
    }
  }

  /** Keeps the server-rendered text when it was rendered from this very file; renders it otherwise. */
  #renderText(story: Story, text: string | null): void {
    const existing = this.querySelector<HTMLElement>(':scope > .sm-story');
    const fromServer = existing !== null && !existing.hasAttribute('data-rendered');
    if (fromServer && text !== null && existing.dataset.hash === hashText(text)) return;
    if (fromServer) this.querySelectorAll(':scope > [data-story-part]').forEach((el) => el.remove());
    render(storyTemplate(story), this);
    this.querySelector(':scope > .sm-story')?.setAttribute('data-rendered', '');
  }

  #afterModel(): void {
    // The text may have changed size: measure now, then honour a deep link once.
    requestAnimationFrame(() => {
      if (!this.#hashApplied) {
        this.#hashApplied = true;
        const id = this.#hashChapter();
        if (id !== null) this.#scrollTo(this.model!.chapters.findIndex((c) => c.id === id), false);
      }
      this.#scroll.update();
    });
  }

  #hashChapter(): string | null {
    if (this.noHash || !this.model) return null;
    const id = decodeURIComponent(location.hash.slice(1));
    return this.model.chapters.some((c) => c.id === id) ? id : null;
  }

  /**
   * How much of the top of the viewport the panel hides from the text: on phones the panel spans
   * the width above the text (and sticks at the top); beside the text it hides nothing. Also sets
   * `--sm-covered`, the panel's height, which keeps focused elements and jump targets clear of it.
   */
  #coveredTop(): number {
    const panel = this.renderRoot.querySelector<HTMLElement>('.panel');
    if (!panel) return 0;
    const r = panel.getBoundingClientRect();
    const above = r.width >= this.clientWidth * 0.9;
    this.style.setProperty('--sm-covered', `${above ? Math.round(r.height) : 0}px`);
    return above ? Math.max(0, Math.min(r.bottom, window.innerHeight)) : 0;
  }

  #onScroll(s: ScrollState): void {
    if (!this.model) return;
    if (this.#pending) {
      // A jump is under way: hold the target until the scroll gets there.
      if (s.index !== this.#pending.index) return;
      this.#clearPending();
    }
    this.#reached = s.reached;
    this.#inView = s.inView;
    this.#setActive(s.index);
    this.#writeHash();
    this.requestUpdate();
  }

  #setActive(index: number): void {
    this.activeIndex = index;
    if (index === this.#announced) return;
    this.#announced = index;
    emit(this, 'story-chapter-change', { id: this.model!.chapters[index]!.id, index });
  }

  #writeHash(): void {
    if (this.noHash || !this.model || !this.#hashApplied) return;
    const id = this.activeChapter;
    const current = decodeURIComponent(location.hash.slice(1));
    const ours = this.model.chapters.some((c) => c.id === current);
    if (this.#reached && this.#inView && id && current !== id) {
      history.replaceState(history.state, '', `#${encodeURIComponent(id)}`);
    } else if ((!this.#reached || !this.#inView) && ours && current !== '') {
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    }
  }

  #scrollTo(index: number, smooth: boolean): void {
    const element = this.chapterElements[index];
    if (!element) return;
    this.#clearPending();
    if (smooth) {
      // Go straight to the target's map state rather than through every chapter on the way.
      this.#pending = { index, timer: window.setTimeout(() => this.#settle(), 1500) };
      this.#reached = true;
      this.#setActive(index);
      window.addEventListener('scrollend', this.#settle, { once: true, capture: true });
    }
    element.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'instant' });
    if (!smooth) this.#scroll.update();
  }

  #settle = (): void => {
    this.#clearPending();
    this.#scroll.update();
  };

  #clearPending(): void {
    if (!this.#pending) return;
    clearTimeout(this.#pending.timer);
    window.removeEventListener('scrollend', this.#settle, { capture: true });
    this.#pending = null;
  }

  #step(delta: number): void {
    const count = this.model?.chapters.length ?? 0;
    const from = this.#reached ? this.activeIndex : -1;
    const index = Math.max(0, Math.min(count - 1, from + delta));
    this.#scrollTo(index, this.motion);
  }

  #toggleMotion = (): void => {
    this.motion = !this.motion;
    this.#motionChosen = true;
  };

  #onMotionQuery = (e: MediaQueryListEvent): void => {
    if (!this.#motionChosen) this.motion = !e.matches;
  };

  #onHashChange = (): void => {
    const id = this.#hashChapter();
    if (id !== null && id !== this.activeChapter) void this.goTo(id);
  };

  /** Chapter heading links scroll the story instead of adding history entries. */
  #onClick = (e: MouseEvent): void => {
    const link = (e.target as Element | null)?.closest?.('a.sm-anchor');
    if (!link || !this.contains(link) || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    const id = link.getAttribute('href')?.slice(1);
    if (!id) return;
    e.preventDefault();
    void this.goTo(decodeURIComponent(id));
  };

  /** Tabbing into a chapter brings it (and its map) into play. */
  #onFocusIn = (e: FocusEvent): void => {
    const target = e.target as HTMLElement | null;
    if (!target || !target.matches(':focus-visible')) return;
    const section = target.closest<HTMLElement>('[data-chapter]');
    if (!section || !this.contains(section)) return;
    const index = this.chapterElements.indexOf(section);
    if (index >= 0 && (index !== this.activeIndex || !this.#reached)) this.#scrollTo(index, false);
  };

  #onFeatureSelect = (e: CustomEvent<{ id: string }>): void => {
    if (!this.model) return;
    const chapter = chapterForFeature(this.model, e.detail.id, this.activeIndex);
    if (chapter) void this.goTo(chapter.id);
  };
}

export type { Chapter };
