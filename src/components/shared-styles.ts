/** Styles shared by the element's parts: buttons, focus rings, text for screen readers only. */
import { css } from 'lit';

export const controlStyles = css`
  button {
    font: inherit;
    color: var(--sm-ink);
    background: var(--sm-white);
    border: 1px solid var(--sm-line);
    border-radius: 4px;
    min-height: 32px;
    min-width: 32px;
    padding: 4px 10px;
    cursor: pointer;
  }
  button[aria-disabled='true'],
  button:disabled {
    color: var(--sm-disabled);
    cursor: default;
  }
  button[aria-pressed='true'] {
    color: var(--sm-white);
    background: var(--sm-focus);
    border-color: var(--sm-focus);
  }
  button:focus-visible,
  summary:focus-visible,
  pre:focus-visible {
    outline: 3px solid var(--sm-focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
