/**
 * `<story-map-controls>`: the bar under the map: Previous and Next, where the reader is ("4 of
 * 12"), and the motion switch. It holds no state of the story: it shows what it is given and asks
 * for changes with events; `<story-map>` decides.
 */
import { css, html, LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Chapter } from '../story/types.ts';
import { emit } from './events.ts';
import { controlStyles } from './shared-styles.ts';

/**
 * @tag story-map-controls
 * @fires story-chapter-request - The reader pressed Previous or Next. `detail: {id}`.
 * @fires story-motion-request - The reader pressed the motion switch. `detail: {motion}`, the wanted state.
 */
export class StoryMapControls extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        /* In px like the font: a page's :root font size must not reach inside (rem would). */
        gap: 8px;
        padding: 6px 16px;
        font: 13px/1.2 var(--sm-ui-font);
        color: var(--sm-text);
        background: var(--sm-paper);
        border-top: 1px solid var(--sm-rule);
      }
      .position {
        min-width: 4.5em;
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      .motion {
        margin-left: auto;
      }
      /* The nearest size container in the flat tree is <story-map> (see story-map.styles.ts). */
      @container (max-width: 48em) {
        :host {
          padding: 4px 12px;
        }
      }
    `,
  ];

  /** The story's chapters, in order. */
  @property({ attribute: false }) chapters: readonly Chapter[] = [];

  /** The index of the chapter shown, or -1 while the reader is above the story. */
  @property({ type: Number }) index = -1;

  /** Whether the map flies (true) or jumps (false, the reader reduced motion). */
  @property({ attribute: false }) motion = true;

  /** What the live region says after the reader steps with Previous/Next. */
  @state() private announcement = '';

  protected override render() {
    const count = this.chapters.length;
    const atStart = count === 0 || this.index <= 0;
    const atEnd = count === 0 || this.index >= count - 1;
    return html`<button type="button" aria-disabled=${String(atStart)} @click=${() => this.#step(-1)}>
        <span aria-hidden="true">‹ </span>Previous
      </button>
      <span class="position" aria-hidden="true">${this.index >= 0 && count ? `${this.index + 1} of ${count}` : ''}</span>
      <span class="visually-hidden" aria-live="polite">${this.announcement}</span>
      <button type="button" aria-disabled=${String(atEnd)} @click=${() => this.#step(1)}>
        Next<span aria-hidden="true"> ›</span>
      </button>
      <button type="button" class="motion" aria-pressed=${String(!this.motion)} @click=${this.#toggleMotion}>
        Reduce motion
      </button>`;
  }

  /** Next from above the story goes to the first chapter; the ends do nothing (the button says so). */
  #step(delta: number): void {
    const index = this.index < 0 ? 0 : this.index + delta;
    const chapter = this.chapters[index];
    if (!chapter || index === this.index || (this.index < 0 && delta < 0)) return;
    this.announcement = `${chapter.title}, chapter ${index + 1} of ${this.chapters.length}`;
    emit(this, 'story-chapter-request', { id: chapter.id });
  }

  #toggleMotion = (): void => {
    emit(this, 'story-motion-request', { motion: !this.motion });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'story-map-controls': StoryMapControls;
  }
}
