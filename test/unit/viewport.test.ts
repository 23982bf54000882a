// @vitest-environment happy-dom
// The reader's viewport (src/scroll/viewport.ts) and the jump in the iframe embed, where the host
// page scrolls: the jump asks the host, and holds its destination until the chapter arrives.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JumpController } from '../../src/scroll/jump.ts';
import { onViewChange, readerView, setReaderView } from '../../src/scroll/viewport.ts';

afterEach(() => {
  setReaderView(null);
  document.body.replaceChildren();
});

/** A bare controller host. */
function bareHost(): ReactiveControllerHost & { controllers: ReactiveController[] } {
  const controllers: ReactiveController[] = [];
  return {
    controllers,
    addController: (c) => controllers.push(c),
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
}

/** A chapter element whose top is `top` in its own window's viewport. */
function chapterAt(top: number): HTMLElement {
  const el = document.createElement('section');
  document.body.append(el);
  el.getBoundingClientRect = () => ({ top, bottom: top + 500 }) as DOMRect;
  return el;
}

describe('readerView', () => {
  it("is the window's until a frame's host sets it, and tells the listeners when it changes", () => {
    expect(readerView()).toEqual({ offset: 0, height: window.innerHeight, scrollBy: null });
    const heard = vi.fn();
    const stop = onViewChange(heard);
    setReaderView(() => ({ offset: -1200, height: 800, scrollBy: () => {} }));
    expect(readerView().offset).toBe(-1200);
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
    setReaderView(null);
    expect(heard).toHaveBeenCalledTimes(1);
    expect(readerView().scrollBy).toBeNull();
  });
});

describe('JumpController in a frame the host scrolls', () => {
  it('asks the host to scroll by the distance in its viewport, even at once, and lands when the chapter arrives', async () => {
    const asked: [number, boolean][] = [];
    setReaderView(() => ({ offset: -300, height: 800, scrollBy: (by, smooth) => asked.push([by, smooth]) }));
    const remeasure = vi.fn();
    const jump = new JumpController(bareHost(), { panel: () => document.body, remeasure });
    const section = chapterAt(2300);
    const scrollIntoView = vi.fn();
    section.scrollIntoView = scrollIntoView;
    let landed = false;
    const done = jump.jump(4, section, false).then(() => (landed = true));
    // 2300 px down the frame, which starts 300 px above the host's viewport: 2000 px to scroll.
    expect(asked).toEqual([[2000, false]]);
    expect(scrollIntoView).not.toHaveBeenCalled();
    expect(jump.target).toBe(4);
    // The host's scroll comes back as measurements: held until the chapter is the one measured.
    expect(jump.arrive(1)).toBe(false);
    await Promise.resolve();
    expect(landed).toBe(false);
    expect(jump.arrive(4)).toBe(true);
    await done;
    expect(jump.target).toBeNull();
  });

  it('scrolls nothing when the chapter is already in place', async () => {
    const asked: number[] = [];
    setReaderView(() => ({ offset: -300, height: 800, scrollBy: (by) => asked.push(by) }));
    const remeasure = vi.fn();
    const jump = new JumpController(bareHost(), { panel: () => document.body, remeasure });
    const section = chapterAt(300.4);
    section.scrollIntoView = () => {};
    await jump.jump(2, section, true);
    expect(asked).toEqual([]);
    expect(remeasure).toHaveBeenCalledTimes(1);
    expect(jump.target).toBeNull();
  });
});

describe('JumpController on a page', () => {
  it("ends a smooth jump when the page's scroll ends, not when an inner scroller's does", async () => {
    const jump = new JumpController(bareHost(), { panel: () => document.body, remeasure: () => {} });
    const section = chapterAt(2300);
    section.scrollIntoView = () => {};
    let landed = false;
    const done = jump.jump(4, section, true).then(() => (landed = true));
    expect(jump.target).toBe(4);
    // A carousel in the article (or the timeline) stops scrolling: the jump goes on.
    const carousel = document.createElement('div');
    document.body.append(carousel);
    carousel.dispatchEvent(new Event('scrollend'));
    await Promise.resolve();
    expect(landed).toBe(false);
    expect(jump.target).toBe(4);
    // The page's own scroll ends: the jump has landed.
    document.dispatchEvent(new Event('scrollend'));
    await done;
    expect(jump.target).toBeNull();
  });
});
