#!/usr/bin/env node
// `npm run build:lib` (and `npm pack`'s prepack): the npm package's modules, in lib/.
//
// 1. `tsc -p tsconfig.lib.json`: one ES module and one .d.ts per source module that src/index.ts
//    reaches (the CLI and the checker's node-only code are not reached). Dependencies (Lit, d3,
//    MapLibre, ...) stay imports, so the host's bundler shares them with the host's own.
// 2. The source's Vite-only imports are rewritten into forms every bundler understands:
//    - `import x from './file?url'` (our own files: the basemap) copies the file to lib/assets/ and
//      becomes `const x = new URL('../assets/file', import.meta.url).href`;
//    - `import x from 'package/file?url'` (a dependency's file: the fonts, MapLibre's worker) becomes
//      `const x = new URL('package/file', import.meta.url).href`, so the host's bundler emits the
//      file of the version the host installed (MapLibre's worker must match its main thread);
//    - `import x from 'file.css?inline'` becomes an import of a generated `file.css.js` whose default
//      export is the CSS text, its `@import`s inlined, minified and lowered for the site's browser
//      targets (lightningcss, Vite's own);
//    any other `?query` import fails the build.
// 3. Relative `.ts` specifiers left by tsc become `.js`, the workers' `new URL`s too (tsc rewrites none in the .d.ts files, and
//    misses some dynamic imports in class methods).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');
const lib = join(root, 'lib');
const require = createRequire(join(root, 'package.json'));
const { bundle } = require('lightningcss');

const posix = (path) => path.split(sep).join('/');
/** A relative specifier from the folder of `from` to `to`, starting with ./ or ../ */
const specifier = (from, to) => {
  const rel = posix(relative(dirname(from), to));
  return rel.startsWith('.') ? rel : `./${rel}`;
};

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Where a specifier found in the lib module `file` points on disk (relative to its source module, or a package). */
function resolveSource(spec, file) {
  if (spec.startsWith('.')) return resolve(dirname(join(src, relative(lib, file))), spec);
  return require.resolve(spec);
}

const started = Date.now();
rmSync(lib, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.lib.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

/** The browsers of the site's build target, es2022, as Vite maps it for CSS (nesting is lowered for them). */
const v = (major, minor = 0) => (major << 16) | (minor << 8);
const CSS_TARGETS = { chrome: v(94), edge: v(94), safari: v(16, 4), ios_saf: v(16, 4), firefox: v(93), opera: v(80) };

const IMPORT = /^import (\w+) from '([^'?]+)\?(\w+)';$/gm;
const problems = [];
const assets = join(lib, 'assets');
const css = new Map(); // CSS source file -> generated module in lib/

/** `from './x.ts'`, `import('./x.ts')` and `new URL('./x.ts', import.meta.url)` (a worker) → `.js` */
const tsSpecifiers = (text) =>
  text.replace(/((?:from |import\(|new URL\()['"])(\.\.?\/[^'"]+)\.ts(['"])/g, '$1$2.js$3');

for (const file of walk(lib)) {
  if (file.endsWith('.d.ts')) {
    const text = readFileSync(file, 'utf8');
    const out = tsSpecifiers(text);
    if (out !== text) writeFileSync(file, out);
    continue;
  }
  if (!file.endsWith('.js')) continue;
  const text = readFileSync(file, 'utf8');
  const out = tsSpecifiers(text).replace(IMPORT, (line, name, spec, query) => {
    if (query === 'url') {
      if (!spec.startsWith('.')) return `const ${name} = new URL('${spec}', import.meta.url).href;`;
      const source = resolveSource(spec, file);
      mkdirSync(assets, { recursive: true });
      const target = join(assets, basename(source));
      copyFileSync(source, target);
      return `const ${name} = new URL('${specifier(file, target)}', import.meta.url).href;`;
    }
    if (query === 'inline' && spec.endsWith('.css')) {
      const source = resolveSource(spec, file);
      let target = css.get(source);
      if (!target) {
        target = spec.startsWith('.')
          ? join(lib, relative(src, source)).replace(/\.css$/, '.css.js')
          : join(assets, basename(source).replace(/\.css$/, '.css.js'));
        const { code } = bundle({ filename: source, minify: true, targets: CSS_TARGETS });
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, `export default ${JSON.stringify(code.toString())};\n`);
        css.set(source, target);
      }
      return `import ${name} from '${specifier(file, target)}';`;
    }
    problems.push(`${posix(relative(root, file))}: ${line}`);
    return line;
  });
  if (/from '[^']*\?/.test(out)) problems.push(`${posix(relative(root, file))}: an import with a query is left`);
  if (out !== text) writeFileSync(file, out);
}

if (problems.length) {
  console.error(`build-lib: imports no bundler but Vite understands:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
const files = walk(lib);
console.log(
  `build-lib: ${files.filter((f) => f.endsWith('.js')).length} modules, ${files.filter((f) => f.endsWith('.d.ts')).length} .d.ts in lib/ [${Date.now() - started} ms]`,
);
