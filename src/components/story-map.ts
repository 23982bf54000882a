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
 * @fires story-chapter-change - The active chapter changed (not fired for the first chapter when a story loads). `detail: {id, index}`.
 * @fires story-error - The story has issues (cancelable; if not canceled they are logged once). `detail: {issues}`.
 * @fires story-map-ready - The MapLibre map has loaded. `detail: {map}`.
 * @slot - The story text: an `<article class="sm-story">` with `<section data-chapter>` chapters.
 *   Rendered from the story when absent or out of date.
 * @slot header - The story's headline, dek and credits (above the map on phones).
 * @csspart panel - The sticky panel holding the map and the timeline.
 * @cssproperty --story-map-panel-width - Width of the map panel on wide screens (default 58%).
 */
import { LitElement, css, html, nothing, render, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { formatIssue, type Issue } from '../story/issues.ts';
import { loadStory, loadStoryData, type LoadOptions, type LoadResult } from '../story/load.ts';
import { normalizeStory } from '../story/normalize.ts';
import { hashId, safeDecode } from '../story/url.ts';
import { triggerLine } from '../scroll/active.ts';
import { storyTemplate } from '../story/render.ts';
import { fingerprint as hashText } from '../story/fingerprint.ts';
import type { Chapter, Story, StoryInput } from '../story/types.ts';
import { ScrollController, type ScrollState } from '../scroll/controller.ts';
import { chapterForFeature } from '../story/navigate.ts';
import { emit } from './events.ts';
import { StoryMapView } from './map-view.ts';
import { StoryTimeline } from './timeline.ts';
import { define } from './define.ts';
import { controlStyles } from './shared-styles.ts';
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
  if (!doc.adoptedStyleSheets.includes(documentSheet))
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, documentSheet];
}

/** Resolves at the browser's next idle moment (or after 2 s at the latest). */
const whenIdle = () =>
  new Promise<void>((resolve) => {
    if ('requestIdleCallback' in globalThis) requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 200);
  });

/** Input that means the reader is scrolling by themselves. */
const TAKEOVER = ['wheel', 'touchstart', 'keydown'] as const;
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

const reducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export class StoryMap extends LitElement {
  static override styles = [
    controlStyles,
    css`
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
    .failed {
      margin: auto;
      padding: 1rem 1.5rem;
      max-width: 28rem;
      font: 0.9375rem/1.4 var(--sm-ui-font);
      color: #3b3733;
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
  `,
  ];

  /** URL of the story file (JSON). Relative URLs in it resolve against this URL. */
  @property({ reflect: true }) src: string | null = null;

  /**
   * Preview mode for editors: a panel lists the story's issues, follows edits to its files, shows
   * the camera to paste into a chapter and previews dropped GeoJSON. On in development and with
   * `?edit` on the story page; never for readers.
   */
  @property({ type: Boolean, reflect: true }) edit = false;

  /** Do not read or write the page's URL hash (for pages that use it themselves). */
  @property({ type: Boolean, attribute: 'no-hash' }) noHash = false;

  @state() private model: Story | null = null;
  @state() private activeIndex = 0;
  @state() private motion = !reducedMotion();
  /** What the live region says after the reader steps with Previous/Next. */
  @state() private announcement = '';
  /** The story file itself could not be loaded. */
  @state() private failed = false;
  /** The files the story was read from (watched in preview mode). */
  @state() private urls: readonly string[] = [];
  /** The editor panel's module has loaded (preview mode only). */
  @state() private editorReady = false;
  /** Fetch without the HTTP cache (after an edit). */
  #fresh = false;

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
  /** A chapter asked for with goTo() before the story had loaded. */
  #wanted: string | null = null;
  /** Set while the element itself moves focus, so focusin does not scroll again. */
  #movingFocus = false;

  #scroll = new ScrollController(this, {
    chapters: () => (this.model?.chapters.length ? this.chapterElements : []),
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

  /**
   * Loads the story's files again (bypassing the HTTP cache) and stays on the chapter being read.
   * Preview mode calls it when a file changes.
   */
  reload(): Promise<void> {
    this.#wanted = this.#reached ? this.activeChapter : null;
    this.#fresh = true;
    return this.#loadStory();
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
    if (!this.model) {
      // Not loaded yet: go there as soon as it is.
      this.#wanted = id;
      return;
    }
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
    this.addEventListener('story-map-ready', this.#onMapReady);
    this.addEventListener('story-map-reload', this.#onReloadRequest);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#motionQuery?.removeEventListener('change', this.#onMotionQuery);
    window.removeEventListener('hashchange', this.#onHashChange);
    this.removeEventListener('click', this.#onClick);
    this.removeEventListener('focusin', this.#onFocusIn);
    this.removeEventListener('story-map-ready', this.#onMapReady);
    this.removeEventListener('story-map-reload', this.#onReloadRequest);
    this.#clearPending();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('src') || changed.has('story')) void this.#loadStory();
    if (changed.has('edit') && this.edit && !this.editorReady) {
      void import('./editor.ts').then(({ StoryMapEditor }) => {
        define('story-map-editor', StoryMapEditor);
        this.editorReady = true;
      });
    }
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
        ${this.failed ? html`<p class="failed">The map for this story could not be loaded.</p>` : this.#panel(story, chapter, count)}
      </div>
      <div class="text"><slot></slot></div>
    </div>
    ${
      this.edit && this.editorReady
        ? html`<story-map-editor .issues=${this.#issues} .map=${this.map} .urls=${this.urls} .story=${this.model}></story-map-editor>`
        : nothing
    }`;
  }

  #panel(story: Story | null, chapter: Chapter | null, count: number) {
    const atStart = !story || !this.#reached || this.activeIndex === 0;
    const atEnd = !story || (this.#reached && this.activeIndex >= count - 1);
    return html`<story-map-view
          .story=${story}
          .view=${chapter?.view ?? null}
          ?motion=${this.motion}
          @story-feature-select=${this.#onFeatureSelect}
        ></story-map-view>
        <div class="controls">
          <button type="button" aria-disabled=${atStart ? 'true' : 'false'}
            @click=${() => this.#step(-1)}><span aria-hidden="true">‹ </span>Previous</button>
          <span class="position" aria-hidden="true">${story && this.#reached ? `${this.activeIndex + 1} of ${count}` : ''}</span>
          <span class="visually-hidden" aria-live="polite">${this.announcement}</span>
          <button type="button" aria-disabled=${atEnd ? 'true' : 'false'}
            @click=${() => this.#step(1)}>Next<span aria-hidden="true"> ›</span></button>
          <button type="button" class="motion" aria-pressed=${this.motion ? 'false' : 'true'}
            @click=${this.#toggleMotion}>Reduce motion</button>
        </div>
        <story-timeline
          .events=${story?.events ?? []}
          .chapters=${story?.chapters ?? []}
          .active=${chapter?.id ?? null}
          .split=${story?.published ?? null}
          .locale=${story?.lang ?? 'en'}
          ?motion=${this.motion}
          @story-chapter-request=${this.#onChapterRequest}
        ></story-timeline>`;
  }

  async #loadStory(): Promise<void> {
    const load = ++this.#load;
    const file = this.src ?? 'story';
    let result: LoadResult;
    let shown = false;
    const options: LoadOptions = {
      // Show the story as soon as it reads; the format checks follow once the page is idle.
      onStory: (early) => {
        if (load !== this.#load) return;
        shown = true;
        this.#show(early);
      },
      checksAfter: whenIdle,
    };
    if (this.#fresh) options.fetch = (u) => fetch(u, { cache: 'no-store' });
    try {
      if (this.#input) {
        const text = JSON.stringify(this.#input);
        const onStory = options.onStory!;
        options.onStory = (early) => onStory({ ...early, text });
        result = await loadStoryData(this.#input, new URL(this.src ?? '.', document.baseURI), file, options);
        result.text = text;
      } else if (this.src) {
        result = await loadStory(new URL(this.src, document.baseURI), options);
      } else {
        return;
      }
    } catch (error) {
      // A bug of ours, not the editor's: still a message, never a blank page.
      const message = `the story could not be loaded (${error instanceof Error ? error.message : String(error)})`;
      result = {
        story: normalizeStory({}, {}, { story: file }).story,
        issues: [{ severity: 'error', file, path: '', message }],
        text: null,
        failed: true,
        files: [],
      };
    }
    this.#fresh = false;
    if (load !== this.#load) return;
    if (!shown) this.#show(result);
    this.#issues = result.issues;
    this.urls = result.files.map((f) => f.url);
    this.requestUpdate();
    if (result.issues.length && emit(this, 'story-error', { issues: result.issues }, { cancelable: true })) {
      for (const issue of result.issues) {
        (issue.severity === 'error' ? console.error : console.warn)(`story-map: ${formatIssue(issue)}`);
      }
    }
  }

  /** Shows a loaded story: its text, map and timeline, from the first chapter (or the one asked for). */
  #show(result: LoadResult): void {
    this.#issues = result.issues;
    this.failed = result.failed;
    this.urls = result.files.map((f) => f.url);
    // When the story file could not be loaded, the text already in the page (if any) stays.
    if (!result.failed) this.#renderText(result.story, result.text);
    this.activeIndex = 0;
    this.#reached = false;
    this.#hashApplied = false;
    this.#announced = 0;
    this.model = result.story;
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
    // The text may have changed size: measure now, then honour goTo() made before the load, or
    // else a deep link, once.
    requestAnimationFrame(() => {
      const chapters = this.model?.chapters ?? [];
      const wanted = this.#wanted !== null && chapters.some((c) => c.id === this.#wanted) ? this.#wanted : null;
      if (this.#wanted !== null && wanted === null)
        console.warn(`story-map: goTo("${this.#wanted}"): no chapter has that id`);
      this.#wanted = null;
      const id = wanted ?? (this.#hashApplied ? null : this.#hashChapter());
      this.#hashApplied = true;
      if (id !== null)
        this.#scrollTo(
          chapters.findIndex((c) => c.id === id),
          false,
        );
      this.#scroll.update();
    });
  }

  #hashChapter(): string | null {
    if (this.noHash || !this.model) return null;
    const id = hashId(location.hash);
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
    if (!this.model?.chapters.length) return;
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
    const current = hashId(location.hash);
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
    // Measure the sticky panel first: the chapter's scroll margin keeps it clear of the panel.
    this.#coveredTop();
    if (smooth) {
      // Go straight to the target's map state rather than through every chapter on the way.
      this.#pending = { index, timer: window.setTimeout(() => this.#settle(), 1500) };
      this.#reached = true;
      this.#setActive(index);
      window.addEventListener('scrollend', this.#settle, { once: true, capture: true });
      // The reader taking over (wheel, touch, keys) ends the jump: the scroll position decides again.
      for (const type of TAKEOVER) window.addEventListener(type, this.#onTakeover, { capture: true, passive: true });
    }
    element.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'instant' });
    if (!smooth) this.#scroll.update();
  }

  #settle = (): void => {
    this.#clearPending();
    this.#scroll.update();
  };

  #onTakeover = (e: Event): void => {
    // Keys pressed in the panel (Next again, arrows in the timeline) do not scroll the page.
    if (e instanceof KeyboardEvent && (!SCROLL_KEYS.has(e.key) || e.composedPath().includes(this.renderRoot))) return;
    this.#settle();
  };

  #clearPending(): void {
    if (!this.#pending) return;
    clearTimeout(this.#pending.timer);
    window.removeEventListener('scrollend', this.#settle, { capture: true });
    for (const type of TAKEOVER) window.removeEventListener(type, this.#onTakeover, { capture: true });
    this.#pending = null;
  }

  #step(delta: number): void {
    const chapters = this.model?.chapters ?? [];
    const from = this.#reached ? this.activeIndex : -1;
    const index = Math.max(0, Math.min(chapters.length - 1, from + delta));
    if (index < 0 || index === from) return;
    this.#scrollTo(index, this.motion);
    this.announcement = `${chapters[index]!.title}, chapter ${index + 1} of ${chapters.length}`;
  }

  /** The timeline asked for a chapter: go there, and take the keyboard focus to its heading. */
  #onChapterRequest = async (e: CustomEvent<{ id: string }>): Promise<void> => {
    await this.goTo(e.detail.id);
    const heading = this.chapterElements
      .find((el) => el.dataset.chapter === e.detail.id)
      ?.querySelector<HTMLElement>('h2 a.sm-anchor');
    if (!heading) return;
    this.#movingFocus = true;
    heading.focus({ preventScroll: true });
    this.#movingFocus = false;
  };

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
    if (!link || !this.contains(link) || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey)
      return;
    const id = link.getAttribute('href')?.slice(1);
    if (!id) return;
    e.preventDefault();
    void this.goTo(safeDecode(id));
  };

  /**
   * Tabbing into a chapter (either way) brings it, and its map, into play: after the browser has
   * moved the focus, the page moves just enough that this chapter is the one at the trigger line
   * and the focused element is on screen, clear of the map. Judged from where things are at that
   * moment, not from the last chapter reported, so a quick Tab and Shift+Tab cannot outrun it.
   */
  #onFocusIn = (e: FocusEvent): void => {
    const target = e.target as HTMLElement | null;
    if (this.#movingFocus || !target || !target.matches(':focus-visible')) return;
    const section = target.closest<HTMLElement>('[data-chapter]');
    if (!section || !this.contains(section)) return;
    const chapters = this.chapterElements;
    const index = chapters.indexOf(section);
    if (index < 0) return;
    requestAnimationFrame(() => {
      if (document.activeElement !== target) return;
      this.#clearPending();
      const covered = this.#coveredTop();
      const trigger = triggerLine(window.innerHeight, covered);
      const top = section.getBoundingClientRect().top;
      const next = chapters[index + 1]?.getBoundingClientRect().top ?? Infinity;
      // Content moves up when the chapter starts below the line; down when the next one has reached it.
      let by = top > trigger - 2 ? top - (trigger - 2) : next <= trigger ? next - (trigger + 2) : 0;
      // Then the focused element itself must be in view, below the map.
      const t = target.getBoundingClientRect();
      if (t.top - by < covered + 8) by = t.top - (covered + 16);
      else if (t.bottom - by > window.innerHeight - 8) by = t.bottom - (window.innerHeight - 16);
      if (Math.abs(by) >= 1) window.scrollBy({ top: by, behavior: 'instant' });
      this.#scroll.update();
    });
  };

  #onMapReady = (): void => {
    // The editor panel reads the map.
    if (this.edit) this.requestUpdate();
  };

  #onReloadRequest = (e: Event): void => {
    e.stopPropagation();
    void this.reload();
  };

  #onFeatureSelect = (e: CustomEvent<{ id: string }>): void => {
    if (!this.model) return;
    const chapter = chapterForFeature(this.model, e.detail.id, this.activeIndex);
    if (chapter) void this.goTo(chapter.id);
  };
}

export type { Chapter };
