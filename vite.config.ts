import { defineConfig } from 'vite';
import { storyPlugin } from './scripts/vite-story-plugin.ts';

export default defineConfig({
  plugins: [storyPlugin({ dataDir: 'data', story: 'data/story.json' })],
  build: {
    target: 'es2022',
    // Fonts, the basemap and the MapLibre worker stay separate files, fetched when the map loads.
    assetsInlineLimit: 0,
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
