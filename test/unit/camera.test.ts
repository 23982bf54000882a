import { describe, expect, it } from 'vitest';
import {
  AMERICAS,
  cameraForView,
  chapterCamera,
  fitBounds,
  framePadding,
  labelWidth,
  latFromMercatorY,
  lonFromMercatorX,
  mercatorX,
  mercatorY,
  IN_VIEW_MARGIN,
  keepInView,
  storyCamera,
} from '../../src/geo/camera.ts';
import { longitudeDelta } from '../../src/geo/longitude.ts';
import { normalizeStory } from '../../src/story/normalize.ts';
import type { BBox, Camera, ChapterView, LngLat, PlaceFeature } from '../../src/story/types.ts';

const TILE = 512;

/** The visible [w, s, e, n] box of a camera at bearing 0, as MapLibre computes it. */
function visibleBox(center: LngLat, zoom: number, width: number, height: number): BBox {
  const world = TILE * 2 ** zoom;
  const cx = mercatorX(center[0]);
  const cy = mercatorY(center[1]);
  return [
    lonFromMercatorX(cx - width / 2 / world),
    latFromMercatorY(cy + height / 2 / world),
    lonFromMercatorX(cx + width / 2 / world),
    latFromMercatorY(cy - height / 2 / world),
  ];
}

const place = (id: string, coordinates: LngLat): PlaceFeature => ({
  type: 'Feature',
  id,
  properties: { name: id },
  geometry: { type: 'Point', coordinates },
});

describe('mercator', () => {
  it('mercatorY and latFromMercatorY are inverses', () => {
    for (const lat of [-60, -10, 0, 13.6894, 38.8978, 70]) expect(latFromMercatorY(mercatorY(lat))).toBeCloseTo(lat, 9);
  });
  it('mercatorX(0) is the middle of the world', () => {
    expect(mercatorX(0)).toBe(0.5);
    expect(lonFromMercatorX(mercatorX(-89.1872))).toBeCloseTo(-89.1872, 9);
  });
});

describe('fitBounds', () => {
  const viewport = { width: 800, height: 600 };
  const padding = { top: 50, right: 60, bottom: 70, left: 80 };
  const box: BBox = [-89.1872, 13.5336, -88.805, 13.6894]; // San Salvador to CECOT

  it('fitBounds(box, viewport) shows the whole box inside the padded area', () => {
    const camera = fitBounds(box, viewport, { padding, maxZoom: 20 });
    const [w, s, e, n] = visibleBox(camera.center, camera.zoom, viewport.width, viewport.height);
    expect(w).toBeLessThanOrEqual(box[0]);
    expect(s).toBeLessThanOrEqual(box[1]);
    expect(e).toBeGreaterThanOrEqual(box[2]);
    expect(n).toBeGreaterThanOrEqual(box[3]);
  });

  it('fitBounds(box, viewport) fills one dimension of the free area exactly', () => {
    const camera = fitBounds(box, viewport, { padding, maxZoom: 20 });
    const world = TILE * 2 ** camera.zoom;
    const boxWidth = (mercatorX(box[2]) - mercatorX(box[0])) * world;
    const boxHeight = (mercatorY(box[1]) - mercatorY(box[3])) * world;
    const fillsWidth = Math.abs(boxWidth - (viewport.width - padding.left - padding.right)) < 0.01;
    const fillsHeight = Math.abs(boxHeight - (viewport.height - padding.top - padding.bottom)) < 0.01;
    expect(fillsWidth || fillsHeight).toBe(true);
  });

  it('fitBounds(box, viewport) centres the box in the free area, not in the viewport', () => {
    const camera = fitBounds(box, viewport, { padding, maxZoom: 20 });
    const world = TILE * 2 ** camera.zoom;
    const left = (mercatorX(box[0]) - mercatorX(camera.center[0])) * world + viewport.width / 2;
    const right = (mercatorX(box[2]) - mercatorX(camera.center[0])) * world + viewport.width / 2;
    expect(left - padding.left).toBeCloseTo(viewport.width - padding.right - right, 6);
  });

  it('fitBounds(point, viewport) stops at maxZoom for a single place', () => {
    const camera = fitBounds([-75.16, 19.9175, -75.16, 19.9175], viewport, { padding, maxZoom: 9 });
    expect(camera.zoom).toBe(9);
    expect(camera.center[0]).toBeCloseTo(-75.16 + 0, 0);
  });
});

