/**
 * Wires `activeIndex` to the page: reads where the chapters are on every scroll or resize (once
 * per animation frame), or whenever the host page of the iframe embed says it scrolled, in the
 * reader's viewport (`viewport.ts`), and reports what it measured. In the iframe embed it also keeps
 * the panel in view, as `position: sticky` would if the frame scrolled (`stickyShift`). It keeps no state of its own: the host holds
 * the active chapter and decides what a report changes. Whatever `hostConnected` starts,
 * `hostDisconnected` stops.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { activeIndex, isInView, panelCover, type Span, stickyShift, triggerLine } from './active.ts';
import { onViewChange, type ReaderView, readerView } from './viewport.ts';

export interface ScrollState {
  /** The active chapter's index (0 while the reader is still above the first chapter). */
  index: number;
  /** Whether the first chapter has reached the trigger line, i.e. the reader is in the story. */
  reached: boolean;
  /** Whether any part of the story is on screen. */
  inView: boolean;
}

export interface ScrollOptions {
  /** The chapter elements, in order. */
  chapters: () => readonly Element[];
  /** The sticky panel (the map): on phones it covers the top of the viewport. */
  panel: () => Element | null | undefined;
  /** The story's element: its box is "the story" (for `inView`), and its `--sm-covered` (the height the panel covers, for scroll margins) is kept current. */
  host: HTMLElement;
  /** Called with every measurement (at most once a frame while the page scrolls). */
  onMeasure: (state: ScrollState) => void;
}

export class ScrollController implements ReactiveController {
  #frame = 0;
  #covered = -1;
  #resize: ResizeObserver | null = null;
  #unsubscribe: (() => void) | null = null;
  /** The panel's shift in the iframe embed (see `#pin`), in px. */
  #shift = 0;
  readonly #options: ScrollOptions;

  constructor(host: ReactiveControllerHost, options: ScrollOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    // Capture: scroll events do not bubble, so this also hears scrolling containers around us.
    window.addEventListener('scroll', this.#schedule, { passive: true, capture: true });
    window.addEventListener('resize', this.#schedule, { passive: true });
    this.#resize = new ResizeObserver(this.#schedule);
    this.#resize.observe(this.#options.host);
    // The host page's messages come at most once a frame: measure at once, so the panel keeps up.
    this.#unsubscribe = onViewChange(() => this.update());
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this.#schedule, { capture: true });
    window.removeEventListener('resize', this.#schedule);
    this.#resize?.disconnect();
    this.#resize = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** Measure now and report (after a layout change or a jump). */
  update(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#measure();
  }

  /**
   * `coveredTop()` is how many pixels at the top of the viewport the panel hides from the text (0
   * beside the text). Keeps `--sm-covered` on the host current: chapters scrolled to keep clear of it.
   */
  coveredTop(view: ReaderView = readerView(), panel = this.#options.panel()): number {
    const r = panel?.getBoundingClientRect();
    if (!r) return 0;
    const box = { top: r.top + view.offset, bottom: r.bottom + view.offset, width: r.width, height: r.height };
    const cover = panelCover(box, this.#options.host.clientWidth, view.height);
    if (cover.height !== this.#covered) {
      this.#covered = cover.height;
      this.#options.host.style.setProperty('--sm-covered', `${cover.height}px`);
    }
    return cover.top;
  }

  #schedule = (): void => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#measure();
    });
  };

  #measure(): void {
    // Out of the page there is no layout: every chapter would measure as an empty box at the top,
    // which reads as the reader past the last chapter (and would load the map with no input).
    if (!this.#options.host.isConnected) return;
    const chapters = this.#options.chapters();
    if (chapters.length === 0) return;
    const view = readerView();
    const { offset, height } = view;
    const spans: Span[] = chapters.map((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top + offset, bottom: r.bottom + offset };
    });
    const r = this.#options.host.getBoundingClientRect();
    // The panel once a frame: pinned first (in the iframe embed), then measured where it now is.
    const panel = this.#options.panel() as HTMLElement | null | undefined;
    if (panel) this.#pin(panel, view, r.bottom + offset);
    const trigger = triggerLine(height, this.coveredTop(view, panel));
    const state: ScrollState = {
      index: activeIndex(spans, trigger),
      reached: spans[0]!.top <= trigger,
      inView: isInView({ top: r.top + offset, bottom: r.bottom + offset }, height),
    };
    this.#options.onMeasure(state);
  }

  /** In the iframe embed (the host scrolls), moves the panel to where `position: sticky` would hold it. */
  #pin(panel: HTMLElement, view: ReaderView, bottom: number): void {
    let shift = 0;
    if (view.scrollBy) {
      const r = panel.getBoundingClientRect();
      shift = Math.round(stickyShift({ top: r.top - this.#shift + view.offset, height: r.height }, bottom));
    }
    if (shift === this.#shift) return;
    this.#shift = shift;
    panel.style.transform = shift ? `translateY(${shift}px)` : '';
  }
}
