/**
 * Issue 8 §3: prisons with sourced coordinates are symbols on the map — named buttons that open
 * their country's panel at the measure, sized by capacity, styled by status, following the filter
 * and the date.
 */
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { facilityScale } from '../../src/data/facilities.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { readyMap, renderApp } from '../fixtures/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());
// jsdom tests run from the project root (vitest's cwd).
const data = loadPolicyData('src/data/content');

describe('prison symbols', () => {
  it('shows CECOT and the Swan Islands plan as buttons named after the measure', async () => {
    const { maps } = renderApp({ data });
    await readyMap(maps);
    const cecot = screen.getByRole('button', { name: 'CECOT mega-prison' });
    expect(cecot).toHaveAttribute('data-operating');
    const swan = screen.getByRole('button', { name: /Swan Islands/ });
    expect(swan).not.toHaveAttribute('data-operating');
  });

  it('opens El Salvador’s panel at the CECOT measure', async () => {
    const user = userEvent.setup();
    const { maps, store } = renderApp({ data });
    await readyMap(maps);
    await user.click(screen.getByRole('button', { name: 'CECOT mega-prison' }));
    expect(store.getState()).toMatchObject({ selected: 'SLV', measure: 'sv-cecot' });
    expect(screen.getByRole('complementary', { name: 'El Salvador' })).toBeInTheDocument();
  });

  it('follows the filter and the date', async () => {
    const { maps, store } = renderApp({ data });
    await readyMap(maps);
    act(() => store.getState().setTypes(['state-of-exception']));
    expect(screen.queryByRole('button', { name: 'CECOT mega-prison' })).toBeNull();
    act(() => store.getState().resetTypes());
    expect(screen.getByRole('button', { name: 'CECOT mega-prison' })).toBeInTheDocument();
    // Before the Swan Islands plan was announced (July 2023), it is not on the map.
    act(() => store.getState().setDate('2023-01'));
    expect(screen.queryByRole('button', { name: /Swan Islands/ })).toBeNull();
  });

  it('says "location not mapped" for prisons the sources place only by name, and gives them no symbol', async () => {
    const user = userEvent.setup();
    const { maps } = renderApp({ data });
    await readyMap(maps);
    expect(screen.queryByRole('button', { name: /CACCO/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Costa Rica, \d+ measures/ }));
    const cacco = screen.getByRole('article', { name: /CACCO/ });
    expect(cacco).toHaveTextContent(/La Reforma.*\(location not mapped: the sources give no coordinates\)/s);
    // CECOT has coordinates: no such note.
    await user.click(screen.getByRole('button', { name: /^El Salvador, \d+ measures/ }));
    expect(screen.getByRole('article', { name: 'CECOT mega-prison' })).not.toHaveTextContent('location not mapped');
  });

  it('sizes symbols by capacity, area proportional (scaleSqrt), the story’s largest at 11 px', () => {
    const { radius, legend } = facilityScale(data);
    expect(radius(40_000)).toBeCloseTo(11); // CECOT, the shipped story's largest
    expect(radius(10_000)).toBeCloseTo(5.5);
    expect(radius(0)).toBe(0);
    expect(legend).toEqual([2_000, 40_000]);
    // A story without capacities has no size key.
    const none = { ...data, countries: data.countries.map((c) => ({ ...c, measures: [] })) };
    expect(facilityScale(none).legend).toEqual([]);
  });
});
