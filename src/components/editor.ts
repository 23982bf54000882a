/**
 * `<story-map-editor>`: the preview panel for editors, shown by `<story-map edit>` (in development,
 * and with `?edit` on the story page). Never loaded for readers. It never touches the map itself:
 * it is given the map's camera, and asks `<story-map>` with events to draw a file or to reload.
 * `<story-map>` docks it in its map panel, under the timeline (see the styles below).
 *
 * - Counts every issue in its header line (the story's and a dropped file's), which opens and
 *   closes it; open at first on a wide element, closed on a narrow one.
 * - Lists the story's issues, as the checker prints them (`npm run check`).
 * - Watches the story's files and asks for a reload when one changes from the text the story was
 *   loaded from (the reader's chapter stays).
 * - Shows the map's current camera as a snippet to paste into a chapter, with a copy button.
 * - Previews a GeoJSON file dropped on the page: drawn on the map, checked by the same checker.
 */
import type { FeatureCollection } from 'geojson';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatIssue, type Issue } from '../story/issues.ts';
import type { LoadedFile } from '../story/load.ts';
import { cameraSnippet, layerOf } from '../story/editing.ts';
import { issueCount } from '../story/format.ts';
import { validateLayer } from '../story/validate.ts';
import { controlStyles } from './shared-styles.ts';
import { syntaxIssues } from '../story/locate.ts';
import { storyArea } from '../story/geojson.ts';
import type { Camera, Layer, Story } from '../story/types.ts';
import { emit } from './events.ts';

/** How often the story's files are checked for changes while editing. */
const WATCH_MS = 1500;

/**
 * @tag story-map-editor
 * @fires story-map-reload - A file of the story changed since it was loaded.
 * @fires story-overlay-change - A GeoJSON file was dropped (or removed): draw it over the story. `detail: {overlay}`.
 */
export class StoryMapEditor extends LitElement {
  static override styles = [
    controlStyles,
    css`
    /*
     * Docked in the panel, under the timeline (the element renders it there): it covers none of the
     * text, the map's key or the timeline, and the map above it keeps the reader's width. Open, it
     * takes at most a quarter of the screen's height and one line (the map gives up that height;
     * collapsed, only the line).
     */
    :host {
      display: block;
      flex: none;
      position: relative;
      z-index: 2;
      font: 13px/1.4 var(--story-map-ui-font, system-ui, sans-serif);
      color: var(--sm-ink);
      background: var(--sm-paper-raised);
      border-top: 1px solid var(--sm-line);
    }
    details.dragging {
      outline: 3px dashed var(--sm-dropped);
      outline-offset: -3px;
    }
    summary {
      padding: 6px 12px;
      font-weight: 700;
      cursor: pointer;
    }
    summary .count.errors { color: var(--sm-error); }
    /*
     * The issues across, the camera and the file side by side under them: short, so the map keeps
     * most of its height. Always as tall, whatever it lists: the map above it keeps its size (and
     * what it framed) when issues come and go.
     */
    .body {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
      align-content: start;
      align-items: start;
      height: calc(25 * var(--sm-vh, 1vh));
      overflow: auto;
      padding-bottom: 4px;
    }
    .body > section:first-child { grid-column: 1 / -1; }
    section { padding: 0 12px 10px; }
    /* h2: the panel comes before the chapters (h2) in the page, after the headline (h1). */
    h2 { font-size: 12px; margin: 6px 0 4px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--sm-muted); }
    ol { margin: 0; padding: 0; list-style: none; }
    li { padding: 3px 0; border-top: 1px solid var(--sm-list-rule); }
    li code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; word-break: break-word; }
    li.error code::first-line { color: var(--sm-error); }
    li.warning code::first-line { color: var(--sm-warning); }
    .ok { color: var(--sm-ok); margin: 0; }
    pre { margin: 0 0 6px; padding: 6px 8px; background: var(--sm-code); border-radius: 4px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
    pre code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
    .hint { color: var(--sm-muted); margin: 4px 0 6px; }
    .choose { display: inline-flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .choose input { font: inherit; max-width: 100%; }
    /*
     * Narrow <story-map> (the nearest size container in the flat tree; a phone): collapsed at first,
     * to its one line under the timeline; opened, its content is a sheet over the bottom of the
     * screen, which the same line closes again.
     */
    @container (max-width: 48em) {
      .body {
        grid-template-columns: minmax(0, 1fr);
        box-sizing: border-box;
        height: auto;
        position: fixed;
        left: 0;
        right: 0;
        bottom: 0;
        max-height: 45vh;
        background: var(--sm-paper-raised);
        border-top: 1px solid var(--sm-line);
        box-shadow: 0 -4px 16px var(--sm-panel-shadow);
      }
    }
  `,
  ];

