/**
 * When the panel's still picture is (re)drawn: pure, so the controller (components/controllers/still.ts)
 * only carries it out. The still is needed whenever the interactive map is not shown; the figure in
 * the page is kept while it is of the chapter and made for the map's size (a figure served with the
 * page is made for the reference sizes of both layouts: kept for its chapter at any size until the
 * renderer has loaded, then drawn again at the map's size).
 */

export interface ShownFigure {
  /** `data-still-chapter`. */
  chapter: string | null;
  /** `data-still-size` (`<width>x<height>`), or null for a figure served with the page. */
  size: string | null;
}

/** `keep`: the figure is right; `draw`: draw the chapter's now; `load`: hide the figure, load the renderer. */
export type StillAction = 'keep' | 'draw' | 'load';

export function stillAction({
  needed,
  figure,
  chapter,
  size,
  loaded,
}: {
  /** The interactive map is not shown (not wanted yet, loading, lost or failed). */
  needed: boolean;
  figure: ShownFigure | null;
  /** The chapter shown. */
  chapter: string;
  /** The map's size now, `<width>x<height>`. */
  size: string;
  /** The renderer and the basemap have loaded. */
  loaded: boolean;
}): StillAction {
  if (!needed) return 'keep';
  // The page's figure (made for the two layouts' reference sizes) stands until the renderer is here,
  // then the chapter's is drawn at the map's own size (the same picture at those sizes).
  if (figure && figure.chapter === chapter && ((figure.size === null && !loaded) || figure.size === size))
    return 'keep';
  return loaded ? 'draw' : 'load';
}
