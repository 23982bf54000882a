import { describe, expect, it } from 'vitest';
import {
  cameraForView,
  fitBounds,
  framePadding,
  labelWidth,
  latFromMercatorY,
  lonFromMercatorX,
  mercatorX,
  mercatorY,
} from '../../src/geo/camera.ts';
import type { BBox, ChapterView, LngLat, PlaceFeature } from '../../src/story/types.ts';

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
    ...over,
  });

  it('cameraForView(view) returns the explicit camera when the chapter gives one', () => {
    const camera = { center: [-80, 37] as LngLat, zoom: 4.6, bearing: 0, pitch: 0 };
    expect(cameraForView(view({ camera, focus: ['a'] }), (id) => features.get(id), { width: 500, height: 500 })).toBe(
      camera,
    );
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
