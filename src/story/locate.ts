/**
 * Line and column numbers for editor mistakes. Loaded only when there is something to report, so
 * a valid story never pays for it.
 */
import {
  findNodeAtLocation,
  parse,
  parseTree,
  printParseErrorCode,
  visit,
  type JSONPath,
  type ParseError,
} from 'jsonc-parser';
import { formatPath, type Issue } from './issues.ts';

const SYNTAX_HELP: Record<string, string> = {
  CommaExpected: 'a comma is missing between two values or fields',
  ColonExpected: 'a colon is missing after a field name',
  PropertyNameExpected: 'expected a field name in double quotes (is there a trailing comma before "}"?)',
  ValueExpected: 'expected a value (is there a trailing comma before "]" or "}", or an empty field?)',
  CloseBraceExpected: 'a closing "}" is missing',
  CloseBracketExpected: 'a closing "]" is missing',
  EndOfFileExpected: 'unexpected text after the end of the JSON (an extra "}" or a second value?)',
  InvalidSymbol: 'this is not JSON: strings need double quotes, and true/false/null are lower case',
  InvalidNumberFormat: 'this number is not valid JSON (no leading zeros, "+" signs or trailing dots)',
  UnexpectedEndOfString: 'a string is not closed: a double quote is missing',
  InvalidCommentToken: 'JSON does not allow comments',
  InvalidEscapeCharacter: 'invalid escape in a string: write a backslash as \\\\',
  InvalidCharacter: 'a control character (such as a tab or line break) inside a string',
};

/** The offsets where each line of a text starts, for `lineColumn` in O(log n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** `lineColumn(text, offset)` returns the 1-based line and column of a character offset. */
export function lineColumn(
  text: string,
  offset: number,
  starts: readonly number[] = lineStarts(text),
): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/** `syntaxIssues(text, file)` returns every JSON syntax error in the text, with where it is. */
export function syntaxIssues(text: string, file: string): Issue[] {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const starts = lineStarts(text);
  return errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return {
      severity: 'error' as const,
      file,
      path: '',
      message: `JSON syntax: ${SYNTAX_HELP[code] ?? code}`,
      ...lineColumn(text, e.offset, starts),
    };
  });
}

/**
 * `duplicateKeys(text, file)` finds fields written twice in one object. JSON.parse keeps the last
 * one silently, so the first is lost: an error, pointing at the second.
 */
export function duplicateKeys(text: string, file: string): Issue[] {
  const issues: Issue[] = [];
  const stack: Set<string>[] = [];
  const starts = lineStarts(text);
  visit(text, {
    onObjectBegin: () => void stack.push(new Set()),
    onObjectEnd: () => void stack.pop(),
    onObjectProperty: (name, offset, _length, _line, _column, pathSupplier) => {
      const seen = stack.at(-1);
      if (!seen) return;
      if (seen.has(name)) {
        const path = formatPath([...pathSupplier(), name]);
        issues.push({
          severity: 'error',
          file,
          path,
          message: `"${name}" is written twice in this object: only the last one counts, the first is lost`,
          ...lineColumn(text, offset, starts),
        });
      }
      seen.add(name);
    },
  });
  return issues;
}

/** `parsePath('chapters[2].map.focus[0]')` returns `['chapters', 2, 'map', 'focus', 0]`. */
export function parsePath(path: string): JSONPath {
  const out: JSONPath = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * `locate(text, issues)` adds line and column to issues about this text, pointing at the field
 * their path names (or its nearest existing parent, for a missing field).
 */
export function locate(text: string, issues: readonly Issue[]): Issue[] {
  const root = parseTree(text);
  if (!root) return [...issues];
  const starts = lineStarts(text);
  return issues.map((issue) => {
    if (issue.line !== undefined) return issue;
    const path = parsePath(issue.path);
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, path.slice(0, n));
      if (node) {
        // Point at the field name when there is one, as editors read "the field on line N".
        const at = node.parent?.type === 'property' && n === path.length ? node.parent.offset : node.offset;
        return { ...issue, ...lineColumn(text, at, starts) };
      }
    }
    return issue;
  });
}
