import { defineConfig } from 'vite';
import { storyPlugin } from './scripts/vite-story-plugin.ts';

export default defineConfig({
  plugins: [storyPlugin({ dataDir: 'data', story: 'data/story.json' })],
  // Relative URLs everywhere: the site and the embed bundle work from any folder of any host.
  base: './',
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: { index: 'index.html', iframe: 'iframe.html', embed: 'src/embed.ts' },
      output: {
        // The embed entry keeps a stable name a site can paste; everything else is content-hashed.
        entryFileNames: (chunk) => (chunk.name === 'embed' ? 'embed/story-map.js' : 'assets/[name]-[hash].js'),
      },
    },
    // Fonts, the basemap and the MapLibre worker stay separate files, fetched when the map loads.
    assetsInlineLimit: 0,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
