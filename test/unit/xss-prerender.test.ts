// @vitest-environment node
// The hostile-payload corpus (test/fixtures/xss) through the build's prerender: the page's HTML
// (the text, the first still, each chapter's print figure) and the print figures' SVG files hold
// every payload as text, never as markup: no element, attribute or link the payloads try to make.
// test/browser/xss.test.ts does the same for what the browser renders.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { prerender } from '../../scripts/vite-story-plugin.ts';
import { DATA_FILES, hostileStory, storyVariant } from '../fixtures/xss/fields.ts';
import { payloads } from '../fixtures/xss/payloads.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const P = payloads();
const dir = mkdtempSync(join(tmpdir(), 'story-map-xss-prerender-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Elements a payload could only have made (the prerender makes none of them). */
const FORBIDDEN = new Set(['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'style', 'form']);
/** Attributes that load or run what they name. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'poster']);

/** What in `root` is markup of a payload's making: a forbidden element, a handler, a script URL, a style. */
function unsafe(root: Element, allowStyle = false): string[] {
  const found: string[] = [];
  for (const el of [root, ...root.querySelectorAll('*')]) {
    const tag = el.localName.toLowerCase();
    if (FORBIDDEN.has(tag) && !(allowStyle && tag === 'style' && el === root.firstElementChild)) found.push(`<${tag}>`);
    for (const { name, value } of [...el.attributes]) {
      const n = name.toLowerCase();
      if (n.startsWith('on')) found.push(`${tag}[${n}]`);
      if (n === 'style') found.push(`${tag}[style]`);
      if (URL_ATTRIBUTES.has(n) && /^\s*(javascript|vbscript|data):/i.test(value)) found.push(`${tag}[${n}=${value}]`);
    }
  }
  return found;
}

async function built(name: string, files: Record<string, unknown>) {
  const folder = join(dir, name);
  mkdirSync(folder);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), JSON.stringify(content));
  // The prerender warns of the story's issues (every field holds a mistake): not this test's subject.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    return await prerender(ROOT, join(folder, 'story.json'));
  } finally {
    warn.mockRestore();
  }
}

describe('the hostile-payload corpus through the build', () => {
  const window = new Window();
  const html = (markup: string) => {
    const box = window.document.createElement('div');
    box.innerHTML = markup;
    return box as unknown as Element;
  };
  const svg = (text: string) => {
    const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
    return doc.documentElement as unknown as Element;
  };

  it('puts every payload of every chapter, event and feature in the page and its print files as text', async () => {
    const files = hostileStory(P);
    const page = await built('story', {
      'story.json': files.story,
      [DATA_FILES.places]: files.places,
      [DATA_FILES.routes]: files.routes,
      [DATA_FILES.areas]: files.areas,
    });
    const root = html(page.html);
    // The text is there, a section per chapter, each with its print figure.
    expect(root.querySelectorAll('section[data-chapter]').length).toBe(P.length);
    expect(root.querySelectorAll('figure.sm-print-still > img').length).toBe(P.length);
    expect(unsafe(root)).toEqual([]);
    // The payloads read as text (here the chapters' titles).
    expect([...root.querySelectorAll('section[data-chapter] h2')].map((h) => h.textContent)).toEqual(P);
    expect(page.files.size).toBeGreaterThan(0);
    for (const [path, text] of page.files) {
      const doc = svg(text);
      expect(doc.localName, path).toBe('svg');
      expect(doc.querySelector('parsererror'), path).toBeNull();
      expect(unsafe(doc, true), path).toEqual([]);
    }
  }, 60_000);

  it('puts every story-level payload (title, dek, byline, source, language, data paths) in the page as text', async () => {
    const found: string[] = [];
    for (const i of P.keys()) {
      const page = await built(`variant-${i}`, { 'story.json': storyVariant(P, i) });
      const root = html(page.html);
      if (!root.querySelector('section[data-chapter="one"]')) found.push(`${i}: no chapter`);
      found.push(...unsafe(root).map((u) => `${i}: ${u}`));
    }
    expect(found).toEqual([]);
  }, 120_000);
});
