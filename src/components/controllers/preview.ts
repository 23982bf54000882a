/**
 * Preview mode for editors (`<story-map edit>`): loads the editor panel's module on demand (readers
 * never download it), and passes between the panel and the map what they need of each other: the
 * map's camera to the panel, a dropped GeoJSON file to the map, and the panel's reload requests to
 * the element.
 */
import type { FeatureCollection } from 'geojson';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Issue } from '../../story/issues.ts';
import type { LoadedFile } from '../../story/load.ts';
import type { Camera, Story } from '../../story/types.ts';
import { define } from '../define.ts';
import type { CameraChangeDetail, OverlayChangeDetail } from '../events.ts';

export interface PreviewHost extends ReactiveControllerHost {
  edit: boolean;
  reload(): Promise<void>;
}

export class PreviewController implements ReactiveController {
  /** A GeoJSON file dropped on the page, drawn over the story (null: none). */
  overlay: FeatureCollection | null = null;
  readonly #host: PreviewHost;
  #camera: Camera | null = null;
  #ready = false;
  #loading = false;

  constructor(host: PreviewHost) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    if (!this.#host.edit || this.#loading) return;
    this.#loading = true;
    void import('../editor.ts').then(({ StoryMapEditor }) => {
      define('story-map-editor', StoryMapEditor);
      this.#ready = true;
      this.#host.requestUpdate();
    });
  }

  /** The map came to rest (preview mode only). */
  onCamera = (e: CustomEvent<CameraChangeDetail>): void => {
    this.#camera = e.detail.camera;
    this.#host.requestUpdate();
  };

  /** `panel(state)` is the editor panel, once loaded and while preview mode is on. */
  panel(state: { issues: readonly Issue[]; files: readonly LoadedFile[]; story: Story | null }) {
    if (!this.#host.edit || !this.#ready) return nothing;
    return html`<story-map-editor
      .issues=${state.issues}
      .files=${state.files}
      .story=${state.story}
      .camera=${this.#camera}
      @story-map-reload=${this.#onReload}
      @story-overlay-change=${this.#onOverlay}
    ></story-map-editor>`;
  }

  #onOverlay = (e: CustomEvent<OverlayChangeDetail>): void => {
    this.overlay = e.detail.overlay;
    this.#host.requestUpdate();
  };

  #onReload = (e: Event): void => {
    e.stopPropagation();
    void this.#host.reload();
  };
}
