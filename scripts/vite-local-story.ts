/**
 * Vite plugin: a story kept outside `data/` (anywhere on the disk), previewed with the development
 * server. `STORY=../my-story/story.json npm start` serves that story file's folder at
 * `/local-story/`, and prints the address that opens it:
 * `http://localhost:5173/?story=local-story/story.json` (preview mode is on in development, and
 * reloads the story when a file of it is saved). `vite preview` of a build does the same.
 *
 * Only files inside that folder are served (no `..`, no other file of the disk), read again on
 * every request and never cached, so the preview's watch sees each save.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Connect, Plugin, PreviewServer, ViteDevServer } from 'vite';

/** Where the story's folder is served. */
export const LOCAL_STORY = '/local-story/';

/**
 * `localStoryFile(dir, pathname)`: the file of `dir` that a request path under LOCAL_STORY names
 * (`/local-story/places.geojson`), or null when it names none there: another path, a path that
 * would leave the folder (`..`, an encoded one, an absolute one), a NUL byte, or a malformed escape.
 */
export function localStoryFile(dir: string, pathname: string): string | null {
  if (!pathname.startsWith(LOCAL_STORY)) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(LOCAL_STORY.length));
  } catch {
    return null;
  }
  if (!rest || rest.includes('\0') || isAbsolute(rest) || /^[a-z]:/i.test(rest)) return null;
  const root = resolve(dir);
  const file = resolve(root, rest);
  const inside = relative(root, file);
  if (!inside || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
};

/** The middleware that serves `dir` at LOCAL_STORY (and passes every other request on). */
export function localStoryMiddleware(dir: string): Connect.NextHandleFunction {
  return (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!pathname.startsWith(LOCAL_STORY)) return next();
    const file = localStoryFile(dir, pathname);
    const fail = () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`not found: ${pathname} (STORY serves only the files in ${dir})`);
    };
    if (!file) return fail();
    stat(file)
      .then((s) => (s.isFile() ? readFile(file) : Promise.reject(new Error('not a file'))))
      .then((body) => {
        res.statusCode = 200;
        res.setHeader('Content-Type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
        res.setHeader('Cache-Control', 'no-store');
        res.end(body);
      }, fail);
  };
}

/**
 * `localStoryPlugin(story)`: serves the folder of the story file `story` (default: env `STORY`,
 * relative to the working directory) at LOCAL_STORY, in the dev server and `vite preview`; does
 * nothing without one.
 */
export function localStoryPlugin(story: string | undefined = process.env.STORY?.trim()): Plugin {
  const file = story ? resolve(story) : null;
  const dir = file ? dirname(file) : null;
  const address = file ? `?story=${LOCAL_STORY.slice(1)}${encodeURIComponent(basename(file))}` : '';
  const announce = (
    server: { config: { logger: { info(m: string): void; warn(m: string): void } } },
    urls: string[],
  ) => {
    const { logger } = server.config;
    stat(file!).then(
      (s) =>
        s.isFile()
          ? logger.info(`  ➜  Story:   ${urls.map((u) => `${u}${address}`).join('  ')} (STORY=${story})`)
          : logger.warn(`story-map: STORY=${story} is not a file`),
      () => logger.warn(`story-map: STORY=${story}: there is no such file`),
    );
  };
  /** The same in the dev server and `vite preview`: the folder served, and its address printed with theirs. */
  const serve = (server: ViteDevServer | PreviewServer) => {
    if (!dir) return;
    server.middlewares.use(localStoryMiddleware(dir));
    const print = server.printUrls.bind(server);
    server.printUrls = () => {
      print();
      announce(server, server.resolvedUrls?.local ?? []);
    };
  };
  return {
    name: 'story-map:local-story',
    configureServer: serve,
    configurePreviewServer: serve,
  };
}
