/**
 * `<story-timeline>`: every dated event of the story on a D3 time axis, the active chapter's
 * period marked by a cursor. Each event is a button (one tab stop for the whole list; arrow keys
 * move between events); Enter or a click asks for its chapter. Events after the story's
 * publication day sit behind a gap, under their own label.
 */
import { LitElement, css, html, svg, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { axisBottom, select } from 'd3';
import { layoutTimeline, minWidthFor, storyTicks, type TimelineLayout } from '../time/scale.ts';
import { formatDay, formatPeriod } from '../story/format.ts';
import type { Chapter, TimelineEvent } from '../story/types.ts';
import { emit } from './events.ts';
import { cssom } from './cssom.ts';
import { readerHasActed } from './first-input.ts';

/** Narrowest space an event gets on the axis: a comfortable touch target. */
const MIN_EVENT_SPACING = 24;
const EVENTS_HEIGHT = 40;
const AXIS_HEIGHT = 26;
const MARGIN = 16;
const AFTER_GAP = 30;

export class StoryTimeline extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: 12px/1.3 var(--story-map-ui-font, system-ui, sans-serif);
      color: #3b3733;
      background: #fbfaf7;
      border-top: 1px solid #ddd6ca;
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
    .tick line { stroke: #b8b0a3; }
    .tick text { fill: #5b554d; font: inherit; font-size: 11px; }
    .tick.year text { font-weight: 700; fill: #2f2b27; }
    .domain { stroke: #8f877b; }
    .after-band { fill: #efe9df; }
    .after-label { fill: #6b5a45; font-size: 11px; font-weight: 700; }
    .cursor { fill: rgba(181, 54, 29, 0.14); stroke: #b5361d; stroke-width: 1.5; }
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
      background: #ffffff;
      border: 2px solid #5f5a53;
    }
    button.after::before { border-style: dashed; }
    button[aria-current='true']::before {
      background: #b5361d;
      border-color: #b5361d;
      width: 12px;
      height: 12px;
    }
    button:hover::before { border-color: #1f1c18; }
    button:focus-visible {
      outline: 3px solid #1d3557;
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

  @property({ attribute: false }) events: readonly TimelineEvent[] = [];
  @property({ attribute: false }) chapters: readonly Chapter[] = [];
  /** The active chapter's id. */
  @property({ attribute: false }) active: string | null = null;
  /** Events after this day are "after the article". */
  @property({ attribute: false }) split: Date | null = null;
  @property({ attribute: false }) locale = 'en';
  /** Scroll the cursor into view smoothly (false: jump). */
  @property({ type: Boolean }) motion = true;

  @state() private width = 0;
  @state() private focusIndex = 0;
  @state() private hover: TimelineEvent | null = null;

  #resize: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize = new ResizeObserver(() => {
      const width = this.clientWidth;
      if (width !== this.width) this.width = width;
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
    return Math.max(this.width, Math.ceil(2 * MARGIN + AFTER_GAP + minWidthFor(this.events.length, MIN_EVENT_SPACING)));
  }

  #layout: { key: unknown[]; value: TimelineLayout } | null = null;

  /** Event positions and the axis scale, recomputed only when the events or the width change. */
  #timeline(): TimelineLayout {
    const key = [this.events, this.split, this.trackWidth];
    if (this.#layout && this.#layout.key.every((k, i) => k === key[i])) return this.#layout.value;
    const value = layoutTimeline(
      this.events.map((e) => e.date),
      {
        range: [MARGIN, this.trackWidth - MARGIN],
        split: this.split,
        gap: AFTER_GAP,
      },
    );
    this.#layout = { key, value };
    return value;
  }

  #activeChapter(): Chapter | null {
    return this.chapters.find((c) => c.id === this.active) ?? null;
  }

  /** The chapter whose events the cursor marks: the active one, or the nearest earlier one with events. */
  #cursorChapter(): string | null {
    const chapter = this.#activeChapter();
    if (!chapter) return null;
    for (let i = chapter.index; i >= 0; i--) {
      const c = this.chapters[i]!;
      if (c.period) return c.id;
    }
    return null;
  }

  /** [left, right] of the cursor in pixels, around the marked chapter's events. */
  #cursorSpan(): [number, number] | null {
    const id = this.#cursorChapter();
    const { xs } = this.#timeline();
    const own = xs.filter((_, i) => this.events[i]!.chapter === id);
    return own.length ? [Math.min(...own), Math.max(...own)] : null;
  }

  protected override render() {
    if (this.events.length === 0 || this.width === 0) return html`<div class="scroller"></div>`;
    const { xs, afterX } = this.#timeline();
    const height = EVENTS_HEIGHT + AXIS_HEIGHT;
    const width = this.trackWidth;
    const span = this.#cursorSpan();
    const focusIndex = Math.min(this.focusIndex, this.events.length - 1);
    const cursorChapter = this.chapters.find((c) => c.id === this.#cursorChapter()) ?? null;
    const shown = this.hover;
    const chapter = this.#activeChapter();
    return html`<div class="scroller">
        <div class="track" ${cssom({ width: `${width}px`, height: `${height}px` })}>
          <svg width=${width} height=${height} aria-hidden="true">
            ${
              afterX !== null
                ? svg`<rect class="after-band" x=${afterX} y="0" width=${width - afterX} height=${height}></rect>
                  <text class="after-label" x=${afterX + 6} y="11">After the article</text>`
                : nothing
            }
            ${span ? svg`<rect class="cursor" x=${span[0] - 10} y="12" width=${span[1] - span[0] + 20} height=${EVENTS_HEIGHT - 12} rx="6"></rect>` : nothing}
            <g class="axis" transform="translate(0,${EVENTS_HEIGHT})"></g>
          </svg>
          <ol aria-label="Timeline of events. Arrow keys move between events; Enter goes to the chapter.">
            ${this.events.map(
              (item, i) => html`<li ${cssom({ left: `${xs[i]}px`, top: `${EVENTS_HEIGHT - 26}px` })}>
                <button
                  class=${item.after ? 'after' : ''}
                  tabindex=${i === focusIndex ? 0 : -1}
                  aria-current=${item.chapter !== null && item.chapter === this.active ? 'true' : 'false'}
                  aria-disabled=${item.chapter === null ? 'true' : 'false'}
                  aria-label=${`${formatDay(item.date, this.locale)}: ${item.label}${item.after ? ' (after the article)' : ''}`}
                  data-event=${item.id}
                  @click=${() => this.#select(item)}
                  @keydown=${(e: KeyboardEvent) => this.#keydown(e, i, this.events.length)}
                  @focus=${() => ((this.focusIndex = i), (this.hover = item))}
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
          ? html`<strong>${formatDay(shown.date, this.locale)}</strong> · ${shown.label}`
          : cursorChapter?.period
            ? html`<strong>${formatPeriod(cursorChapter.period, this.locale)}</strong>${chapter ? html` · ${chapter.title}` : nothing}`
            : nothing
      }</p>`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    // The list's one tab stop follows the reading, unless the reader is moving through the list.
    if (changed.has('active') && !this.matches(':focus-within')) {
      const first = this.events.findIndex((e) => e.chapter !== null && e.chapter === this.#cursorChapter());
      if (first >= 0) this.focusIndex = first;
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (this.events.length === 0 || this.width === 0) return;
    if (changed.has('events') || changed.has('width') || changed.has('split') || changed.has('locale'))
      this.#drawAxis();
    if (changed.has('active') || changed.has('width')) void readerHasActed().then(() => this.#revealCursor());
  }

  #drawAxis(): void {
    const { scale } = this.#timeline();
    const ticks = storyTicks(
      scale,
      this.events.map((e) => e.date),
    );
    const g = this.renderRoot.querySelector<SVGGElement>('g.axis');
    if (g) {
      const axis = axisBottom(scale)
        .tickValues(ticks.map((t) => t.date))
        .tickFormat((_, i) => ticks[i]?.label ?? '')
        .tickSizeOuter(0);
      select(g).call(axis);
      select(g)
        .selectAll<SVGGElement, unknown>('.tick')
        .attr('class', (_, i) => `tick ${ticks[i]?.level ?? ''}`);
    }
  }

  /** Keep the cursor in view when the axis is wider than the screen (once the reader has acted). */
  #revealCursor(): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    const span = this.#cursorSpan();
    if (!scroller || !span || scroller.scrollWidth <= scroller.clientWidth) return;
    const left = Math.max(0, (span[0] + span[1]) / 2 - scroller.clientWidth / 2);
    scroller.scrollTo({ left, behavior: this.motion ? 'smooth' : 'instant' });
  }

  #select(event: TimelineEvent): void {
    if (event.chapter) emit(this, 'story-chapter-request', { id: event.chapter });
  }

  #keydown(e: KeyboardEvent, i: number, count: number): void {
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: count - 1 }[
      e.key
    ];
    if (next === undefined) return;
    e.preventDefault();
    this.focusIndex = Math.max(0, Math.min(count - 1, next));
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
