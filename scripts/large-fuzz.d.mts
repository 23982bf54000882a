// Types of large-fuzz.mjs, for the test that checks large hostile files (test/unit/fuzz-large.test.ts).

/** Each case: the files of a story folder (name → text) of about `bytes`. */
export const LARGE_CASES: Record<string, (bytes: number) => Record<string, string>>;

/** Writes case `name` of about `bytes` into `dir` (story.json and the GeoJSON it names); the bytes written. */
export function writeLargeCase(dir: string, name: string, bytes: number): number;
