/**
 * The worker a site asked for with `worker-url`, recorded when an element gets the attribute (before
 * any map starts: maps start when they come near the screen) and read when the first map starts.
 * MapLibre keeps one pool of workers for every map on a page, so one URL serves them all: the first
 * element's that names one, whichever map starts first. Apart from engine.ts, which loads later.
 */
let preferred: string | null = null;

/** Records `url` (resolved against the page) unless an element asked for another before. */
export function preferWorker(url: string): void {
  const href = new URL(url, document.baseURI).href;
  if (preferred === null) preferred = href;
  else if (href !== preferred)
    console.warn(`story-map: worker-url="${url}" ignored: this page's maps use ${preferred}`);
}

/** The worker a site asked for, if any. */
export function preferredWorker(): string | null {
  return preferred;
}
