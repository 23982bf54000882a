/**
 * `<story-map-view>`: the map panel. Takes the story and the active chapter's view. Until the
 * interactive map has drawn, it shows a still picture of the chapter (the page's own, slotted as
 * `still`, while it is of this chapter); MapLibre loads only once the panel is near the viewport
 * and the reader has acted or gone past the first chapter (see panel.ts), and fades in over the
 * still. One map (one WebGL context) per element, removed when the element leaves the page. Every
 * call to MapLibre goes through src/map/engine.ts.
 */
import type { FeatureCollection } from 'geojson';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { AMERICAS, chapterCamera, fitBounds, storyCamera } from '../geo/camera.ts';
import { boxAround } from '../geo/shape.ts';
import type { MapLibreMap } from '../map/engine.ts';
import { beforeDeadline, type MapFailure, MapStartError, START_TIMEOUT_MS } from '../map/start.ts';
import { type LoadStep, loadingNote, panelView, type MapPhase, SLOW_MS, wantsEngine } from '../map/panel.ts';
import { preferWorker } from '../map/worker.ts';
import { legendFor } from '../map/legend.ts';
import { CSS_PALETTE, type Palette, readPalette } from '../map/palette.ts';
import type { Issue } from '../story/issues.ts';
import type { Camera, ChapterView, Story } from '../story/types.ts';
import { cssom } from './cssom.ts';
import { emit } from './events.ts';
import { readerHasActed } from './first-input.ts';

type Engine = typeof import('../map/engine.ts');
type Words = typeof import('../map/failure.ts');

/** How a dropped file is framed: its features with room around them, not closer than a town. */
const OVERLAY_FIT = { padding: { top: 60, right: 60, bottom: 60, left: 60 }, maxZoom: 10 };

/**
 * @tag story-map-view
 * @fires story-map-ready - The map has loaded. `detail: {map}`.
 * @fires story-feature-select - The reader clicked a place on the map. `detail: {id}`.
 * @fires story-camera-change - Preview mode (`editable`): the map came to rest. `detail: {camera}`.
 * @fires story-map-failure - The map could not start: `detail: {issue}` names the cause.
 * @csspart canvas - The element MapLibre draws into.
 */
export class StoryMapView extends LitElement {
  static override styles = css`
    :host {
      display: grid;
      position: relative;
      min-height: 160px;
      background: var(--sm-map-water);
    }
    .canvas,
    .still {
      /* Grid items in one cell stretch to the host's size (MapLibre sets its own position on the canvas's). */
      grid-area: 1 / 1;
      min-width: 0;
      min-height: 0;
    }
    .still {
      overflow: hidden;
    }
    /* The interactive map fades in over the still once it has drawn the chapter; the still then goes. */
    .canvas {
      opacity: 0;
      transition: opacity 0.4s ease-out;
    }
    .canvas.shown {
      opacity: 1;
    }
    .canvas.shown + .still {
      visibility: hidden;
      transition: visibility 0s 0.4s;
    }
    :host([data-motion='off']) .canvas,
    :host([data-motion='off']) .canvas.shown + .still {
      transition: none;
    }
    @media (prefers-reduced-motion: reduce) {
      .canvas,
      .canvas.shown + .still {
        transition: none;
      }
    }
    /* At the top, clear of the map key: the map (or its still) stays visible under it. */
    .loading {
      position: absolute;
      inset: 0 0 auto 0;
      margin: 0;
      padding: 6px 12px;
      font: 13px/1.3 var(--story-map-ui-font, system-ui, sans-serif);
      color: var(--sm-map-loading);
      background: color-mix(in srgb, var(--sm-paper) 85%, transparent);
    }
    .legend {
      position: absolute;
      left: 6px;
      bottom: 6px;
      max-width: calc(100% - 150px);
      margin: 0;
      padding: 4px 8px;
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 2px 10px;
      font: 11px/1.35 var(--story-map-ui-font, system-ui, sans-serif);
      color: var(--sm-strong);
      background: var(--sm-map-key);
      border-radius: 3px;
      pointer-events: none;
    }
    .legend li {
      display: flex;
      align-items: center;
      gap: 5px;
      white-space: nowrap;
    }
    .sym {
      flex: none;
      box-sizing: border-box;
      width: 10px;
      height: 10px;
    }
    .sym.dot {
      border-radius: 50%;
      background: var(--c);
      box-shadow: 0 0 0 1.5px var(--sm-white);
    }
    .sym.ring {
      border-radius: 50%;
      border: 2.5px solid var(--c);
    }
    .sym.line,
    .sym.dashed {
      width: 18px;
      height: 0;
      border-top: 2.5px solid var(--c);
    }
    .sym.dashed {
      border-top-style: dashed;
    }
    .sym.area {
      width: 14px;
      border: 1.5px solid var(--s);
      background: color-mix(in srgb, var(--c) 30%, transparent);
    }
    .maplibregl-canvas:focus-visible {
      outline: 3px solid var(--sm-focus);
      outline-offset: -3px;
    }
  `;

