/**
 * StillController: the still picture of the chapter's map, in the light DOM of `<story-map>` (a
 * `<figure slot="still">`, styled by text.css like the text), which the map view shows until the
 * interactive map has drawn and whenever it cannot (see src/map/panel.ts). The page's own figure
 * (prerendered with the text) stands while it is of the chapter shown; other chapters' are drawn
 * here at the map's size, with the renderer (src/still) and the basemap loaded the first time one is
 * needed, or at idle after the reader's first input.
 *
 * Print: printing the page gives each chapter its still map, under its heading (a figure per chapter,
 * made before the print; text.css shows them only in print). The page's own print figures (the
 * build's, whose maps are images loaded only to print) stand until the renderer has loaded; then
 * each print makes them again here, in the page's theme. A print started from the keyboard before
 * the renderer has loaded waits for it (one print for the page, whatever its stories).
 * Whatever `hostConnected` starts, `hostDisconnected` stops.
 */
import { type ReactiveController, type ReactiveControllerHost, render } from 'lit';
import type { BasemapGeoJSON } from '../../map/basemap.ts';
import type { MapPhase } from '../../map/panel.ts';
import { stillAction } from '../../still/when.ts';
import type { Chapter, Story } from '../../story/types.ts';
import type { MapPhaseDetail } from '../events.ts';
import { readerHasActed } from '../first-input.ts';

type Renderer = typeof import('../../still/index.ts');
interface Loaded {
  still: Renderer;
  basemap: BasemapGeoJSON;
}

/** The widest the element is in its narrow layout, in its own em (story-map.styles.ts). */
const NARROW_EM = 48;

let loading: Promise<Loaded> | null = null;
/** The renderer and the basemap, once here (for every story on the page): figures can be made at once. */
let ready: Loaded | null = null;

