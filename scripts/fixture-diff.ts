// `npm run fixture-diff -- <name> <folder>`: writes test/fixtures/check/<name>/change.diff, the change
// from 00-valid's story files to the folder's (README, expected.txt and change.diff in it are ignored).
// `npm run fixture-diff -- <name>`: copies fixture <name>'s story files (00-valid's if it does not
// exist yet) into a new temporary folder to edit, and prints its path. See test/fixtures/check/README.md.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  changeDiff,
  FIXTURES,
  fixtureFiles,
  materializeFixture,
  META_FILES,
  VALID,
} from '../test/fixtures/fixtures.ts';

const [name, folder, ...rest] = process.argv.slice(2);
if (!name || rest.length > 0 || !/^\d\d-[a-z0-9-]+$/.test(name)) {
  console.error('usage: npm run fixture-diff -- <NN-name> [<edited folder>]');
  process.exit(2);
}
if (folder === undefined) {
  console.log(materializeFixture(existsSync(join(FIXTURES, name)) ? name : VALID));
  process.exit(0);
}
if (name === VALID) {
  console.error(`${VALID} is stored as full files, not as a change`);
  process.exit(2);
}
const files: Record<string, string> = {};
for (const file of readdirSync(folder).sort())
  if (!META_FILES.includes(file) && statSync(join(folder, file)).isFile())
    files[file] = readFileSync(join(folder, file), 'utf8');
const diff = changeDiff(files);
if (diff === '') {
  console.error(`${folder} holds the same story files as ${VALID}: nothing to store`);
  process.exit(1);
}
mkdirSync(join(FIXTURES, name), { recursive: true });
writeFileSync(join(FIXTURES, name, 'change.diff'), diff);
// Read it back the way the tests do, so a diff that does not round-trip fails here and not later.
const back = fixtureFiles(name);
if (JSON.stringify(back) !== JSON.stringify(files)) {
  console.error(`test/fixtures/check/${name}/change.diff does not give back the folder's files`);
  process.exit(1);
}
console.log(`wrote test/fixtures/check/${name}/change.diff (${Object.keys(files).length} files compared)`);
