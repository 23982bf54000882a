import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { render } from '@lit-labs/ssr';
import { collectResultSync } from '@lit-labs/ssr/lib/render-result.js';
import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { BASEMAP, prerender } from '../../scripts/vite-story-plugin.ts';
import { decodeBasemap } from '../../src/map/basemap.ts';
import { PRINT_FRAME, PRINT_SIZE, REFERENCE, stillCamera, stillFigure, stillMap } from '../../src/still/figure.ts';
import { standaloneSvg, stillStyles } from '../../src/still/standalone.ts';
import { longitudeDelta } from '../../src/geo/longitude.ts';
import { projector, type StillScene, stillScene } from '../../src/still/scene.ts';
import { stillTemplate } from '../../src/still/template.ts';
import { normalizeStory } from '../../src/story/normalize.ts';
import type { Camera, LngLat, Story } from '../../src/story/types.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const input = json('data/story.json');
const data = {
  places: json('data/places.geojson'),
  routes: json('data/routes.geojson'),
  areas: json('data/areas.geojson'),
};
const { story } = normalizeStory(input, data, { story: 'data/story.json' });
const basemap = decodeBasemap(json(BASEMAP) as Topology);

/** Reference numbers from MapLibre in Chromium: `npx tsx scripts/still-fixture.ts` writes them. */
interface ProjectionCase {
  viewport: 'desktop' | 'phone';
  chapter: string;
  camera: string;
  size: { width: number; height: number };
  map: Camera;
  points: Record<string, [number, number]>;
}
const fixture = json('test/fixtures/still/projection.json') as { cases: ProjectionCase[] };

const coords = (id: string) =>
  (story.features.get(id)!.feature.geometry as unknown as { coordinates: LngLat }).coordinates;
const chapter = (id: string) => story.chapters.find((c) => c.id === id)!;
/** The default story's page as the build makes it (a few seconds on a loaded machine: made once). */
let page: ReturnType<typeof prerender> | null = null;
const prerendered = () => {
  page ??= prerender(ROOT, 'data/story.json');
  return page;
};
const ssr = (t: Parameters<typeof render>[0]) =>
  collectResultSync(render(t)).replace(/<!--\/?lit-(?:part|node)[^>]*-->/g, '');
const inMap = ([x, y]: [number, number], { width, height }: { width: number; height: number }) =>
  x >= 0 && y >= 0 && x <= width && y <= height;

describe('the static map against MapLibre (test/fixtures/still/projection.json)', () => {
  it('the fixture covers both map sizes, every chapter, an explicit camera and a bearing', () => {
    const sizes = new Set(fixture.cases.map((c) => `${c.size.width}x${c.size.height}`));
    expect(sizes).toEqual(new Set(Object.values(REFERENCE).map((s) => `${s.width}x${s.height}`)));
    for (const c of story.chapters)
      expect(fixture.cases.some((f) => f.chapter === c.id && f.camera === 'fit')).toBe(true);
    expect(fixture.cases.filter((c) => c.camera === 'explicit')).toHaveLength(2);
    expect(fixture.cases.filter((c) => c.map.bearing !== 0).length).toBeGreaterThanOrEqual(2);
  });

  it("projector(camera, size) puts every place within 2 px of MapLibre's map.project()", () => {
    let worst = 0;
    for (const c of fixture.cases) {
      const project = projector(c.map, c.size);
      for (const [id, expected] of Object.entries(c.points)) {
        // Places far outside the map are where Mercator's numbers grow: the still draws none of them.
        if (!inMap(expected, { width: c.size.width * 3, height: c.size.height * 3 })) continue;
        const [x, y] = project(coords(id));
        const error = Math.hypot(x - expected[0], y - expected[1]);
        worst = Math.max(worst, error);
        expect(error, `${c.viewport} ${c.chapter} ${c.camera} ${id}`).toBeLessThan(2);
      }
    }
    expect(worst).toBeLessThan(2);
  });

  it("the chapter's still (its camera fitted at the map's size, as the map view does) has its markers within 2 px of the map's", () => {
    for (const c of fixture.cases.filter((f) => f.camera === 'fit')) {
      const ch = chapter(c.chapter);
      const camera = stillCamera(story, ch, c.size);
      expect(camera.zoom, `${c.viewport} ${c.chapter} zoom`).toBeCloseTo(c.map.zoom, 2);
      const scene = stillScene({ basemap, story, view: ch.view, camera, size: c.size });
      const shown = ch.view.visible.filter((id) => story.features.get(id)?.layer === 'places');
      const expected = shown.filter((id) => inMap(c.points[id]!, c.size));
      expect(expected.length).toBeGreaterThan(0);
      for (const id of expected) {
        const m = scene.markers.find((mk) => mk.id === id);
        expect(m, `${c.viewport} ${c.chapter} ${id}`).toBeDefined();
        const [ex, ey] = c.points[id]!;
        expect(Math.hypot(m!.x - ex, m!.y - ey), `${c.viewport} ${c.chapter} ${id}`).toBeLessThan(2);
      }
    }
  });

  it('the REFERENCE sizes are the map sizes the page measured', () => {
    const desktop = fixture.cases.find((c) => c.viewport === 'desktop')!;
    const phone = fixture.cases.find((c) => c.viewport === 'phone')!;
    expect(desktop.size).toEqual(REFERENCE.wide);
    expect(phone.size).toEqual(REFERENCE.narrow);
  });
});

