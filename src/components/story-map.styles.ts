/**
 * The styles of `<story-map>`'s own shadow root: the layout of the header, the panel and the text.
 *
 * The layout follows the element's own width, not the window's: the element is a size container
 * (`story-map`) and the layout switches with a container query. So in a 640 px article column on
 * a wide window it uses the narrow layout (the map on top, the text below), and the wide layout
 * (map beside the text) only when the element itself leaves a readable text column. The
 * breakpoint is in `em` of the element, whose font size is `medium` (the reader's default size)
 * unless the page sets one on the element: the same 48em as the old `@media (max-width: 48rem)`,
 * but a page's `:root { font-size }` does not move it.
 */
import { css } from 'lit';

export const storyMapStyles = css`
  :host {
    display: block;
    /*
     * Inline-size containment: the element's width comes from its container, never from its
     * content, so it cannot push out of an article column, a flex row or a grid track. 'stretch'
     * fills the container (less the element's margins) even where a plain block would shrink to
     * its content (a flex row, a centred grid or flex column), in which a contained element would
     * be 0 px wide. In shrink-to-fit places (a float, an inline-block, a table cell, an absolutely
     * positioned box) the page has to give the element a width.
     */
    container: story-map / inline-size;
    width: -webkit-fill-available;
    width: -moz-available;
    width: stretch;
    min-width: 0;
    position: relative;
    /*
     * Inherited text properties stop here: the page's article styles (letter spacing, justified
     * or upper-case text, a root font size) would otherwise flow into the panel's parts. A rule of
     * the page that targets the element itself still wins over :host, on purpose.
     */
    font-size: medium;
    font-style: normal;
    font-weight: normal;
    line-height: normal;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start;
    text-indent: 0;
    text-transform: none;
    text-shadow: none;
    white-space: normal;
    color: var(--sm-ink);
    --sm-panel-width: var(--story-map-panel-width, 58%);
    --sm-ui-font: var(--story-map-ui-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  .layout {
    display: grid;
    /* The text column keeps at least 20em: a wider panel (--story-map-panel-width) gives way first. */
    grid-template-columns: minmax(min(20em, 100%), 1fr) minmax(0, var(--sm-panel-width));
    grid-template-rows: auto 1fr;
    grid-template-areas: 'header panel' 'text panel';
    align-items: start;
  }
  .header {
    grid-area: header;
    min-width: 0;
  }
  .panel {
    grid-area: panel;
    position: sticky;
    top: 0;
    /* --sm-vh: 1% of the reader's viewport; set in the iframe embed, where vh is the story's own height. */
    height: calc(100 * var(--sm-vh, 1vh));
    height: calc(100 * var(--sm-vh, 1dvh));
    display: flex;
    flex-direction: column;
    border-left: 1px solid var(--sm-rule);
    background: var(--sm-paper);
    z-index: 1;
  }
  story-map-view {
    flex: 1 1 auto;
  }
  .text {
    grid-area: text;
    min-width: 0;
    /* Room after the last chapter, so it can reach the trigger line. */
    padding-bottom: calc(55 * var(--sm-vh, 1vh));
  }
  .load-failed {
    padding: 1.5em 1.25em;
    max-width: 40em;
    font: 1em/1.5 var(--sm-ui-font);
    color: var(--sm-text);
  }
  .load-failed h2 {
    font-size: 1.25em;
    margin: 0 0 0.5em;
  }
  .load-failed ul {
    padding: 0;
    list-style: none;
  }
  .load-failed code {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .failed {
    margin: auto;
    padding: 1em 1.5em;
    max-width: 28em;
    font: 0.9375em/1.4 var(--sm-ui-font);
    color: var(--sm-text);
  }
  /* Print: the text alone, each chapter with its still map (text.css); not the panel. */
  @media print {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto 1fr;
      grid-template-areas: 'header' 'text';
    }
    .panel {
      display: none;
    }
    .text {
      padding-bottom: 0;
    }
  }
  /* Narrow (a phone, a column, a sidebar): the map on top, sticky, the text below. */
  @container story-map (max-width: 48em) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto auto 1fr;
      grid-template-areas: 'header' 'panel' 'text';
    }
    .panel {
      height: calc(56 * var(--sm-vh, 1vh));
      height: calc(56 * var(--sm-vh, 1svh));
      border-left: 0;
      border-bottom: 1px solid var(--sm-rule);
      box-shadow: 0 2px 6px var(--sm-shadow);
    }
    .text {
      padding-bottom: calc(40 * var(--sm-vh, 1svh));
    }
  }
`;
