// Types of bench-util.mjs, for the TypeScript scripts that use it (screenshots.ts, still-fixture.ts).

/** Starts `node vite.js <args>` on a free port of 127.0.0.1 and resolves once it answers. */
export function serveVite(args: string[]): Promise<{ url: string; stop: () => void }>;
