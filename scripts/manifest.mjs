#!/usr/bin/env node
// `npm run manifest`: writes custom-elements.json, the custom elements manifest, from the JSDoc of
// the elements (custom-elements-manifest.config.mjs says which files). With `--check` it writes
// nothing and exits 1 when the committed file differs from what it would write (npm test runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = join(root, 'custom-elements.json');
const check = process.argv.includes('--check');

const manifest = await cli({
  argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
  cwd: root,
  noWrite: true,
});
const text = `${JSON.stringify(manifest, null, 2)}\n`;

if (!check) {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
} else {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // No manifest yet: it differs.
  }
  if (committed !== text) {
    console.error('custom-elements.json is out of date: run `npm run manifest` and commit it.');
    process.exitCode = 1;
  }
}
