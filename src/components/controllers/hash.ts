/**
 * The page's URL hash and the story: `#chapter-id` opens the story at that chapter (once per
 * story), the hash follows the reader with `replaceState` (reading adds no history entries), and a
 * hash changed by the page or the reader moves the story, as do the chapters' heading links (which
 * would otherwise add history entries). A story with `no-hash` neither reads nor writes the hash.
 * Whatever `hostConnected` starts, `hostDisconnected` stops.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { hashFor, hashId, safeDecode, wellFormed } from '../../story/url.ts';

export interface HashOptions {
  /** False when the element must leave the hash alone (`no-hash`). */
  enabled: () => boolean;
  /** Whether an id is one of the story's chapters. */
  isChapter: (id: string) => boolean;
  /** The reader asked for a chapter: the hash changed to name it, or its heading link was clicked. */
  onNavigate: (id: string) => void;
}

export class HashController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: HashOptions;
  /** The deep link has been taken for this story: from now on the hash follows the reader. */
  #taken = false;
  /** What the reader was reading before that (an iframe off screen measures before it takes the link). */
  #early: string | null | undefined = undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: HashOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.#onHashChange);
    this.#host.addEventListener('click', this.#onClick);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.#onHashChange);
    this.#host.removeEventListener('click', this.#onClick);
  }

  /** A new story: its deep link is read again. */
  reset(): void {
    this.#taken = false;
    this.#early = undefined;
  }

  /**
   * `take()` returns the chapter the page's hash names, the first time it is called for a story.
   * If it names none, the hash then follows what the reader was already reading.
   */
  take(): string | null {
    if (this.#taken) return null;
    this.#taken = true;
    const chapter = this.#chapter();
    if (chapter === null && this.#early !== undefined) this.follow(this.#early);
    this.#early = undefined;
    return chapter;
  }

  /**
   * `follow(id)` writes the chapter being read into the hash (`null`: the reader is outside the
   * story, so a hash of ours is taken off). Before the deep link is taken, it is only kept for then.
   */
  follow(id: string | null): void {
    if (!this.#taken) {
      this.#early = id;
      return;
    }
    if (!this.#options.enabled()) return;
    const current = hashId(location.hash);
    // An id with a lone surrogate is written (and read back) with U+FFFD in its place.
    if (id !== null && current !== wellFormed(id)) {
      history.replaceState(history.state, '', hashFor(id));
    } else if (id === null && current !== '' && this.#options.isChapter(current)) {
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    }
  }

  #chapter(): string | null {
    if (!this.#options.enabled()) return null;
    const id = hashId(location.hash);
    return this.#options.isChapter(id) ? id : null;
  }

  #onHashChange = (): void => {
    const id = this.#chapter();
    if (id !== null) this.#options.onNavigate(id);
  };

  /** A plain click on a chapter's heading link (not a new tab, not already handled). */
  #onClick = (e: MouseEvent): void => {
    const link = (e.target as Element | null)?.closest?.('a.sm-anchor');
    if (!link || !this.#host.contains(link) || e.defaultPrevented || e.button !== 0) return;
    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
    const id = link.getAttribute('href')?.slice(1);
    if (!id) return;
    e.preventDefault();
    this.#options.onNavigate(safeDecode(id));
  };
}