describe('framePadding', () => {
  it('framePadding(viewport) never takes more than a third of either side', () => {
    for (const v of [
      { width: 320, height: 200 },
      { width: 742, height: 680 },
      { width: 1920, height: 1080 },
    ]) {
      const p = framePadding(v);
      expect(p.left + p.right).toBeLessThan(v.width);
      expect(p.top + p.bottom).toBeLessThan(v.height);
      expect(p.left).toBeLessThanOrEqual(v.width / 3);
    }
  });
});

const containsPoint = (box: BBox, [lon, lat]: LngLat) =>
  lon >= box[0] && lon <= box[2] && lat >= box[1] && lat <= box[3];

describe('cameraForView', () => {
  const features = new Map([
    ['a', place('a', [-89.1872, 13.6894])],
    ['b', place('b', [-77.0364, 38.8978])],
  ]);
  const view = (over: Partial<ChapterView>): ChapterView => ({
    camera: null,
    focus: [],
    highlight: [],
    visible: [],
    description: '',
    whole: false,
    ...over,
  });

  it('cameraForView(view) returns the explicit camera when the chapter gives one', () => {
    const camera = { center: [-80, 37] as LngLat, zoom: 4.6, bearing: 0, pitch: 0 };
    expect(cameraForView(view({ camera, focus: ['a'] }), (id) => features.get(id), { width: 500, height: 500 })).toBe(
      camera,
    );
  });

  it('cameraForView(view) zooms an explicit camera out on a small map until its highlighted features show', () => {
    // Composed on a desktop: San Salvador and Washington both show at 741x662, not at 390x339.
    const camera = { center: [-83, 26] as LngLat, zoom: 3.4, bearing: 0, pitch: 0 };
    const chapter = view({ camera, focus: ['a', 'b'], highlight: ['a', 'b'] });
    const lookup = (id: string) => features.get(id);
    expect(cameraForView(chapter, lookup, { width: 741, height: 662 })).toBe(camera);
    const small = cameraForView(chapter, lookup, { width: 390, height: 339 })!;
    expect(small.center).toEqual(camera.center);
    expect(small.zoom).toBeLessThan(camera.zoom);
    const seen = visibleBox(small.center, small.zoom, 390, 339);
    expect(containsPoint(seen, [-89.1872, 13.6894]) && containsPoint(seen, [-77.0364, 38.8978])).toBe(true);
  });

  it('cameraForView(view) fits the focus features when no camera is given', () => {
    const camera = cameraForView(view({ focus: ['a', 'b'] }), (id) => features.get(id), { width: 700, height: 600 })!;
    const visible = visibleBox(camera.center, camera.zoom, 700, 600);
    expect(containsPoint(visible, [-89.1872, 13.6894])).toBe(true);
    expect(containsPoint(visible, [-77.0364, 38.8978])).toBe(true);
  });

  it('cameraForView(view) returns null when no focus id exists', () => {
    expect(cameraForView(view({ focus: ['nope'] }), (id) => features.get(id), { width: 700, height: 600 })).toBeNull();
  });
});

describe('labelWidth', () => {
  it('labelWidth(text) grows with the text and is 0 for none', () => {
    expect(labelWidth('')).toBe(0);
    expect(labelWidth('CECOT prison')).toBeGreaterThan(labelWidth('Caracas'));
  });
  it('framePadding(viewport, labelWidth) keeps a long label clear of the edges', () => {
    const p = framePadding({ width: 742, height: 660 }, labelWidth('Guantánamo Bay'));
    expect(p.left).toBeGreaterThanOrEqual(labelWidth('Guantánamo Bay'));
    expect(p.right).toBe(p.left);
  });
});

