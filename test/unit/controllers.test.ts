// @vitest-environment happy-dom
// The story element's controllers, each on a bare host element (happy-dom): what they start on
// connection they stop on disconnection, and they do their one job.
import { LitElement } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HashController } from '../../src/components/controllers/hash.ts';
import { StoryLoader, type StorySource } from '../../src/components/controllers/loader.ts';
import { MotionController } from '../../src/components/controllers/motion.ts';
import { ScrollController, type ScrollState } from '../../src/scroll/controller.ts';
import { isTakeover } from '../../src/scroll/jump.ts';

let count = 0;
/** A fresh custom element class for each test (a name can be defined once). */
function host<T extends LitElement>(make: (el: LitElement) => T): T {
  const name = `test-host-${++count}`;
  customElements.define(name, class extends LitElement {});
  return make(document.createElement(name) as LitElement);
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
  history.replaceState(null, '', '/');
});

describe('isTakeover', () => {
  it('isTakeover(type, key, inPanel) ends a jump on the wheel and touch, wherever they are', () => {
    expect(isTakeover('wheel', null, true)).toBe(true);
    expect(isTakeover('touchstart', null, false)).toBe(true);
  });
  it('isTakeover(type, key, inPanel) ends it on keys that scroll the page, not on keys in the panel', () => {
    expect(isTakeover('keydown', 'PageDown', false)).toBe(true);
    expect(isTakeover('keydown', ' ', false)).toBe(true);
    expect(isTakeover('keydown', 'ArrowDown', true)).toBe(false);
    expect(isTakeover('keydown', 'Enter', false)).toBe(false);
    expect(isTakeover('keydown', 'Tab', false)).toBe(false);
  });
});

describe('HashController', () => {
  const chapters = ['one', 'two'];
  const make = (options: { enabled?: boolean; onNavigate?: (id: string) => void } = {}) => {
    let controller!: HashController;
    const el = host((el) => {
      controller = new HashController(el, {
        enabled: () => options.enabled ?? true,
        isChapter: (id) => chapters.includes(id),
        onNavigate: options.onNavigate ?? (() => {}),
      });
      return el;
    });
    return { el, controller };
  };

  it('take() returns the chapter the hash names, once per story', () => {
    history.replaceState(null, '', '#two');
    const { controller } = make();
    expect(controller.take()).toBe('two');
    expect(controller.take()).toBeNull();
    controller.reset();
    expect(controller.take()).toBe('two');
  });

  it('take() ignores a hash that names no chapter, and every hash with no-hash', () => {
    history.replaceState(null, '', '#nowhere');
    expect(make().controller.take()).toBeNull();
    history.replaceState(null, '', '#one');
    expect(make({ enabled: false }).controller.take()).toBeNull();
  });

  it('follow(id) writes the chapter being read, and takes a hash of ours off when the reader leaves', () => {
    const { controller } = make();
    const before = history.length;
    controller.follow('one'); // before take(): the deep link has not been read yet
    expect(location.hash).toBe('');
    controller.take();
    controller.follow('one');
    expect(location.hash).toBe('#one');
    controller.follow(null);
    expect(location.hash).toBe('');
    expect(history.length).toBe(before);
  });

  it('follow(null) leaves a hash that is not one of the chapters', () => {
    history.replaceState(null, '', '#comments');
    const { controller } = make();
    controller.take();
    controller.follow(null);
    expect(location.hash).toBe('#comments');
  });

  it('hears hashchange while connected, and no longer once disconnected', () => {
    const seen: string[] = [];
    const { el } = make({ onNavigate: (id) => seen.push(id) });
    document.body.append(el);
    history.replaceState(null, '', '#two');
    window.dispatchEvent(new Event('hashchange'));
    el.remove();
    window.dispatchEvent(new Event('hashchange'));
    expect(seen).toEqual(['two']);
  });
});

describe('MotionController', () => {
  it('motion follows prefers-reduced-motion until the reader chooses, and stops listening when disconnected', () => {
    let reduce = true;
    const listening = new Set<unknown>();
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({
          get matches() {
            return reduce;
          },
          media: query,
          addEventListener: (_: string, f: unknown) => listening.add(f),
          removeEventListener: (_: string, f: unknown) => listening.delete(f),
        }) as never,
    );
    let controller!: MotionController;
    const el = host((el) => {
      controller = new MotionController(el);
      return el;
    });
    document.body.append(el);
    expect(controller.motion).toBe(false);
    reduce = false;
    expect(controller.motion).toBe(true);
    controller.onRequest(new CustomEvent('story-motion-request', { detail: { motion: false } }));
    expect(controller.motion).toBe(false);
    expect(listening.size).toBe(1);
    el.remove();
    expect(listening.size).toBe(0);
  });
});

describe('ScrollController', () => {
  it('measures only while its host is in the page: out of it, no layout means no chapter', () => {
    const measured: ScrollState[] = [];
    const el = host((h) => h);
    const chapter = document.createElement('section');
    el.append(chapter);
    const scroll = new ScrollController(el, {
      chapters: () => [chapter],
      panel: () => null,
      host: el,
      onMeasure: (s) => measured.push(s),
    });
    scroll.update();
    expect(measured).toEqual([]);
    document.body.append(el);
    scroll.update();
    expect(measured).toHaveLength(1);
    el.remove();
    scroll.update();
    expect(measured).toHaveLength(1);
  });
});

describe('StoryLoader', () => {
  it('a newer load aborts an older one: its fetch gets the aborted signal', async () => {
    const signals: AbortSignal[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      signals.push(init!.signal!);
      const url = String(input);
      if (url.endsWith('/slow.json')) {
        return new Promise((_, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)));
      }
      return Promise.resolve(new Response(JSON.stringify({ title: 'Fast', chapters: [{ id: 'a', title: 'A' }] })));
    });
    const source: StorySource = { src: 'slow.json', story: null };
    let loader!: StoryLoader;
    const el = host((el) => {
      loader = new StoryLoader(el, () => source);
      return el;
    });
    el.addEventListener('story-error', (e) => e.preventDefault());
    document.body.append(el);
    await el.updateComplete;
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    source.src = 'fast.json';
    el.requestUpdate();
    await vi.waitFor(() => expect(loader.result?.story.title).toBe('Fast'));
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[1]!.aborted).toBe(false);
  });
});
