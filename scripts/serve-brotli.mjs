// A static server for the benchmark that compresses as a CDN would (brotli, quality 11, cached per
// file), since `vite preview` sends everything uncompressed. Runs in the calling process: `close()`
// stops it. Fonts (woff2) are sent as they are.
//   const server = await serveBrotli({ '/': distDir, '/large/': storyDir });
//   server.url  // http://127.0.0.1:<port>/
//   await server.close();
// Also a command: node scripts/serve-brotli.mjs DIR [PORT]
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain',
};

/**
 * `serveBrotli(mounts, port)` serves each folder of `mounts` (URL prefix ending with '/' -> folder;
 * the longest prefix wins) on 127.0.0.1. Resolves once listening, with `{url, port, close}`.
 */
export function serveBrotli(mounts, port = 0) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const cache = new Map();
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const prefix = prefixes.find((p) => path.startsWith(p));
    const rel = prefix === undefined ? null : normalize(path.slice(prefix.length));
    const file = rel === null || rel.startsWith('..') ? null : join(mounts[prefix], rel);
    try {
      if (!file || !statSync(file).isFile()) throw new Error('not a file');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers = {
      'content-type': type,
      'cache-control': path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    let body = readFileSync(file);
    if (type !== 'font/woff2' && type !== 'image/png' && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
      const key = `${file}:${body.length}`;
      if (!cache.has(key))
        cache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      body = cache.get(key);
      headers['content-encoding'] = 'br';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      resolve({
        url: `http://127.0.0.1:${bound}/`,
        port: bound,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, port] = process.argv.slice(2);
  const server = await serveBrotli({ '/': dir }, Number(port ?? 0));
  console.log(server.url);
}
