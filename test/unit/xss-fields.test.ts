// @vitest-environment node
// The hostile-payload corpus and the stories that carry it (test/fixtures/xss, used by
// test/browser/xss.test.ts): every string field of the format's schema holds every payload, so a
// field added to src/story/schema.ts fails here until the hostile stories carry it too.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEXT_LIMITS } from '../../src/story/rules.ts';
import { StorySchema } from '../../src/story/schema.ts';
import { editorFields, payloadsByField, stringFields } from '../fixtures/xss/fields.ts';
import { payloads } from '../fixtures/xss/payloads.ts';

const P = payloads();

describe('the hostile-payload corpus', () => {
  it('holds at least 60 distinct payloads, each text the checker takes (not blank, within the short limit)', () => {
    expect(P.length).toBeGreaterThanOrEqual(60);
    expect(new Set(P).size).toBe(P.length);
    for (const p of P) {
      expect(p.trim(), JSON.stringify(p)).not.toBe('');
      expect(p.trim().length, JSON.stringify(p)).toBeLessThanOrEqual(TEXT_LIMITS.short);
    }
  });

  it('finds the string fields of a schema, a field added to it included', () => {
    const fields = stringFields(StorySchema);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'source.url', 'chapters[].body[]', 'chapters[].body[]<quote>.speaker']),
    );
    // Not the discriminators, nor numbers.
    expect(fields.filter((f) => f.endsWith('.type') || f.includes('camera'))).toEqual([]);
    const extended = StorySchema.extend({ subtitle: z.string().optional() });
    expect(stringFields(extended)).toEqual([...fields, 'subtitle']);
  });

  it('puts every payload in every string field an editor writes (story file, GeoJSON properties and ids)', () => {
    const fields = editorFields();
    expect(fields.length).toBeGreaterThanOrEqual(60);
    const carried = payloadsByField(P);
    const missing = fields
      .map((field) => [field, P.length - (carried.get(field)?.size ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([field, n]) => `${field}: ${n} payloads missing`);
    expect(missing).toEqual([]);
  });
});
