/**
 * `<story-map-editor>`: the preview panel for editors, shown by `<story-map edit>` (in development,
 * and with `?edit` on the story page). Never loaded for readers.
 *
 * - Lists the story's issues, as the checker prints them (`npm run check`).
 * - Watches the story's files and asks for a reload when one changes (the reader's chapter stays).
 * - Shows the map's current camera as a snippet to paste into a chapter, with a copy button.
 * - Previews a GeoJSON file dropped on the page: drawn on the map, checked by the same checker.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { bbox } from '@turf/turf';
import { formatIssue, type Issue } from '../story/issues.ts';
import { cameraSnippet, layerOf } from '../story/editing.ts';
import { issueCount } from '../story/format.ts';
import { validateLayer } from '../story/validate.ts';
import { controlStyles } from './shared-styles.ts';
import { syntaxIssues } from '../story/locate.ts';
import { storyArea } from '../story/geojson.ts';
import type { Layer as LayerName, Story } from '../story/types.ts';

/** How often the story's files are checked for changes while editing. */
const WATCH_MS = 1500;
const DROP_COLOR = '#7b2cbf';

/** The map layers that draw a dropped file (purple, above the story's own). */
export const DROP_LAYERS = ['dropped-fill', 'dropped-line', 'dropped-point'];

export class StoryMapEditor extends LitElement {
  static override styles = [
    controlStyles,
    css`
    :host {
      position: fixed;
      left: 12px;
      bottom: 12px;
      z-index: 20;
      width: min(34rem, calc(100vw - 24px));
      font: 13px/1.4 var(--story-map-ui-font, system-ui, sans-serif);
      color: #1f1c18;
    }
    details {
      background: #fffdf8;
      border: 1px solid #b8b0a3;
      border-radius: 6px;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.18);
      max-height: 45vh;
      overflow: auto;
    }
    details.dragging {
      outline: 3px dashed #7b2cbf;
    }
    summary {
      position: sticky;
      top: 0;
      padding: 8px 12px;
      font-weight: 700;
      background: #fffdf8;
      cursor: pointer;
    }
    summary .count.errors { color: #a3281a; }
    section { padding: 0 12px 10px; }
    h3 { font-size: 12px; margin: 6px 0 4px; text-transform: uppercase; letter-spacing: 0.04em; color: #5b554d; }
    ol { margin: 0; padding: 0; list-style: none; }
    li { padding: 3px 0; border-top: 1px solid #eee7db; }
    li code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; word-break: break-word; }
    li.error code::first-line { color: #a3281a; }
    li.warning code::first-line { color: #7a5200; }
    .ok { color: #2e6b30; margin: 0; }
    pre { margin: 0 0 6px; padding: 6px 8px; background: #f3efe6; border-radius: 4px; overflow-x: auto; }
    pre code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
    .hint { color: #5b554d; margin: 4px 0 6px; }
    .choose { display: inline-flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .choose input { font: inherit; max-width: 100%; }
    @media (max-width: 48rem) {
      details { max-height: 30vh; }
    }
  `,
  ];

  /** The story's issues (from the element). */
  @property({ attribute: false }) issues: readonly Issue[] = [];
  /** The MapLibre map, once ready. */
  @property({ attribute: false }) map: MapLibreMap | null = null;
  /** The story (its area is where a dropped file's points should be). */
  @property({ attribute: false }) story: Story | null = null;
  /** The files to watch (story, then GeoJSON). */
  @property({ attribute: false }) urls: readonly string[] = [];

  @state() private camera = '';
  @state() private copied = false;
  @state() private dragging = false;
  @state() private dropped: { name: string; layer: LayerName; count: number; issues: Issue[]; value: unknown } | null =
    null;

