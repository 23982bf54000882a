// Types of bench-util.mjs, for the TypeScript scripts and tests that use it (screenshots.ts,
// still-fixture.ts, test/browser/local-story.test.ts).

/** Starts `node vite.js <args>` (with `env` added) on a free port of 127.0.0.1 and resolves once it answers. */
export function serveVite(args: string[], env?: Record<string, string>): Promise<{ url: string; stop: () => void }>;
