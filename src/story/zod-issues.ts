/**
 * zod's issues in an editor's words: the JSON path, what was expected and what was found, and the
 * likely fix ("did you mean ..."), from the fields the schema allows there (fields.ts).
 */
import type { z } from 'zod';
import { formatPath, type Issue, quote as quoted } from './issues.ts';
import { closest } from './suggest.ts';
import { fieldsAt } from './fields.ts';

type ZodIssue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;
type Path = readonly PropertyKey[];

const quote = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'string') return `the text ${quoted(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: 'text (in quotes)',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object { ... }',
  array: 'a list [ ... ]',
  tuple: 'a list [ ... ]',
};

/** Whether a branch's one issue is that the value, at the top, is of another type altogether. */
function otherType(branch: readonly ZodIssue[], value: unknown): boolean {
  if (branch.length !== 1 || branch[0]!.path.length !== 0) return false;
  const issue = branch[0]!;
  if (issue.code === 'invalid_type') return true;
  // A literal ("previous") when the value is not even of the literal's type (an object, a number).
  return issue.code === 'invalid_value' && issue.values.every((v) => typeof v !== typeof value);
}

/** The issues of the union branch the value was most likely meant for, or null if none stands out. */
function likelyBranch(errors: readonly (readonly ZodIssue[])[], value: unknown): readonly ZodIssue[] | null {
  // A branch whose only complaint is the value's type at the top did not match at all.
  const near = errors.filter((branch) => !otherType(branch, value));
  return near.length === 1 ? near[0]! : null;
}

interface Context {
  /** Prefix of every path (the value's place in its file). */
  base: Path;
  root: Schema;
  file: string;
  input: unknown;
}

/** `within` is where the issue's parent sits, relative to the checked value (for unions). */
function convert(issue: ZodIssue, within: Path, ctx: Context): Issue[] {
  const { root, file, input } = ctx;
  const path = [...within, ...issue.path];
  const at = (p: Path, message: string, severity: Issue['severity'] = 'error'): Issue => ({
    severity,
    file,
    path: formatPath([...ctx.base, ...p]),
    message,
  });
  switch (issue.code) {
    case 'invalid_union': {
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator && options) {
        const value = valueAt(input, path.slice(0, -1)) as Record<string, unknown> | undefined;
        const given = value?.[issue.discriminator];
        if (given === undefined)
          return [at(path, `missing required field "${issue.discriminator}": one of ${quote(options)}`)];
        const near = closest(String(given), options.map(String));
        return [
          at(
            path,
            `unknown ${issue.discriminator} ${quoted(given)}${near ? `; did you mean "${near}"?` : ''} (one of ${quote(options)})`,
          ),
        ];
      }
      const branch = likelyBranch(issue.errors, valueAt(input, path));
      if (branch) return branch.flatMap((sub) => convert(sub, path, ctx));
      const expected = [
        ...new Set(
          issue.errors.flatMap((b) =>
            b.flatMap((i) =>
              i.path.length !== 0
                ? []
                : i.code === 'invalid_type'
                  ? [EXPECTED[i.expected] ?? i.expected]
                  : i.code === 'invalid_value'
                    ? [quote(i.values)]
                    : [],
            ),
          ),
        ),
      ];
      return [at(path, `expected ${expected.join(' or ')}, got ${kindOf(valueAt(input, path))}`)];
    }
    case 'invalid_type': {
      const value = valueAt(input, path);
      if (value === undefined) return [at(path, `missing required field "${String(path.at(-1))}"`)];
      return [at(path, `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${kindOf(value)}`)];
    }
    case 'unrecognized_keys': {
      const fields = fieldsAt(root, path, input);
      const type = (valueAt(input, path) as { type?: unknown } | undefined)?.type;
      const where = typeof type === 'string' && fields.includes('type') ? ` in a ${quoted(type)} block` : '';
      return issue.keys.map((key) => {
        const near = closest(key, fields);
        const hint =
          near && near !== key
            ? `; did you mean "${near}"?`
            : fields.length
              ? ` (fields here: ${fields.join(', ')})`
              : '';
        return at([...path, key], `unknown field ${quoted(key)}${where}${hint}`);
      });
    }
    case 'invalid_value': {
      const value = valueAt(input, path);
      const near = typeof value === 'string' ? closest(value, issue.values.map(String)) : null;
      return [
        at(
          path,
          `${quoted(value)} is not allowed here${near ? `; did you mean "${near}"?` : ''} (one of ${quote(issue.values)})`,
        ),
      ];
    }
    case 'too_small':
    case 'too_big': {
      if (issue.message && !issue.message.startsWith('Too ')) {
        const value = valueAt(input, path);
        // A message that names the number itself ("longitude 185 is out of range: …") needs no "got".
        const named = typeof value === 'number' && issue.message.includes(String(value));
        return [at(path, named ? issue.message : `${issue.message}, got ${kindOf(value)}`)];
      }
      const bound =
        issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      if (issue.origin === 'string' && issue.code === 'too_small' && Number(issue.minimum) === 1)
        return [at(path, 'must not be empty')];
      const what =
        issue.origin === 'array'
          ? `a list of ${bound} items`
          : issue.origin === 'string'
            ? `text of ${bound} characters`
            : bound;
      return [at(path, `must be ${what}, got ${kindOf(valueAt(input, path))}`)];
    }
    default:
      return [at(path, issue.message)];
  }
}

function valueAt(input: unknown, path: Path): unknown {
  let here = input;
  for (const key of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/**
 * `schemaIssues(schema, input, file, base)` checks `input` against `schema`; `base` prefixes the
 * paths (e.g. a feature's `properties`). `[]` when the input is valid.
 */
export function schemaIssues(schema: Schema, input: unknown, file: string, base: Path = []): Issue[] {
  const result = (schema as z.ZodType).safeParse(input, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => convert(issue as ZodIssue, [], { base, root: schema, file, input }));
}
