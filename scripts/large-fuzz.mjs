// Large hostile inputs for the checker, of about a given size each: shared by the fuzz test
// (test/unit/fuzz-large.test.ts, a few MB) and the benchmark (scripts/bench-fuzz.mjs, 50 MB).
// `writeLargeCase(dir, name, bytes)` writes a story folder (story.json and the GeoJSON it names):
//   - "many features": a places file of generated places (large-story.mjs), with mistakes in them;
//   - "one enormous string": one place whose name is the whole size;
//   - "deeply nested coordinates": one place whose coordinates are arrays nested half the size deep;
//   - "deeply nested story": the same in a chapter's kicker, in the story file;
//   - "truncated": "many features" cut in the middle of its places file;
//   - "mutated": "many features" with seeded random edits spread through its places file;
//   - "story file": a story.json of the size itself (thousands of chapters), with small GeoJSON.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { largeStory, random } from './large-story.mjs';

/** Bytes of one line of the places file, as writeLargeStory writes it (about 220). */
const PLACE_BYTES = 220;

const featureLines = (features) =>
  `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;

/** A story of `chapters` chapters and `places` places with mistakes, without routes or areas. */
function story(places, chapters = 20) {
  return largeStory({ places, chapters, routes: 0, areas: 0, bounds: false, mistakes: true, seed: 11 });
}

function write(dir, files) {
  mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

const storyText = (value) => `${JSON.stringify({ ...value, data: { places: 'places.geojson' } }, null, 1)}\n`;

/** Seeded edits spread through `text`: a byte dropped, a piece spliced from elsewhere, a quote, a brace. */
function mutateText(text, seed, edits = 40) {
  const next = random(seed);
  const at = Array.from({ length: edits }, () => Math.floor(next() * text.length)).sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const i of at) {
    out += text.slice(from, i);
    const pick = next();
    if (pick < 0.25) from = i + 1;
    else {
      const junk = pick < 0.5 ? '"' : pick < 0.75 ? '{[' : text.slice(i, i + 30);
      out += junk;
      from = i;
    }
  }
  return out + text.slice(from);
}

export const LARGE_CASES = {
  'many features': (bytes) => {
    const { story: s, places } = story(Math.max(10, Math.round(bytes / PLACE_BYTES)));
    return { 'story.json': storyText(s), 'places.geojson': featureLines(places.features) };
  },
  'one enormous string': (bytes) => {
    const { story: s, places } = story(10);
    places.features[3].properties.name = '🗺️ a very long name '.repeat(Math.ceil(bytes / 24)).slice(0, bytes);
    return { 'story.json': storyText(s), 'places.geojson': featureLines(places.features) };
  },
  'deeply nested coordinates': (bytes) => {
    const { story: s, places } = story(10);
    const depth = Math.floor(bytes / 2);
    const line = JSON.stringify(places.features[3]).replace(
      /"coordinates":\[[^\]]*\]/,
      `"coordinates":${'['.repeat(depth)}1${']'.repeat(depth)}`,
    );
    const lines = places.features.map((f, i) => (i === 3 ? line : JSON.stringify(f)));
    return {
      'story.json': storyText(s),
      'places.geojson': `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`,
    };
  },
  'deeply nested story': (bytes) => {
    const { story: s, places } = story(10);
    const depth = Math.floor(bytes / 2);
    const text = storyText(s).replace('"kicker": "Part 2"', `"kicker": ${'['.repeat(depth)}1${']'.repeat(depth)}`);
    return { 'story.json': text, 'places.geojson': featureLines(places.features) };
  },
  truncated: (bytes) => {
    const files = LARGE_CASES['many features'](bytes);
    const text = files['places.geojson'];
    return { ...files, 'places.geojson': text.slice(0, Math.floor(text.length / 2)) };
  },
  mutated: (bytes) => {
    const files = LARGE_CASES['many features'](bytes);
    return { ...files, 'places.geojson': mutateText(files['places.geojson'], 5) };
  },
  'story file': (bytes) => {
    // A chapter is about 1 KB written out: as many as fill the size, over a few hundred places.
    const { story: s, places } = story(500, Math.max(2, Math.round(bytes / 1100)));
    return { 'story.json': storyText(s), 'places.geojson': featureLines(places.features) };
  },
};

/** `writeLargeCase(dir, name, bytes)` writes case `name` of about `bytes` into `dir`; returns the bytes written. */
export function writeLargeCase(dir, name, bytes) {
  return write(dir, LARGE_CASES[name](bytes));
}
