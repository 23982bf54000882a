// A generated large story for the benchmark: 200 chapters and 50,000 places spread over the Americas,
// with routes, areas and events, in the project's story format (valid: `npm run check` finds no error).
// The same seed always gives the same files.
//   node scripts/large-story.mjs DIR [chapters=200] [places=50000]
//   import { writeLargeStory } from './large-story.mjs'; writeLargeStory(dir)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Americas, as the story's `map.bounds` (the checker's swapped-coordinates test needs it). */
export const BOUNDS = [-168, -56, -34, 72];

/**
 * `random(seed)`: a small deterministic PRNG (mulberry32), so every run measures the same story
 * (the tests' generated date sets and fuzz cases use it too, so a failing case can be found again).
 */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Land-ish boxes of the Americas [west, south, east, north], so places fall roughly on the continent.
const REGIONS = [
  [-125, 30, -70, 50], // United States
  [-140, 50, -60, 68], // Canada, Alaska
  [-117, 15, -87, 30], // Mexico
  [-92, 7, -77, 17], // Central America
  [-80, -20, -35, 10], // Brazil, Andes north
  [-75, -55, -55, -20], // Southern Cone
  [-85, 18, -60, 23], // Caribbean
];

const WORDS = ['river', 'hill', 'market', 'port', 'valley', 'station', 'bridge', 'plaza', 'mill', 'ridge'];
const KINDS = ['city', 'town', 'capital', 'prison', 'landmark'];

const round = (x) => Math.round(x * 1e4) / 1e4;

/**
 * `largeStory({chapters, places, routes, areas, bounds, mistakes, seed})` is the story object and its
 * three FeatureCollections: `{story, places, routes, areas}`. `bounds: false` leaves `map.bounds` out
 * (the checker then frames the story by its areas and routes, or, with `routes: 0, areas: 0`, by its
 * places). `mistakes: true` swaps the coordinates of every tenth place, writes the other places with
 * 15 digits (as many exports do: a precision warning for each), and misspells an id in every chapter,
 * so the checker has an issue for every place to place and ids to suggest.
 */
