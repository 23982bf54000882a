/**
 * A news site's server for browser tests: another origin than the story's files (`localhost` on a port
 * of its own, where the story is served from 127.0.0.1), answering the pages a test gives it, each with
 * its own headers (a Content-Security-Policy). Started in beforeAll, stopped in afterAll.
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

  constructor() {
    this.#server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      this.requests.push(path);
      const answer = this.#answers.get(path);
      if (!answer) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      response.writeHead(200, answer.headers).end(answer.body);
    });
  }

  /** Listens on a free port of localhost. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, 'localhost', () => resolve());
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

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Serves an HTML page at `path`, with these headers. */
  page(path: string, html: string, headers: Record<string, string> = {}): void {
    this.#answers.set(path, { body: html, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });
  }

  /** Serves any file at `path`. */
  file(path: string, body: string | Buffer, contentType: string): void {
    this.#answers.set(path, { body, headers: { 'content-type': contentType } });
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
