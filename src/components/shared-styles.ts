/** Styles shared by the element's parts: buttons, focus rings, text for screen readers only. */
import { css } from 'lit';

export const controlStyles = css`
  button {
    font: inherit;
    color: #1f1c18;
    background: #ffffff;
    border: 1px solid #b8b0a3;
    border-radius: 4px;
    min-height: 32px;
    min-width: 32px;
    padding: 0.25rem 0.625rem;
    cursor: pointer;
  }
  button[aria-disabled='true'],
  button:disabled {
    color: #8a8378;
    cursor: default;
  }
  button[aria-pressed='true'] {
    color: #ffffff;
    background: #1d3557;
    border-color: #1d3557;
  }
  button:focus-visible,
  summary:focus-visible {
    outline: 3px solid #1d3557;
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
