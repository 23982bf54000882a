/**
 * Editor mistakes are data, never exceptions. Every loader, validator and normaliser returns a list of
 * these; `[]` means the input is valid.
 */
export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** The file the mistake is in, as the editor named it (a URL or a path relative to the story). */
  file: string;
  /** JSON path to the field, e.g. `chapters[2].map.focus[0]`; empty for a whole-file problem. */
  path: string;
  /** What is wrong, why, and how to fix it. */
  message: string;
  /** 1-based line and column in the file, when known. */
  line?: number;
  column?: number;
}

/**
 * Characters that must never reach a terminal or split an issue's line: C0 and C1 controls (line
 * breaks, escape codes that recolour or move the cursor), DEL, the Unicode line and paragraph
 * separators, and the bidirectional controls that reorder what a line shows.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `printable(text)` is `text` with each of those characters written out as an escape (`\n`, `\r`,
 * `\t`, else `\u001b` and the like): one line, and nothing a terminal would act on.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Quoted values longer than this are shortened (the issue says how long they were). */
export const MAX_QUOTED = 80;

/**
 * `quote(value)` is a value from a story as an issue shows it: a string in double quotes with
 * escapes (`"java\nscript:"`, as JSON writes it, and so for every character `printable` writes
 * out), cut at MAX_QUOTED characters (`"xxxx…" (100,000 characters)`); anything else as JSON.
 */
export function quote(value: unknown): string {
  if (typeof value !== 'string') {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      // A cycle or a BigInt: said as what it is.
    }
    text ??= String(value);
    return printable(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text);
  }
  if (value.length <= MAX_QUOTED) return printable(JSON.stringify(value));
  return `${printable(JSON.stringify(`${value.slice(0, MAX_QUOTED - 1)}…`))} (${value.length.toLocaleString('en')} characters)`;
}

/**
 * `file:line:col: severity: message [path]`, the format the checker prints: always one line, with
 * every control character written out (`printable`), whatever the story's values and file names hold.
 */
export function formatIssue(issue: Issue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column ?? 1}` : issue.file;
  const path = issue.path ? ` [${issue.path}]` : '';
  return printable(`${where}: ${issue.severity}: ${issue.message}${path}`);
}

/** `formatPath(['chapters', 2, 'map'])` is `chapters[2].map`, the form issue paths take. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}
