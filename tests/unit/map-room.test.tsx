/**
 * The map room's controller (map-controller.ts): everything reaches the map along one path, which
 * measures, composes, styles, aims the camera and places the overlays — at load, on a resize, after
 * a lost and restored WebGL context, and when the phones' bottom sheet covers the selected country.
 */
import { readFileSync } from 'node:fs';
import { act, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseBoundaries } from '../../src/map/boundaries.ts';
import { compose, composeFeatures, compositionConfig, labelExtents } from '../../src/map/composition.ts';
import { bottomInFit } from '../../src/map/map-controller.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import type { FakeMap } from '../fixtures/fake-map.ts';
import { setSize, stubResizeObservers } from '../fixtures/layout.ts';
import { readyMap, renderApp } from '../fixtures/render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

// The shipped story, as the app under test draws it (tests/fixtures/create-data.ts reads the same files).
const CONFIG = compositionConfig(loadPolicyData().story.region);
const BOUNDARIES = parseBoundaries(JSON.parse(readFileSync('src/data/content/boundaries.topo.json', 'utf8'))).geojson;

const methods = (map: FakeMap, from: number) => map.calls.slice(from).map((c) => c.method);

/** Renders the app with a laid-out map frame, its map loaded and idle. */
async function loadedAt(width: number, height: number, state = {}) {
  const observers = stubResizeObservers();
  const app = renderApp({ state });
  const frame = app.container.querySelector('.map-canvas') as HTMLElement;
  setSize(frame, width, height);
  const map = await readyMap(app.maps);
  return { ...app, observers, frame, map };
}

describe('one path for size, composition and camera', () => {
  it('resizes the map once per size change', async () => {
    const { observers, frame, map } = await loadedAt(640, 500);
    const before = map.calls.length;
    setSize(frame, 600, 480);
    observers.report(frame);
    expect(methods(map, before).filter((m) => m === 'resize')).toHaveLength(1);
  });

  it('defect 3: a frame resized while the WebGL context was lost is measured, recomposed and refitted when it is back', async () => {
    const errors = vi.spyOn(console, 'error');
    const { observers, frame, map } = await loadedAt(1000, 600);
    const wide = map.lastCall('setData');
    act(() => map.fire('webglcontextlost'));
    // A phone-sized frame while the context is lost: the observer's report cannot touch the map.
    setSize(frame, 360, 450);
    observers.report(frame);
    const before = map.calls.length;
    act(() => map.fire('webglcontextrestored'));
    act(() => map.fire('idle'));
    expect(errors).not.toHaveBeenCalled();
    const after = methods(map, before);
    expect(after).toContain('resize');
    expect(after).toContain('fitBounds');
    // A new composition for the new size, not the one the wide frame had.
    const data = map.lastCall('setData');
    expect(data).toBeDefined();
    expect(data?.args[1]).not.toBe(wide?.args[1]);
    expect(map.lastCall('fitBounds')?.args[0]).toEqual(compose({ width: 360, height: 450 }, CONFIG).bounds);
  });

  it('never moves the camera while the reader is moving it; a fit held back happens when they let go', async () => {
    const { observers, frame, map } = await loadedAt(640, 500);
    act(() => map.fire('movestart', { originalEvent: new MouseEvent('mousedown') }));
    const before = map.calls.length;
    // A size that needs a new composition, mid-drag.
    setSize(frame, 360, 640);
    observers.report(frame);
    expect(methods(map, before)).not.toContain('fitBounds');
    act(() => map.fire('moveend'));
    expect(methods(map, before)).toContain('fitBounds');
  });

  it('the fake behaves like MapLibre: a camera move fires move, and project follows the camera', async () => {
    const { map } = await loadedAt(640, 500);
    const moves = vi.fn();
    map.on('move', moves);
    const point: [number, number] = [-70, -30];
    const at = map.project(point);
    act(() => {
      map.fitBounds(
        [
          [-80, -40],
          [-60, -20],
        ],
        { padding: 10 },
      );
    });
    expect(moves).toHaveBeenCalledTimes(1);
    expect(map.project(point)).not.toEqual(at);
    expect(map.project(point).x).toBeCloseTo(320, 0);
  });
});

describe('defect 7: the phones’ bottom sheet never hides the selected country', () => {
  /** Chile's drawn extent (where its label goes) on screen now. */
  function chileOnScreen(map: FakeMap, width: number, height: number) {
    const composition = compose({ width, height }, CONFIG);
    const extent = labelExtents(composeFeatures(BOUNDARIES, composition, CONFIG), ['CHL']).CHL;
    if (!extent) throw new Error('no extent for Chile');
    return { top: map.project([extent[0][0], extent[1][1]]).y, bottom: map.project(extent[0]).y };
  }

  it('fits the map into the strip above the sheet while Chile is open, and returns when the sheet closes', async () => {
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(740);
    // A 375 px phone: the map's frame from 150 to 619 px down the screen.
    const { frame, map, store } = await loadedAt(375, 469);
    setSize(frame, 375, 469, 150);
    const open = chileOnScreen(map, 375, 469);
    // Chile reaches the frame's bottom: a sheet over the lower half of the screen would hide its south.
    expect(open.bottom).toBeGreaterThan(740 - 370 - 150);
    act(() => {
      store.getState().select('CHL');
      store.getState().setSheetHeight(370);
    });
    await waitFor(() =>
      expect(map.lastCall('fitBounds')?.args[1]).toMatchObject({ padding: { bottom: expect.any(Number) } }),
    );
    const shown = chileOnScreen(map, 375, 469);
    // Frame coordinates: the sheet's top edge is 740 − 370 − 150 = 220 px down the frame.
    expect(shown.bottom).toBeLessThanOrEqual(220);
    expect(shown.top).toBeGreaterThanOrEqual(0);
    // Closing the panel: the sheet goes, and the map returns to the whole composition.
    act(() => {
      store.getState().select(null);
      store.getState().setSheetHeight(0);
    });
    expect(map.lastCall('fitBounds')?.args[1]).toMatchObject({ padding: { top: 10, right: 10, bottom: 10, left: 10 } });
    expect(chileOnScreen(map, 375, 469).bottom).toBeCloseTo(open.bottom, 5);
  });

  it('leaves the camera alone for a country that already shows above the sheet (El Salvador, in the inset)', async () => {
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(740);
    const { frame, map, store } = await loadedAt(375, 469);
    setSize(frame, 375, 469, 150);
    const before = map.calls.length;
    act(() => {
      store.getState().select('SLV');
      store.getState().setSheetHeight(370);
    });
    expect(methods(map, before)).not.toContain('fitBounds');
  });

  it('bottomInFit places a bound’s south edge at the padded frame’s bottom', () => {
    const bounds: [[number, number], [number, number]] = [
      [-10, -10],
      [10, 10],
    ];
    expect(bottomInFit(bounds, bounds, { width: 200, height: 200 })).toBeCloseTo(190, 5);
  });
});
