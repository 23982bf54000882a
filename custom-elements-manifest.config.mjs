/**
 * `npm run manifest` (scripts/manifest.mjs) writes custom-elements.json (the custom elements manifest) from the JSDoc the
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
  // package.json names the manifest itself ("customElements").
  packagejson: false,
  litelement: true,
  dev: false,
};