  #timer = 0;
  #polling = false;
  #seen = new Map<string, string>();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('dragover', this.#onDragOver);
    window.addEventListener('dragleave', this.#onDragLeave);
    window.addEventListener('drop', this.#onDrop);
    this.#timer = window.setInterval(() => void this.#poll(), WATCH_MS);
    // Back on the page after being moved: listen to the map again (the first update does it at first).
    if (this.hasUpdated) this.map?.on('moveend', this.#onMove);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('dragover', this.#onDragOver);
    window.removeEventListener('dragleave', this.#onDragLeave);
    window.removeEventListener('drop', this.#onDrop);
    clearInterval(this.#timer);
    this.map?.off('moveend', this.#onMove);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('map')) {
      (changed.get('map') as MapLibreMap | null | undefined)?.off('moveend', this.#onMove);
      this.map?.on('moveend', this.#onMove);
      // Editors compose cameras: let the wheel zoom and a drag pan the map (readers' maps leave
      // both to the page, which scrolls), and a right-drag rotate.
      this.map?.scrollZoom.enable();
      this.map?.dragPan.enable();
      this.map?.dragRotate.enable();
      this.#onMove();
      // A reload builds a new map: draw the dropped file on it again.
      if (this.dropped && this.map) this.#draw(this.dropped.value);
    }
    if (changed.has('urls')) {
      // Keep what was seen of files still watched, so an edit made during a reload is not missed.
      for (const url of [...this.#seen.keys()]) if (!this.urls.includes(url)) this.#seen.delete(url);
    }
  }

  protected override render() {
    const errors = this.issues.some((i) => i.severity === 'error');
    return html`<details open class=${this.dragging ? 'dragging' : ''}>
      <summary>Preview · <span class=${`count ${errors ? 'errors' : ''}`}>${issueCount(this.issues)}</span></summary>
      <span class="visually-hidden" role="status">Story checked: ${issueCount(this.issues)}</span>
      <section aria-label="Issues">
        ${
          this.issues.length
            ? html`<ol>${this.issues.map((i) => html`<li class=${i.severity}><code>${formatIssue(i)}</code></li>`)}</ol>`
            : html`<p class="ok">The story and its GeoJSON pass the checker.</p>`
        }
      </section>
      <section aria-label="Camera">
        <h3>Camera</h3>
        <pre><code>${this.camera || 'The map is not loaded yet.'}</code></pre>
        <p class="hint">Zoom with the wheel, pan by dragging, rotate with right-drag or Ctrl+drag.</p>
        <button type="button" ?disabled=${!this.camera} @click=${this.#copy}>Copy</button>
        <span role="status">${this.copied ? 'Copied: paste it into a chapter\'s "map".' : ''}</span>
      </section>
      <section aria-label="Dropped file">
        <h3>Try a GeoJSON file</h3>
        ${
          this.dropped
            ? html`<p>${this.dropped.name}: ${this.dropped.count} features, drawn in purple as ${this.dropped.layer}; ${issueCount(this.dropped.issues)}.
                <button type="button" @click=${this.#clearDropped}>Remove</button></p>
              ${this.dropped.issues.length ? html`<ol>${this.dropped.issues.map((i) => html`<li class=${i.severity}><code>${formatIssue(i)}</code></li>`)}</ol>` : nothing}`
            : html`<p class="hint">Drop a .geojson file on the page, or choose one, to see it on the map and check it.</p>`
        }
        <label class="choose">Choose a GeoJSON file <input type="file" accept=".geojson,.json,application/geo+json,application/json" @change=${this.#onChoose} /></label>
      </section>
    </details>`;
  }

  #onMove = (): void => {
    const map = this.map;
    if (!map) return;
    const c = map.getCenter();
    this.camera = cameraSnippet({
      center: [c.lng, c.lat],
      zoom: map.getZoom(),
      bearing: map.getBearing(),
      pitch: map.getPitch(),
    });
    this.copied = false;
  };

  #copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(this.camera);
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
    let changed = false;
    for (const url of this.urls) {
      let text: string;
      try {
        const response = await fetch(url, { cache: 'no-store' });
        text = response.ok ? await response.text() : `HTTP ${response.status}`;
      } catch {
        continue;
      }
      const before = this.#seen.get(url);
      this.#seen.set(url, text);
      if (before !== undefined && before !== text) changed = true;
    }
    if (changed) this.dispatchEvent(new CustomEvent('story-map-reload', { bubbles: true, composed: true }));
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
    if (!issues.some((i) => i.severity === 'error' && i.path === '')) this.#draw(value);
  }

  #draw(value: unknown): void {
    const map = this.map;
    if (!map) return;
    const data = value as GeoJSON.FeatureCollection;
    const source = map.getSource('dropped') as GeoJSONSource | undefined;
    if (source) source.setData(data);
    else {
      map.addSource('dropped', { type: 'geojson', data });
      map.addLayer({
        id: 'dropped-fill',
        type: 'fill',
        source: 'dropped',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': DROP_COLOR, 'fill-opacity': 0.25 },
      });
      map.addLayer({
        id: 'dropped-line',
        type: 'line',
        source: 'dropped',
        filter: ['!=', ['geometry-type'], 'Point'],
        paint: { 'line-color': DROP_COLOR, 'line-width': 2 },
      });
      map.addLayer({
        id: 'dropped-point',
        type: 'circle',
        source: 'dropped',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-color': DROP_COLOR,
          'circle-radius': 6,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      });
    }
    try {
      const [w, s, e, n] = bbox(data);
      if ([w, s, e, n].every(Number.isFinite))
        map.fitBounds(
          [
            [w!, s!],
            [e!, n!],
          ],
          { padding: 60, maxZoom: 10, duration: 0 },
        );
    } catch {
      // Nothing measurable to fit.
    }
  }

  #clearDropped = (): void => {
    this.dropped = null;
    const map = this.map;
    if (!map?.getSource('dropped')) return;
    for (const id of DROP_LAYERS) map.removeLayer(id);
    map.removeSource('dropped');
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'story-map-editor': StoryMapEditor;
  }
}
