// The npm package as a news site's developer gets it: `npm pack` (whose prepack builds lib/), the
// tarball unpacked into a scratch Vite project whose node_modules holds the project's production
// dependencies (the non-dev packages of package-lock.json, linked: the same versions `npm install`
// would give it, with no registry), `vite build` with no configuration, `vite preview`, Chromium.
// Also the story page's "Embed this story" control, for a story opened with ?story=.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPITALS, capitalsStory } from './capitals.ts';
import { baseUrl, expectClean, openPage, useBrowser, watchPolicy } from './page.ts';

/** README's Content-Security-Policy for a site that bundles the package (every file on its own origin). */
const PACKAGE_CSP = "default-src 'self'";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
const HOST = '127.0.0.1';

const log = (message: string) => process.stderr.write(`[package test] ${message}\n`);

interface Run {
  code: number | null;
  output: string;
  stdout: string;
}

/** Runs a command to its end; collects its output. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output, stdout }));
  });
}

async function ok(what: string, pending: Promise<Run>): Promise<Run> {
  const started = Date.now();
  const result = await pending;
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.output}`);
  log(`${what} [${Date.now() - started} ms]`);
  return result;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A small story, in the scratch project's public/ folder. */
const STORY = capitalsStory('Two capitals');

const INDEX = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A news article</title>
<link rel="icon" href="/favicon.svg">
<script type="module" src="./main.ts"></script>
</head><body>
<h1>Newsroom</h1>
<story-map src="story/story.json"></story-map>
</body></html>`;

// The host's code, type-checked against the package's .d.ts as well as built.
const MAIN = `import 'story-map';
import type { Story, StoryMap } from 'story-map';

