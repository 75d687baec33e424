/**
 * The page's map (svgFirst, use-map-instance.ts): the SVG map answers first; MapLibre (here the
 * fake, which keeps MapLibre's rules) starts only when the reader reaches for the map, is drawn
 * under the SVG map, and takes over at its first idle with everything the reader did meanwhile.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MapLoadError } from '../../src/map/map-adapter.ts';
import type { FakeMap } from '../fixtures/fake-map.ts';
import { renderApp } from '../fixtures/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('the SVG map first, then MapLibre', () => {
  it('answers with the SVG map, starts MapLibre when the reader reaches for the map, and hands over the view', async () => {
    const { maps, store, container } = renderApp({ svgFirst: true });
    const region = screen.getByRole('region', { name: /map/i });
    await waitFor(() => expect(region).toHaveAttribute('aria-busy', 'false'));
    expect(region).toHaveAttribute('data-renderer', 'svg');
    // Not the no-WebGL map: it says nothing about itself.
    expect(screen.queryByText(/Simplified map/)).toBeNull();
    // The SVG map answers: a click on a country's shape selects it.
    const shape = container.querySelector('.svg-map [data-layer="focus-fill"][data-id="HND"]') as Element;
    act(() => {
      shape.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(store.getState().selected).toBe('HND');
    act(() => store.getState().toggleType(store.getState().activeTypes[0] as string));
    // No MapLibre until the reader reaches for the map.
    await new Promise((r) => setTimeout(r, 50));
    expect(maps).toHaveLength(0);
    fireEvent.pointerOver(region);
    await waitFor(() => expect(maps).toHaveLength(1));
    const map = maps[0] as FakeMap;
    act(() => map.fire('load'));
    // Loaded, it is given the whole view: the selection and the filter of now.
    expect(map.featureState.get('HND')).toMatchObject({ selected: true });
    expect(region).toHaveAttribute('data-renderer', 'svg');
    expect(container.querySelector('.svg-map')).not.toBeNull();
    act(() => map.fire('idle'));
    expect(region).toHaveAttribute('data-renderer', 'webgl');
    expect(container.querySelector('.svg-map')).toBeNull();
    // It is fitted to the composition of now.
    expect(map.calls.some((c) => c.method === 'fitBounds')).toBe(true);
  });

  it('keeps the SVG map, working, when MapLibre then fails to load, and says so with Retry', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const createMap = async () => {
      throw new MapLoadError('library', new Error('HTTP 404'));
    };
    const { store, container } = renderApp({ svgFirst: true, createMap });
    const region = screen.getByRole('region', { name: /map/i });
    await waitFor(() => expect(region).toHaveAttribute('aria-busy', 'false'));
    fireEvent.pointerOver(region);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/map’s code/);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(errors).toHaveBeenCalled();
    // The SVG map is still the map, and still answers.
    expect(region).toHaveAttribute('data-renderer', 'svg');
    const shape = container.querySelector('.svg-map [data-layer="focus-fill"][data-id="CHL"]') as Element;
    act(() => {
      shape.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    expect(store.getState().selected).toBe('CHL');
  });

  it('keeps the SVG map where there is no WebGL', async () => {
    const { store } = renderApp({ svgFirst: true, webgl: false });
    const region = screen.getByRole('region', { name: /map/i });
    await waitFor(() => expect(region).toHaveAttribute('aria-busy', 'false'));
    expect(region).toHaveAttribute('data-renderer', 'svg');
    // It says what it is once the reader reaches for it (the probe for WebGL waits till then).
    fireEvent.pointerOver(region);
    await waitFor(() => expect(screen.getByText(/Simplified map/)).toBeInTheDocument());
    expect(store.getState().selected).toBeNull();
  });
});