export function largeStory({
  chapters = 200,
  places = 50_000,
  routes = 100,
  areas = 50,
  bounds = true,
  mistakes = false,
  seed = 9,
} = {}) {
  const rand = random(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const placeFeatures = [];
  for (let i = 0; i < places; i++) {
    const [w, s, e, n] = pick(REGIONS);
    placeFeatures.push({
      type: 'Feature',
      id: `p${i}`,
      properties: {
        name: `Place ${i} ${pick(WORDS)}`,
        kind: pick(KINDS),
        precision: rand() < 0.8 ? 'exact' : 'approximate',
        source: 'generated for the benchmark',
      },
      geometry: { type: 'Point', coordinates: [round(w + rand() * (e - w)), round(s + rand() * (n - s))] },
    });
  }
  const mistaken = (list) =>
    list.map((f, i) => {
      const [lon, lat] = f.geometry.coordinates;
      const coordinates = i % 10 === 5 ? [lat, lon] : [lon + 1 / 3e7, lat];
      return { ...f, geometry: { ...f.geometry, coordinates } };
    });
  const coords = (i) => placeFeatures[i].geometry.coordinates;
  const routeFeatures = [];
  for (let i = 0; i < routes; i++) {
    const a = Math.floor(rand() * places);
    const b = Math.floor(rand() * places);
    routeFeatures.push({
      type: 'Feature',
      id: `r${i}`,
      properties: { name: `Route ${i}`, status: rand() < 0.5 ? 'happened' : 'proposed' },
      geometry: { type: 'LineString', coordinates: [coords(a), coords(b)] },
    });
  }
  const areaFeatures = [];
  for (let i = 0; i < areas; i++) {
    const [cx, cy] = coords(Math.floor(rand() * places));
    const r = 0.5 + rand() * 2;
    const ring = [];
    for (let k = 0; k < 24; k++) {
      const t = (k / 24) * 2 * Math.PI;
      ring.push([round(cx + r * Math.cos(t)), round(cy + r * Math.sin(t))]);
    }
    ring.push(ring[0]);
    areaFeatures.push({
      type: 'Feature',
      id: `a${i}`,
      properties: { name: `Area ${i}`, kind: 'region' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    });
  }

  const chapterList = [];
  const events = [];
  const day = (n) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  for (let c = 0; c < chapters; c++) {
    const id = `chapter-${c + 1}`;
    // A few places near each other: a chapter looks at one neighbourhood.
    const first = Math.floor(rand() * (places - 5));
    const focus = [`p${first}`, `p${first + 1}`, `p${first + 2}`];
    const show = [
      mistakes ? `q${first + 3}` : `p${first + 3}`,
      ...(c % 3 === 0 && routes > 0 ? [`r${c % routes}`] : []),
      ...(c % 4 === 0 && areas > 0 ? [`a${c % areas}`] : []),
    ];
    chapterList.push({
      id,
      kicker: `Part ${c + 1}`,
      title: `Chapter ${c + 1}: ${placeFeatures[first].properties.name}`,
      body: [
        `This is chapter ${c + 1} of a generated story. It follows ${placeFeatures[first].properties.name} and its neighbours, so the map has something to aim at.`,
        `A second paragraph, so the text is as long as a real chapter's: the reader scrolls, the map flies, the timeline follows. ${WORDS.join(' ')}.`,
        ...(c % 5 === 0
          ? [{ type: 'distance', from: focus[0], to: focus[1], text: 'A generated distance.' }]
          : [{ type: 'quote', text: `A quote in chapter ${c + 1}.`, speaker: 'A generated speaker' }]),
      ],
      sources: [{ name: 'Benchmark', date: day(c * 30) }],
      map: { focus, highlight: [focus[0]], show },
    });
    events.push({ id: `event-${c + 1}`, date: day(c * 30), label: `Event of chapter ${c + 1}`, chapter: id });
    if (c % 2 === 0)
      events.push({
        id: `event-${c + 1}-b`,
        date: day(c * 30 + 7),
        label: `A later event of chapter ${c + 1}`,
        chapter: id,
      });
  }

  const story = {
    $schema: 'story.schema.json',
    id: 'large-story',
    lang: 'en',
    title: `A generated story of ${chapters} chapters and ${places.toLocaleString('en')} places`,
    dek: 'For the benchmark: how long the text takes to show, and how much memory the page keeps, for a large story.',
    published: day(chapters * 30 + 30),
    data: { places: 'places.geojson', routes: 'routes.geojson', areas: 'areas.geojson' },
    map: { camera: { center: [-85, 15], zoom: 1.6 }, ...(bounds ? { bounds: BOUNDS } : {}) },
    events,
    chapters: chapterList,
  };
  const fc = (features) => ({ type: 'FeatureCollection', features });
  return {
    story,
    places: fc(mistakes ? mistaken(placeFeatures) : placeFeatures),
    routes: fc(routeFeatures),
    areas: fc(areaFeatures),
  };
}

/** `writeLargeStory(dir, options)` writes story.json and its GeoJSON into `dir`; returns their sizes in bytes. */
export function writeLargeStory(dir, options) {
  mkdirSync(dir, { recursive: true });
  const files = largeStory(options);
  const sizes = {};
  for (const [name, value] of Object.entries(files)) {
    const file = name === 'story' ? 'story.json' : `${name}.geojson`;
    // One feature per line, as an editor's tool would write it (line numbers in issues stay useful).
    const text =
      name === 'story'
        ? `${JSON.stringify(value, null, 1)}\n`
        : `{"type":"FeatureCollection","features":[\n${value.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
    writeFileSync(join(dir, file), text);
    sizes[file] = Buffer.byteLength(text);
  }
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, chapters, places] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/large-story.mjs DIR [chapters=200] [places=50000]');
    process.exit(2);
  }
  const sizes = writeLargeStory(dir, {
    chapters: chapters ? Number(chapters) : undefined,
    places: places ? Number(places) : undefined,
  });
  for (const [file, size] of Object.entries(sizes)) console.log(`${file}: ${(size / 1024).toFixed(0)} KiB`);
}
