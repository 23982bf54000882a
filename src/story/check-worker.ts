/**
 * The worker that runs a story's format checks off the page's main thread (started by
 * run-checks.ts): one message in (a CheckInput), one message out (the issues), then it is stopped.
 */
import { type CheckInput, runChecks } from './checks.ts';

addEventListener('message', (event: MessageEvent<CheckInput>) => {
  postMessage(runChecks(event.data));
});
