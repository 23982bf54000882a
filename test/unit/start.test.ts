// A map that cannot start says why: the decision (start.ts) on a stand-in for MapLibre's events, and
// the words (failure.ts). The real worker, blocked by a real policy, is in test/browser/cross-origin.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failureIssue, failureNote, lostNote } from '../../src/map/failure.ts';
import {
  beforeDeadline,
  type MapFailure,
  MapStartError,
  START_TIMEOUT_MS,
  started,
  type StartingMap,
} from '../../src/map/start.ts';

type Listener = (event: { error?: { message: string } }) => void;

/** MapLibre's event surface, as far as started() uses it. */
class FakeMap implements StartingMap {
  readonly listeners = new Map<string, Set<Listener>>();
  removed = 0;
  on(type: string, listener: Listener) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
    return this;
  }
  off(type: string, listener: Listener) {
    this.listeners.get(type)?.delete(listener);
    return this;
  }
  fire(type: string, event: { error?: { message: string } } = {}) {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }
  remove() {
    this.removed++;
  }
  get listening() {
    return [...this.listeners.values()].reduce((n, set) => n + set.size, 0);
  }
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (e: unknown) => (e instanceof MapStartError ? e.failure : `other: ${String(e)}`),
  );

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('started(map, deadline)', () => {
  it('resolves on the first load, and stops listening', async () => {
    const map = new FakeMap();
    const result = failureOf(started(map, Date.now() + 1000));
    map.fire('load');
    expect(await result).toBe('resolved');
    expect(map.listening).toBe(0);
    expect(map.removed).toBe(0);
  });

  it('rejects with "worker" when MapLibre says its worker failed to load, once, and removes the map', async () => {
    const map = new FakeMap();
    const result = failureOf(started(map, Date.now() + 1000));
    const error = { error: { message: 'Worker failed to load. Check that the worker URL is correct.' } };
    map.fire('error', error);
    map.fire('error', error); // one per worker
    expect(await result).toBe('worker');
    expect(map.removed).toBe(1);
    expect(map.listening).toBe(0);
  });

  it('logs other errors while starting, and keeps waiting', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const map = new FakeMap();
    const result = failureOf(started(map, Date.now() + 1000));
    map.fire('error', { error: { message: 'font 404' } });
    expect(log).toHaveBeenCalledOnce();
    map.fire('load');
    expect(await result).toBe('resolved');
  });

  it('rejects with "context-lost" when the context goes before the first load', async () => {
    const map = new FakeMap();
    const result = failureOf(started(map, Date.now() + 1000));
    map.fire('webglcontextlost');
    expect(await result).toBe('context-lost');
    expect(map.removed).toBe(1);
  });

  it('rejects with "timeout" at the deadline, not before', async () => {
    const map = new FakeMap();
    const result = failureOf(started(map, Date.now() + 1000));
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toBe('timeout');
    expect(map.removed).toBe(1);
    // A load after the deadline changes nothing.
    map.fire('load');
    expect(map.removed).toBe(1);
  });
});

describe('beforeDeadline(promise, deadline)', () => {
  it('gives the promise when it comes first, and a timeout when it does not', async () => {
    expect(await beforeDeadline(Promise.resolve(7), Date.now() + 10)).toBe(7);
    const never = new Promise<number>(() => {});
    const result = failureOf(beforeDeadline(never, Date.now() + 10));
    await vi.advanceTimersByTimeAsync(10);
    expect(await result).toBe('timeout');
  });
});

describe('what a failure says', () => {
  const context = {
    workerUrl: 'https://cdn.example/sm/assets/w.mjs',
    pageOrigin: 'https://news.example',
    storyFile: 's.json',
  };

  it('names the worker and the two policies that fix it when the embed is on another origin', () => {
    const issue = failureIssue('worker', context);
    expect(issue).toMatchObject({ severity: 'error', file: 'https://cdn.example/sm/assets/w.mjs', path: '' });
    expect(issue.message).toContain('"worker-src blob: https://cdn.example"');
    expect(issue.message).toContain('worker-url');
  });

  it("asks for worker-src 'self' when the worker is on the page's origin", () => {
    const issue = failureIssue('worker', { ...context, pageOrigin: 'https://cdn.example' });
    expect(issue.message).toContain(`"worker-src 'self'"`);
    expect(issue.message).not.toContain('blob:');
  });

  it('names the story file for the other causes, with what the browser said', () => {
    const issue = failureIssue('timeout', { ...context, detail: 'no load' });
    expect(issue.file).toBe('s.json');
    expect(issue.message).toContain(`${START_TIMEOUT_MS / 1000} s`);
    expect(failureIssue('webgl', { ...context, detail: 'Failed to initialize WebGL' }).message).toContain('no WebGL 2');
  });

  it('gives every cause its own line in the panel, saying the map is a still picture', () => {
    const causes: MapFailure[] = ['webgl', 'worker', 'context-lost', 'timeout', 'engine', 'error'];
    const notes = causes.map((cause) => failureNote(cause));
    expect(new Set(notes).size).toBe(causes.length);
    for (const note of notes) expect(note).toMatch(/^A still picture of the map: [a-z].*\.$/);
    expect(failureNote('webgl')).toBe(
      'A still picture of the map: this browser cannot draw the interactive map (it needs WebGL 2).',
    );
  });

  it('says the story reads on when not even the still picture can be drawn', () => {
    const causes: MapFailure[] = ['webgl', 'worker', 'context-lost', 'timeout', 'engine', 'error'];
    for (const cause of causes)
      expect(failureNote(cause, false)).toMatch(/^[A-Z].*\. The story reads on without it\.$/);
    expect(lostNote(true)).toContain('still picture');
    expect(lostNote(false)).not.toContain('still picture');
  });
});