describe('the static map across 180° against MapLibre (test/fixtures/still/antimeridian.json)', () => {
  // The test story across 180° (test/fixtures/antimeridian): fitted chapters, an explicit camera at
  // -185° and one with a bearing at 179.5°. MapLibre draws every copy of the world; the fixture has
  // each place where it is on screen (the copy nearest the centre).
  const dir = 'test/fixtures/antimeridian/';
  const across = json(`${dir}story.json`);
  const { story: s, issues } = normalizeStory(
    across,
    {
      places: json(dir + across.data.places),
      routes: json(dir + across.data.routes),
      areas: json(dir + across.data.areas),
    },
    { story: `${dir}story.json` },
  );
  const reference = json('test/fixtures/still/antimeridian.json') as { cases: ProjectionCase[] };
  const everything = (id: string) => {
    const view = s.chapters.find((c) => c.id === id)!.view;
    return { ...view, visible: [...s.features].filter(([, f]) => f.layer === 'places').map(([fid]) => fid) };
  };

  it('the story is valid and the fixture has every chapter at both sizes, an explicit camera past 180° and a bearing', () => {
    expect(issues).toEqual([]);
    for (const c of s.chapters)
      for (const viewport of ['desktop', 'phone'])
        expect(reference.cases.some((f) => f.chapter === c.id && f.camera === 'fit' && f.viewport === viewport)).toBe(
          true,
        );
    expect(reference.cases.some((c) => c.map.center[0] < -180)).toBe(true);
    expect(reference.cases.filter((c) => c.map.bearing !== 0).length).toBeGreaterThanOrEqual(2);
  });

  it("the chapter's camera at the map's size is the one MapLibre took (across 180°: the same meridian)", () => {
    for (const c of reference.cases.filter((f) => f.camera === 'fit')) {
      const camera = stillCamera(s, s.chapters.find((ch) => ch.id === c.chapter)!, c.size);
      const where = `${c.viewport} ${c.chapter}`;
      expect(Math.abs(longitudeDelta(camera.center[0], c.map.center[0])), where).toBeLessThan(1e-6);
      expect(camera.center[1], where).toBeCloseTo(c.map.center[1], 6);
      expect(camera.zoom, where).toBeCloseTo(c.map.zoom, 6);
    }
  });

  it("stillScene puts every place on screen within 2 px of MapLibre's, on both sides of 180°", () => {
    let worst = 0;
    let east = 0;
    let west = 0;
    for (const c of reference.cases) {
      const scene = stillScene({ basemap, story: s, view: everything(c.chapter), camera: c.map, size: c.size });
      for (const [id, expected] of Object.entries(c.points)) {
        const shown = inMap(expected, c.size);
        const markers = scene.markers.filter((m) => m.id === id && inMap([m.x, m.y], c.size));
        expect(markers.length, `${c.viewport} ${c.chapter} ${c.camera} ${id}`).toBe(shown ? 1 : 0);
        if (!shown) continue;
        const error = Math.hypot(markers[0]!.x - expected[0], markers[0]!.y - expected[1]);
        worst = Math.max(worst, error);
        expect(error, `${c.viewport} ${c.chapter} ${c.camera} ${id}`).toBeLessThan(2);
        const lon = (s.features.get(id)!.feature.geometry as unknown as { coordinates: LngLat }).coordinates[0];
        if (lon > 0) west++;
        else east++;
      }
    }
    expect(worst).toBeLessThan(2);
    // Places west and east of 180° were both on screen, many times.
    expect(Math.min(east, west)).toBeGreaterThan(10);
  });

  it('stillScene draws the western Aleutians (given at -188° to -180°) when the camera looks across 180°', () => {
    // The Shemya, Amchitka and Adak chapter, centred near 179°: land on both sides of the centre.
    for (const c of reference.cases.filter((f) => f.chapter === 'rat-islands' && f.camera === 'fit')) {
      const scene = stillScene({ basemap, story: s, view: everything(c.chapter), camera: c.map, size: c.size });
      const land = vertices(scene.land);
      const project = projector(c.map, c.size);
      // Attu (172.95°E, 52.88°N: in the basemap at -187.05°) and Adak (east of 180°), in the copy on screen.
      for (const [lon, lat] of [
        [172.951, 52.877],
        [-176.6581, 51.88],
      ] as [number, number][]) {
        const [x, y] = project([lon + 360 * Math.round((c.map.center[0] - lon) / 360), lat]);
        expect(inMap([x, y], c.size), `${c.viewport}: ${lon} on the map`).toBe(true);
        const near = Math.min(...land.map(([lx, ly]) => Math.hypot(lx - x, ly - y)));
        expect(near, `${c.viewport}: land drawn near ${lon}, ${lat}`).toBeLessThan(c.viewport === 'desktop' ? 40 : 15);
      }
    }
  });
});

