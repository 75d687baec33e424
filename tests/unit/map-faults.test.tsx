/**
 * Issue 9: the map stays in step with the reader and recovers from faults — errors after load are
 * logged, the canvas speaks the reader's language, a theme chosen before load is drawn, a lost and
 * restored WebGL context gets everything back, failures say what failed and Retry fetches only
 * that, a hang becomes an error, and without WebGL the SVG map is drawn.
 */
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PALETTES } from '../../src/data/palette.ts';
import { LAYERS } from '../../src/map/map-style.ts';
import type { FakeMap } from '../fixtures/fake-map.ts';
import { readyMap, renderApp, stubBoundariesFetch } from '../fixtures/render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the map stays in step (issue 9)', () => {
  it('3: logs a MapLibre error that happens after load (an invalid setFilter, a misspelt layer)', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { maps } = renderApp();
    const map = await readyMap(maps);
    const error = new Error('layers.focus-fil: missing required property "source"');
    act(() => map.fire('error', { error }));
    expect(log).toHaveBeenCalledWith(error);
    // …and the map keeps working: no error status for a later error.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('5: names the canvas in the reader’s language, and follows a switch', async () => {
    const user = userEvent.setup();
    const { maps } = renderApp();
    const map = await readyMap(maps);
    expect(map.getCanvas().getAttribute('aria-label')).toMatch(/^Pan and zoom/);
    await user.click(screen.getByRole('button', { name: 'Español' }));
    expect(map.getCanvas().getAttribute('aria-label')).toMatch(/^Zona de desplazamiento/);
  });

  it('5: draws a theme chosen before the map loaded (sea, context, borders, hatching)', async () => {
    const { maps, store } = renderApp({ state: { theme: 'light' } });
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    act(() => store.setState({ theme: 'dark' }));
    act(() => map.fire('load'));
    expect(map.lastPaint(LAYERS.sea, 'background-color')).toBe(PALETTES.dark.sea);
    expect(map.lastPaint(LAYERS.context, 'fill-color')).toBe(PALETTES.dark.context);
    expect(map.lastPaint(LAYERS.borders, 'line-color')).toBe(PALETTES.dark.border);
    expect(map.lastPaint(LAYERS.none, 'fill-pattern')).toBe('hatch-dark');
  });

  it('6: after a lost and restored WebGL context, shows what changed meanwhile and keeps the selection', async () => {
    const user = userEvent.setup();
    const errors = vi.spyOn(console, 'error');
    const { maps, store } = renderApp({ state: { selected: 'SLV' } });
    const map = await readyMap(maps);
    expect(map.featureState.get('SLV')).toMatchObject({ selected: true });
    act(() => map.fire('webglcontextlost'));
    // Changes while the context is lost: nothing may touch the map (it would throw).
    await user.click(screen.getByRole('checkbox', { name: 'Maximum-security prison' }));
    act(() => store.getState().select('HND'));
    act(() => store.setState({ theme: 'dark' }));
    act(() => map.fire('webglcontextrestored'));
    act(() => map.fire('idle'));
    expect(errors).not.toHaveBeenCalled();
    expect(map.featureState.get('HND')).toMatchObject({ selected: true });
    expect(map.featureState.get('SLV')).toMatchObject({ selected: false });
    expect(map.lastPaint(LAYERS.sea, 'background-color')).toBe(PALETTES.dark.sea);
    // The filter in force is the new one (maximum-security prisons off: El Salvador has 1 left),
    // in the new theme's colours.
    expect(map.featureState.get('SLV')).toMatchObject({ fill: PALETTES.dark.counts[0], zero: false });
    expect(map.featureState.get('CHL')).toMatchObject({ fill: PALETTES.dark.hatchBase, zero: true });
    expect(map.lastCall('setData')).toBeDefined();
  });
});

describe('failures say what failed and offer Retry (issue 9)', () => {
  it('7: a boundary file that fails names the boundaries; Retry fetches them again and draws the map', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const user = userEvent.setup();
    const { maps } = renderApp({ boundaries: 'unavailable' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The country boundaries could not be loaded.');
    expect(alert).toHaveTextContent('still work');
    expect(alert).not.toHaveTextContent(/browser/i);
    const fetch = stubBoundariesFetch();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await readyMap(maps);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('region', { name: /map/i })).toHaveAttribute('aria-busy', 'false');
  });

  it('7: a map that fails to start is retried without fetching the boundaries again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const user = userEvent.setup();
    const { maps } = renderApp();
    await waitFor(() => expect(maps).toHaveLength(1));
    const fetches = vi.mocked(globalThis.fetch).mock.calls.length;
    act(() => (maps[0] as FakeMap).fire('error', { error: new Error('worker failed') }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The map could not be started.');
    expect((maps[0] as FakeMap).removed).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await readyMap(maps, 1);
    expect(vi.mocked(globalThis.fetch).mock.calls.length).toBe(fetches);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('7: a map that never loads turns into a message after 15 s, naming what was still pending', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { maps } = renderApp();
    await waitFor(() => expect(maps).toHaveLength(1));
    await act(async () => {
      vi.advanceTimersByTime(15_001);
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('The map is taking too long to start.');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeEnabled();
    // The country list still works.
    expect(screen.getByRole('button', { name: /^El Salvador/ })).toBeEnabled();
  });
});

describe('an error boundary around the map (issue 9)', () => {
  it('keeps the page when the map crashes, says so, and Retry mounts a new map', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const user = userEvent.setup();
    const { maps } = renderApp();
    const map = await readyMap(maps);
    // A bug inside the map component: placing labels throws while React lays out a change.
    map.project = () => {
      throw new Error('projection exploded');
    };
    await user.click(screen.getByRole('checkbox', { name: 'Mass detention' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The map could not be started.');
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ message: 'projection exploded' }));
    // The rest of the page still works.
    expect(screen.getByRole('checkbox', { name: 'Mass detention' })).not.toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await readyMap(maps, 1);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('without WebGL (issue 9)', () => {
  it('8: draws the same map as SVG — colours, hatching, labels — and a click selects', async () => {
    const { store, container } = renderApp({ webgl: false });
    const region = screen.getByRole('region', { name: /map/i });
    await waitFor(() => expect(region).toHaveAttribute('aria-busy', 'false'), { timeout: 5000 });
    expect(screen.getByText(/Simplified map/)).toBeInTheDocument();
    const slv = container.querySelector(`path[data-layer="${LAYERS.focus}"][data-id="SLV"]`);
    expect(slv).not.toBeNull();
    expect(slv?.getAttribute('fill')).toBe(PALETTES.light.counts[1]);
    // Both copies: the main map's and the inset's.
    expect(container.querySelectorAll('path[data-id="SLV"][data-layer$="focus-fill"]')).toHaveLength(2);
    act(() => {
      slv?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(store.getState().selected).toBe('SLV');
    await waitFor(() =>
      expect(
        container.querySelector(`path[data-layer="${LAYERS.casing}"][data-id="SLV"]`)?.getAttribute('stroke-width'),
      ).toBe('4.5'),
    );
  });
});
