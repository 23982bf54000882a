/** The static map of a chapter (issue 9): scene, SVG template and the prerendered figure. No MapLibre. */
export * from './figure.ts';
export * from './scene.ts';
export * from './template.ts';