/** Every number pair of a path's data. */
function vertices(d: string): [number, number][] {
  return [...d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('stillScene', () => {
  const size = REFERENCE.wide;
  const scene = (id: string, s = story, margin = 0): StillScene => {
    const ch = s.chapters.find((c) => c.id === id)!;
    return stillScene({ basemap, story: s, view: ch.view, camera: stillCamera(s, ch, size), size, margin });
  };

  it('stillScene clips every shape to the map (and its margin), and keeps them small', () => {
    for (const [id, margin] of [
      ['lakeside', 0],
      ['offer', 40],
    ] as const) {
      const s = scene(id, story, margin);
      const paths = [
        s.land,
        s.borders,
        s.departments ?? '',
        ...s.areaLines.map((a) => a.d),
        ...s.routes.map((r) => r.d),
      ];
      const all = paths.flatMap(vertices);
      expect(all.length).toBeGreaterThan(100);
      for (const [x, y] of all) {
        expect(x).toBeGreaterThanOrEqual(-margin - 4);
        expect(x).toBeLessThanOrEqual(size.width + margin + 4);
        expect(y).toBeGreaterThanOrEqual(-margin - 4);
        expect(y).toBeLessThanOrEqual(size.height + margin + 4);
      }
      // One decimal, no vertex closer than half a pixel to the one before (within a line).
      expect(s.land).not.toMatch(/\d\.\d\d/);
    }
  });

  it('stillScene draws land where MapLibre does: a close-up of El Salvador is mostly land, not a filled world', () => {
    const s = scene('lakeside');
    // The whole map is covered by the clipped land polygon plus sea: the path has both the clip
    // edge (land reaching the top) and the coast.
    const pts = vertices(s.land);
    expect(pts.some(([, y]) => y < 0)).toBe(true);
    expect(pts.some(([, y]) => y > 300 && y < size.height)).toBe(true);
  });

  it('stillScene draws departments only from zoom 6.5, as the style', () => {
    expect(scene('lakeside').departments).toMatch(/^M/);
    expect(scene('offer').departments).toBeNull();
  });

  it('stillScene marks approximate places with a ring, and highlighted places bigger', () => {
    const s = scene('lakeside');
    const lake = s.markers.find((m) => m.id === 'lake-coatepeque')!;
    const congo = s.markers.find((m) => m.id === 'el-congo')!;
    expect(lake.ring).toBe(true);
    expect(congo.ring).toBe(false);
    expect(lake.highlight).toBe(true);
    expect(lake.radius).toBeGreaterThan(congo.radius);
    // Highlighted places are drawn last (on top).
    expect(s.markers.at(-1)!.id).toBe('lake-coatepeque');
  });

  it('stillScene places no label over a marker or another label, and labels each shown place it can', () => {
    const overlaps = (a: number[], b: number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;
    for (const c of story.chapters) {
      for (const sz of Object.values(REFERENCE)) {
        const s = stillScene({ basemap, story, view: c.view, camera: stillCamera(story, c, sz), size: sz });
        for (const [i, l] of s.labels.entries()) {
          for (const m of s.markers) {
            if (m.id === l.id) continue;
            const r = m.radius;
            expect(overlaps(l.box, [m.x - r, m.y - r, m.x + r, m.y + r]), `${c.id} ${l.id} over ${m.id}`).toBe(false);
          }
          for (const other of s.labels.slice(i + 1))
            expect(overlaps(l.box, other.box), `${c.id} ${l.id} over ${other.id}`).toBe(false);
        }
        const highlighted = s.markers.filter((m) => m.highlight && inMap([m.x, m.y], sz));
        for (const m of highlighted)
          expect(
            s.labels.some((l) => l.id === m.id),
            `${c.id} ${m.id} labelled`,
          ).toBe(true);
      }
    }
  });

  it("stillScene labels a place on the side facing the map's centre", () => {
    const s = scene('offer');
    const washington = s.labels.find((l) => l.id === 'washington')!;
    const cecot = s.labels.find((l) => l.id === 'cecot')!;
    // Washington is east of the centre: its label ends at its marker; CECOT's (west) starts at it.
    expect(washington.align).toBe('end');
    expect(cecot.align).toBe('start');
  });

  it('stillScene draws proposed routes dashed, and captions highlighted ones', () => {
    const s = scene('offer');
    expect(s.routes).toHaveLength(1);
    expect(s.routes[0]!.proposed).toBe(true);
    expect(s.labels.find((l) => l.kind === 'route')!.lines[0]!.text).toMatch(/km$/);
  });
});

describe('stillScene: near places and the names of areas (test/fixtures/crowded)', () => {
  const dir = 'test/fixtures/crowded/';
  const crowded = json(`${dir}story.json`);
  const empty = { type: 'FeatureCollection', features: [] };
  const { story: s, issues } = normalizeStory(
    crowded,
    { places: json(dir + crowded.data.places), routes: empty, areas: json(dir + crowded.data.areas) },
    { story: `${dir}story.json` },
  );
  const sceneOf = (st: Story, id: string, size: { width: number; height: number }) => {
    const ch = st.chapters.find((c) => c.id === id)!;
    return stillScene({ basemap, story: st, view: ch.view, camera: stillCamera(st, ch, size), size });
  };
  const overlaps = (a: number[], b: number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

  it('the story is valid', () => {
    expect(issues).toEqual([]);
  });

  it("stillScene names a highlighted area off the marker that stands on its name's point, at both sizes", () => {
    for (const id of ['volcano', 'crater'])
      for (const size of Object.values(REFERENCE)) {
        const scene = sceneOf(s, id, size);
        const name = scene.labels.filter((l) => l.kind === 'area');
        const crater = scene.markers.find((m) => m.id === 'boqueron')!;
        expect(
          name.map((l) => l.id),
          `${id} ${size.width}`,
        ).toEqual(['volcano']);
        expect(name[0]!.lines.map((l) => l.text).join(' ')).toBe('San Salvador Volcano');
        for (const m of scene.markers) {
          const r = m.radius + m.halo;
          expect(overlaps(name[0]!.box, [m.x - r, m.y - r, m.x + r, m.y + r]), `${id}: over ${m.id}`).toBe(false);
        }
        // The marker is where the name would have gone: the name moved, but stays by it.
        const [x0, y0, x1, y1] = name[0]!.box;
        const gap = Math.hypot(Math.max(x0 - crater.x, 0, crater.x - x1), Math.max(y0 - crater.y, 0, crater.y - y1));
        expect(gap).toBeLessThan(20);
      }
  });

  it("stillScene draws a highlighted area's name instead of the basemap's name of it (the default story's El Salvador)", () => {
    const scene = sceneOf(story, 'crackdown', REFERENCE.wide);
    expect(scene.labels.filter((l) => l.kind === 'area').map((l) => l.lines[0]!.text)).toEqual(['El Salvador']);
    expect(scene.labels.some((l) => l.kind === 'country' && l.id === 'El Salvador')).toBe(false);
    // Where El Salvador is only shown (not highlighted), the basemap names it.
    const shown = sceneOf(story, 'rubio', REFERENCE.wide);
    expect(shown.labels.some((l) => l.kind === 'area')).toBe(false);
  });

  it('stillScene draws two markers 10 km apart so that each shows its middle (smaller markers when zoomed out)', () => {
    for (const size of Object.values(REFERENCE)) {
      const scene = sceneOf(s, 'capitals', size);
      const a = scene.markers.find((m) => m.id === 'san-salvador')!;
      const b = scene.markers.find((m) => m.id === 'santa-tecla')!;
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      expect(d).toBeGreaterThan(6);
      expect(d).toBeLessThan(9);
      expect(d).toBeGreaterThan(a.radius + a.halo);
      expect(d).toBeGreaterThan(b.radius + b.halo);
    }
  });
});

describe('stillTemplate', () => {
  const ch = chapter('offer');
  const size = REFERENCE.wide;
  const html = (s: Story = story) =>
    ssr(
      stillTemplate(stillScene({ basemap, story: s, view: ch.view, camera: stillCamera(s, ch, size), size }), {
        label: 'A map',
      }),
    );

  it('stillTemplate renders an <svg role="img"> with its label and the map size as its viewBox', () => {
    const out = html();
    expect(out).toMatch(/^<svg class="sm-still-map" viewBox="0 0 741 662" role="img" aria-label="A map"/);
  });

  it("stillTemplate colours by class from the theme's names, never by a style attribute", () => {
    const out = html();
    expect(out).not.toMatch(/style=/);
    expect(out).toContain('class="sm-s-route sm-s-route--proposed sm-c-map-proposed"');
    expect(out).toMatch(/class="sm-s-marker sm-c-kind-prison sm-s-dot" data-place="cecot"/);
    expect(out).not.toMatch(/ (fill|stroke)="#/);
  });

  it("stillTemplate gives a feature's own colour as its color attribute, instead of the class", () => {
    const places = {
      ...data.places,
      features: data.places.features.map((f: { id: string; properties: object }) =>
        f.id === 'cecot' ? { ...f, properties: { ...f.properties, color: '#123456' } } : f,
      ),
    };
    const coloured = normalizeStory(input, { ...data, places }, { story: 'data/story.json' }).story;
    const out = html(coloured);
    expect(out).toMatch(/class="sm-s-marker sm-s-dot" data-place="cecot" [^>]*color="#123456"/);
  });
});

describe('the prerendered page', () => {
  it("prerender() puts the first chapter's static map between the header and the text, with its focused places, within 25 KiB brotli", async () => {
    const page = await prerendered();
    const first = story.chapters[0]!;
    const figure = page.html.match(
      /<figure class="sm-still" slot="still" data-story-part data-still-chapter="([^"]+)"\s*>[\s\S]*?<\/figure>/,
    );
    expect(figure?.[1]).toBe(first.id);
    expect(page.html.indexOf('<header')).toBeLessThan(page.html.indexOf('<figure'));
    expect(page.html.indexOf('</figure>')).toBeLessThan(page.html.indexOf('<article'));
    const svgs = figure![0].match(/<svg class="sm-still-map sm-still-map--(wide|narrow)"/g);
    expect(svgs).toHaveLength(2);
    for (const id of first.view.focus) {
      const name = story.features.get(id)!.feature.properties.name;
      // A marker in each map, and the place's name.
      expect(figure![0].match(new RegExp(`data-place="${id}"`, 'g'))).toHaveLength(2);
      expect(figure![0]).toContain(`>${name}<`);
    }
    expect(figure![0]).toContain('aria-label="Map key"');
    expect(page.still).toBe(figure![0]);
    const br = brotliCompressSync(figure![0]).length;
    expect(br).toBeLessThanOrEqual(25 * 1024);
  }, 30_000);

  it('stillFigure renders the key from legendFor, with class colours', () => {
    const out = ssr(stillFigure({ story, basemap, chapter: chapter('offer') }));
    expect(out).toContain('>Prison</li>');
    expect(out).toContain('>Proposed, not carried out</li>');
    expect(out).toMatch(/<li><svg class="sm-still-sym"[^>]*><circle class="sm-s-marker sm-s-dot sm-c-kind-prison"/);
  });
});

describe('print figures served with the page (standalone SVG files)', () => {
  const styles = stillStyles(
    readFileSync(join(ROOT, 'src/theme.css'), 'utf8'),
    readFileSync(join(ROOT, 'src/story/text.css'), 'utf8'),
  );

  it("stillStyles has a rule for every class a chapter's map uses, and defines every colour those rules read", () => {
    const used = new Set<string>();
    for (const c of story.chapters) {
      const out = ssr(stillMap({ story, basemap, chapter: c, frame: PRINT_FRAME }));
      for (const [, list] of out.matchAll(/class="([^"]*)"/g))
        for (const name of list!.split(/\s+/)) if (/^sm-[sc]-/.test(name)) used.add(name);
    }
    expect(used.size).toBeGreaterThan(10);
    // Every class of the map that text.css styles (some are only hooks, `sm-s-dot`), and only those.
    const styled = new Set(
      [...readFileSync(join(ROOT, 'src/story/text.css'), 'utf8').matchAll(/\.(sm-[sc]-[\w-]+)/g)].map(([, n]) => n!),
    );
    const defined = new Set([...styles.matchAll(/\.(sm-[sc]-[\w-]+)\{/g)].map(([, name]) => name!));
    expect([...used].filter((name) => styled.has(name) && !defined.has(name))).toEqual([]);
    expect([...defined].sort()).toEqual([...styled].sort());
    const properties = new Set([...styles.matchAll(/(--sm-[\w-]+):/g)].map(([, name]) => name!));
    const read = [...styles.matchAll(/var\((--sm-[\w-]+)/g)].map(([, name]) => name!);
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((name) => !properties.has(name))).toEqual([]);
    // Un-nested, and nothing else of text.css (the text's rules, the element's layout).
    expect(styles).not.toContain('&');
    expect(styles).not.toMatch(/\.sm-(chapter|story|header)\b/);
  });

  it('standaloneSvg makes a file an image can load: the SVG namespace, its size, the styles, no Lit markers', () => {
    const out = standaloneSvg(
      ssr(stillMap({ story, basemap, chapter: story.chapters[0]!, frame: PRINT_FRAME })),
      styles,
      PRINT_SIZE,
    );
    expect(
      out.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" class="sm-still-map',
      ),
    ).toBe(true);
    expect(out).toContain(`<style>${styles}</style>`);
    expect(out).not.toContain('<?>');
    expect(out).not.toContain('<!--');
    expect(out.trimEnd().endsWith('</svg>')).toBe(true);
    expect(() => standaloneSvg('<div></div>', styles, PRINT_SIZE)).toThrow(/does not start with <svg>/);
    expect(() => standaloneSvg('<svg></svg>', 'a{content:"</style>"}', PRINT_SIZE)).toThrow(/< or &/);
  });

  it("prerender() gives each chapter a print figure under its map's description, its image one of the files", async () => {
    const page = await prerendered();
    const figures = [
      ...page.html.matchAll(
        /<p class="sm-map-description">[^<]*<\/p><figure class="sm-still sm-print-still" data-story-part data-still-chapter="([^"]+)"\s*><img class="sm-still-map" src="([^"]+)" alt="" width="640" height="400" loading="lazy" decoding="async">/g,
      ),
    ].map(([, chapter, src]) => ({ chapter, src }));
    expect(figures.map((f) => f.chapter)).toEqual(story.chapters.map((c) => c.id));
    expect([...page.files.keys()].sort()).toEqual(figures.map((f) => f.src).sort());
    for (const { chapter: id, src } of figures) {
      expect(src).toMatch(/^assets\/print-[0-9a-f]{10}\.svg$/);
      const svg = page.files.get(src!)!;
      // Of its chapter: its highlighted places' markers.
      for (const place of chapter(id!).view.highlight.filter((h) => story.features.get(h)?.layer === 'places'))
        expect(svg).toContain(`data-place="${place}"`);
    }
  }, 30_000);
});