const element: StoryMap | null = document.querySelector('story-map');
element?.addEventListener('story-map-ready', (event) => {
  const { lng, lat } = event.detail.map.getCenter();
  document.body.dataset.mapReady = \`\${lng.toFixed(2)},\${lat.toFixed(2)}\`;
});
export type Title = Story['title'];

// Never called: the types are real, not \`any\` (which a type the compiler could not resolve silently is).
export function typesAreReal(el: StoryMap): void {
  // @ts-expect-error goTo takes a chapter's id
  void el.goTo(1);
  el.addEventListener('story-map-ready', (event) => {
    // @ts-expect-error the event's map is MapLibre's, which has no such method
    event.detail.map.flyToTheMoon();
  });
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2023', 'DOM', 'DOM.Iterable'],
    strict: true,
    noEmit: true,
    // As most projects have it (Vite's templates): the @ts-expect-error lines above fail if a type is lost.
    skipLibCheck: true,
    types: [],
  },
  files: ['main.ts'],
};

interface Packed {
  size: number;
  unpackedSize: number;
  entryCount: number;
  filename: string;
  files: { path: string }[];
}

const browser = useBrowser();

let tmp = '';
let packed: Packed;
let manifest: { dependencies: Record<string, string>; [key: string]: unknown };
let buildLog = '';
let typecheck: Promise<Run>;
let server: ChildProcess | undefined;
let appUrl = '';

beforeAll(async () => {
  const started = Date.now();
  tmp = await mkdtemp(join(tmpdir(), 'story-map-package-'));
  const app = join(tmp, 'app');
  const modules = join(app, 'node_modules');

  // The prepack script builds lib/ and prints its line before npm's JSON.
  const pack = await ok('npm pack', run('npm', ['pack', '--json', '--pack-destination', tmp], ROOT));
  packed = (JSON.parse(pack.stdout.slice(pack.stdout.search(/^\[/m))) as Packed[])[0]!;
  log(`${packed.filename}: ${packed.size} B packed, ${packed.unpackedSize} B unpacked, ${packed.entryCount} files`);

  await mkdir(join(modules, 'story-map'), { recursive: true });
  await ok(
    'unpack',
    run('tar', ['-xzf', join(tmp, packed.filename), '-C', join(modules, 'story-map'), '--strip-components=1'], tmp),
  );
  manifest = JSON.parse(await readFile(join(modules, 'story-map/package.json'), 'utf8'));

  // The production dependency closure, as the project's lockfile resolved it.
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = key.slice('node_modules/'.length);
    if (!key.startsWith('node_modules/') || name.includes('/node_modules/') || entry.dev || name === 'story-map')
      continue;
    await mkdir(dirname(join(modules, name)), { recursive: true });
    await symlink(join(ROOT, key), join(modules, name), 'dir');
  }

  await mkdir(join(app, 'public/story'), { recursive: true });
  await Promise.all([
    writeFile(join(app, 'package.json'), JSON.stringify({ name: 'newsroom', private: true, type: 'module' })),
    writeFile(join(app, 'index.html'), INDEX),
    writeFile(join(app, 'main.ts'), MAIN),
    writeFile(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG)),
    writeFile(join(app, 'public/story/story.json'), JSON.stringify(STORY)),
    writeFile(join(app, 'public/story/places.geojson'), JSON.stringify(CAPITALS)),
    writeFile(join(app, 'public/favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>'),
  ]);

  // Type-check the host's code while Vite builds it.
  typecheck = run(process.execPath, [TSC, '-p', app], app);
  const env = { ...process.env, NODE_ENV: 'production' };
  buildLog = (await ok('vite build (scratch project)', run(process.execPath, [VITE, 'build'], app, env))).output;

  // Served under README's policy for this way of hosting (everything on the site's own origin). The
  // config is written after the build, which stays without one; it only gives the preview its header.
  await writeFile(
    join(app, 'vite.config.js'),
    `export default { preview: { headers: { 'Content-Security-Policy': ${JSON.stringify(PACKAGE_CSP)} } } };\n`,
  );
  const port = await freePort();
  server = spawn(process.execPath, [VITE, 'preview', '--host', HOST, '--port', String(port), '--strictPort'], {
    cwd: app,
    stdio: 'ignore',
  });
  appUrl = `http://${HOST}:${port}/`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      await (await fetch(appUrl, { signal: AbortSignal.timeout(2_000) })).arrayBuffer();
      break;
    } catch (error) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`vite preview did not answer: ${error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  log(`vite preview pid ${server.pid} at ${appUrl}; ready ${Date.now() - started} ms after the start`);
}, 120_000);

afterAll(async () => {
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(server.pid, 'SIGTERM');
    await exited;
  }
  await typecheck?.catch(() => undefined);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds the library, its types and the manifest, and declares every package it imports', async () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['lib/index.js', 'lib/index.d.ts', 'custom-elements.json', 'package.json']),
    );
    // Only the library: no sources, tests, data, CLI or checker's command line.
    expect(paths.filter((p) => !/^(lib\/|custom-elements\.json$|package\.json$|README\.md$)/.test(p))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('lib/cli/'))).toEqual([]);
    expect(manifest).not.toHaveProperty('private');
    expect(manifest).toMatchObject({
      exports: {
        '.': { types: './lib/index.d.ts', import: './lib/index.js' },
        './custom-elements.json': './custom-elements.json',
      },
      sideEffects: expect.arrayContaining(['./lib/index.js']),
      customElements: 'custom-elements.json',
    });

    // One module per source module, each importing its dependencies by name (shared with the host's),
    // and none of them node-only or left with a Vite-only query.
    const lib = join(tmp, 'app/node_modules/story-map/lib');
    const modules = (await readdir(lib, { recursive: true })).filter((f) => f.endsWith('.js'));
    const imported = new Set<string>();
    for (const file of modules) {
      const text = await readFile(join(lib, file), 'utf8');
      const specs = [
        ...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
        ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
        ...text.matchAll(/\bnew URL\(\s*['"]([^'"]+)['"],\s*import\.meta\.url\s*\)/g),
      ];
      for (const [, spec] of specs) {
        expect(spec, file).not.toMatch(/\?|^node:|\.ts$/);
        if (spec!.startsWith('.')) continue;
        imported.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!);
      }
    }
    expect([...imported].filter((name) => !(name in manifest.dependencies))).toEqual([]);
    expect(imported).toContain('lit');
    expect(imported).toContain('maplibre-gl');

    // The host's TypeScript reads the element's types through `exports`.
    const types = await typecheck;
    expect(types.output.trim(), 'tsc on the host project').toBe('');
    expect(types.code).toBe(0);

    // The host's Vite understood every `new URL(…, import.meta.url)`: the worker, fonts and basemap are emitted.
    expect(buildLog).not.toMatch(/doesn't exist at build time/);
    const assets = await readdir(join(tmp, 'app/dist/assets'));
    expect(assets.filter((a) => /^maplibre-gl-worker-.*\.mjs$/.test(a))).toHaveLength(1);
    expect(assets.filter((a) => a.endsWith('.woff2'))).toHaveLength(4);
    expect(assets.filter((a) => /^americas-.*\.json$/.test(a))).toHaveLength(1);
  });

  it("runs in the host's Vite build: the element defines, the story renders, the map loads", async () => {
    const opened = await openPage(browser(), 'about:blank');
    const { page, close } = opened;
    try {
      const failed: string[] = [];
      const worker: number[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
        if (r.url().includes('maplibre-gl-worker')) worker.push(r.status());
      });
      const violations = await watchPolicy(page);
      const response = await page.goto(appUrl);
      expect(response?.headers()['content-security-policy']).toBe(PACKAGE_CSP);
      await page.waitForFunction(() => document.querySelector('story-map')?.chapterElements?.length);
      await page.keyboard.press('Shift'); // The reader's first input: the map loads.
      await page.waitForFunction(() => document.body.dataset.mapReady, null, { timeout: 30_000 });
      const state = await page.evaluate(() => {
        const el = document.querySelector('story-map')!;
        return {
          defined: customElements.get('story-map') === el.constructor,
          title: el.querySelector('.sm-title')?.textContent,
          chapters: [...el.querySelectorAll('section[data-chapter]')].map((s) => s.id),
          canvases: el.renderRoot.querySelector('story-map-view')?.renderRoot.querySelectorAll('canvas').length,
          ready: document.body.dataset.mapReady,
        };
      });
      expect(state).toMatchObject({ defined: true, title: 'Two capitals', chapters: ['bogota', 'lima'], canvases: 1 });
      expect(worker).toEqual([200]);
      expect(failed).toEqual([]);
      expect(await violations()).toEqual([]);
      expectClean(opened);
    } finally {
      await close();
    }
  });
});

describe('the story page\'s "Embed this story" control', () => {
  it('gives both snippets of a story opened with ?story=, with absolute URLs, copied by keyboard', async () => {
    const base = baseUrl();
    const opened = await openPage(browser(), `${base}?story=data/examples/panama-canal/story.json`, {
      context: { permissions: ['clipboard-read', 'clipboard-write'], reducedMotion: 'reduce' },
    });
    const { page, close } = opened;
    try {
      const title = JSON.parse(readFileSync(join(ROOT, 'data/examples/panama-canal/story.json'), 'utf8')).title;
      const script = page.locator('#embed-script');
      const iframe = page.locator('#embed-iframe');
      // The control is filled once the page is idle after the reader's first input.
      await page.keyboard.press('Shift');
      await page.waitForFunction(
        (t) => document.querySelector<HTMLTextAreaElement>('#embed-iframe')?.value.includes(t),
        title,
      );
      await page.locator('#embed-this-story summary').click();
      expect(await script.inputValue()).toBe(
        `<script type="module" src="${base}embed/story-map.js"></script>\n` +
          `<story-map src="${base}data/examples/panama-canal/story.json"></story-map>`,
      );
      expect(await iframe.inputValue()).toBe(
        `<iframe src="${base}iframe.html?story=data/examples/panama-canal/story.json" title="Story map: ${title}" width="100%" height="600" data-story-map-frame></iframe>\n` +
          `<script async src="${base}embed/frame.js"></script>`,
      );

      // Tab from the iframe code to its button, Enter: the clipboard holds the code, the button says so.
      await iframe.focus();
      await page.keyboard.press('Tab');
      const button = page.getByRole('button', { name: 'Copy the iframe code' });
      expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await iframe.inputValue());
      expect(await page.getByRole('status').textContent()).toBe('The iframe code is copied to the clipboard.');
      // Leaving the button ends its "Copied".
      await page.keyboard.press('Shift+Tab');
      await button.waitFor();
      expectClean(opened);
    } finally {
      await close();
    }
  });
});
