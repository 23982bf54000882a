// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatIssue, MAX_QUOTED, printable, quote } from '../../src/story/issues.ts';

/** Every character a terminal acts on or breaks a line at, and the ones that reorder a line. */
const HOSTILE = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
  '\u061c',
  '\u200e',
  '\u200f',
  '\u2028',
  '\u2029',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
// biome-ignore lint/suspicious/noControlCharactersInRegex: what must not be there.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('printable(text) writes out line breaks, escape codes and bidi controls, and keeps the rest', () => {
    expect(printable('java\nscript:')).toBe('java\\nscript:');
    expect(printable('a\r\tb')).toBe('a\\r\\tb');
    expect(printable('\u001b[31mred\u001b[0m')).toBe('\\u001b[31mred\\u001b[0m');
    expect(printable('a\u2028b\u2029c\u202ed\u009be')).toBe('a\\u2028b\\u2029c\\u202ed\\u009be');
    expect(printable('San Salvador – Tecoluca, “CECOT” 🇸🇻 ñ')).toBe('San Salvador – Tecoluca, “CECOT” 🇸🇻 ñ');
    for (const c of HOSTILE) expect(printable(`a${c}b`), `U+${c.charCodeAt(0).toString(16)}`).not.toMatch(UNSAFE);
  });
});

describe('quote', () => {
  it('quote(value) is the value in double quotes with escapes, as JSON writes it', () => {
    expect(quote('cusco')).toBe('"cusco"');
    expect(quote('java\nscript:')).toBe('"java\\nscript:"');
    expect(quote('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(quote('\u001b[2J\u2028')).toBe('"\\u001b[2J\\u2028"');
    expect(quote(7)).toBe('7');
    expect(quote({ a: '\n' })).toBe('{"a":"\\n"}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(quote(cyclic)).toBe('[object Object]');
  });

  it(`quote(value) shortens a value longer than ${MAX_QUOTED} characters, and says how long it was`, () => {
    const quoted = quote('x'.repeat(100_000));
    expect(quoted).toBe(`"${'x'.repeat(MAX_QUOTED - 1)}…" (100,000 characters)`);
    expect(quote('x'.repeat(MAX_QUOTED))).toBe(`"${'x'.repeat(MAX_QUOTED)}"`);
    expect(quote(['y'.repeat(200)]).length).toBe(MAX_QUOTED);
  });
});

describe('formatIssue', () => {
  it('formatIssue(issue) is one line with no control character, whatever its file, message and path hold', () => {
    const all = HOSTILE.join('');
    const line = formatIssue({
      severity: 'error',
      file: `a${all}.json`,
      line: 4,
      column: 3,
      path: `chapters[0].${all}`,
      message: `no place has the id ${all}`,
    });
    expect(line).not.toMatch(UNSAFE);
    expect(line.split(/\r\n|\r|\n|\u2028|\u2029/)).toHaveLength(1);
    expect(line).toMatch(/^a\\u0000\\u0001.*\.json:4:3: error: no place has the id \\u0000/);
  });
});

describe('npm run check in a terminal', () => {
  it('prints one line per issue, with no control character, for a story full of them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'story-map-terminal-'));
    try {
      const all = HOSTILE.join('');
      writeFileSync(
        join(dir, 'story.json'),
        JSON.stringify({
          title: 'T',
          lang: `java\nscript:${all}`,
          data: { places: `places${all}.geojson` },
          events: [{ date: '2024-01-01', label: 'E', chapter: `one\r${all}` }],
          chapters: [{ id: 'one', title: 'One', [`fo\ncus${all}`]: 1, map: { focus: [`a\u001b[2K${all}`] } }],
        }),
      );
      const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
      let out = '';
      try {
        execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/check.ts', join(dir, 'story.json')], {
          cwd: root,
          encoding: 'utf8',
        });
      } catch (error) {
        // Exit 1: the story has errors.
        expect((error as { status: number }).status).toBe(1);
        out = (error as { stdout: string }).stdout;
      }
      const lines = out.split('\n');
      expect(lines.pop()).toBe('');
      // No control character but the line ends.
      expect(lines.join('')).not.toMatch(UNSAFE);
      // Each line is an issue (file:line:col: severity: message [path]) or the summary.
      for (const line of lines.slice(0, -1)) expect(line).toMatch(/^[^:]+(:\d+:\d+)?: (error|warning): /);
      expect(lines.at(-1)).toMatch(/story\.json: \d+ errors, \d+ warnings?$/);
      expect(lines.length).toBeGreaterThanOrEqual(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A Node process that compiles the CLI with tsx: about 2 s alone, past the default 5 s beside two
    // browser test files (as check.test.ts allows its own).
  }, 20_000);
});
