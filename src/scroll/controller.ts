/**
 * Wires `activeIndex` to the page: reads where the chapters are on every scroll or resize (once
 * per animation frame) and reports the active one. Whatever `hostConnected` starts,
 * `hostDisconnected` stops.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { activeIndex, isInView, triggerLine, type Span } from './active.ts';

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
  /** The element whose box is "the story" (for `inView`). */
  container: () => Element;
  /** Pixels at the top of the viewport covered by a sticky panel (the map on phones). */
  coveredTop: () => number;
  onChange: (state: ScrollState) => void;
}

export class ScrollController implements ReactiveController {
  #frame = 0;
  #last: ScrollState | null = null;
  #resize: ResizeObserver | null = null;
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
    this.#resize.observe(this.#options.container());
  }

  hostDisconnected(): void {
    window.removeEventListener('scroll', this.#schedule, { capture: true });
    window.removeEventListener('resize', this.#schedule);
    this.#resize?.disconnect();
    this.#resize = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#last = null;
  }

  /** Measure now and report, even if nothing changed (after a layout change or a jump). */
  update(): void {
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#last = null;
    this.#measure();
  }

  #schedule = (): void => {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#measure();
    });
  };

  #measure(): void {
    const chapters = this.#options.chapters();
    if (chapters.length === 0) return;
    const spans: Span[] = chapters.map((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    });
    const height = window.innerHeight;
    const trigger = triggerLine(height, this.#options.coveredTop());
    const r = this.#options.container().getBoundingClientRect();
    const state: ScrollState = {
      index: activeIndex(spans, trigger),
      reached: spans[0]!.top <= trigger,
      inView: isInView({ top: r.top, bottom: r.bottom }, height),
    };
    const last = this.#last;
    if (last && last.index === state.index && last.reached === state.reached && last.inView === state.inView) return;
    this.#last = state;
    this.#options.onChange(state);
  }
}
