/**
 * Fetch a story and the GeoJSON it names, parse, normalise. Never throws: a file that cannot be
 * loaded is reported as missing (with the URL tried), a file that does not parse is reported with
 * the line and column of the mistake, and the story is built from whatever did load.
 */
import type { Issue } from './issues.ts';
import { safeDecode } from './url.ts';
import { normalizeStory, type StoryData, type StoryFiles } from './normalize.ts';
import type { Story } from './types.ts';

export interface LoadResult {
  story: Story;
  issues: Issue[];
  /** The story file's text as loaded; null when it could not be loaded (or was given as an object). */
  text: string | null;
  /** True when the story file itself could not be loaded or parsed: `story` is then empty. */
  failed: boolean;
}

type Fetch = (url: string) => Promise<Response>;

/** `displayName(url)` is how a file is named in messages: its path for same-origin files, else the URL. */
export function displayName(url: URL, base: string = globalThis.location?.href ?? url.href): string {
  const origin = new URL(base).origin;
  return url.origin === origin ? safeDecode(url.pathname.replace(/^\//, '')) : url.href;
}

interface Fetched {
  file: string;
  value: unknown;
  text: string | null;
  issues: Issue[];
}

async function fetchJson(url: URL, fetchFn: Fetch, what: string): Promise<Fetched> {
  const file = displayName(url);
  let response: Response;
  try {
    response = await fetchFn(url.href);
  } catch (error) {
    return { file, value: null, text: null, issues: [{ severity: 'error', file, path: '', message: `the ${what} could not be loaded from ${url.href} (${(error as Error).message})` }] };
  }
  if (!response.ok) {
    return { file, value: null, text: null, issues: [{ severity: 'error', file, path: '', message: `the ${what} is missing: ${url.href} answered HTTP ${response.status}` }] };
  }
  const text = await response.text();
  if (/^\s*<(!doctype|html)/i.test(text) || (/^\s*</.test(text) && /html/i.test(response.headers.get('content-type') ?? ''))) {
    // Many servers answer an unknown path with the site's home page and status 200.
    return { file, value: null, text: null, issues: [{ severity: 'error', file, path: '', message: `the ${what} is missing: ${url.href} answered with an HTML page, not JSON (check the path)` }] };
  }
  try {
    return { file, value: JSON.parse(text), text, issues: [] };
  } catch {
    const { syntaxIssues } = await import('./locate.ts');
    const found = syntaxIssues(text, file);
    return { file, value: null, text, issues: found.length ? found : [{ severity: 'error', file, path: '', message: 'this file is not valid JSON' }] };
  }
}

/** Adds line numbers to the issues of each file whose text we have. */
async function withLines(issues: Issue[], texts: Map<string, string>): Promise<Issue[]> {
  if (!issues.some((i) => i.line === undefined && texts.has(i.file))) return issues;
  const { locate } = await import('./locate.ts');
  const out: Issue[] = [];
  for (const issue of issues) {
    const text = texts.get(issue.file);
    out.push(text !== undefined && issue.line === undefined ? locate(text, [issue])[0]! : issue);
  }
  return out;
}

const LAYERS = ['places', 'routes', 'areas'] as const;

/**
 * `loadStoryData(input, base, fetchFn)` loads the GeoJSON files a parsed story names, relative to
 * `base` (the story file's URL), and normalises the whole.
 */
export async function loadStoryData(input: unknown, base: URL, storyFile: string, fetchFn: Fetch = fetch, storyText: string | null = null): Promise<LoadResult> {
  const data: StoryData = {};
  const files: StoryFiles = { story: storyFile };
  const issues: Issue[] = [];
  const texts = new Map<string, string>();
  if (storyText !== null) texts.set(storyFile, storyText);
  const refs = (typeof input === 'object' && input !== null ? (input as { data?: unknown }).data : undefined) as Record<string, unknown> | undefined;
  await Promise.all(LAYERS.map(async (layer) => {
    const ref = refs?.[layer];
    if (ref === undefined) return;
    if (typeof ref === 'object' && ref !== null && !Array.isArray(ref)) {
      // A story given as an object may carry its GeoJSON inline.
      data[layer] = ref;
      files[layer] = `${storyFile} (data.${layer})`;
      return;
    }
    if (typeof ref !== 'string') {
      issues.push({ severity: 'error', file: storyFile, path: `data.${layer}`, message: `expected the path or URL of a GeoJSON file of ${layer}` });
      return;
    }
    const fetched = await fetchJson(new URL(ref, base), fetchFn, `${layer} file`);
    files[layer] = fetched.file;
    data[layer] = fetched.value;
    issues.push(...fetched.issues);
    if (fetched.text !== null) texts.set(fetched.file, fetched.text);
  }));
  const result = normalizeStory(input, data, files);
  return { story: result.story, issues: await withLines([...issues, ...result.issues], texts), text: storyText, failed: false };
}

/** `loadStory(url)` fetches a story file and everything it names. */
export async function loadStory(url: string | URL, fetchFn: Fetch = fetch): Promise<LoadResult> {
  const resolved = new URL(url, globalThis.location?.href);
  const fetched = await fetchJson(resolved, fetchFn, 'story file');
  if (fetched.value === null) {
    const empty = normalizeStory({}, {}, { story: fetched.file });
    return { story: empty.story, issues: fetched.issues, text: null, failed: true };
  }
  return loadStoryData(fetched.value, resolved, fetched.file, fetchFn, fetched.text);
}
