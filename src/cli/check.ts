/**
 * `npm run check -- <story.json> [more.json ...]`: checks story files and every GeoJSON file they
 * name, with the same code the page runs, and prints one line per issue:
 *
 *   data/story.json:12:7: error: unknown field "focsu"; did you mean "focus"? [chapters[0].map.focsu]
 *
 * Exits 1 when any file has an error (warnings alone exit 0), 2 when called wrongly.
 */
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadStory } from '../story/load.ts';
import { formatIssue, printable } from '../story/issues.ts';
import { plural } from '../story/format.ts';

/** Serves `file:` URLs from the disk, as fetch would serve them from a web server (404 when absent). */
export async function diskFetch(url: string): Promise<Response> {
  try {
    return new Response(await readFile(new URL(url)), { status: 200 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return new Response(String(code), { status: code === 'ENOENT' || code === 'EISDIR' ? 404 : 500 });
  }
}

/** The last line printed for a file: `story.json: no errors, 1 warning`. */
export function summary(file: string, errors: number, warnings: number): string {
  return printable(`${file}: ${errors ? plural(errors, 'error') : 'no errors'}, ${plural(warnings, 'warning')}`);
}

/** Checks one story file; returns the lines to print and how many errors and warnings it has. */
export async function checkFile(
  path: string,
  cwd = process.cwd(),
): Promise<{ lines: string[]; errors: number; warnings: number }> {
  const names = pathToFileURL(`${cwd}/`).href;
  const { issues } = await loadStory(pathToFileURL(resolve(cwd, path)), { fetch: diskFetch, names });
  const errors = issues.filter((i) => i.severity === 'error').length;
  return { lines: issues.map(formatIssue), errors, warnings: issues.length - errors };
}

async function main(args: string[]): Promise<number> {
  const files = args.filter((a) => !a.startsWith('-'));
  if (args.includes('--help') || args.includes('-h') || files.length === 0) {
    console.log(
      'usage: npm run check -- <story.json> [more story files]\n\nChecks each story and the GeoJSON files it names; prints file:line:col: error|warning: message [json.path]; exits 1 on any error.',
    );
    return files.length === 0 && !args.includes('--help') && !args.includes('-h') ? 2 : 0;
  }
  let failed = false;
  for (const file of files) {
    const { lines, errors, warnings } = await checkFile(file);
    for (const line of lines) console.log(line);
    // Named as its issues name it: relative to the working directory.
    console.log(summary(relative(process.cwd(), resolve(file)) || file, errors, warnings));
    failed ||= errors > 0;
  }
  return failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