  /** The story's issues (from the element). */
  @property({ attribute: false }) issues: readonly Issue[] = [];
  /** Where the map looks (null until it has loaded). */
  @property({ attribute: false }) camera: Camera | null = null;
  /** The story (its area is where a dropped file's points should be). */
  @property({ attribute: false }) story: Story | null = null;
  /** The files to watch (story, then GeoJSON), with the text the story was loaded from. */
  @property({ attribute: false }) files: readonly LoadedFile[] = [];

  /** Whether the panel is open: at first, on a wide element, not on a narrow one (a phone). */
  @state() private open = true;
  @state() private copied = false;
  @state() private dragging = false;
  @state() private dropped: { name: string; layer: Layer; count: number; issues: Issue[]; value: unknown } | null =
    null;

  #timer = 0;
  #polling = false;
  /** What each watched file held at the last look (at first, the text the story was loaded from). */
  #seen = new Map<string, string | null>();

  override connectedCallback(): void {
    super.connectedCallback();
    this.open = !this.#narrow();
    window.addEventListener('dragover', this.#onDragOver);
    window.addEventListener('dragleave', this.#onDragLeave);
    window.addEventListener('drop', this.#onDrop);
    this.#timer = window.setInterval(() => void this.#poll(), WATCH_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('dragover', this.#onDragOver);
    window.removeEventListener('dragleave', this.#onDragLeave);
    window.removeEventListener('drop', this.#onDrop);
    clearInterval(this.#timer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A (re)load: what it read is what later looks compare with, so an edit saved at any moment
    // after the files were read is seen.
    if (changed.has('files')) this.#seen = new Map(this.files.map((f) => [f.url, f.text]));
    if (changed.has('camera')) this.copied = false;
  }

  /** Whether the <story-map> it is in uses its narrow layout (48em or less, as its styles). */
  #narrow(): boolean {
    const host = (this.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
    if (!host) return false;
    const em = Number.parseFloat(getComputedStyle(host).fontSize) || 16;
    return host.getBoundingClientRect().width <= 48 * em;
  }

  protected override render() {
    const dropped = this.dropped;
    // Every issue: the story's and a dropped file's.
    const all = dropped ? [...this.issues, ...dropped.issues] : this.issues;
    const errors = all.some((i) => i.severity === 'error');
    const count = `${issueCount(all)}${dropped?.issues.length ? ` (${issueCount(dropped.issues)} in ${dropped.name})` : ''}`;
    return html`<details ?open=${this.open} class=${this.dragging ? 'dragging' : ''} @toggle=${this.#onToggle}>
      <summary>Preview · <span class=${`count ${errors ? 'errors' : ''}`}>${count}</span></summary>
      <span class="visually-hidden" role="status">Story checked: ${count}</span>
      <div class="body">
      <section aria-label="Issues">
        ${
          this.issues.length
            ? html`<ol>${this.issues.map((i) => html`<li class=${i.severity}><code>${formatIssue(i)}</code></li>`)}</ol>`
            : html`<p class="ok">The story and its GeoJSON pass the checker.</p>`
        }
      </section>
      <section aria-label="Camera">
        <h2>Camera</h2>
        <!-- Focusable: a snippet wider than the panel scrolls, and the keyboard must reach it. -->
        <pre tabindex="0" aria-label="The camera, to paste into a chapter's map"><code>${this.#snippet() || 'The map is not loaded yet.'}</code></pre>
        <p class="hint">Zoom with the wheel, pan by dragging, rotate with right-drag or Ctrl+drag.</p>
        <button type="button" ?disabled=${!this.camera} @click=${this.#copy}>Copy</button>
        <span role="status">${this.copied ? 'Copied: paste it into a chapter\'s "map".' : ''}</span>
      </section>
      <section aria-label="Dropped file">
        <h2>Try a GeoJSON file</h2>
        ${
          dropped
            ? html`<p>${dropped.name}: ${dropped.count} features, drawn in purple as ${dropped.layer}; ${issueCount(dropped.issues)}.
                <button type="button" @click=${this.#clearDropped}>Remove</button></p>
              ${dropped.issues.length ? html`<ol>${dropped.issues.map((i) => html`<li class=${i.severity}><code>${formatIssue(i)}</code></li>`)}</ol>` : nothing}`
            : html`<p class="hint">Drop a .geojson file on the page, or choose one, to see it on the map and check it.</p>`
        }
        <label class="choose">Choose a GeoJSON file <input type="file" accept=".geojson,.json,application/geo+json,application/json" @change=${this.#onChoose} /></label>
      </section>
      </div>
    </details>`;
  }

  #onToggle = (e: Event): void => {
    this.open = (e.target as HTMLDetailsElement).open;
  };

  #copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(this.#snippet());
      this.copied = true;
    } catch {
      // No clipboard permission: select the text so the editor can copy it by hand.
      const code = this.renderRoot.querySelector('pre code');
      if (code) getSelection()?.selectAllChildren(code);
    }
  };

  /** Asks the element to reload when one of its files has changed since the last look. */
  async #poll(): Promise<void> {
    // One look at a time, and none while the tab is hidden.
    if (this.#polling || document.hidden) return;
    this.#polling = true;
    try {
      await this.#look();
    } finally {
      this.#polling = false;
    }
  }

  async #look(): Promise<void> {
    const seen = this.#seen;
    let changed = false;
    for (const [url, before] of seen) {
      let text: string | null;
      try {
        const response = await fetch(url, { cache: 'no-store' });
        text = response.ok ? await response.text() : null;
      } catch {
        continue;
      }
      if (text !== before) changed = true;
      seen.set(url, text);
    }
    // A reload during the look brought its own baseline: the next look compares with that.
    if (changed && seen === this.#seen) emit(this, 'story-map-reload', null);
  }

  /** The camera as the `"camera"` field of a chapter's map, or '' before the map has loaded. */
  #snippet(): string {
    return this.camera ? cameraSnippet(this.camera) : '';
  }

  #hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

  #onDragOver = (e: DragEvent): void => {
    if (!this.#hasFiles(e)) return;
    e.preventDefault();
    this.dragging = true;
  };

  #onDragLeave = (e: DragEvent): void => {
    if (e.relatedTarget === null) this.dragging = false;
  };

  #onDrop = async (e: DragEvent): Promise<void> => {
    if (!this.#hasFiles(e)) return;
    e.preventDefault();
    this.dragging = false;
    const file = e.dataTransfer?.files[0];
    if (file) await this.preview(file.name, await file.text());
  };

  #onChoose = async (e: Event): Promise<void> => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) await this.preview(file.name, await file.text());
    input.value = '';
  };

  /** Checks a GeoJSON text and draws it on the map (what a drop does; public for scripts and tests). */
  async preview(name: string, text: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.dropped = { name, layer: 'places', count: 0, issues: syntaxIssues(text, name), value: null };
      return;
    }
    if (typeof value !== 'object' || value === null) {
      this.dropped = {
        name,
        layer: 'places',
        count: 0,
        issues: [
          {
            severity: 'error',
            file: name,
            path: '',
            message: 'expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})',
          },
        ],
        value: null,
      };
      return;
    }
    const layer = layerOf(value);
    const { locate } = await import('../story/locate.ts');
    const story = this.story;
    const area = story ? (story.bounds ?? storyArea([story.places, story.routes, story.areas])) : null;
    const issues = locate(
      text,
      validateLayer(layer, value, name, () => area),
    );
    const features = (value as { features?: unknown[] }).features;
    this.dropped = { name, layer, count: Array.isArray(features) ? features.length : 0, issues, value };
    const drawable = !issues.some((i) => i.severity === 'error' && i.path === '');
    emit(this, 'story-overlay-change', { overlay: drawable ? (value as FeatureCollection) : null });
  }

  #clearDropped = (): void => {
    this.dropped = null;
    emit(this, 'story-overlay-change', { overlay: null });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'story-map-editor': StoryMapEditor;
  }
}
