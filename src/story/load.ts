/**
 * Fetch a story and the GeoJSON it names, parse, normalise, check. Never throws for the editor's
 * mistakes: a file that cannot be loaded is reported as missing (with the URL tried), a file that
 * does not parse is reported with the line and column of the mistake, and the story is built from
 * whatever did load. A load can be cancelled (`signal`): it then rejects with the signal's reason.
 */
import type { CheckInput } from './checks.ts';
import type { Issue } from './issues.ts';
import { checkHere } from './run-checks.ts';
import { safeDecode } from './url.ts';
import { normalizeStory, shownOnly, type StoryData, type StoryFiles } from './normalize.ts';
import type { ReadInput, ReadOutput } from './run-read.ts';
import { LAYERS, type Layer, type Story } from './types.ts';
import { MAX_NESTING, nestingPassed } from './nesting.ts';

export { MAX_NESTING, nestingPassed };

/** A file a load read, with its text exactly as loaded (null when it could not be loaded). */
export interface LoadedFile {
  url: string;
  text: string | null;
}

export interface LoadResult {
  /** The story, with only the features its chapters show or frame (normalize.ts shownOnly). */
  story: Story;
  issues: Issue[];
  /** The story file's text as parsed; null when it could not be loaded or parsed (or was given as an object). */
  text: string | null;
  /** True when the story file itself could not be loaded or parsed: `story` is then empty. */
  failed: boolean;
  /**
   * Every file the load read: the story file first, then its GeoJSON (places, routes, areas), each
   * with its text as loaded (a file with a syntax error has its text; a missing one has null). The
   * editor watches them, and compares what it polls with these texts.
   */
  files: readonly LoadedFile[];
  /**
   * True for the result `onText` gets: the story read from the story file alone, while its GeoJSON
   * files load. Its chapters name no feature yet, and it has no issues yet.
   */
  pending?: boolean;
}

/** Fetches a URL; `init.signal` aborts it (a fetch that ignores it still cannot hold a cancelled load). */
type Fetch = (url: string, init?: { signal?: AbortSignal }) => Promise<Response>;

export interface LoadOptions {
  /** How files are fetched (the checker passes one that reads the disk). */
  fetch?: Fetch;
  /**
   * Cancels the load: every fetch gets it, and once it aborts the load rejects with its reason (an
   * AbortError) instead of resolving; `onStory` is not called after that.
   */
  signal?: AbortSignal;
  /** File names in messages are relative to this URL (default: the page; the checker: the working directory). */
  names?: string;
  /**
   * Called with the story as soon as it is readable, before the format checks have run: their code
   * (zod) loads on demand, and a reader should not wait for it. Its `issues` are the ones found so far.
   */
  onStory?: (early: LoadResult) => void;
  /**
   * Called as soon as the story file has parsed, before its GeoJSON files have loaded (only when it
   * names files to load), with the story read from it alone (`pending`): the text, the timeline and
   * the controls need nothing else, and a slow GeoJSON file should not hide them. Its features
   * arrive with `onStory`.
   */
  onText?: (text: LoadResult) => void;
  /** The checks' code is loaded only once what this returns settles (the element waits for an idle moment). */
  checksAfter?: () => Promise<unknown>;
  /**
   * Runs the format checks (checks.ts `runChecks`) and resolves with every issue; by default on this
   * thread. The page passes run-checks.ts `checkStory`, which runs them in a worker.
   */
  check?: (input: CheckInput, signal?: AbortSignal) => Promise<Issue[]>;
  /**
   * Parses the GeoJSON files of READ_ELSEWHERE characters or more and normalizes the story, or
   * resolves with null to leave it to this thread; without it, everything is read here. The page
   * passes run-read.ts `readStory`, which does it in a worker.
   */
  read?: (input: ReadInput, signal?: AbortSignal) => Promise<ReadOutput>;
}

/**
 * A GeoJSON file this long or longer (in UTF-16 units: about 1 MB) is parsed by `read` when there
 * is one: a smaller file parses here faster than a worker starts.
 */
