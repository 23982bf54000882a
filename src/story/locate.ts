/**
 * Line and column numbers for editor mistakes. Loaded only when there is something to report, so
 * a valid story never pays for it.
 */
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type JSONPath, type ParseError } from 'jsonc-parser';
import type { Issue } from './issues.ts';

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

/** `lineColumn(text, offset)` returns the 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** `syntaxIssues(text, file)` returns every JSON syntax error in the text, with where it is. */
export function syntaxIssues(text: string, file: string): Issue[] {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors.map((e) => {
    const code = printParseErrorCode(e.error);
    return {
      severity: 'error' as const,
      file,
      path: '',
      message: `JSON syntax: ${SYNTAX_HELP[code] ?? code}`,
      ...lineColumn(text, e.offset),
    };
  });
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
  return issues.map((issue) => {
    if (issue.line !== undefined) return issue;
    const path = parsePath(issue.path);
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(root, path.slice(0, n));
      if (node) {
        // Point at the field name when there is one, as editors read "the field on line N".
        const at = node.parent?.type === 'property' && n === path.length ? node.parent.offset : node.offset;
        return { ...issue, ...lineColumn(text, at) };
      }
    }
    return issue;
  });
}
