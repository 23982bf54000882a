/**
 * `npm run schema`: writes data/story.schema.json, the JSON Schema (2020-12) of story files, from
 * the zod schema in src/story/schema.ts. Story files point at it with "$schema", so editors such as
 * VS Code autocomplete and explain every field. A unit test fails when the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { StorySchema } from '../story/schema.ts';

export const SCHEMA_FILE = new URL('../../data/story.schema.json', import.meta.url);

/** The JSON Schema text, as committed. */
export function storyJsonSchema(): string {
  const schema = z.toJSONSchema(StorySchema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ ...schema, $id: 'story.schema.json' }, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(SCHEMA_FILE, storyJsonSchema());
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
}