/** The renderer and the basemap, loaded once per page; a failed load is tried again next time. */
function loadStill(): Promise<Loaded> {
  loading ??= Promise.all([import('../../still/index.ts'), import('../../map/load-basemap.ts')]).then(
    async ([still, { loadBasemap }]) => {
      ready = { still, basemap: await loadBasemap() };
      return ready;
    },
  );
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export interface StillOptions {
  story: () => Story | null;
  chapter: () => Chapter | null;
  /** The map view (its box is the map's size). */
  view: () => HTMLElement | null;
}

export class StillController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: StillOptions;
  #phase: MapPhase = 'waiting';
  /** The story the slotted figure shows (null: not known yet). */
  #figureStory: Story | null = null;
  #failed = false;
  #resize: ResizeObserver | null = null;
  /** The map's panel is within a screen of the viewport (a still is drawn only then, or for print). */
  #visibility: IntersectionObserver | null = null;
  #near = false;
  #observed: HTMLElement | null = null;
  /**
   * The observed view's size, as the resize observer last measured it (null: not yet): `sync` runs
   * at every update of the host, where reading the layout would make the browser lay the page out.
   */
  #size: { width: number; height: number } | null = null;
  #connected = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: StillOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** A still of the chapter shown (of the story shown) is in the slot, not hidden: the panel can show it. */
  get showing(): boolean {
    const figure = this.#figure();
    // Of the story shown: another story's (whose chapters may have the same ids) is not.
    if (!figure || figure.hidden || this.#figureStory !== this.#options.story()) return false;
    const chapter = this.#options.chapter();
    return chapter === null || figure.dataset.stillChapter === chapter.id;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#host.addEventListener('story-map-phase', this.#onPhase);
    window.addEventListener('beforeprint', this.#onBeforePrint);
    preparers.add(this.#prepareForPrint);
    listenForPrintKey();
    this.#resize = new ResizeObserver(() => {
      const view = this.#observed;
      this.#size = view && { width: view.clientWidth, height: view.clientHeight };
      this.sync();
    });
    this.#visibility = new IntersectionObserver(
      (entries) => {
        const near = entries.some((e) => e.isIntersecting);
        if (near === this.#near) return;
        this.#near = near;
        this.sync();
      },
      { rootMargin: '100% 0px' },
    );
    // Ready for print, and for the chapters after the first, once the reader has acted.
    void readerHasActed().then(() => {
      if (!this.#connected) return;
      if ('requestIdleCallback' in window) requestIdleCallback(() => void this.#load(), { timeout: 2000 });
      else setTimeout(() => void this.#load(), 200);
    });
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#host.removeEventListener('story-map-phase', this.#onPhase);
    window.removeEventListener('beforeprint', this.#onBeforePrint);
    preparers.delete(this.#prepareForPrint);
    this.#resize?.disconnect();
    this.#resize = null;
    this.#visibility?.disconnect();
    this.#visibility = null;
    this.#near = false;
    this.#observed = null;
    this.#size = null;
  }

  hostUpdated(): void {
    this.sync();
  }

  /** Makes the slotted figure the chapter's, at the map's size, if the panel needs it (see stillAction). */
  sync(): void {
    const story = this.#options.story();
    const chapter = this.#options.chapter();
    const view = this.#options.view();
    if (view && view !== this.#observed && this.#connected) {
      this.#resize?.disconnect();
      this.#resize?.observe(view);
      this.#visibility?.disconnect();
      this.#visibility?.observe(view);
      this.#observed = view;
      this.#size = null;
    }
    const viewSize = this.#size;
    if (!this.#connected || !story || !chapter || !view || !viewSize?.width || !viewSize.height) return;
    const figure = this.#figure();
    // A figure is of this story if drawn from it here, or served with the page (the text controller
    // removes the page's when it shows another story), until the story is loaded again.
    if (figure && this.#figureStory === null && figure.dataset.stillSize === undefined) {
      this.#figureStory = story;
      this.#host.requestUpdate(); // `shown` changes
    }
    const current = figure !== null && this.#figureStory === story;
    const size = `${viewSize.width}x${viewSize.height}`;
    const action = stillAction({
      needed: this.#phase !== 'drawn',
      figure:
        figure && current
          ? { chapter: figure.dataset.stillChapter ?? null, size: figure.dataset.stillSize ?? null }
          : null,
      chapter: chapter.id,
      size,
      loaded: ready !== null,
    });
    if (action === 'keep') {
      if (current && figure?.hidden && figure.dataset.stillChapter === chapter.id) this.#setHidden(figure, false);
      return;
    }
    if (action === 'load') {
      if (figure && !figure.hidden) this.#setHidden(figure, true);
      // Far from the viewport (an embed down an article) nothing is loaded until the reader comes near.
      if (!this.#failed && this.#near) void this.#load().then(() => this.sync());
      return;
    }
    if (!this.#near) return;
    const { still, basemap } = ready!;
    const narrow = this.#host.clientWidth < NARROW_EM * parseFloat(getComputedStyle(this.#host).fontSize);
    const next = this.#make(
      still.stillFigure({
        story,
        basemap,
        chapter,
        frames: [
          {
            layout: narrow ? 'narrow' : 'wide',
            size: viewSize,
            margin: 0,
          },
        ],
      }),
    );
    if (figure) figure.replaceWith(next);
    else this.#host.prepend(next);
    this.#figureStory = story;
    this.#host.requestUpdate();
  }

  #figure(): HTMLElement | null {
    return this.#host.querySelector<HTMLElement>(':scope > [slot="still"]');
  }

  #setHidden(figure: HTMLElement, hidden: boolean): void {
    figure.hidden = hidden;
    this.#host.requestUpdate();
  }

  /** The figure a template makes (rendered apart, then moved into the page). */
  #make(template: ReturnType<Renderer['stillFigure']>): HTMLElement {
    const box = document.createElement('div');
    render(template, box);
    return box.querySelector('figure')!;
  }

  async #load(): Promise<void> {
    if (ready) return;
    try {
      await loadStill();
    } catch (error) {
      // Without the renderer or the basemap there is no still to show: the panel says so (map-view).
      this.#failed = true;
      console.warn('story-map: the still map could not be drawn:', error);
    }
  }

  #onPhase = (e: CustomEvent<MapPhaseDetail>): void => {
    this.#phase = e.detail.phase;
    this.sync();
  };

  /** Before a print: a figure per chapter, under its heading (text.css shows them only in print). */
  #onBeforePrint = (): void => {
    const story = this.#options.story();
    if (!story || !ready) return;
    const { still, basemap } = ready;
    const sections = this.#host.querySelectorAll<HTMLElement>(':scope > .sm-story > [data-chapter]');
    for (const section of sections) {
      const chapter = story.chapters.find((c) => c.id === section.dataset.chapter);
      // Made again for each print, from the story shown then (a reload may have changed it).
      section.querySelector(':scope > .sm-print-still')?.remove();
      if (!chapter) continue;
      const figure = this.#make(still.stillFigure({ story, basemap, chapter, frames: [still.PRINT_FRAME] }));
      figure.removeAttribute('slot');
      figure.classList.add('sm-print-still');
      // Under the heading and the map's description.
      const before = section.querySelector(':scope > .sm-map-description') ?? section.querySelector(':scope > h2');
      if (before) before.after(figure);
      else section.prepend(figure);
    }
  };

  #prepareForPrint = async (): Promise<void> => {
    await this.#load();
    this.#onBeforePrint();
  };
}

/** The longest a print from the keyboard waits for the still maps' code and the basemap. */
const PRINT_WAIT_MS = 3000;

/** Each story's preparation for print (see listenForPrintKey). */
const preparers = new Set<() => Promise<void>>();
let listening = false;

/**
 * Ctrl+P / ⌘P before the still maps' renderer has loaded: the page's print waits for every story to
 * make its chapters' figures (the browser prints at once after `beforeprint`, so they cannot be made
 * then), then prints once.
 */
function listenForPrintKey(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 'p') return;
    // Loaded: `beforeprint` makes the figures in time. (One listener for the page, kept.)
    if (ready || preparers.size === 0) return;
    e.preventDefault();
    // Not longer than PRINT_WAIT_MS: on a slow link the page prints without the maps that did not come.
    const waited = Promise.allSettled([...preparers].map((prepare) => prepare()));
    void Promise.race([waited, new Promise((resolve) => setTimeout(resolve, PRINT_WAIT_MS))]).then(() =>
      window.print(),
    );
  });
}
