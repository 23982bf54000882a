/**
 * `npm run manifest` writes custom-elements.json (the custom elements manifest) from the JSDoc the
 * elements carry: every attribute, property, event, slot, part and CSS custom property. `npm test`
 * fails when the committed file is out of date.
 */
export default {
  globs: [
    'src/components/story-map.ts',
    'src/components/map-view.ts',
    'src/components/timeline.ts',
    'src/components/controls.ts',
    'src/components/editor.ts',
  ],
  outdir: '.',
  litelement: true,
  dev: false,
};
