// @vitest-environment node
// The published JSON Schema is generated from the zod schema, and the two agree on the stories.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, storyJsonSchema } from '../../src/cli/schema.ts';
import { TEXT_LIMITS } from '../../src/story/rules.ts';
import { StorySchema } from '../../src/story/schema.ts';
import { fieldsAt } from '../../src/story/fields.ts';
import { schemaIssues } from '../../src/story/zod-issues.ts';

const read = (path: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8'));

describe('story.schema.json', () => {
  it('is up to date with src/story/schema.ts (run npm run schema after changing the schema)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(storyJsonSchema());
  });

  it('is JSON Schema 2020-12, and both story files point at it', () => {
    const schema = JSON.parse(storyJsonSchema());
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.required).toEqual(['title', 'chapters']);
    expect(read('data/story.json').$schema).toBe('story.schema.json');
    expect(read('data/examples/panama-canal/story.json').$schema).toBe('../../story.schema.json');
  });

  it('describes every field, so an editor explains it on hover', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node !== 'object' || node === null) return;
      const n = node as {
        properties?: Record<string, { description?: string }>;
        items?: unknown;
        anyOf?: unknown[];
        oneOf?: unknown[];
      };
      for (const [key, child] of Object.entries(n.properties ?? {})) {
        if (!child.description && !(child as { anyOf?: unknown }).anyOf) missing.push(`${path}.${key}`);
        walk(child, `${path}.${key}`);
      }
      if (n.items) walk(n.items, `${path}[]`);
      for (const option of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) walk(option, path);
    };
    walk(JSON.parse(storyJsonSchema()), '');
    // A block's "type" is its own explanation.
    expect(missing.filter((p) => !p.endsWith('.type'))).toEqual([]);
  });
});

describe('the zod schema', () => {
  it('accepts both stories as they are', () => {
    expect(schemaIssues(StorySchema, read('data/story.json'), 'story.json')).toEqual([]);
    expect(schemaIssues(StorySchema, read('data/examples/panama-canal/story.json'), 'story.json')).toEqual([]);
  });

  it('takes "previous" for a chapter\'s map (it keeps the previous one), and names anything else that is not a map', () => {
    const story = (map: unknown) => ({
      title: 'T',
      chapters: [
        { id: 'a', title: 'A' },
        { id: 'b', title: 'B', map },
      ],
    });
    expect(schemaIssues(StorySchema, story('previous'), 's.json')).toEqual([]);
    expect(schemaIssues(StorySchema, story(5), 's.json').map((i) => i.message)).toEqual([
      'expected an object { ... } or "previous", got the number 5',
    ]);
    expect(schemaIssues(StorySchema, story({ focsu: [] }), 's.json').map((i) => i.message)).toEqual([
      'unknown field "focsu"; did you mean "focus"?',
    ]);
  });

  it('fieldsAt(schema, path) lists the fields allowed at a path, for "did you mean"', () => {
    expect(fieldsAt(StorySchema, ['chapters', 0, 'map'])).toEqual([
      'focus',
      'camera',
      'highlight',
      'show',
      'description',
    ]);
    // A block's fields depend on its type; without a value, any block's.
    const story = { chapters: [{ body: ['text', { type: 'note', text: 'x' }] }] };
    expect(fieldsAt(StorySchema, ['chapters', 0, 'body', 1], story)).toEqual(['type', 'label', 'text']);
    expect(fieldsAt(StorySchema, ['chapters', 0, 'body', 1])).toEqual([
      'type',
      'text',
      'speaker',
      'role',
      'context',
      'label',
      'from',
      'to',
    ]);
  });
});

describe('text limits', () => {
  it('names a text over its limit with its length and the limit, short fields and long ones', () => {
    const story = read('data/story.json');
    story.title = 'T'.repeat(TEXT_LIMITS.short + 1);
    story.chapters[0].body[0] = 'w '.repeat(TEXT_LIMITS.long);
    story.chapters[1].title = 'x'.repeat(TEXT_LIMITS.short);
    const found = schemaIssues(StorySchema, story, 'story.json').map((i) => `${i.path}: ${i.message}`);
    expect(found).toEqual([
      expect.stringMatching(/^title: is 301 characters long: at most 300 are allowed here, got the text "T+\.\.\."$/),
      expect.stringMatching(/^chapters\[0\]\.body\[0\]: is 19,999 characters long: at most 10,000 are allowed here/),
    ]);
  });
});