export const READ_ELSEWHERE = 1_000_000;

/**
 * `displayName(url, base)` is how a file is named in messages: on the disk (the checker), relative
 * to the folder of `base` (`data/story.json`, `../other/places.geojson`), as the story file is named
 * on the command line; on the web, its path on the same origin, else the URL.
 */
export function displayName(url: URL, base: string = globalThis.location?.href ?? url.href): string {
  const from = new URL(base);
  if (url.origin !== from.origin || url.protocol !== from.protocol) return url.href;
  const dir = from.pathname.replace(/[^/]*$/, '');
  if (url.protocol === 'file:') {
    const here = dir.split('/').filter(Boolean);
    const there = url.pathname.split('/').filter(Boolean);
    let common = 0;
    while (common < here.length && common < there.length - 1 && here[common] === there[common]) common++;
    return safeDecode([...here.slice(common).map(() => '..'), ...there.slice(common)].join('/'));
  }
  return safeDecode(url.pathname.replace(/^\//, ''));
}

/**
 * `until(promise, signal)` settles as `promise` does, or rejects with the signal's reason as soon as
 * the signal aborts (at once when it already has).
 */
function until<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** 1-based line and column of `offset` ("\n", "\r\n" and a lone "\r" each end a line, as in locate.ts). */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

interface Fetched {
  file: string;
  /**
   * True when the file was read and parsed (its value may still be anything, even null), or read
   * and left to `read` to parse (`deferred`).
   */
  ok: boolean;
  /** True when it nests deeper than MAX_NESTING: its text is kept (the editor watches it), and not checked. */
  deep?: boolean;
  /** True when it was read but not parsed: it is long enough to be parsed by `read` (READ_ELSEWHERE). */
  deferred?: boolean;
  value: unknown;
  text: string | null;
  issues: Issue[];
}

async function fetchJson(url: URL, options: LoadOptions, what: string, deferFrom = Infinity): Promise<Fetched> {
  const file = displayName(url, options.names);
  const { signal } = options;
  const fetchFn = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await until(fetchFn(url.href, { signal }), signal);
  } catch (error) {
    // Cancelled is not missing: the load stops, with nothing to report.
    if (signal?.aborted) throw signal.reason;
    return {
      file,
      ok: false,
      value: null,
      text: null,
      issues: [
        {
          severity: 'error',
          file,
          path: '',
          message: `the ${what} could not be loaded from ${url.href} (${(error as Error).message})`,
        },
      ],
    };
  }
  if (!response.ok && url.protocol === 'file:') {
    return {
      file,
      ok: false,
      value: null,
      text: null,
      issues: [
        {
          severity: 'error',
          file,
          path: '',
          message: `the ${what} is missing: nothing at ${file}${what === 'story file' ? '' : ' (paths in "data" are relative to the story file)'}`,
        },
      ],
    };
  }
  if (!response.ok) {
    return {
      file,
      ok: false,
      value: null,
      text: null,
      issues: [
        {
          severity: 'error',
          file,
          path: '',
          message: `the ${what} is missing: ${url.href} answered HTTP ${response.status}`,
        },
      ],
    };
  }
  const text = await until(response.text(), signal);
  if (
    /^\s*<(!doctype|html)/i.test(text) ||
    (/^\s*</.test(text) && /html/i.test(response.headers.get('content-type') ?? ''))
  ) {
    // Many servers answer an unknown path with the site's home page and status 200.
    return {
      file,
      ok: false,
      value: null,
      text: null,
      issues: [
        {
          severity: 'error',
          file,
          path: '',
          message: `the ${what} is missing: ${url.href} answered with an HTML page, not JSON (check the path)`,
        },
      ],
    };
  }
  if (text.length >= deferFrom) return { file, ok: true, deferred: true, value: undefined, text, issues: [] };
  return parseText(text, file, what, signal);
}

/** `parseText(text, file, what, signal)`: the text's value, or the issues saying why it has none (too deep, not JSON). */
async function parseText(text: string, file: string, what: string, signal?: AbortSignal): Promise<Fetched> {
  const deep = nestingPassed(text);
  if (deep >= 0) {
    return {
      file,
      ok: false,
      deep: true,
      value: null,
      text,
      issues: [
        {
          severity: 'error',
          file,
          path: '',
          message: `arrays and objects are nested more than ${MAX_NESTING} levels deep here: no story or GeoJSON needs that many, and the ${what} is not read`,
          ...lineAndColumn(text, deep),
        },
      ],
    };
  }
  try {
    return { file, ok: true, value: JSON.parse(text), text, issues: [] };
  } catch {
    const { syntaxIssues } = await until(import('./locate.ts'), signal);
    let found: Issue[] = [];
    try {
      found = syntaxIssues(text, file);
    } catch {
      // Nested too deep for the parser's stack: the generic message below.
    }
    return {
      file,
      ok: false,
      value: null,
      text,
      issues: found.length ? found : [{ severity: 'error', file, path: '', message: 'this file is not valid JSON' }],
    };
  }
}

/** Adds line numbers to the issues of each file whose text we have (each file is parsed once). */
async function withLines(issues: Issue[], texts: Map<string, string>, signal?: AbortSignal): Promise<Issue[]> {
  if (!issues.some((i) => i.line === undefined && texts.has(i.file))) return issues;
  const { locateIssues } = await until(import('./locate.ts'), signal);
  return locateIssues(issues, texts);
}

/**
 * `loadStoryData(input, base, storyFile, options, storyText)` loads the GeoJSON files a parsed
 * story names, relative to `base` (the story file's URL), normalises the whole (here, or with
 * `options.read` for a long file) and checks it. The story keeps only the features its chapters
 * show or frame (normalize.ts shownOnly). The issues are the fetches', then the checker's (one file
 * at a time), then normalize's (between files), listed file by file and line by line.
 */
export async function loadStoryData(
  input: unknown,
  base: URL,
  storyFile: string,
  options: LoadOptions = {},
  storyText: string | null = null,
): Promise<LoadResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const data: StoryData = {};
  const files: StoryFiles = { story: storyFile };
  const read: Partial<Record<Layer, LoadedFile>> = {};
  /** The texts of the files left to `read`, unparsed. */
  const deferred: Partial<Record<Layer, string>> = {};
  const issues: Issue[] = [];
  const texts = new Map<string, string>();
  if (storyText !== null) texts.set(storyFile, storyText);
  const refs = (typeof input === 'object' && input !== null ? (input as { data?: unknown }).data : undefined) as
    | Record<string, unknown>
    | undefined;
  const inline = (ref: unknown): ref is object => typeof ref === 'object' && ref !== null && !Array.isArray(ref);
  if (options.onText && LAYERS.some((layer) => typeof refs?.[layer] === 'string')) {
    // The story without the files still loading: they are unknown (null), not empty, so normalize
    // reports no id they may hold as missing.
    const known: StoryData = {};
    for (const layer of LAYERS)
      if (refs?.[layer] !== undefined) known[layer] = inline(refs[layer]) ? refs[layer] : null;
    const { story } = normalizeStory(input, known, { story: storyFile });
    options.onText({ story, issues: [], text: storyText, failed: false, files: [], pending: true });
  }
  await Promise.all(
    LAYERS.map(async (layer) => {
      const ref = refs?.[layer];
      if (ref === undefined) return;
      if (inline(ref)) {
        // A story given as an object may carry its GeoJSON inline.
        data[layer] = ref;
        files[layer] = `${storyFile} (data.${layer})`;
        return;
      }
      if (typeof ref !== 'string') {
        // The checker says what is wrong with the reference; the layer is unknown.
        data[layer] = null;
        return;
      }
      const url = new URL(ref, base);
      const fetched = await fetchJson(url, options, `${layer} file`, options.read ? READ_ELSEWHERE : Infinity);
      read[layer] = { url: url.href, text: fetched.text };
      files[layer] = fetched.file;
      if (fetched.deferred) {
        deferred[layer] = fetched.text!;
        return;
      }
      // A file that could not be read is null to normalize (its ids are unknown, not missing).
      data[layer] = fetched.ok ? (fetched.value ?? 'null') : null;
      issues.push(...fetched.issues);
      if (fetched.text !== null && !fetched.deep) texts.set(fetched.file, fetched.text);
    }),
  );
  const loaded = LAYERS.flatMap((layer) => read[layer] ?? []);
  // The long files go to `read` with the rest of the story (normalize needs all of it); where it
  // cannot (no worker, a file that does not parse) they are parsed here, with the usual issues.
  const elsewhere = LAYERS.some((layer) => deferred[layer] !== undefined)
    ? await until(options.read!({ story: input, data, texts: deferred, files }, signal), signal)
    : null;
  for (const layer of LAYERS) {
    const text = deferred[layer];
    if (text === undefined) continue;
    if (!elsewhere) {
      const parsed = await parseText(text, files[layer]!, `${layer} file`, signal);
      data[layer] = parsed.ok ? (parsed.value ?? 'null') : null;
      issues.push(...parsed.issues);
      delete deferred[layer];
      if (parsed.deep) continue;
    }
    texts.set(files[layer]!, text);
  }
  // The page keeps only the features some chapter shows (shownOnly), whichever thread read them.
  const result = elsewhere ?? normalizeStory(input, data, files);
  const story = elsewhere ? result.story : shownOnly(result.story);
  if (options.onStory) {
    const found = await withLines([...issues, ...result.issues], texts, signal);
    signal?.throwIfAborted();
    options.onStory({ story, issues: found, text: storyText, failed: false, files: loaded });
  }
  await until(Promise.resolve(options.checksAfter?.()), signal);
  const layers: CheckInput['layers'] = {};
  for (const layer of LAYERS) {
    // A file parsed in the worker is checked from its text (the checks parse it where they run).
    if (deferred[layer] !== undefined) {
      layers[layer] = { file: files[layer]!, text: deferred[layer] };
      continue;
    }
    if (data[layer] === undefined || data[layer] === null || !files[layer]) continue;
    // A fetched file has its text too: a worker takes that (cheap to copy) and parses it again; checks
    // on this thread use the value already parsed.
    const text = read[layer]?.text;
    layers[layer] =
      text != null ? { file: files[layer]!, text, value: data[layer] } : { file: files[layer]!, value: data[layer] };
  }
  const check = options.check ?? checkHere;
  const all = await until(
    check(
      {
        story: input,
        storyFile,
        layers,
        texts: [...texts],
        read: issues,
        links: result.issues,
        order: [storyFile, ...LAYERS.map((l) => files[l] ?? '')],
      },
      signal,
    ),
    signal,
  );
  return { story, issues: all, text: storyText, failed: false, files: loaded };
}

/** `loadStory(url, options)` fetches a story file and everything it names. */
export async function loadStory(url: string | URL, options: LoadOptions = {}): Promise<LoadResult> {
  options.signal?.throwIfAborted();
  const resolved = new URL(url, globalThis.location?.href);
  const fetched = await fetchJson(resolved, options, 'story file');
  const story: LoadedFile = { url: resolved.href, text: fetched.text };
  if (!fetched.ok) {
    const empty = normalizeStory({}, {}, { story: fetched.file });
    return { story: empty.story, issues: fetched.issues, text: null, failed: true, files: [story] };
  }
  const { onStory, onText } = options;
  const withStoryFile = {
    ...options,
    onStory: onStory && ((early: LoadResult) => onStory({ ...early, files: [story, ...early.files] })),
    onText: onText && ((early: LoadResult) => onText({ ...early, files: [story, ...early.files] })),
  };
  const result = await loadStoryData(fetched.value, resolved, fetched.file, withStoryFile, fetched.text);
  return { ...result, files: [story, ...result.files] };
}
