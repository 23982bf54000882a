/**
 * Line and column numbers for editor mistakes, as jsonc-parser counts them while it reads the text
 * (1-based here; "\n", "\r\n" and a lone "\r" each end a line). Loaded only when there is
 * something to report, so a valid story never pays for it.
 */
import { printParseErrorCode, visit, type JSONPath } from 'jsonc-parser';
import { formatPath, type Issue, quote } from './issues.ts';

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

/** Where something starts in a text: jsonc-parser's 0-based line and character, made 1-based. */
const at = (line: number, character: number) => ({ line: line + 1, column: character + 1 });

/** `syntaxIssues(text, file)` returns every JSON syntax error in the text, with where it is. */
export function syntaxIssues(text: string, file: string): Issue[] {
  const issues: Issue[] = [];
  visit(
    text,
    {
      onError: (error, _offset, _length, line, character) => {
        const code = printParseErrorCode(error);
        issues.push({
          severity: 'error',
          file,
          path: '',
          message: `JSON syntax: ${SYNTAX_HELP[code] ?? code}`,
          ...at(line, character),
        });
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  return issues;
}

/**
 * `duplicateKeys(text, file)` finds fields written twice in one object. JSON.parse keeps the last
 * one silently, so the first is lost: an error, pointing at the second.
 */
export function duplicateKeys(text: string, file: string): Issue[] {
  const issues: Issue[] = [];
  const stack: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void stack.push(new Set()),
    onObjectEnd: () => void stack.pop(),
    onObjectProperty: (name, _offset, _length, line, character, pathSupplier) => {
      const seen = stack.at(-1);
      if (!seen) return;
      if (seen.has(name)) {
        issues.push({
          severity: 'error',
          file,
          path: formatPath([...pathSupplier(), name]),
          message: `${quote(name)} is written twice in this object: only the last one counts, the first is lost`,
          ...at(line, character),
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

type Spot = { line: number; column: number };

/** A path the issues name, as a tree of their keys, with where the text has each step. */
interface Step {
  next: Map<string | number, Step>;
  /** Where the field's name is, for a member of an object. */
  name?: Spot;
  /** Where the value starts. */
  value?: Spot;
  /** Set once the text has this step: an object with the same field twice counts the first. */
  seen?: boolean;
}

/** One object or array being read: its step in the tree (null outside it) and what comes next in it. */
interface Frame {
  step: Step | null;
  index: number;
  member: Step | null;
}

/**
 * `locate(text, issues)` adds line and column to issues about this text, pointing at the field
 * their path names (or its nearest existing parent, for a missing field). One pass over the text,
 * which skips every object and array no issue is about.
 */
export function locate(text: string, issues: readonly Issue[]): Issue[] {
  const root: Step = { next: new Map() };
  const paths = issues.map((issue) => (issue.line === undefined ? parsePath(issue.path) : null));
  for (const path of paths) {
    let step = root;
    for (const key of path ?? []) {
      const child = step.next.get(key) ?? { next: new Map() };
      step.next.set(key, child);
      step = child;
    }
  }
  const stack: Frame[] = [];
  /** The step of the value starting here (null when no issue is about it), with where it starts. */
  const enter = (line: number, character: number): Step | null => {
    const frame = stack.at(-1);
    let step: Step | null;
    if (!frame) {
      step = root.seen ? null : root;
      root.seen = true;
    } else if (frame.member !== null || frame.index < 0) {
      step = frame.member;
      frame.member = null;
    } else {
      step = frame.step?.next.get(frame.index++) ?? null;
    }
    if (step) step.value ??= at(line, character);
    return step;
  };
  const begin = (isArray: boolean) => (_offset: number, _length: number, line: number, character: number) => {
    const step = enter(line, character);
    stack.push({ step, index: isArray ? 0 : -1, member: null });
    // false: jsonc-parser skips what is inside (until the matching end).
    return step !== null && step.next.size > 0;
  };
  visit(text, {
    onObjectBegin: begin(false),
    onArrayBegin: begin(true),
    onObjectEnd: () => void stack.pop(),
    onArrayEnd: () => void stack.pop(),
    onObjectProperty: (name, _offset, _length, line, character) => {
      const frame = stack.at(-1);
      if (!frame) return;
      let member = frame.step?.next.get(name) ?? null;
      if (member?.seen) member = null;
      if (member) {
        member.seen = true;
        member.name = at(line, character);
      }
      frame.member = member;
    },
    onLiteralValue: (_value, _offset, _length, line, character) => void enter(line, character),
  });
  return issues.map((issue, i) => {
    const path = paths[i];
    if (!path) return issue;
    // The deepest step of the path the text has; the field's name when it is the whole path.
    const steps: Step[] = [root];
    for (const key of path) {
      const step = steps.at(-1)!.next.get(key)!;
      if (!step.value) break;
      steps.push(step);
    }
    const last = steps.at(-1)!;
    if (!last.value) return issue;
    const spot = steps.length === path.length + 1 && last.name ? last.name : last.value;
    return { ...issue, ...spot };
  });
}

/**
 * `locateIssues(issues, texts)` adds line numbers to the issues of each file whose text is in `texts`
 * (file name → text), each text read once; the others are left as they are.
 */
export function locateIssues(issues: readonly Issue[], texts: ReadonlyMap<string, string>): Issue[] {
  const located = new Map<string, { issues: Issue[]; next: number }>();
  for (const [file, text] of texts) {
    const own = issues.filter((i) => i.file === file && i.line === undefined);
    if (own.length) located.set(file, { issues: locate(text, own), next: 0 });
  }
  // Taken in order by an index: Array#shift moves the whole rest of the list each time, which for
  // a file with an issue per feature (50,000) is quadratic.
  return issues.map((issue) => {
    const own = issue.line === undefined ? located.get(issue.file) : undefined;
    return own ? own.issues[own.next++]! : issue;
  });
}
