/**
 * `<story-map>`: the story's text in the light DOM, and beside it (above it on phones) a sticky
 * panel with the map and the timeline, which follow the chapter being read. Scroll position is the
 * single source of truth: only a measurement of where the chapters are sets the active chapter
 * (`reading`, held here alone). The timeline, markers, Previous/Next, heading links, the hash and
 * `goTo()` all scroll the text; a smooth jump shows its destination until the scroll arrives, so
 * every path ends in the same state. The element wires its parts; each concern has its controller.
 */
import { html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { MapLibreMap } from '../map/engine.ts';
import { type ScrollState, ScrollController } from '../scroll/controller.ts';
import { FocusController } from '../scroll/focus.ts';
import { JumpController } from '../scroll/jump.ts';
import type { Issue } from '../story/issues.ts';
import { chapterForFeature } from '../story/navigate.ts';
import type { Story, StoryInput } from '../story/types.ts';
import { HashController } from './controllers/hash.ts';
import { StoryLoader } from './controllers/loader.ts';
import { MotionController } from './controllers/motion.ts';
import { PreviewController } from './controllers/preview.ts';
import { StillController } from './controllers/still.ts';
import { type ChapterRequestDetail, emit, type MapFailureDetail } from './events.ts';
import './parts.ts';
import { loadFailure } from './load-failure.ts';
import { storyMapStyles } from './story-map.styles.ts';
import { TextController } from './story-text.ts';

/** Before the first measurement: the first chapter, the reader above the story. */
const START: ScrollState = { index: 0, reached: false, inView: false };

/**
 * @tag story-map
 * @summary A scroll-driven story with a map and a timeline that follow the text.
 * @fires story-chapter-change - The active chapter changed (not fired for the first chapter when a story loads). `detail: {id, index}`.
 * @fires story-error - The story has issues (checked once the reader has acted, at once in preview mode), or its map cannot start (cancelable; if not canceled they are logged once). `detail: {issues}`.
 * @fires story-map-ready - The MapLibre map has loaded (it loads at the reader's first input, or past the first chapter). `detail: {map}`.
 * @slot - The story text: an `<article class="sm-story">` with `<section data-chapter>` chapters.
 *   Rendered from the story when absent or out of date.
 * @slot header - The story's headline, dek and credits (above the map on phones).
 * @slot still - A still map of a chapter (`<figure class="sm-still" data-still-chapter>`), shown until the interactive map has drawn: the page's prerendered one, else drawn by the element.
 * @slot failed - Shown only when the story file itself could not be loaded, after what went wrong (the story page puts a link back to its own story here).
 * @csspart panel - The sticky panel holding the map and the timeline.
 * @cssproperty --story-map-panel-width - Width of the map panel when the element is wide, 48em and more (default 58%; the text keeps at least 20em).
 * @cssproperty --story-map-text-font - Font of the story text (default Georgia, serif).
 * @cssproperty --story-map-ui-font - Font of the headings, controls, timeline and map key (default system-ui).
 * @cssproperty --story-map-ink - Colour of the text (default #1f1c18).
 * @cssproperty --story-map-paper - Background of the panel, the controls and the timeline (default #fbfaf7).
 * @cssproperty --story-map-link - Colour of the links to sources (default #1d4e89).
 * @cssproperty --story-map-accent - The active chapter's rule, the timeline's cursor, markers and lines without a colour of their own (default #b5361d).
 */
export class StoryMap extends LitElement {
  static override styles = storyMapStyles;

  /** URL of the story file (JSON). Relative URLs in it resolve against this URL. */
  @property({ reflect: true }) src: string | null = null;

  /** The story as an already-parsed object (the contents of a story file). Setting it loads it. */
  @property({ attribute: false }) story: StoryInput | null = null;

  /** Preview mode for editors: the issues, reload on save, the camera snippet, dropped GeoJSON (`?edit`, and in development). */
  @property({ type: Boolean, reflect: true }) edit = false;

  /** Do not read or write the page's URL hash (for pages that use it themselves). */
  @property({ type: Boolean, attribute: 'no-hash' }) noHash = false;
  /** A copy of MapLibre's worker script on the page's own origin, for a strict CSP (one per page). */
  @property({ attribute: 'worker-url' }) workerUrl: string | null = null;

  /** Where the reader is, as last measured: the active chapter, and whether they are in the story. */
  @state() private reading: ScrollState = START;

  /** The story shown (the loader's latest), and a chapter to go to once it is (goTo() before the load, a reload). */
  #shown: Story | null = null;
  /** The load #shown came from, and the story the map draws: the latest shown with its GeoJSON (not `pending`). */
  #shownLoad = 0;
  #mapStory: Story | null = null;
  #wanted: string | null = null;
  /** A new story is shown: arrive (at the deep link) after the next frame's measurement. */
  #arriving = false;
  /** The story's text may have changed size: measure again after the next frame. */
  #remeasure = false;
  #frame = 0;
  #reloading = false;

  readonly #text = new TextController(this);
  readonly #loader = new StoryLoader(this, () => this);
  readonly #preview = new PreviewController(this);
  readonly #motion = new MotionController(this);
  readonly #still = new StillController(this, {
    story: () => this.#mapStory,
    chapter: () => this.#mapStory?.chapters[this.#jump.target ?? this.reading.index] ?? null,
    view: () => this.renderRoot?.querySelector('story-map-view') ?? null,
  });
  readonly #scroll = new ScrollController(this, {
    chapters: () => (this.#shown?.chapters.length ? this.chapterElements : []),
    panel: () => this.renderRoot?.querySelector('.panel'),
    host: this,
    onMeasure: (s) => this.#onMeasure(s),
  });
  readonly #jump = new JumpController(this, { panel: () => this.renderRoot, remeasure: () => this.#scroll.update() });
  readonly #focus = new FocusController(this, {
    chapters: () => this.chapterElements,
    coveredTop: () => this.#scroll.coveredTop(),
    onFollow: () => this.#jump.settle(),
  });
  readonly #hash = new HashController(this, {
    enabled: () => !this.noHash,
    isChapter: (id) => this.#index(id) >= 0,
    onNavigate: (id) => void this.goTo(id),
  });

  /** The id of the chapter being read, or null before the story has loaded. */
  get activeChapter(): string | null {
    return this.#shown?.chapters[this.reading.index]?.id ?? null;
  }

  /** The MapLibre map, once loaded (see `story-map-ready`); null before. */
  get map(): MapLibreMap | null {
    return this.renderRoot?.querySelector('story-map-view')?.map ?? null;
  }

  /** The issues found in the story and its data (`[]` when it is valid). */
  get issues(): readonly Issue[] {
    return this.#loader.issues;
  }

  /** The chapter elements in the light DOM, in order. */
  get chapterElements(): HTMLElement[] {
    return this.#text.chapters;
  }

  /** Scrolls the story to a chapter (the map and timeline follow); resolves when it has landed. Unknown ids are warned about. */
  async goTo(id: string): Promise<void> {
    await this.updateComplete;
    if (!this.#shown) {
      this.#wanted = id; // Not loaded yet: go there as soon as it is.
      return;
    }
    const index = this.#index(id);
    if (index < 0) console.warn(`story-map: goTo("${id}"): no chapter has that id`);
    else await this.#jumpTo(index, this.#motion.motion);
  }

  /** Loads the story's files again (bypassing the HTTP cache), staying on the chapter being read. */
  reload(): Promise<void> {
    this.#wanted = this.reading.reached ? this.activeChapter : null;
    this.#reloading = true;
    return this.#loader.reload();
  }

  protected override willUpdate(): void {
    const result = this.#loader.result;
    if (result && result.story !== this.#shown) {
      // `more`: the same load's story again, now with its GeoJSON (its text was shown from the story
      // file alone): the reader stays where they are. Otherwise a new story: its text (unless the
      // page's is already this file's), from its first chapter.
      const more = !result.failed && this.#loader.generation === this.#shownLoad;
      this.#shownLoad = this.#loader.generation;
      this.#shown = result.story;
      // A new story's map waits for its GeoJSON; a reload's keeps the story it had until then.
      if (!result.pending) this.#mapStory = result.story;
      else if (!more && !this.#reloading) this.#mapStory = null;
      this.#reloading = false;
      if (!result.failed) this.#text.show(result.story, result.text);
      if (more) {
        this.#remeasure = true;
        return;
      }
      this.reading = START;
      this.#jump.cancel();
      this.#hash.reset();
      this.#arriving = true;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A frame's work cancelled when the element left the page is done once it is back.
    if (this.#arriving || this.#remeasure) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  protected override updated(): void {
    if (this.isConnected && (this.#arriving || this.#remeasure)) {
      const arriving = this.#arriving;
      cancelAnimationFrame(this.#frame);
      // The text may have changed size (a new story), or with the features (distances, map
      // descriptions): measure in the next frame (then arrive at the deep link, for a new story).
      // Kept pending while the element is out of the page: it has no layout to measure there.
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#arriving = false;
        this.#remeasure = false;
        if (arriving) this.#arrive();
        else this.#scroll.update();
      });
    }
    this.#text.mark(this.reading.reached ? this.reading.index : -1);
  }

  protected override render() {
    const story = this.#shown;
    const failed = this.#loader.result?.failed ?? false;
    // A smooth jump shows where it is going; otherwise the chapter being read.
    const shown = this.#jump.target ?? this.reading.index;
    const reached = this.reading.reached || this.#jump.target !== null;
    const chapter = story?.chapters[shown] ?? null;
    const mapStory = this.#mapStory;
    return html`<div class="layout">
        <div class="header"><slot name="header"></slot></div>
        <div class="panel" part="panel" role="region" aria-label="Map and timeline">
          ${
            failed
              ? html`<p class="failed">No map: the story file could not be loaded.</p>`
              : html`<story-map-view
                  .story=${mapStory}
                  .view=${mapStory?.chapters[shown]?.view ?? null}
                  .motion=${this.#motion.motion}
                  .editable=${this.edit}
                  .overlay=${this.#preview.overlay}
                  .workerUrl=${this.workerUrl}
                  .storyFile=${this.src ?? 'story'}
                  .still=${this.#still.showing}
                  .wanted=${reached && shown > 0}
                  @story-map-failure=${(e: CustomEvent<MapFailureDetail>) => this.#loader.announce([e.detail.issue])}
                  @story-feature-select=${this.#onFeatureSelect}
                  @story-camera-change=${this.#preview.onCamera}
                  ><slot name="still" slot="still"></slot
                ></story-map-view>
                <story-map-controls
                  .chapters=${story?.chapters ?? []}
                  .index=${story && reached ? shown : -1}
                  .motion=${this.#motion.motion}
                  @story-chapter-request=${(e: CustomEvent<ChapterRequestDetail>) => void this.goTo(e.detail.id)}
                  @story-motion-request=${this.#motion.onRequest}
                ></story-map-controls>
                <story-timeline
                  .events=${story?.events ?? []}
                  .reserve=${!story}
                  .chapters=${story?.chapters ?? []}
                  .active=${chapter?.id ?? null}
                  .locale=${story?.lang ?? 'en'}
                  .motion=${this.#motion.motion}
                  @story-chapter-request=${this.#onTimelineRequest}
                ></story-timeline>`
          }
          ${this.#preview.panel({ issues: this.issues, files: this.#loader.result?.files ?? [], story })}
        </div>
        <div class="text">
          ${failed && this.#text.chapters.length === 0 ? loadFailure(this.issues) : null}<slot></slot>
        </div>
      </div>`;
  }

  #index(id: string): number {
    return this.#shown?.chapters.findIndex((c) => c.id === id) ?? -1;
  }

  /** Once a story is shown: go to the chapter asked for with goTo() or kept by a reload, else the deep link. */
  #arrive(): void {
    const wanted = this.#wanted;
    this.#wanted = null;
    const fromHash = this.#hash.take();
    if (wanted !== null && this.#index(wanted) < 0)
      console.warn(`story-map: goTo("${wanted}"): no chapter has that id`);
    const index = [wanted, fromHash].map((id) => this.#index(id ?? '')).find((i) => i >= 0) ?? -1;
    if (index >= 0) void this.#jumpTo(index, false);
    else this.#scroll.update();
  }

  #jumpTo(index: number, smooth: boolean): Promise<void> {
    // Measure the sticky panel first: the chapter's scroll margin keeps it clear of the panel.
    this.#scroll.coveredTop();
    return this.#jump.jump(index, this.chapterElements[index]!, smooth);
  }

  #onMeasure(s: ScrollState): void {
    const story = this.#shown;
    if (!story?.chapters.length || !this.#jump.arrive(s.index)) return;
    const was = this.reading;
    if (s.index === was.index && s.reached === was.reached && s.inView === was.inView) return;
    this.reading = s;
    if (s.index !== was.index) emit(this, 'story-chapter-change', { id: story.chapters[s.index]!.id, index: s.index });
    this.#hash.follow(s.reached && s.inView ? this.activeChapter : null);
  }

  /** The timeline asked for a chapter: go there, and take the keyboard focus to its heading. */
  #onTimelineRequest = async (e: CustomEvent<ChapterRequestDetail>): Promise<void> => {
    const landed = this.goTo(e.detail.id);
    await this.updateComplete;
    this.#focus.focusHeading(e.detail.id);
    await landed;
  };

  #onFeatureSelect = (e: CustomEvent<{ id: string }>): void => {
    const chapter = this.#shown && chapterForFeature(this.#shown, e.detail.id, this.reading.index);
    if (chapter) void this.goTo(chapter.id);
  };
}
