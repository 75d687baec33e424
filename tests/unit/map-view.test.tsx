import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PALETTES } from '../../src/data/palette.ts';

const COUNT_COLOURS = PALETTES.light.counts;

import { LAYERS } from '../../src/map/map-style.ts';
import type { FakeMap } from '../fixtures/fake-map.ts';
import { setSize, stubResizeObservers } from '../fixtures/layout.ts';
import { readyMap, renderApp } from '../fixtures/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('map component (fake map)', () => {
  it('creates one map fitted to the six countries and the inset, and flips aria-busy only at first idle', async () => {
    const { maps } = renderApp();
    const region = screen.getByRole('region', { name: /map/i });
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    const [[west, south], [east, north]] = map.init.bounds;
    // The whole region (Guatemala's tip to Tierra del Fuego) and, west of it, the inset.
    expect(west).toBeLessThan(-92.3);
    expect(south).toBeLessThanOrEqual(-56);
    expect(east).toBeGreaterThanOrEqual(-66.4);
    expect(north).toBeGreaterThanOrEqual(17.9);
    act(() => map.fire('load'));
    expect(region).toHaveAttribute('aria-busy', 'true');
    act(() => map.fire('idle'));
    expect(region).toHaveAttribute('aria-busy', 'false');
  });

  it('colours countries by matching measures and hatches the rest, updating on filter change', async () => {
    const user = userEvent.setup();
    const { maps } = renderApp();
    const map = await readyMap(maps);
    // The style it was built with carries the counts of that moment (no state yet).
    expect(map.lastPaint(LAYERS.focus, 'fill-color')).toEqual([
      'coalesce',
      ['feature-state', 'fill'],
      ['match', ['get', 'iso3'], 'SLV', COUNT_COLOURS[1], 'CHL', COUNT_COLOURS[0], PALETTES.light.hatchBase],
    ]);
    const settersBefore = map.calls.filter((c) => c.method !== 'setFeatureState').length;
    await user.click(screen.getByRole('checkbox', { name: 'Maximum-security prison' }));
    // Each country's count arrives as feature-state, shared by its main and inset copies (one id).
    expect(map.featureState.get('SLV')).toMatchObject({ fill: COUNT_COLOURS[0], zero: false });
    expect(map.featureState.get('CHL')).toMatchObject({ fill: PALETTES.light.hatchBase, zero: true });
    expect(map.featureState.get('GTM')).toMatchObject({ zero: true });
    // …and nothing else: a filter or a data-driven paint value would re-tile the map in MapLibre's worker.
    expect(map.calls.filter((c) => c.method !== 'setFeatureState').slice(settersBefore)).toEqual([]);
  });

  it('builds the style with the colours and hatching of the moment, so load sets nothing', async () => {
    const { maps } = renderApp();
    const map = await readyMap(maps);
    // Filters re-run the worker's layout and colour changes repaint: neither is needed at load.
    expect(map.calls.filter((c) => c.method === 'setFilter')).toEqual([]);
    expect(map.calls.filter((c) => c.method === 'setPaintProperty')).toEqual([]);
    expect(map.calls.filter((c) => c.method === 'setFeatureState')).toEqual([]);
    expect(JSON.stringify(map.lastPaint(LAYERS.focus, 'fill-color'))).toContain('"SLV"');
    expect(JSON.stringify(map.lastPaint(LAYERS.none, 'fill-opacity'))).toContain('"GTM"');
  });

  it('selects a country on a map click and outlines it through feature-state', async () => {
    const { maps, store } = renderApp();
    const map = await readyMap(maps);
    act(() => map.fire('click', { features: [{ id: 'HND' }] }, LAYERS.focus));
    expect(store.getState().selected).toBe('HND');
    expect(map.featureState.get('HND')).toMatchObject({ selected: true });
    act(() => store.getState().select('CHL'));
    expect(map.featureState.get('HND')).toMatchObject({ selected: false });
    expect(map.featureState.get('CHL')).toMatchObject({ selected: true });
    expect(screen.getByRole('complementary', { name: 'Chile' })).toBeInTheDocument();
  });

  it('highlights on hover without re-creating anything', async () => {
    const { maps, store } = renderApp();
    const map = await readyMap(maps);
    act(() => map.fire('mousemove', { features: [{ id: 'ECU' }] }, LAYERS.focus));
    expect(store.getState().hovered).toBe('ECU');
    expect(map.featureState.get('ECU')).toMatchObject({ hover: true });
    act(() => map.fire('mouseleave', {}, LAYERS.focus));
    expect(map.featureState.get('ECU')).toMatchObject({ hover: false });
    expect(maps).toHaveLength(1);
  });

  it('places the six labels and selects a country from its label', async () => {
    const user = userEvent.setup();
    const { maps, store, container } = renderApp();
    await readyMap(maps);
    const labels = [...container.querySelectorAll<HTMLButtonElement>('.map-labels button')];
    expect(labels.map((l) => l.dataset.country)).toEqual(['GTM', 'SLV', 'HND', 'CRI', 'ECU', 'CHL']);
    expect(labels.every((l) => l.style.transform.startsWith('translate('))).toBe(true);
    await user.click(labels[1] as HTMLButtonElement);
    expect(store.getState().selected).toBe('SLV');
  });

  it('removes the map on unmount', async () => {
    const { maps, unmount } = renderApp();
    const map = await readyMap(maps);
    unmount();
    expect(map.removed).toBe(true);
  });

  it('says so when the boundary file cannot be fetched', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderApp({ boundaries: 'unavailable' });
    expect(await screen.findByRole('alert')).toHaveTextContent('The country boundaries could not be loaded.');
    expect(screen.getByRole('region', { name: /map/i })).toHaveAttribute('aria-busy', 'false');
  });

  it('keeps the text usable and says so when the map cannot load', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { maps } = renderApp();
    await waitFor(() => expect(maps).toHaveLength(1));
    act(() => (maps[0] as FakeMap).fire('error', { error: new Error('WebGL unavailable') }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The map could not be started.');
    expect(screen.getByRole('region', { name: /map/i })).toHaveAttribute('aria-busy', 'false');
    expect(screen.getByRole('button', { name: /^El Salvador/ })).toBeEnabled();
  });
});