  /** The normalised story. */
  @property({ attribute: false }) story: Story | null = null;

  /** The active chapter's map state. */
  @property({ attribute: false }) view: ChapterView | null = null;

  /** Fly between chapters (true) or jump (false, for readers who turned motion off). */
  @property({ attribute: false }) motion = true;

  /** Preview mode: the wheel zooms, a drag pans and rotates, and each rest reports its camera. */
  @property({ attribute: false }) editable = false;

  /** Preview mode: GeoJSON drawn over the story (a dropped file), framed when it changes. */
  @property({ attribute: false }) overlay: FeatureCollection | null = null;

  /** A site's own copy of MapLibre's worker script (see engine.useWorker), else the bundled one. */
  @property({ attribute: false }) workerUrl: string | null = null;

  /** The story's file, named by the issue that a failure reports. */
  @property({ attribute: false }) storyFile = '';

  /** A still picture of the chapter shown is in the `still` slot (the story keeps it so). */
  @property({ attribute: false }) still = false;

  /** The story wants the interactive map now, whether or not the reader has acted (past the first chapter). */
  @property({ attribute: false }) wanted = false;

  /** The MapLibre map, once loaded. */
  map: MapLibreMap | null = null;

  #engine: Engine | null = null;
  #palette: Palette | null = null;
  #visibility: IntersectionObserver | null = null;
  #resize: ResizeObserver | null = null;
  #stopWatching: (() => void) | null = null;
  #generation = 0;
  /** The panel has come near the viewport. */
  #near = false;
  /** The reader has acted (a key, a pointer, a wheel, a touch, a scroll). */
  #acted = false;
  /** The engine and the map are on their way. */
  #starting = false;
  /** The map has drawn the chapter (the canvas is shown). */
  #drawn = false;
  /** The phase last told to the story (story-map-phase). */
  #told: MapPhase | null = null;
  /** Why the map could not start, and the panel's line saying so. */
  #failed: MapFailure | null = null;
  /** The panel's words for failures (failure.ts), loaded when one happens. */
  #words: Words | null = null;
  /** The browser took the map's WebGL context back; MapLibre draws again when it returns it. */
  #lost = false;
  #stopContext: (() => void) | null = null;
  #size = { width: 0, height: 0 };
  /** Where the map's load is (see loadingNote), since when, and the timer that says it is slow. */
  #step: LoadStep = 'code';
  #since = 0;
  #slowTimer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    // Start loading when the panel is within a screen of the viewport.
    this.#visibility = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.#near = true;
        this.#visibility?.disconnect();
        this.#wake();
      },
      { rootMargin: '100% 0px' },
    );
    this.#visibility.observe(this);
    void readerHasActed().then(() => {
      this.#acted = true;
      this.#wake();
    });
    this.#resize = new ResizeObserver(() => this.#onResize());
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#visibility?.disconnect();
    this.#visibility = null;
    this.#resize?.disconnect();
    this.#resize = null;
    clearTimeout(this.#slowTimer);
    this.#destroy();
    this.#near = false;
  }

  /** Where the interactive map is in its life (see MapPhase). */
  get #phase(): MapPhase {
    if (this.#failed) return 'failed';
    if (this.#lost) return 'lost';
    if (this.map && this.#drawn) return 'drawn';
    return this.#starting || this.map ? 'loading' : 'waiting';
  }

  protected override render() {
    const shows = panelView({ phase: this.#phase, still: this.still });
    const notes = {
      loading: () => {
        const { text, slow } = loadingNote(this.#step, Date.now() - this.#since, this.still);
        // The steps are for the eye; a slow load is worth saying to everyone, once.
        return slow
          ? html`<p class="loading" role="status">${text}</p>`
          : html`<p class="loading" aria-hidden="true">${text}</p>`;
      },
      lost: () =>
        html`<p class="loading" role="status">${
          this.#words?.lostNote(this.still) ?? 'The map is paused: the browser took back its graphics context.'
        }</p>`,
      failed: () =>
        html`<p class="loading" role="status">${
          this.#failed && this.#words
            ? this.#words.failureNote(this.#failed, this.still)
            : 'The map could not be loaded. The story reads on without it.'
        }</p>`,
    };
    // The still stays under the canvas while it fades in; the styles hide it after.
    // classMap: MapLibre adds its own classes to this element; a plain class binding would drop them.
    return html`<div class="canvas ${classMap({ shown: shows.canvas })}" part="canvas"></div>
      <div class="still" ?hidden=${!this.still}><slot name="still"></slot></div>
      ${shows.note ? notes[shows.note]() : null}
      ${this.#legend()}`;
  }

  /**
   * Builds the map if it is wanted now (see wantsEngine), unless it could not start: then not again
   * (the first input or a chapter past the first would start it once more, and report it once more),
   * until another story.
   */
  #wake(): void {
    if (this.#failed) return;
    if (wantsEngine({ near: this.#near, acted: this.#acted, past: this.wanted })) void this.#build();
  }

  /** The key to what this chapter's map draws (see legendFor). */
  #legend() {
    const { story, view } = this;
    const entries = story && view ? legendFor(view, (id) => story.features.get(id), CSS_PALETTE) : [];
    if (entries.length === 0) return null;
    return html`<ul class="legend" aria-label="Map key">
      ${entries.map(
        (e) =>
          html`<li><span class=${`sym ${e.symbol}`} ${cssom({ '--c': e.color, '--s': e.stroke ?? e.color })}></span>${e.label}</li>`,
      )}
    </ul>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Recorded at once (before any map starts): the page's maps share one worker.
    if (changed.has('workerUrl') && this.workerUrl) preferWorker(this.workerUrl);
    // The still and the map cross-fade, unless the reader turned motion off.
    if (changed.has('motion')) this.dataset.motion = this.motion ? 'on' : 'off';
  }

  protected override updated(changed: PropertyValues<this>): void {
    const phase = this.#phase;
    if (phase !== this.#told) {
      this.#told = phase;
      emit(this, 'story-map-phase', { phase });
    }
    if (changed.has('story') && changed.get('story') !== undefined) {
      // A new story: a new map (tried again if the last one could not start).
      this.#destroy();
      this.#failed = null;
      this.#wake();
      return;
    }
    if (changed.has('wanted')) this.#wake();
    const map = this.map;
    const engine = this.#engine;
    if (!map || !engine) return;
    if (changed.has('view') && this.view) this.#apply(this.motion);
    if (changed.has('editable')) this.#setEditable(map, engine);
    if (changed.has('overlay')) this.#drawOverlay(map, engine, true);
  }

  /** The camera for the current view at the current size. */
  cameraFor(view: ChapterView): Camera {
    const story = this.story;
    const { width, height } = this.#viewport();
    return story ? chapterCamera(story, view, { width: width || 1, height: height || 1 }) : AMERICAS;
  }

  /**
   * The view's size, as the resize observer last measured it: reading it from the layout at a
   * chapter change would make the browser lay the page out then, inside the change, and again after.
   */
  #viewport(): { width: number; height: number } {
    return this.#size.width && this.#size.height ? this.#size : { width: this.clientWidth, height: this.clientHeight };
  }

  #apply(motion: boolean): void {
    const { map, view, story } = this;
    if (!map || !view || !this.#engine || !story) return;
    const camera = this.cameraFor(view);
    this.#engine.showChapter(map, story, view, camera);
    this.#engine.moveCamera(map, camera, motion);
  }

  #setEditable(map: MapLibreMap, engine: Engine): void {
    this.#stopWatching?.();
    this.#stopWatching = null;
    engine.setEditable(map, this.editable, matchMedia('(pointer: fine)').matches);
    if (!this.editable) return;
    const report = () => emit(this, 'story-camera-change', { camera: engine.cameraOf(map) });
    this.#stopWatching = engine.onMoveEnd(map, report);
    report();
  }

  /** Draws the overlay (framing it when asked: it changed, rather than the map being rebuilt). */
  #drawOverlay(map: MapLibreMap, engine: Engine, frame: boolean): void {
    engine.setOverlay(map, this.overlay, this.#palette!);
    const box = this.overlay && boxAround(this.overlay.features);
    if (!frame || !box) return;
    engine.moveCamera(map, fitBounds(box, this.#viewport(), OVERLAY_FIT), false);
  }

  async #build(): Promise<void> {
    const story = this.story;
    // One map at a time: a build under way (the engine on its way) is not started again.
    if (!story || this.map || this.#starting) return;
    const generation = ++this.#generation;
    this.#failed = null;
    this.#starting = true;
    this.#step = 'code';
    this.#since = Date.now();
    // The note says so once the load has been slow (see loadingNote).
    clearTimeout(this.#slowTimer);
    this.#slowTimer = setTimeout(() => this.requestUpdate(), SLOW_MS);
    this.requestUpdate();
    // From here the map has START_TIMEOUT_MS to load: the engine's files, then the map's own.
    const deadline = Date.now() + START_TIMEOUT_MS;
    let engine: Engine;
    try {
      engine = this.#engine ??= await beforeDeadline(import('../map/engine.ts'), deadline);
      // A new story, or the element left the page, while the engine came: that build is over.
      if (generation !== this.#generation) return;
    } catch (error) {
      const failure = error instanceof MapStartError ? error.failure : 'engine';
      if (generation === this.#generation) {
        this.#starting = false;
        void this.#fail(failure, messageOf(error), '');
      }
      return;
    }
    try {
      const root = this.renderRoot as ShadowRoot;
      const sheet = engine.mapStyleSheet();
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      this.#palette = null;
      this.#palette = this.#readPalette() ?? readPalette(() => '');
      this.#step = 'files';
      this.requestUpdate();
      const view = this.view;
      const map = await engine.createMap({
        container: root.querySelector<HTMLElement>('.canvas')!,
        story,
        view,
        camera: view
          ? this.cameraFor(view)
          : storyCamera(story, { width: this.clientWidth || 1, height: this.clientHeight || 1 }),
        palette: this.#palette,
        dragPan: matchMedia('(pointer: fine)').matches,
        motion: this.motion,
        deadline,
        onFeatureClick: (id) => emit(this, 'story-feature-select', { id }),
      });
      if (generation !== this.#generation || !this.isConnected) {
        engine.removeMap(map);
        return;
      }
      this.map = map;
      this.#starting = false;
      this.#step = 'drawing';
      this.#stopContext = engine.onContext(
        map,
        () => this.#setLost(true),
        () => this.#setLost(false),
      );
      this.#size = { width: this.clientWidth, height: this.clientHeight };
      this.#apply(false);
      if (this.editable) this.#setEditable(map, engine);
      if (this.overlay) this.#drawOverlay(map, engine, false);
      this.requestUpdate();
      emit(this, 'story-map-ready', { map });
      // Shown once it has drawn the chapter: the still stays until then.
      await engine.whenIdle(map);
      if (generation !== this.#generation) return;
      this.#drawn = true;
      this.requestUpdate();
    } catch (error) {
      // MapLibre draws with WebGL 2; without it (or with it blocked) the map cannot be made. Not
      // probed beforehand: a probe costs a whole WebGL context. createMap names the other causes.
      if (generation !== this.#generation) return;
      this.#starting = false;
      const failure = error instanceof MapStartError ? error.failure : 'error';
      void this.#fail(failure, messageOf(error), engine.useWorker());
    }
  }

  /**
   * Says in the panel why the map cannot start, and tells the story (which reports it with story-error).
   * The words load now (failure.ts); if even they cannot, a plain line and issue say it.
   */
  async #fail(failure: MapFailure, detail: string, workerUrl: string): Promise<void> {
    this.#failed = failure;
    const context = {
      workerUrl,
      pageOrigin: location.origin,
      storyFile: this.storyFile,
      detail: failure === 'worker' || failure === 'context-lost' ? undefined : detail,
    };
    let issue: Issue;
    try {
      this.#words ??= await import('../map/failure.ts');
      issue = this.#words.failureIssue(failure, context);
    } catch {
      issue = {
        severity: 'error',
        file: this.storyFile,
        path: '',
        message: `The map could not start (${failure}: ${detail}).`,
      };
    }
    this.requestUpdate();
    emit(this, 'story-map-failure', { issue });
  }

  /** The theme's colours as computed for this element (null while the theme's sheet is missing). */
  #readPalette(): Palette | null {
    if (this.#palette) return this.#palette;
    const computed = getComputedStyle(this);
    try {
      this.#palette = readPalette((name) => computed.getPropertyValue(name));
    } catch {
      return null;
    }
    return this.#palette;
  }

  #setLost(lost: boolean): void {
    this.#lost = lost;
    this.requestUpdate();
    if (lost && !this.#words)
      void import('../map/failure.ts').then((words) => {
        this.#words = words;
        this.requestUpdate();
      });
  }

  #destroy(): void {
    this.#generation++;
    this.#stopWatching?.();
    this.#stopWatching = null;
    this.#stopContext?.();
    this.#stopContext = null;
    this.#lost = false;
    this.#drawn = false;
    this.#starting = false;
    if (this.map) this.#engine?.removeMap(this.map);
    this.map = null;
  }

  #onResize(): void {
    const width = this.clientWidth;
    const height = this.clientHeight;
    if (width === this.#size.width && height === this.#size.height) return;
    this.#size = { width, height };
    if (!this.map || !this.#engine) return;
    // The fit depends on the map's size: re-frame the chapter without animation.
    this.#engine.resizeMap(this.map);
    this.#apply(false);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'story-map-view': StoryMapView;
  }
}

const messageOf = (error: unknown): string => String((error as Error)?.message ?? error);