describe('across 180°', () => {
  // The three places, 20° apart across 180°: Dutch Harbor, Kiska and Attu.
  const places = new Map([
    ['dutch-harbor', place('dutch-harbor', [-166.5422, 53.8898])],
    ['kiska', place('kiska', [177.5, 51.98])],
    ['attu', place('attu', [173.18, 52.85])],
  ]);
  const view: ChapterView = {
    camera: null,
    focus: ['dutch-harbor', 'kiska', 'attu'],
    highlight: [],
    visible: [],
    description: '',
    whole: false,
  };
  /** The longitudes a camera at bearing 0 shows, from its centre: [west, east] as offsets in degrees. */
  const shown = (zoom: number, width: number): [number, number] => {
    const half = (width / 2 / (TILE * 2 ** zoom)) * 360;
    return [-half, half];
  };

  for (const size of [
    { width: 741, height: 662 },
    { width: 390, height: 339 },
  ]) {
    it(`a fit over places on both sides of 180° is the smallest view that holds them (${size.width}x${size.height})`, () => {
      const camera = cameraForView(view, (id) => places.get(id), size)!;
      expect(camera.center[0]).toBeGreaterThanOrEqual(-180);
      expect(camera.center[0]).toBeLessThanOrEqual(180);
      // Centred between Attu (173.18°E) and Dutch Harbor (166.54°W): near 177°W, not on 0°.
      expect(Math.abs(longitudeDelta(camera.center[0], -176.68))).toBeLessThan(1);
      const [west, east] = shown(camera.zoom, size.width);
      for (const [, f] of places) {
        const offset = longitudeDelta(camera.center[0], f.geometry.coordinates[0]!);
        expect(offset).toBeGreaterThan(west);
        expect(offset).toBeLessThan(east);
      }
      // The span shown: the places' 19.7° and the room kept for labels (framePadding), not the world.
      const padding = framePadding(size, labelWidth('dutch-harbor'));
      const box = 173.18 - 360 - -166.5422;
      expect(east - west).toBeLessThanOrEqual(
        (Math.abs(box) * size.width) / (size.width - padding.left - padding.right) + 1e-6,
      );
      expect(east - west).toBeLessThan(size.width > 500 ? 33 : 61);
    });
  }

  it('fitBounds(box across 180°) is the fit of the same box written past 180°, with the centre in [-180, 180]', () => {
    const viewport = { width: 741, height: 662 };
    const options = { padding: framePadding(viewport) };
    const across = fitBounds([170, 50, -170, 60], viewport, options);
    const past = fitBounds([170, 50, 190, 60], viewport, options);
    expect(across.zoom).toBeCloseTo(past.zoom, 9);
    expect(across.center[1]).toBeCloseTo(past.center[1], 9);
    expect(across.center[0]).toBe(180);
    const west = fitBounds([172, 50, -168, 60], viewport, options);
    expect(west.center[0]).toBeCloseTo(-178, 9);
  });

  const story = (map: unknown, chapters: unknown[]) =>
    normalizeStory(
      { title: 'T', map, chapters },
      {
        places: { type: 'FeatureCollection', features: [...places.values()].map((p) => ({ ...p })) },
      },
      { story: 'story.json' },
    ).story;

  it('an explicit camera past 172.9° is kept: 176° stays 176°, -185° is 175°', () => {
    const s = story(undefined, [
      { id: 'a', title: 'A', map: { camera: { center: [176, 52.4], zoom: 5.4 } } },
      { id: 'b', title: 'B', map: { camera: { center: [-185, 52.4], zoom: 5.4 } } },
    ]);
    const size = { width: 390, height: 339 };
    expect(chapterCamera(s, s.chapters[0]!.view, size).center).toEqual([176, 52.4]);
    expect(chapterCamera(s, s.chapters[1]!.view, size).center).toEqual([175, 52.4]);
  });

  it('a chapter with no map shows the story camera (past 180° too), else its bounds across 180°, else the Americas', () => {
    const size = { width: 741, height: 662 };
    const withCamera = story({ camera: { center: [-185, 57], zoom: 3.2 } }, [{ id: 'a', title: 'A' }]);
    expect(chapterCamera(withCamera, withCamera.chapters[0]!.view, size)).toEqual({
      center: [175, 57],
      zoom: 3.2,
      bearing: 0,
      pitch: 0,
    });
    const withBounds = story({ bounds: [170, 50, -160, 60] }, [{ id: 'a', title: 'A' }]);
    const camera = chapterCamera(withBounds, withBounds.chapters[0]!.view, size);
    expect(camera).toEqual(fitBounds([170, 50, -160, 60], size, { padding: framePadding(size) }));
    expect(camera.center[0]).toBeCloseTo(-175, 6);
    expect(storyCamera(withBounds, size)).toEqual(camera);
    const neither = normalizeStory({ title: 'T', chapters: [{ id: 'a', title: 'A' }] }, {}, { story: 's' }).story;
    expect(chapterCamera(neither, neither.chapters[0]!.view, size)).toBe(AMERICAS);
  });
});

