/**
 * `<story-timeline>`: every dated event of the story on a time axis (laid out in time/scale.ts:
 * regions of the days, months and years that hold events, ticks that name them, breaks where time
 * is left out; drawn as a Lit `svg` template), the active chapter's period marked by a cursor.
 * Each event is a button (one tab stop for the whole list; arrow keys move between events); Enter
 * or a click asks for its chapter. Events after the story's publication day sit behind a gap,
 * under their own label. The decisions (cursor, tab stop, keys) are in time/timeline.ts.
 */
import { LitElement, css, html, svg, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { estimateWidth, LABEL_SIZE, layoutTimeline, type Measure, type TimelineLayout } from '../time/scale.ts';
import { cursorChapter, cursorSpan, keyTarget, revealScroll, tabStop } from '../time/timeline.ts';
import { formatDate, formatPeriod } from '../story/format.ts';
import type { Chapter, TimelineEvent } from '../story/types.ts';
import { AXIS_DEPTH, crispOffset, storyAxis } from './axis.ts';
import { emit } from './events.ts';
import { cssom } from './cssom.ts';
import { readerHasActed } from './first-input.ts';

/** Narrowest space an event gets on the axis: a comfortable touch target. */
const MIN_EVENT_SPACING = 24;
const EVENTS_HEIGHT = 40;
const AXIS_HEIGHT = AXIS_DEPTH;
const MARGIN = 16;
const AFTER_GAP = 30;
const AFTER_LABEL = 'After the article';

/**
 * `canvasMeasure(font)` measures labels as the page draws them (`font`: the element's font
 * family), with a canvas; `estimateWidth` where there is no canvas.
 */
function canvasMeasure(family: string): Measure {
  const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!context) return estimateWidth;
  const known = new Map<string, number>();
  return (text, bold) => {
    const key = `${bold ? 'b' : 'r'}${text}`;
    let width = known.get(key);
    if (width === undefined) {
      context.font = `${bold ? 700 : 400} ${LABEL_SIZE}px ${family}`;
      width = context.measureText(text).width;
      known.set(key, width);
    }
    return width;
  };
}

/**
 * @tag story-timeline
 * The story's events on a time axis; the chapter being read is marked by a cursor.
 *
 * @fires story-chapter-request - The reader clicked an event, or pressed Enter on it, asking for its chapter
 *   (not fired for events that belong to no chapter). `detail: {id}`, the chapter's id.
 */
