/**
 * Checks a story and its GeoJSON against the format (schema.ts) and RFC 7946 (geojson.ts), and
 * turns every finding into an `Issue` an editor can act on: the JSON path, what is wrong, and the
 * likely fix ("did you mean ..."). Loaded on demand: readers' first paint never waits for it.
 */
import type { z } from 'zod';
import type { BBox, Layer } from './types.ts';
import { formatPath, type Issue } from './issues.ts';
import { closest, editDistance } from './suggest.ts';
import { AreaPropertiesSchema, PlacePropertiesSchema, RoutePropertiesSchema, StorySchema, isoDay } from './schema.ts';
import { collectionIssues, storyArea } from './geojson.ts';

type ZodIssue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

// ------------------------------------------------------------------------------------------------
// Walking a schema by path, to list the fields an object may have (for "did you mean").

type AnySchema = z.core.$ZodType;

/**
 * The schemas `schema` may stand for, given the value: a union's options, or for a discriminated
 * union (the blocks), only the option whose discriminator matches the value's.
 */
function children(schema: AnySchema, value?: unknown): AnySchema[] {
  const def = schema._zod.def as unknown as {
    type: string;
    innerType?: AnySchema;
    options?: AnySchema[];
    in?: AnySchema;
    discriminator?: string;
  };
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return children(def.innerType!, value);
    case 'pipe':
      return children(def.in!, value);
    case 'union': {
      const key = def.discriminator;
      const given =
        key && typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      const matching =
        given === undefined
          ? def.options!
          : def.options!.filter((o) => {
              const shape = (o._zod.def as unknown as { shape?: Record<string, AnySchema> }).shape;
              const literal = shape?.[key!]?._zod.def as unknown as { values?: unknown[] } | undefined;
              return literal?.values?.includes(given) ?? false;
            });
      return (matching.length ? matching : def.options!).flatMap((o) => children(o, value));
    }
    default:
      return [schema];
  }
}

function step(schema: AnySchema, key: PropertyKey): AnySchema[] {
  const def = schema._zod.def as unknown as {
    type: string;
    shape?: Record<string, AnySchema>;
    element?: AnySchema;
    items?: AnySchema[];
  };
  if (def.type === 'object' && typeof key === 'string' && def.shape?.[key]) return [def.shape[key]];
  if (def.type === 'array' && typeof key === 'number') return [def.element!];
  if (def.type === 'tuple' && typeof key === 'number' && def.items?.[key]) return [def.items[key]];
  return [];
}

/** The field names the schema allows for the object at `path` of `input`. */
export function fieldsAt(root: AnySchema, path: Path, input?: unknown): string[] {
  let value = input;
  let here = children(root, value);
  for (const key of path) {
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
    here = here.flatMap((s) => step(s, key)).flatMap((s) => children(s, value));
  }
  const keys = new Set<string>();
  for (const s of here) {
    const def = s._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
    if (def.type === 'object') Object.keys(def.shape ?? {}).forEach((k) => keys.add(k));
  }
  return [...keys];
}

// ------------------------------------------------------------------------------------------------
// Zod issues to editor issues.

const quote = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
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

