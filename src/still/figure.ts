/**
 * The static map of a chapter as a figure: the map (one `<svg>` per layout of the element) and its
 * key, in the light DOM of `<story-map>` (`slot="still"`, `data-still-chapter`: not `data-chapter`, which
 * the code, the tests and embedders read as "a chapter's section"). The build's prerender
 * puts the first chapter's figure in the page; the element can render any chapter's the same way.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { chapterCamera } from '../geo/camera.ts';
import { legendFor } from '../map/legend.ts';
import type { BasemapGeoJSON } from '../map/style.ts';
import { describeView } from '../story/format.ts';
import type { Camera, Chapter, Story } from '../story/types.ts';
import { type Measure, type Size, stillScene } from './scene.ts';
import { stillKey, stillTemplate, TOKENS } from './template.ts';

export type Layout = 'wide' | 'narrow';

/**
 * The map's size in each layout of the element, measured in the page (the map view's clientWidth
 * and clientHeight) at the two sizes the screenshots use:
 * - wide, 1280x800: the panel is 58% of the element (742.4 px) less its 1 px border, and the
 *   window's height less the controls (45 px) and the timeline (92.6 px);
 * - narrow, 390x844: the panel is 56svh tall (472.6 px) and the full width, less the controls
 *   (41 px) and the timeline.
 * A still made at these sizes matches the map there exactly; at other sizes its SVG scales to fit
 * the map's box (see text.css), which follows the map's own fit to within its padding rule.
 */
export const REFERENCE: Record<Layout, Size> = {
  wide: { width: 741, height: 662 },
  narrow: { width: 390, height: 339 },
};

/** The size a chapter's map is drawn at for print (it scales to the page's width, see text.css). */
export const PRINT_SIZE: Size = { width: 640, height: 400 };

/** The print frame: the wide layout at PRINT_SIZE, nothing drawn beyond the box. */
export const PRINT_FRAME: StillFrame = { layout: 'wide', size: PRINT_SIZE, margin: 0 };

export interface StillFrame {
  layout: Layout;
  size: Size;
  /** Map drawn beyond the box, px (default: a fifth of the box's smaller side). */
  margin?: number;
}

export interface StillFigureOptions {
  story: Story;
  basemap: BasemapGeoJSON;
  chapter: Chapter;
  /** Default: both layouts at their REFERENCE size. */
  frames?: readonly StillFrame[];
  measure?: Measure;
}

/** `stillCamera(story, chapter, size)`: the camera the map view takes for the chapter at that size. */
export function stillCamera(story: Story, chapter: Chapter, size: Size): Camera {
  return chapterCamera(story, chapter.view, size);
}

/**
 * `stillFigure(options)`: `<figure class="sm-still" slot="still" data-still-chapter="…">`, with one
 * `<svg class="sm-still-map sm-still-map--<layout>">` per frame (text.css shows the one for the
 * element's layout) and the chapter's key.
 */
export function stillFigure({ story, basemap, chapter, frames, measure }: StillFigureOptions): TemplateResult {
  const all: readonly StillFrame[] =
    frames ?? (Object.entries(REFERENCE) as [Layout, Size][]).map(([layout, size]) => ({ layout, size }));
  const maps = all.map((frame) => stillMap({ story, basemap, chapter, frame, ...(measure ? { measure } : {}) }));
  // A part of the story (data-story-part): removed with the page's text when another story is shown.
  const size = frames?.length === 1 ? `${frames[0]!.size.width}x${frames[0]!.size.height}` : null;
  return html`<figure class="sm-still" slot="still" data-story-part data-still-chapter=${chapter.id} data-still-size=${size ?? nothing}>${maps}${chapterKey(story, chapter)}</figure>`;
}

/** `stillMap(options)`: the chapter's map in one frame, `<svg class="sm-still-map sm-still-map--<layout>">`. */
export function stillMap({
  story,
  basemap,
  chapter,
  frame,
  measure,
}: Omit<StillFigureOptions, 'frames'> & { frame: StillFrame }): TemplateResult {
  return stillTemplate(
    stillScene({
      basemap,
      story,
      view: chapter.view,
      camera: stillCamera(story, chapter, frame.size),
      size: frame.size,
      margin: frame.margin ?? Math.round(Math.min(frame.size.width, frame.size.height) / 5),
      ...(measure ? { measure } : {}),
    }),
    {
      label: describeView(chapter.view, story.features, story.lang, chapter.body),
      className: `sm-still-map--${frame.layout}`,
    },
  );
}

/** `chapterKey(story, chapter)`: the chapter's map key (or nothing). */
export function chapterKey(story: Story, chapter: Chapter): ReturnType<typeof stillKey> {
  return stillKey(legendFor(chapter.view, (id) => story.features.get(id), TOKENS));
}

/**
 * `printStill({story, chapter, src})`: the chapter's print figure as the build serves it with the
 * page: its map an image of the standalone SVG at `src` (standalone.ts), loaded only when the page
 * is printed (`loading="lazy"`, and hidden on screen), and its key. Printed from the browser's menu
 * before the still maps' code has loaded, this is the map each chapter gets; once it has, the
 * element makes every print figure again, in the page's theme (components/controllers/still.ts).
 */
export function printStill({ story, chapter, src }: { story: Story; chapter: Chapter; src: string }): TemplateResult {
  return html`<figure class="sm-still sm-print-still" data-story-part data-still-chapter=${chapter.id}><img class="sm-still-map" src=${src} alt="" width=${PRINT_SIZE.width} height=${PRINT_SIZE.height} loading="lazy" decoding="async">${chapterKey(story, chapter)}</figure>`;
}
