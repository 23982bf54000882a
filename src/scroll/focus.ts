/**
 * Keyboard focus and the story: tabbing into a chapter (either way) brings it, and its map, into
 * play. After the browser has moved the focus, the page moves just enough that this chapter is the
 * one at the trigger line and the focused element is on screen, clear of the map
 * (`focusScrollDelta`). Judged from where things are at that moment, not from the last chapter
 * reported, so a quick Tab and Shift+Tab cannot outrun it. In the iframe embed the host page is
 * asked to scroll (`viewport.ts`). Whatever `hostConnected` starts,
 * `hostDisconnected` stops.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { focusScrollDelta, triggerLine } from './active.ts';
import { readerView } from './viewport.ts';

export interface FocusOptions {
  /** The chapter elements, in order. */
  chapters: () => readonly HTMLElement[];
  /** Pixels at the top of the viewport covered by the sticky panel. */
  coveredTop: () => number;
  /** The page was scrolled to follow the focus (or did not need to be): measure again. */
  onFollow: () => void;
}

export class FocusController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: FocusOptions;
  #frame = 0;
  /** Set while the element itself moves the focus: it has scrolled there already. */
  #moving = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: FocusOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#host.addEventListener('focusin', this.#onFocusIn);
  }

  hostDisconnected(): void {
    this.#host.removeEventListener('focusin', this.#onFocusIn);
    cancelAnimationFrame(this.#frame);
  }

  /** `focusHeading(id)` moves the focus to a chapter's heading link, without scrolling. */
  focusHeading(id: string): void {
    const section = this.#options.chapters().find((el) => el.dataset.chapter === id);
    const link = section?.querySelector<HTMLElement>('h2 a.sm-anchor');
    if (!link) return;
    this.#moving = true;
    link.focus({ preventScroll: true });
    this.#moving = false;
  }

  #onFocusIn = (e: FocusEvent): void => {
    const target = e.target as HTMLElement | null;
    if (this.#moving || !target || !target.matches(':focus-visible')) return;
    const chapters = this.#options.chapters();
    const section = target.closest<HTMLElement>('[data-chapter]');
    const index = section ? chapters.indexOf(section) : -1;
    if (!section || index < 0) return;
    cancelAnimationFrame(this.#frame);
    this.#frame = requestAnimationFrame(() => {
      if (document.activeElement !== target) return;
      const view = readerView();
      const { offset, height } = view;
      const covered = this.#options.coveredTop();
      const t = target.getBoundingClientRect();
      const by = focusScrollDelta({
        sectionTop: section.getBoundingClientRect().top + offset,
        nextTop: (chapters[index + 1]?.getBoundingClientRect().top ?? Number.POSITIVE_INFINITY) + offset,
        target: { top: t.top + offset, bottom: t.bottom + offset },
        trigger: triggerLine(height, covered),
        covered,
        viewportHeight: height,
      });
      if (by !== 0 && view.scrollBy) view.scrollBy(by, false);
      else if (by !== 0) window.scrollBy({ top: by, behavior: 'instant' });
      this.#options.onFollow();
    });
  };
}
