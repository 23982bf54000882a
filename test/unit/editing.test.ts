import { describe, expect, it } from 'vitest';
import { cameraSnippet } from '../../src/story/editing.ts';
import { maybeCamera } from '../../src/story/maybe.ts';
import { CameraSchema } from '../../src/story/schema.ts';

describe('cameraSnippet', () => {
  it('cameraSnippet(camera) is the "camera" field, rounded, bearing and pitch only when set', () => {
    expect(cameraSnippet({ center: [-89.18721, 13.68944], zoom: 8.4567 })).toBe(
      '"camera": { "center": [-89.1872, 13.6894], "zoom": 8.46 }',
    );
    expect(cameraSnippet({ center: [-89, 13], zoom: 7, bearing: 30, pitch: 0.01 })).toBe(
      '"camera": { "center": [-89, 13], "zoom": 7, "bearing": 30 }',
    );
  });

  it('cameraSnippet(camera) gives a camera past 180° with its longitude in [-180, 180], which the format takes', () => {
    // MapLibre reports -175 or 185 for the same view, depending on how the map got there.
    for (const lon of [176, -175, 185, -185.00004]) {
      const snippet = cameraSnippet({ center: [lon, 52.4], zoom: 5.4 });
      const camera = JSON.parse(`{${snippet}}`).camera;
      expect(camera.center[0]).toBeGreaterThanOrEqual(-180);
      expect(camera.center[0]).toBeLessThanOrEqual(180);
      expect(CameraSchema.safeParse(camera).success).toBe(true);
      // The same meridian: the map looks where it looked.
      expect((((camera.center[0] - lon) % 360) + 360) % 360).toBeCloseTo(0, 3);
      expect(maybeCamera(camera)!.center).toEqual(camera.center);
    }
    expect(cameraSnippet({ center: [185, 52.4], zoom: 5.4 })).toBe('"camera": { "center": [-175, 52.4], "zoom": 5.4 }');
  });
});
