import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import { localStoryPlugin } from './scripts/vite-local-story.ts';
import { storyPlugin } from './scripts/vite-story-plugin.ts';

/**
 * MapLibre's worker under a stable name, `embed/maplibre-gl-worker.mjs`, for sites that host a copy on
 * their own origin (the `worker-url` attribute) so that `worker-src 'self'` is enough for them. The
 * engine itself uses the content-hashed copy in assets/.
 */
function workerCopy(): Plugin {
  const file = createRequire(import.meta.url).resolve('maplibre-gl/dist/maplibre-gl-worker.mjs');
  return {
    name: 'story-map-worker-copy',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'embed/maplibre-gl-worker.mjs', source: readFileSync(file) });
    },
  };
}

export default defineConfig({
  // STORY=../my-story/story.json npm start: a story kept outside data/, at /local-story/ (see the plugin).
  plugins: [storyPlugin({ dataDir: 'data', story: 'data/story.json' }), localStoryPlugin(), workerCopy()],
  // Relative URLs everywhere: the site and the embed bundle work from any folder of any host.
  base: './',
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: { index: 'index.html', iframe: 'iframe.html', embed: 'src/embed.ts', frame: 'src/frame/parent.ts' },
      // Vite drops the entries' exports in an app build; the embed bundle keeps the library's
      // (`import('…/embed/story-map.js')` gives StoryMap, formatIssue…).
      preserveEntrySignatures: 'exports-only',
      output: {
        // The embed entries keep stable names a site can paste; everything else is content-hashed.
        // `frame` (the iframe embed's parent script) imports nothing, so it stays one classic script.
        entryFileNames: (chunk) =>
          chunk.name === 'embed'
            ? 'embed/story-map.js'
            : chunk.name === 'frame'
              ? 'embed/frame.js'
              : 'assets/[name]-[hash].js',
      },
    },
    // Fonts, the basemap and the MapLibre worker stay separate files, fetched when the map loads.
    assetsInlineLimit: 0,
  },
  // The workers of the checks (src/story/run-checks.ts) and of large GeoJSON (src/story/run-read.ts)
  // are module workers, each bundled as one.
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173 },
});