describe('keepInView', () => {
  /** A point's offset from the centre in screen pixels at `camera` (bearing 0). */
  const offset = (camera: Camera, [lon, lat]: [number, number]) => {
    const size = 512 * 2 ** camera.zoom;
    return [
      ((((((lon - camera.center[0]) % 360) + 540) % 360) - 180) / 360) * size,
      (mercatorY(lat) - mercatorY(camera.center[1])) * size,
    ];
  };
  const desktop = { width: 741, height: 662 };
  const phone = { width: 390, height: 339 };

  it('keepInView(camera, box, viewport) leaves a camera that shows the box as it is', () => {
    const camera: Camera = { center: [-80.5, 37.2], zoom: 4.6, bearing: 0, pitch: 0 };
    const washington: BBox = [-77.04, 38.9, -77.04, 38.9];
    expect(keepInView(camera, washington, desktop)).toBe(camera);
    expect(keepInView(camera, washington, phone)).toBe(camera);
  });

  it('keepInView(camera, box, viewport) zooms out about the same centre until the box is inside, margin kept', () => {
    const camera: Camera = { center: [-90, 15], zoom: 6, bearing: 0, pitch: 0 };
    const box: BBox = [-85, 10, -80, 12];
    const kept = keepInView(camera, box, phone);
    expect(kept.center).toEqual(camera.center);
    expect(kept.zoom).toBeLessThan(camera.zoom);
    const corners: [number, number][] = [
      [-85, 10],
      [-85, 12],
      [-80, 10],
      [-80, 12],
    ];
    const worst = Math.max(...corners.map((c) => Math.abs(offset(kept, c)[0]!)));
    // The farthest corner sits exactly at the margin: no more zoomed out than needed.
    expect(worst).toBeCloseTo(phone.width / 2 - IN_VIEW_MARGIN, 6);
    for (const c of corners)
      expect(Math.abs(offset(kept, c)[1]!)).toBeLessThanOrEqual(phone.height / 2 - IN_VIEW_MARGIN);
  });

  it('keepInView(camera, box, viewport) measures across 180° the short way, and turns with the bearing', () => {
    const across: Camera = { center: [178, 51], zoom: 5, bearing: 0, pitch: 0 };
    // 4 to 6 degrees east across 180°, not 354: the camera already shows it on a desktop.
    expect(keepInView(across, [-178, 50, -176, 52], desktop)).toBe(across);
    // A wide box: fits a 741 px width at bearing 0; turned 90°, it must fit the height.
    const flat: Camera = { center: [0, 0], zoom: 3, bearing: 0, pitch: 0 };
    const wide: BBox = [-30, -1, 30, 1];
    const level = keepInView(flat, wide, { width: 741, height: 300 });
    const turned = keepInView({ ...flat, bearing: 90 }, wide, { width: 741, height: 300 });
    expect(turned.zoom).toBeLessThan(level.zoom);
  });
});