/** ResizeObservers the test can report sizes to (jsdom has none). */

describe('map ready in the frame that loaded it (fake map)', () => {
  it('touches nothing at load that the style already has, so the map can go idle in the same frame', async () => {
    const { maps } = renderApp();
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    act(() => map.fire('render'));
    act(() => map.fire('load'));
    // No feature-state (a new style has none: nothing selected or hovered), no camera move (the
    // map was created fitted), no data, paint or filter (the style was built with them).
    expect(map.framesAsked).toBe(0);
    expect(map.calls.map((c) => c.method)).not.toContain('setFeatureState');
    expect(map.calls.map((c) => c.method)).not.toContain('fitBounds');
    expect(map.getCanvas()).toHaveAttribute('aria-label');
  });

  it('outlines a country selected in the address at load, touching only that country', async () => {
    const { maps } = renderApp({ state: { selected: 'SLV' } });
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    act(() => map.fire('load'));
    expect(map.calls.filter((c) => c.method === 'setFeatureState').map((c) => c.args)).toEqual([
      [{ source: 'countries', id: 'SLV' }, { selected: true }],
    ]);
  });

  it('says ready as the map goes idle, not a task later', async () => {
    const { maps } = renderApp();
    const region = screen.getByRole('region', { name: /map/i });
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    act(() => map.fire('load'));
    // Outside act(), as in the browser: React would otherwise render the update in a later task.
    const actEnvironment = Reflect.get(globalThis, 'IS_REACT_ACT_ENVIRONMENT');
    Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', false);
    try {
      map.fire('idle');
      expect(region).toHaveAttribute('aria-busy', 'false');
      expect(region.querySelector('.map-canvas')).toHaveAttribute('data-status', 'ready');
    } finally {
      Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', actEnvironment);
    }
  });

  it('resizes and refits a map whose frame changed size while it loaded; an unchanged size redraws nothing', async () => {
    const observers = stubResizeObservers();
    const { maps, container } = renderApp();
    const frame = container.querySelector('.map-canvas') as HTMLElement;
    setSize(frame, 800, 500);
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    setSize(frame, 640, 500);
    act(() => map.fire('render'));
    act(() => map.fire('load'));
    expect(map.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['resize', 'fitBounds']));
    act(() => map.fire('render'));
    // The observer's first report, on observe, is the size the map already has.
    observers.report(frame);
    expect(map.framesAsked).toBe(0);
    setSize(frame, 640, 420);
    const before = map.calls.length;
    observers.report(frame);
    // A resize now, not the one at load (issue 21, defect 10: the old check could not fail).
    expect(map.calls.slice(before).map((c) => c.method)).toContain('resize');
    expect(map.framesAsked).toBeGreaterThan(0);
  });
});

describe('a hidden tab (issue 21, defect 1)', () => {
  it('ignores the 0 × 0 frame of the hidden Map tab, so the map returns as the reader left it', async () => {
    const observers = stubResizeObservers();
    const { maps, container } = renderApp();
    const frame = container.querySelector('.map-canvas') as HTMLElement;
    setSize(frame, 640, 500);
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    act(() => map.fire('load'));
    act(() => map.fire('idle'));
    const before = map.calls.length;
    // Table or Overview: the map's tab panel is display:none, its frame 0 × 0.
    setSize(frame, 0, 0);
    observers.report(frame);
    // Back to the map, at the size it had.
    setSize(frame, 640, 500);
    observers.report(frame);
    expect(map.calls.slice(before).map((c) => c.method)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(resize|fitBounds|jumpTo)$/)]),
    );
  });
});

describe('the hatch pattern (fake map)', () => {
  it('is on the map before its style loads, in the theme of now, so the first tiles need no round trip for it', async () => {
    const { maps } = renderApp({ state: { theme: 'dark' } });
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    expect(map.loaded).toBe(false);
    expect([...map.images]).toEqual(['hatch-dark']);
    act(() => map.fire('load'));
    expect(map.lastPaint(LAYERS.none, 'fill-pattern')).toBe('hatch-dark');
  });
});
