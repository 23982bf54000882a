/**
 * The fields a schema allows at a path of a value, for "did you mean". Walks the zod schemas
 * through zod's public API (`.shape`, `.element`, `.options`, `.unwrap()`, `.in`, literals'
 * `.values`, and `.def` for a tuple's items and a union's discriminator), never its internals.
 */
import { z } from 'zod';

type Schema = z.core.$ZodType;
type Path = readonly PropertyKey[];

const isRecord = (v: unknown): v is Record<PropertyKey, unknown> => typeof v === 'object' && v !== null;

/**
 * The schemas `schema` may stand for, given the value: a wrapper's inner schema, a union's options,
 * or for a discriminated union (the blocks), only the options whose discriminator the value has.
 */
function alternatives(schema: Schema, value: unknown): Schema[] {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodReadonly
  )
    return alternatives(schema.unwrap(), value);
  if (schema instanceof z.ZodPipe) return alternatives(schema.in, value);
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const key = schema.def.discriminator;
    const given = isRecord(value) ? value[key] : undefined;
    const matching: readonly Schema[] =
      given === undefined
        ? schema.options
        : schema.options.filter((o) => {
            const literal = o instanceof z.ZodObject ? o.shape[key] : undefined;
            return literal instanceof z.ZodLiteral && literal.values.has(given as z.core.util.Literal);
          });
    return (matching.length ? matching : schema.options).flatMap((o) => alternatives(o, value));
  }
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((o: Schema) => alternatives(o, value));
  return [schema];
}

/** The schema of the member `key` of a value of `schema` (none when it has no such member). */
function member(schema: Schema, key: PropertyKey): Schema[] {
  if (schema instanceof z.ZodObject && typeof key === 'string' && Object.hasOwn(schema.shape, key))
    return [schema.shape[key]!];
  if (schema instanceof z.ZodArray && typeof key === 'number') return [schema.element];
  if (schema instanceof z.ZodTuple && typeof key === 'number') {
    const item = schema.def.items[key];
    return item ? [item] : [];
  }
  return [];
}

/** `fieldsAt(schema, path, input)` is the field names the schema allows for the object at `path` of `input`. */
export function fieldsAt(root: Schema, path: Path, input?: unknown): string[] {
  let value = input;
  let here = alternatives(root, value);
  for (const key of path) {
    value = isRecord(value) ? value[key] : undefined;
    here = here.flatMap((s) => member(s, key)).flatMap((s) => alternatives(s, value));
  }
  const keys = new Set<string>();
  for (const s of here) if (s instanceof z.ZodObject) for (const k of Object.keys(s.shape)) keys.add(k);
  return [...keys];
}
