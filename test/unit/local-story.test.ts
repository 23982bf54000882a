import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_STORY, localStoryFile, localStoryMiddleware, localStoryPlugin } from '../../scripts/vite-local-story.ts';

const dir = mkdtempSync(join(tmpdir(), 'story-map-local-'));
writeFileSync(join(dir, 'story.json'), '{"title": "T", "chapters": [{"id": "a", "title": "A"}]}');
mkdirSync(join(dir, 'geo'));
writeFileSync(join(dir, 'geo', 'places.geojson'), '{"type": "FeatureCollection", "features": []}');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the middleware answers for a request path: status, content type, cache header and body; or 'next'. */
function ask(path: string): Promise<'next' | { status: number; type: string; cache: string; body: string }> {
  return new Promise((done) => {
    const headers: Record<string, string> = {};
    const res = {
      statusCode: 0,
      setHeader(name: string, value: string) {
        headers[name.toLowerCase()] = value;
      },
      end(body: Buffer | string) {
        done({
          status: this.statusCode,
          type: headers['content-type'] ?? '',
          cache: headers['cache-control'] ?? '',
          body: String(body),
        });
      },
    };
    localStoryMiddleware(dir)({ url: path } as IncomingMessage, res as unknown as ServerResponse, () => done('next'));
  });
}

describe('a story kept outside data/ (STORY=…/story.json npm start)', () => {
  it('localStoryFile(dir, path) names the files of the folder under /local-story/, subfolders too', () => {
    expect(LOCAL_STORY).toBe('/local-story/');
    expect(localStoryFile(dir, '/local-story/story.json')).toBe(join(dir, 'story.json'));
    expect(localStoryFile(dir, '/local-story/geo/places.geojson')).toBe(join(dir, 'geo', 'places.geojson'));
    expect(localStoryFile(dir, '/local-story/a%20b.json')).toBe(join(dir, 'a b.json'));
  });

  it('localStoryFile(dir, path) names nothing outside the folder, however the path is written', () => {
    for (const path of [
      '/story.json',
      '/local-story/',
      '/local-story/../package.json',
      '/local-story/..%2fpackage.json',
      '/local-story/%2e%2e/package.json',
      '/local-story/geo/../../x.json',
      '/local-story/%2fetc%2fpasswd',
      '/local-story//etc/passwd',
      '/local-story/C:%5cx.json',
      '/local-story/a%00.json',
      '/local-story/%E0%A4%A',
    ])
      expect(localStoryFile(dir, path), path).toBeNull();
  });

  it('serves the files as they are on the disk now, never cached, and answers 404 for anything else under it', async () => {
    expect(await ask('/local-story/story.json')).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      cache: 'no-store',
      body: '{"title": "T", "chapters": [{"id": "a", "title": "A"}]}',
    });
    writeFileSync(join(dir, 'story.json'), '{"title": "Saved"}');
    expect(await ask('/local-story/story.json?t=1')).toMatchObject({ status: 200, body: '{"title": "Saved"}' });
    expect(await ask('/local-story/geo/places.geojson')).toMatchObject({
      status: 200,
      type: 'application/geo+json; charset=utf-8',
    });
    for (const path of ['/local-story/missing.json', '/local-story/geo', '/local-story/..%2fpackage.json'])
      expect(await ask(path), path).toMatchObject({ status: 404 });
    expect(await ask('/index.html')).toBe('next');
  });

  it('localStoryPlugin() does nothing without STORY', () => {
    const plugin = localStoryPlugin('');
    const used: unknown[] = [];
    const server = { middlewares: { use: (m: unknown) => used.push(m) }, printUrls() {} };
    (plugin.configureServer as (s: unknown) => void)(server);
    expect(used).toEqual([]);
  });
});
