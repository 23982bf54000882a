/**
 * A news site's server for browser tests: another origin than the story's files (`localhost` on a port
 * of its own, where the story is served from 127.0.0.1), answering the pages a test gives it, each with
 * its own headers (a Content-Security-Policy). A third origin, `forger.localhost` on the same port
 * (Chromium resolves *.localhost to this machine), answers `forgerPage`: a third party on the page,
 * such as an ad frame. Started in beforeAll, stopped in afterAll.
 *
 *   const site = useHostServer();
 *   site().page('/article.html', html, { 'content-security-policy': csp });
 *   await page.goto(site().url('/article.html'));
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

interface Answer {
  body: string | Buffer;
  headers: Record<string, string>;
}

export class HostServer {
  readonly #server: Server;
  readonly #answers = new Map<string, Answer>();
  /** Every path asked for, in order (to prove what the host served). */
  readonly requests: string[] = [];
  /** What the third origin (`forgerOrigin`) answers to any path. */
  forgerPage = '<!doctype html><title>Ad</title><p>Ad</p>';

  constructor() {
    this.#server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (request.headers.host?.startsWith('forger.')) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(this.forgerPage);
        return;
      }
      this.requests.push(path);
      if (path === '/favicon.ico') {
        response.writeHead(204).end(); // no icon, and no 404 in the console
        return;
      }
      const answer = this.#answers.get(path);
      if (!answer) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, answer.headers).end(answer.body);
    });
  }

  /** Listens on a free port of 127.0.0.1 (reached as localhost and forger.localhost). */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
  }

  /** `http://localhost:<port>` */
  get origin(): string {
    return `http://localhost:${(this.#server.address() as AddressInfo).port}`;
  }

  /** `http://forger.localhost:<port>`: a third origin. */
  get forgerOrigin(): string {
    return `http://forger.localhost:${(this.#server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Serves an HTML page at `path`, with these headers. */
  page(path: string, html: string, headers: Record<string, string> = {}): void {
    this.#answers.set(path, { body: html, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
  }

  /** Serves any file at `path` (with these headers too, e.g. CORS's `access-control-allow-origin`). */
  file(path: string, body: string | Buffer, contentType: string, headers: Record<string, string> = {}): void {
    this.#answers.set(path, { body, headers: { 'content-type': contentType, ...headers } });
  }
}

/** One host server for the calling test file. */
export function useHostServer(): () => HostServer {
  let server: HostServer | undefined;
  beforeAll(async () => {
    server = new HostServer();
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('useHostServer(): not started (call it at the top of a test file)');
    return server;
  };
}
