/**
 * Jumps: the story scrolls itself to a chapter (the timeline, Previous/Next, a map marker, a deep
 * link, `goTo()`). A smooth jump has a destination while it is under way, so the map can go straight
 * there instead of through every chapter on the way; the scroll position still decides the active
 * chapter, and the jump ends when the scroll arrives, stops, or the reader takes over (wheel, touch,
 * scroll keys). In the iframe embed, the host page scrolls (`viewport.ts`): the jump asks it to, at
 * once or smoothly, and ends when the measured chapter arrives (the host's scroll ends out of the
 * frame's sight). Whatever `hostConnected` starts, `hostDisconnected` stops.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ReaderView, readerView } from './viewport.ts';

/** Input that means the reader is scrolling by themselves. */
const TAKEOVER = ['wheel', 'touchstart', 'keydown'] as const;
const SCROLL_KEYS = new Set(['ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

/** If the browser never says the scroll ended (a lost event, a scroller at its end), the jump ends after this. */
const LONGEST_JUMP_MS = 3000;

/**
 * `distance(element, view)` is how far the reader's view must scroll to put the element's top at its
 * scroll margin (below the sticky panel on phones); under a pixel, it is in place: nothing scrolls, and
 * no `scrollend` would come.
 */
function distance(element: Element, view: ReaderView): number {
  const margin = Number.parseFloat(getComputedStyle(element).scrollMarginTop) || 0;
  return element.getBoundingClientRect().top + view.offset - margin;
}

/**
 * `isTakeover(type, key, inPanel)` tells whether an input event ends a jump: the wheel and touch
 * always do; a key only when it scrolls the page and is not pressed in the element's own panel
 * (Next pressed again, arrow keys in the timeline).
 */
export function isTakeover(type: string, key: string | null, inPanel: boolean): boolean {
  if (type !== 'keydown') return true;
  return key !== null && SCROLL_KEYS.has(key) && !inPanel;
}

export interface JumpOptions {
  /** The element's shadow root: keys pressed inside it do not end a jump. */
  panel: () => Node;
  /** Measure the page again (the jump has ended: the scroll position decides). */
  remeasure: () => void;
}

export class JumpController implements ReactiveController {
  /** The chapter a smooth jump is heading to, or null when none is under way. */
  target: number | null = null;
  #timer = 0;
  #done: (() => void) | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #options: JumpOptions;

  constructor(host: ReactiveControllerHost, options: JumpOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#end();
  }

  /**
   * `jump(index, element, smooth)` scrolls `element` (chapter `index`) to the top, smoothly or at
   * once, and resolves when the jump has ended.
   */
  jump(index: number, element: Element, smooth: boolean): Promise<void> {
    this.#end();
    const view = readerView();
    const by = distance(element, view);
    // On a page an instant jump has landed when scrollIntoView returns; the host page of a frame
    // scrolls when its message comes, so there every jump waits for the chapter to arrive.
    if (Math.abs(by) < 1 || (!smooth && !view.scrollBy)) {
      element.scrollIntoView({ block: 'start', behavior: 'instant' });
      this.#options.remeasure();
      return Promise.resolve();
    }
    const landed = new Promise<void>((resolve) => (this.#done = resolve));
    this.target = index;
    this.#timer = window.setTimeout(this.settle, LONGEST_JUMP_MS);
    window.addEventListener('scrollend', this.#onScrollEnd, { capture: true });
    for (const type of TAKEOVER) window.addEventListener(type, this.#onInput, { capture: true, passive: true });
    if (view.scrollBy) view.scrollBy(by, smooth);
    else element.scrollIntoView({ block: 'start', behavior: 'smooth' });
    this.#host.requestUpdate();
    return landed;
  }

  /**
   * `arrive(index)` is called with every measured active chapter: false while a jump is heading
   * elsewhere (the report is held back); true otherwise, ending the jump when it has arrived.
   */
  arrive(index: number): boolean {
    if (this.target === null) return true;
    if (index !== this.target) return false;
    this.#end();
    return true;
  }

  /** Ends a jump under way without measuring (the story changed). */
  cancel(): void {
    this.#end();
  }

  /** Ends a jump under way (if any) and lets the scroll position decide again. */
  settle = (): void => {
    this.#end();
    this.#options.remeasure();
  };

  #onInput = (e: Event): void => {
    const key = e instanceof KeyboardEvent ? e.key : null;
    if (isTakeover(e.type, key, e.composedPath().includes(this.#options.panel()))) this.settle();
  };

  /** The page's own scroll has ended (not that of some inner scroller of the page, such as a carousel). */
  #onScrollEnd = (e: Event): void => {
    if (e.target === document || e.target === document.documentElement || e.target === window) this.settle();
  };

  #end(): void {
    clearTimeout(this.#timer);
    window.removeEventListener('scrollend', this.#onScrollEnd, { capture: true });
    for (const type of TAKEOVER) window.removeEventListener(type, this.#onInput, { capture: true });
    const had = this.target !== null;
    this.target = null;
    this.#done?.();
    this.#done = null;
    if (had) this.#host.requestUpdate();
  }
}