export class StoryTimeline extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: 12px/1.3 var(--story-map-ui-font, system-ui, sans-serif);
      color: var(--sm-text);
      background: var(--sm-paper);
      border-top: 1px solid var(--sm-rule);
    }
    .scroller {
      overflow-x: auto;
      overflow-y: hidden;
      scrollbar-width: thin;
    }
    .track {
      position: relative;
    }
    svg {
      position: absolute;
      left: 0;
      top: 0;
      overflow: visible;
    }
    .tick line { stroke: var(--sm-line); }
    .tick text { fill: var(--sm-muted); font: inherit; font-size: ${LABEL_SIZE}px; }
    .tick.year text.unit, .tick.major text.context { font-weight: 700; fill: var(--sm-strong); }
    .tick text.context { fill: var(--sm-strong); }
    .domain { stroke: var(--sm-axis); }
    .break { stroke: var(--sm-axis); stroke-width: 1.5; }
    .after-band { fill: var(--sm-after-band); }
    .after-label { fill: var(--sm-after-label); font-size: 11px; font-weight: 700; }
    .cursor { fill: var(--sm-accent-tint); stroke: var(--sm-accent); stroke-width: 1.5; }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      position: absolute;
      width: 24px;
      height: 24px;
      margin-left: -12px;
    }
    button {
      all: unset;
      box-sizing: border-box;
      display: grid;
      place-items: center;
      width: 24px;
      height: 24px;
      border-radius: 50%;
      cursor: pointer;
    }
    button::before {
      content: '';
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: var(--sm-white);
      border: 2px solid var(--sm-event);
    }
    button.after::before { border-style: dashed; }
    button[aria-current='true']::before {
      background: var(--sm-accent);
      border-color: var(--sm-accent);
      width: 12px;
      height: 12px;
    }
    button:hover::before { border-color: var(--sm-ink); }
    button:focus-visible {
      outline: 3px solid var(--sm-focus);
      outline-offset: 0;
    }
    .readout {
      margin: 0;
      padding: 4px ${MARGIN}px 6px;
      min-height: 1.3em;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .readout strong { font-weight: 700; }
  `;

  /** The story's dated events, sorted by date: one button each on the axis. */
  @property({ attribute: false }) events: readonly TimelineEvent[] = [];
  /** The story's chapters, in reading order: the cursor and the readout come from them. */
  @property({ attribute: false }) chapters: readonly Chapter[] = [];
  /** The active chapter's id (null before a story is read). */
  @property({ attribute: false }) active: string | null = null;
  /** The story's language (a language tag): axis labels and dates are written in it. */
  @property({ attribute: false }) locale = 'en';
  /** Keep the timeline's height while there are no events yet (the story is on its way). */
  @property({ attribute: false }) reserve = false;
  /** Scroll the cursor into view smoothly (false: jump). */
  @property({ attribute: false }) motion = true;

  @state() private width = 0;
  @state() private focusIndex = 0;
  @state() private hover: TimelineEvent | null = null;

  #resize: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize = new ResizeObserver(() => {
      const width = this.clientWidth;
      if (width === this.width) return;
      if (this.width > 0) {
        this.width = width;
        return;
      }
      // The first layout gets a task of its own rather than the frame that measured the element:
      // it makes the page's first date formats, and the first costs 20-50 ms (Intl loads its locale
      // data) in a frame already long with the page's first render. The height is reserved meanwhile.
      setTimeout(() => {
        if (this.isConnected) this.width = this.clientWidth;
      });
    });
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    this.#resize = null;
  }

  /** Width of the drawn axis: the element's width, or wider (scrolling) when events need room. */
  get trackWidth(): number {
    return Math.ceil(this.#layout.width);
  }

  /** Event positions, ticks and breaks (set in `willUpdate` when the events, language or width change). */
  #layout: TimelineLayout = layoutTimeline([], { width: 0 });
  /** Measures labels in the element's font (made at the first layout). */
  #measure: Measure | null = null;

  /** [left, right] of the cursor in pixels, around the events of the chapter being read. */
  #cursorSpan(): [number, number] | null {
    return cursorSpan(this.events, this.#layout.xs, cursorChapter(this.chapters, this.active)?.id ?? null);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if ((changed.has('events') || changed.has('width') || changed.has('locale')) && this.width > 0) {
      this.#measure ??= canvasMeasure(getComputedStyle(this).fontFamily);
      this.#layout = layoutTimeline(this.events, {
        width: this.width,
        margin: MARGIN,
        spacing: MIN_EVENT_SPACING,
        afterGap: AFTER_GAP,
        afterLabel: AFTER_LABEL,
        locale: this.locale,
        measure: this.#measure,
      });
    }
    // The list's one tab stop follows the reading, unless the reader is moving through the list.
    if (changed.has('active')) {
      const marked = cursorChapter(this.chapters, this.active)?.id ?? null;
      this.focusIndex = tabStop(this.events, marked, this.focusIndex, this.matches(':focus-within'));
    }
  }

  protected override render() {
    if (this.events.length === 0 || this.width === 0) {
      // While the story loads (or before the first measurement) the timeline keeps its height, so
      // nothing moves when the events come; a story without events has none.
      if (this.events.length === 0 && !this.reserve) return html`<div class="scroller"></div>`;
      return html`<div class="scroller"><div class="track" ${cssom({ height: `${EVENTS_HEIGHT + AXIS_HEIGHT}px` })}></div></div>
        <p class="readout" aria-hidden="true"></p>`;
    }
    const { xs, afterX } = this.#layout;
    const height = EVENTS_HEIGHT + AXIS_HEIGHT;
    const width = this.trackWidth;
    const marked = cursorChapter(this.chapters, this.active);
    const span = cursorSpan(this.events, xs, marked?.id ?? null);
    const focusIndex = Math.min(this.focusIndex, this.events.length - 1);
    const shown = this.hover;
    const chapter = this.chapters.find((c) => c.id === this.active) ?? null;
    return html`<div class="scroller">
        <div class="track" ${cssom({ width: `${width}px`, height: `${height}px` })}>
          <svg width=${width} height=${height} aria-hidden="true">
            ${
              afterX !== null
                ? svg`<rect class="after-band" x=${afterX} y="0" width=${width - afterX} height=${height}></rect>
                  <text class="after-label" x=${afterX + 6} y="11">${AFTER_LABEL}</text>`
                : nothing
            }
            ${span ? svg`<rect class="cursor" x=${span[0] - 10} y="12" width=${span[1] - span[0] + 20} height=${EVENTS_HEIGHT - 12} rx="6"></rect>` : nothing}
            ${storyAxis(this.#layout, EVENTS_HEIGHT, crispOffset(window.devicePixelRatio))}
          </svg>
          <ol aria-label="Timeline of events. Arrow keys move between events; Enter goes to the chapter.">
            ${this.events.map(
              (item, i) => html`<li ${cssom({ left: `${xs[i]}px`, top: `${EVENTS_HEIGHT - 26}px` })}>
                <button
                  class=${item.after ? 'after' : ''}
                  tabindex=${i === focusIndex ? 0 : -1}
                  aria-current=${item.chapter !== null && item.chapter === this.active ? 'true' : 'false'}
                  aria-disabled=${item.chapter === null ? 'true' : 'false'}
                  aria-label=${`${formatDate(item.when, this.locale)}: ${item.label}${item.after ? ' (after the article)' : ''}`}
                  data-event=${item.id}
                  @click=${() => this.#select(item)}
                  @keydown=${(e: KeyboardEvent) => this.#keydown(e, i)}
                  @focus=${() => {
                    this.focusIndex = i;
                    this.hover = item;
                    this.#revealEvent(i);
                  }}
                  @blur=${() => (this.hover = null)}
                  @mouseenter=${() => (this.hover = item)}
                  @mouseleave=${() => (this.hover = null)}
                ></button>
              </li>`,
            )}
          </ol>
        </div>
      </div>
      <p class="readout" aria-hidden="true">${
        shown
          ? html`<strong>${formatDate(shown.when, this.locale)}</strong> · ${shown.label}`
          : marked?.period
            ? html`<strong>${formatPeriod(marked.period, this.locale)}</strong>${chapter ? html` · ${chapter.title}` : nothing}`
            : nothing
      }</p>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (this.events.length === 0 || this.width === 0) return;
    if (changed.has('active') || changed.has('width')) void readerHasActed().then(() => this.#revealCursor());
  }

  /** Keep the cursor in view when the axis is wider than the screen (once the reader has acted). */
  #revealCursor(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const span = this.#cursorSpan();
    if (!scroller || !span || scroller.scrollWidth <= scroller.clientWidth) return;
    const left = Math.max(0, (span[0] + span[1]) / 2 - scroller.clientWidth / 2);
    scroller.scrollTo({ left, behavior: this.motion ? 'smooth' : 'instant' });
  }

  /**
   * Scroll a focused event fully into view (the browser scrolls to a focused element only when it
   * is out of view, and leaves one half hidden at the edge).
   */
  #revealEvent(i: number): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const x = this.#layout.xs[i];
    if (!scroller || x === undefined) return;
    const left = revealScroll(scroller.scrollLeft, scroller.clientWidth, x, MIN_EVENT_SPACING);
    if (left !== scroller.scrollLeft) scroller.scrollTo({ left, behavior: this.motion ? 'smooth' : 'instant' });
  }

  #select(event: TimelineEvent): void {
    if (event.chapter) emit(this, 'story-chapter-request', { id: event.chapter });
  }

  #keydown(e: KeyboardEvent, i: number): void {
    const next = keyTarget(e.key, i, this.events.length);
    if (next === null) return;
    e.preventDefault();
    this.focusIndex = next;
    void this.updateComplete.then(() => {
      this.renderRoot.querySelectorAll<HTMLButtonElement>('button')[this.focusIndex]?.focus();
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'story-timeline': StoryTimeline;
  }
}
