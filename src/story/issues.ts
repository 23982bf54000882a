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

/** `file:line:col: severity: message [path]`, the format the checker prints. */
export function formatIssue(issue: Issue): string {
  const where = issue.line ? `${issue.file}:${issue.line}:${issue.column ?? 1}` : issue.file;
  const path = issue.path ? ` [${issue.path}]` : '';
  return `${where}: ${issue.severity}: ${issue.message}${path}`;
}

/** `formatPath(['chapters', 2, 'map'])` is `chapters[2].map`, the form issue paths take. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`;
  return out;
}
