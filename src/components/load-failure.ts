/**
 * `loadFailure(issues)`: what the text column says when the story file itself could not be loaded
 * and no text is there to read (a `?story=` link to a missing file, an HTML page, broken JSON):
 * which file, its URL and why, as the checker writes it, and whatever the page slots as `failed` (the
 * story page: a link back to its own story).
 */
import { html } from 'lit';
import { formatIssue, type Issue } from '../story/issues.ts';

export function loadFailure(issues: readonly Issue[]) {
  return html`<div class="load-failed" role="alert">
    <h2>This story could not be loaded</h2>
    <ul>
      ${issues.map((issue) => html`<li><code>${formatIssue(issue)}</code></li>`)}
    </ul>
    <slot name="failed"></slot>
  </div>`;
}