/** The issues of the union branch the value was most likely meant for, or null if none stands out. */
function likelyBranch(errors: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | null {
  // A branch whose only complaint is the value's type at the top did not match at all.
  const near = errors.filter(
    (branch) => !(branch.length === 1 && branch[0]!.code === 'invalid_type' && branch[0]!.path.length === 0),
  );
  return near.length === 1 ? near[0]! : null;
}

interface Context {
  /** Prefix of every path (the value's place in its file). */
  base: Path;
  root: AnySchema;
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
      const withOptions = issue as unknown as { note?: string; discriminator?: string; options?: unknown[] };
      if (withOptions.discriminator && withOptions.options) {
        const value = valueAt(input, path.slice(0, -1)) as Record<string, unknown> | undefined;
        const given = value?.[withOptions.discriminator];
        if (given === undefined)
          return [
            at(path, `missing required field "${withOptions.discriminator}": one of ${quote(withOptions.options)}`),
          ];
        const near = closest(String(given), withOptions.options.map(String));
        return [
          at(
            path,
            `unknown ${withOptions.discriminator} ${JSON.stringify(given)}${near ? `; did you mean "${near}"?` : ''} (one of ${quote(withOptions.options)})`,
          ),
        ];
      }
      const branch = likelyBranch(issue.errors);
      if (branch) return branch.flatMap((sub) => convert(sub, path, ctx));
      const expected = [
        ...new Set(
          issue.errors.flatMap((b) =>
            b
              .filter((i) => i.code === 'invalid_type')
              .map((i) => EXPECTED[(i as { expected: string }).expected] ?? (i as { expected: string }).expected),
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
      const where = typeof type === 'string' && fields.includes('type') ? ` in a "${type}" block` : '';
      return issue.keys.map((key) => {
        const near = closest(key, fields);
        const hint =
          near && near !== key
            ? `; did you mean "${near}"?`
            : fields.length
              ? ` (fields here: ${fields.join(', ')})`
              : '';
        return at([...path, key], `unknown field "${key}"${where}${hint}`);
      });
    }
    case 'invalid_value': {
      const value = valueAt(input, path);
      const near = typeof value === 'string' ? closest(value, issue.values.map(String)) : null;
      return [
        at(
          path,
          `${JSON.stringify(value)} is not allowed here${near ? `; did you mean "${near}"?` : ''} (one of ${quote(issue.values)})`,
        ),
      ];
    }
    case 'too_small':
    case 'too_big': {
      if (issue.message && !issue.message.startsWith('Too '))
        return [at(path, `${issue.message}, got ${kindOf(valueAt(input, path))}`)];
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

/** Checks `input` against `schema`; `base` prefixes the paths (e.g. a feature's `properties`). */
export function schemaIssues(schema: AnySchema, input: unknown, file: string, base: Path = []): Issue[] {
  const result = (schema as z.ZodType).safeParse(input, { reportInput: true });
  if (result.success) return [];
  return result.error.issues.flatMap((issue) => convert(issue as ZodIssue, [], { base, root: schema, file, input }));
}

// ------------------------------------------------------------------------------------------------
// The story as a whole.

const PROPERTIES: Record<Layer, AnySchema> = {
  places: PlacePropertiesSchema,
  routes: RoutePropertiesSchema,
  areas: AreaPropertiesSchema,
};

/** Properties the map reads, per layer, for "did you mean" on GeoJSON's free-form properties. */
const KNOWN_PROPERTIES: Record<Layer, string[]> = {
  places: fieldsAt(PlacePropertiesSchema, []),
  routes: fieldsAt(RoutePropertiesSchema, []),
  areas: fieldsAt(AreaPropertiesSchema, []),
};

export interface StoryFileSet {
  /** The parsed story file (undefined when it could not be read). */
  story: unknown;
  storyFile: string;
  /** Each layer's parsed GeoJSON and file name, when the story names one and it could be read. */
  layers: Partial<Record<Layer, { value: unknown; file: string; size?: number }>>;
}

/** Files bigger than this are slow for readers on phones. */
export const LARGE_FILE = 5 * 1024 * 1024;

/**
 * `validateStory(files)` returns every issue the format and RFC 7946 find in a story and its
 * GeoJSON. Cross-references (a chapter naming a feature that does not exist) are normalize.ts's.
 */
export function validateStory(files: StoryFileSet): Issue[] {
  const issues: Issue[] = [];
  const { story, storyFile } = files;
  issues.push(...schemaIssues(StorySchema, story, storyFile));
  issues.push(...eventOrder(story, storyFile));

  const bounds = (story as { map?: { bounds?: unknown } } | undefined)?.map?.bounds;
  const given =
    Array.isArray(bounds) && bounds.length === 4 && bounds.every((n) => typeof n === 'number')
      ? (bounds as BBox)
      : null;
  const collections = Object.values(files.layers).map((l) => l!.value);
  const area = (feature: unknown) => given ?? storyArea(collections, feature);
  for (const [layer, entry] of Object.entries(files.layers) as [
    Layer,
    { value: unknown; file: string; size?: number },
  ][]) {
    if (entry.size !== undefined && entry.size > LARGE_FILE) {
      issues.push({
        severity: 'warning',
        file: entry.file,
        path: '',
        message: `this file is ${(entry.size / 1024 / 1024).toFixed(1)} MB, and every reader downloads all of it: simplify the shapes (e.g. npx mapshaper ${entry.file} -simplify 10% -o precision=0.00001) or split it`,
      });
    }
    for (const issue of validateLayer(layer, entry.value, entry.file, area)) issues.push(issue);
  }
  return issues;
}

/**
 * `validateLayer(layer, value, file, area)` checks one GeoJSON file of a layer: RFC 7946, the
 * geometry the layer draws, and the properties the map reads. `area(feature)` is the story's area
 * for the swapped-coordinates warning (null: no such check).
 */
export function validateLayer(
  layer: Layer,
  value: unknown,
  file: string,
  area: (feature: unknown) => BBox | null = () => null,
): Issue[] {
  const warned = new Set<string>();
  return collectionIssues(layer, value, file, area, (properties, path) => {
    const found = schemaIssues(PROPERTIES[layer], properties, file, path);
    // GeoJSON allows any property; flag only the ones that look like a typo of one the map reads
    // (one letter off, two for long names; not a variant like name_en), once per file.
    if (typeof properties === 'object' && properties !== null) {
      for (const key of Object.keys(properties)) {
        if (KNOWN_PROPERTIES[layer].includes(key) || warned.has(key) || /^[a-z]+[_:-]/i.test(key)) continue;
        const near = KNOWN_PROPERTIES[layer].find((k) => editDistance(key.toLowerCase(), k) <= (k.length >= 6 ? 2 : 1));
        if (!near) continue;
        warned.add(key);
        found.push({
          severity: 'warning',
          file,
          path: formatPath([...path, key]),
          message: `the map does not read "${key}"; did you mean "${near}"?`,
        });
      }
    }
    return found;
  });
}

/** Events listed out of date order are a warning: the timeline sorts them, but the file misleads. */
function eventOrder(story: unknown, file: string): Issue[] {
  const events = (story as { events?: unknown } | undefined)?.events;
  if (!Array.isArray(events)) return [];
  const out: Issue[] = [];
  let last: { day: string; index: number } | null = null;
  events.forEach((e, i) => {
    const day = (e as { date?: unknown } | null)?.date;
    if (typeof day !== 'string' || !isoDay.safeParse(day).success) return;
    if (last && day < last.day) {
      out.push({
        severity: 'warning',
        file,
        path: `events[${i}].date`,
        message: `${day} comes after ${last.day} (events[${last.index}]) in the list: keep events in date order (the timeline sorts them anyway)`,
      });
    }
    if (!last || day >= last.day) last = { day, index: i };
  });
  return out;
}
