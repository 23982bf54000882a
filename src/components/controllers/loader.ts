/**
 * Loading the host's story, from its `src` or its `story` property, on `@lit/task`: a newer load
 * aborts an older one (its fetches stop). The story's text shows as soon as its story file reads,
 * its features once its GeoJSON has; its format checks (in a worker) follow at the browser's next idle moment
 * after the reader's first input (at once in preview mode; their code loads then, so a reader who
 * only looks never downloads it); then its issues are announced with `story-error` (cancelable: if no
 * one cancels it, they are logged, once). Never throws: a bug
 * of ours is reported as an issue too, and the page keeps its text. Whatever `hostConnected`
 * starts, `hostDisconnected` stops.
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { formatIssue, type Issue } from '../../story/issues.ts';
import { type LoadOptions, type LoadResult, loadStory, loadStoryData } from '../../story/load.ts';
import { normalizeStory } from '../../story/normalize.ts';
import { checkStory } from '../../story/run-checks.ts';
import { readStory } from '../../story/run-read.ts';
import type { StoryInput } from '../../story/types.ts';
import { emit } from '../events.ts';
import { readerHasActed } from '../first-input.ts';

/** What the host loads from: the URL of a story file, or a story object (which wins). */
export interface StorySource {
  src: string | null;
  story: StoryInput | null;
}

/** Resolves at the browser's next idle moment (or after 2 s at the latest). */
const whenIdle = () =>
  new Promise<void>((resolve) => {
    if ('requestIdleCallback' in globalThis) requestIdleCallback(() => resolve(), { timeout: 2000 });
    else setTimeout(resolve, 200);
  });

/** When the checks run: at the next idle moment in preview mode, else after the reader's first input too. */
const checksWhen = (preview: boolean) => (preview ? whenIdle() : readerHasActed().then(whenIdle));

export class StoryLoader implements ReactiveController {
  /**
   * The latest readable result of the current load: the story file alone while its GeoJSON loads
   * (`pending`), then the whole story while the checks run, then the final result.
   */
  result: LoadResult | null = null;
  /** Counts the loads started: every result of one load comes with the same number. */
  generation = 0;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #task: Task<readonly [string | null, StoryInput | null], LoadResult>;
  /** The next load bypasses the HTTP cache (a file was edited). */
  #fresh = false;

  constructor(host: ReactiveControllerHost & HTMLElement, source: () => StorySource) {
    this.#host = host;
    this.#task = new Task(host, {
      args: () => [source().src, source().story] as const,
      task: ([src, input], { signal }) => this.#load(src, input, signal),
    });
    host.addController(this);
  }

  /** The issues found in the story and its data so far (`[]` when it is valid). */
  get issues(): readonly Issue[] {
    return this.result?.issues ?? [];
  }

  /** Loads the story's files again, bypassing the HTTP cache; resolves when done. */
  reload(): Promise<void> {
    this.#fresh = true;
    return this.#task.run();
  }

  hostConnected(): void {
    // A load stopped by a disconnection starts again when the element is back.
    if (this.#task.status === TaskStatus.ERROR) void this.#task.run();
  }

  hostDisconnected(): void {
    if (this.#task.status === TaskStatus.PENDING) this.#task.abort();
  }

  async #load(src: string | null, input: StoryInput | null, signal: AbortSignal): Promise<LoadResult> {
    if (!input && !src) return initialState as never;
    const fresh = this.#fresh;
    this.#fresh = false;
    this.generation++;
    const options: LoadOptions = {
      signal,
      // The text as soon as the story file reads; the map's features once the GeoJSON has.
      onText: (early) => {
        if (!signal.aborted) this.#show(early);
      },
      // Show the story as soon as it reads; the format checks follow once the page is idle.
      onStory: (early) => {
        if (!signal.aborted) this.#show(early);
      },
      checksAfter: () => checksWhen((this.#host as { edit?: boolean }).edit === true),
      // In a worker: checking a large GeoJSON file takes seconds a reader's main thread should not spend.
      check: checkStory,
      // In a worker too: a long GeoJSON file is parsed there, and only the features shown come back.
      read: readStory,
    };
    if (fresh) options.fetch = (url, init) => fetch(url, { ...init, cache: 'no-store' });
    let result: LoadResult;
    try {
      result = input
        ? await this.#fromObject(input, src, options)
        : await loadStory(new URL(src!, document.baseURI), options);
    } catch (error) {
      if (signal.aborted) throw error;
      // A bug of ours, not the editor's: still a message, never a blank page.
      const file = src ?? 'story';
      const message = `the story could not be loaded (${error instanceof Error ? error.message : String(error)})`;
      const { story } = normalizeStory({}, {}, { story: file });
      result = {
        story,
        issues: [{ severity: 'error', file, path: '', message }],
        text: null,
        failed: true,
        files: [],
      };
    }
    signal.throwIfAborted();
    this.#show(result);
    this.announce(result.issues);
    return result;
  }

  /** A story given as an object: its `data` files (if any) resolve against `src`, or the page. */
  async #fromObject(input: StoryInput, src: string | null, options: LoadOptions): Promise<LoadResult> {
    const text = JSON.stringify(input);
    const { onStory, onText } = options;
    const base = new URL(src ?? '.', document.baseURI);
    const result = await loadStoryData(input, base, src ?? 'story', {
      ...options,
      onStory: (early) => onStory?.({ ...early, text }),
      onText: (early) => onText?.({ ...early, text }),
    });
    return { ...result, text };
  }

  #show(result: LoadResult): void {
    this.result = result;
    this.#host.requestUpdate();
  }

  /** Reports issues with `story-error` (cancelable: if no one cancels it, they are logged, once). */
  announce(issues: readonly Issue[]): void {
    if (!issues.length || !emit(this.#host, 'story-error', { issues }, { cancelable: true })) return;
    for (const issue of issues)
      (issue.severity === 'error' ? console.error : console.warn)(`story-map: ${formatIssue(issue)}`);
  }
}
