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
import { REFERENCE, stillCamera, stillFigure } from '../../src/still/figure.ts';
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
    const page = await prerender(ROOT, 'data/story.json');
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
  });

  it('stillFigure renders the key from legendFor, with class colours', () => {
    const out = ssr(stillFigure({ story, basemap, chapter: chapter('offer') }));
    expect(out).toContain('>Prison</li>');
    expect(out).toContain('>Proposed, not carried out</li>');
    expect(out).toMatch(/<li><svg class="sm-still-sym"[^>]*><circle class="sm-s-marker sm-s-dot sm-c-kind-prison"/);
  });
});
