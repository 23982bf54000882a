/**
 * The format checks of a loaded story as one call on plain data, so that it can run anywhere: in a
 * worker of the page (check-worker.ts, started by run-checks.ts: a 10 MB GeoJSON file takes seconds
 * to check, which a reader's main thread should not spend), or inline (the checker, and the page when
 * no worker can start). Everything it needs crosses to a worker cheaply: the files as their texts
 * (a string is copied, not walked), the story as its parsed value.
 */
import type { Issue } from './issues.ts';
import { duplicateKeys, locateIssues } from './locate.ts';
import type { Layer } from './types.ts';
import { validateStory } from './validate.ts';

/** A story's files, as loaded, and what was found in them before the checks. */
export interface CheckInput {
  /** The parsed story (the story file's value, or the object the page was given). */
  story: unknown;
  storyFile: string;
  /**
   * Each layer's GeoJSON that was read: its `text` as fetched, and its parsed `value` (a worker
   * gets the text alone and parses it: a string is cheaper to copy than the objects); a file given
   * inline in the story object has only its value.
   */
  layers: Partial<Record<Layer, { file: string; text?: string; value?: unknown }>>;
  /** The text of every file that has one (file name, text): for line numbers and duplicate keys. */
  texts: [file: string, text: string][];
  /** Issues found in reading the files (missing, not JSON). */
  read: Issue[];
  /** Normalize's issues: mistakes between files (a chapter naming a feature that no file has). */
  links: Issue[];
  /** The files in the order an editor reads their issues (the story first). */
  order: string[];
}

/** `guarded(file, check)` is what `check` finds, or one issue saying it stopped: a checker must never take the story down with it. */
function guarded(file: string, check: () => Issue[]): Issue[] {
  try {
    return check();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return [
      {
        severity: 'error',
        file,
        path: '',
        message: `the checker stopped on an unexpected input (${why}); please report it`,
      },
    ];
  }
}

/** At most this many issues are listed per file and kind of mistake; the rest are counted. */
export const MAX_SIMILAR = 20;

/**
 * `runChecks(input)` is every issue of the story: reading the files, duplicate keys, the format's
 * and RFC 7946's (validate.ts), then between files, with line numbers, file by file and line by line, each kind of
 * mistake capped at MAX_SIMILAR. Never throws: a bug of the checks is one issue.
 */
export function runChecks(input: CheckInput): Issue[] {
  const { story, storyFile } = input;
  const texts = new Map(input.texts);
  const checked = [
    ...guarded(storyFile, () => [...texts].flatMap(([file, text]) => duplicateKeys(text, file))),
    ...guarded(storyFile, () => {
      const layers: Parameters<typeof validateStory>[0]['layers'] = {};
      for (const [layer, entry] of Object.entries(input.layers) as [Layer, CheckInput['layers'][Layer] & {}][]) {
        // Parsed again from its text when only that came (in a worker). A file whose whole text is
        // `null` is a wrong value, not a missing file (as in load.ts).
        const value = entry.value !== undefined ? entry.value : (JSON.parse(entry.text!) ?? 'null');
        const size = entry.text !== undefined ? new TextEncoder().encode(entry.text).length : undefined;
        layers[layer] = { value, file: entry.file, size };
      }
      return validateStory({ story, storyFile, layers });
    }),
  ];
  const all = locateIssues([...input.read, ...checked, ...input.links], texts);
  return capIssues(byPlace(all, input.order));
}

/**
 * `capIssues(issues)` keeps the first MAX_SIMILAR issues of each kind in each file (the kind is the
 * message with its numbers and quoted values taken out) and says how many more there are, so one
 * systematic mistake (projected coordinates, a missing bracket level) does not bury the others.
 */
export function capIssues(issues: readonly Issue[]): Issue[] {
  const kind = (i: Issue) => `${i.file}|${i.severity}|${i.message.replace(/"[^"]*"|\[[^\]]*\]|-?\d+(\.\d+)?/g, '#')}`;
  const seen = new Map<string, { first: Issue; n: number }>();
  const out: Issue[] = [];
  for (const issue of issues) {
    const k = kind(issue);
    const entry = seen.get(k) ?? { first: issue, n: 0 };
    seen.set(k, entry);
    if (++entry.n <= MAX_SIMILAR) out.push(issue);
  }
  for (const { first, n } of seen.values()) {
    if (n <= MAX_SIMILAR) continue;
    out.push({
      severity: first.severity,
      file: first.file,
      path: '',
      message: `…and ${n - MAX_SIMILAR} more like "${first.message.slice(0, 80)}${first.message.length > 80 ? '…' : ''}"`,
    });
  }
  return out;
}

/** Issues in the order an editor reads them: file by file (the story first), then by line. */
function byPlace(issues: Issue[], files: readonly string[]): Issue[] {
  const rank = (f: string) => files.indexOf(f) + 1 || files.length + 1;
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort(
      (a, b) =>
        rank(a.issue.file) - rank(b.issue.file) ||
        (a.issue.line ?? 0) - (b.issue.line ?? 0) ||
        (a.issue.column ?? 0) - (b.issue.column ?? 0) ||
        a.i - b.i,
    )
    .map((x) => x.issue);
}
