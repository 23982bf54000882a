/** The styles of `<story-map>`'s own shadow root: the layout of the header, the panel and the text. */
import { css } from 'lit';

export const storyMapStyles = css`
  :host {
    display: block;
    position: relative;
    --sm-panel-width: var(--story-map-panel-width, 58%);
    --sm-ui-font: var(--story-map-ui-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--sm-panel-width);
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
    height: 100vh;
    height: 100dvh;
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
    padding-bottom: 55vh;
  }
  .failed {
    margin: auto;
    padding: 1rem 1.5rem;
    max-width: 28rem;
    font: 0.9375rem/1.4 var(--sm-ui-font);
    color: var(--sm-text);
  }
  @media (max-width: 48rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto auto 1fr;
      grid-template-areas: 'header' 'panel' 'text';
    }
    .panel {
      height: 56vh;
      height: 56svh;
      border-left: 0;
      border-bottom: 1px solid var(--sm-rule);
      box-shadow: 0 2px 6px var(--sm-shadow);
    }
    .text {
      padding-bottom: 40svh;
    }
  }
`;
