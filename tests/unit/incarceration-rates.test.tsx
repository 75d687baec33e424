import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createData } from '../fixtures/create-data.ts';
import { renderApp } from '../fixtures/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());

function dataWithRates() {
  const data = createData();
  data.meta.incarceration = {
    caveats: [{ en: 'Years differ; do not rank.', es: 'Los años difieren; no ordene.' }],
    sources: [
      {
        n: 'R1',
        publisher: 'Rate Publisher',
        headline: null,
        headlineKind: 'none',
        date: null,
        url: 'https://example.org/rates',
      },
    ],
    rows: [
      { country: 'SLV', wpb: { value: 1086, asOf: '2022', sources: ['R1'] }, oasAllPersons: null, oasAdults: null },
      { country: 'CHL', wpb: null, oasAllPersons: { value: 200, asOf: '2019', sources: ['R1'] }, oasAdults: null },
    ],
  };
  return data;
}

describe('incarceration rates', () => {
  it('overview: a table in country order, each figure with its year and source, and the caveats', () => {
    renderApp({ data: dataWithRates(), state: { view: 'overview' } });
    const table = screen.getByRole('table', { name: /Incarceration rate per 100,000/ });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => within(r).queryByRole('rowheader')?.textContent ?? null)).toEqual([
      null,
      'El Salvador',
      'Chile',
    ]);
    expect(rows[1]).toHaveTextContent('1,086 (2022)');
    expect(rows[2]).toHaveTextContent('200 (2019)');
    expect(rows[2]).toHaveTextContent('not known');
    expect(within(rows[1] as HTMLElement).getByRole('link', { name: /Rate Publisher/ })).toHaveAttribute(
      'href',
      'https://example.org/rates',
    );
    expect(screen.getByText(/do not rank countries across columns or years/)).toBeInTheDocument();
    expect(screen.getByText('Years differ; do not rank.')).toBeInTheDocument();
  });

  it('separates a figure’s sources: each its own bracketed link, with a space between', () => {
    const data = dataWithRates();
    const rates = data.meta.incarceration;
    if (!rates) throw new Error('no rates');
    rates.sources.push({
      ...(rates.sources[0] as (typeof rates.sources)[number]),
      n: 'R2',
      publisher: 'Second Publisher',
    });
    (rates.rows[0] as (typeof rates.rows)[number]).wpb = { value: 1086, asOf: '2022', sources: ['R1', 'R2'] };
    renderApp({ data, state: { selected: 'SLV' } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    const links = within(panel).getAllByRole('link', { name: /^\[(Rate|Second) Publisher\]/ });
    expect(links).toHaveLength(2);
    // Not "[Rate Publisher][Second Publisher]": a space between the two links.
    expect(links[0]?.nextSibling?.textContent).toBe(' ');
    expect(links[0]?.nextSibling?.nextSibling).toBe(links[1]);
  });

  it('panel: the country rate with its year and source', () => {
    renderApp({ data: dataWithRates(), state: { selected: 'SLV' } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(panel).toHaveTextContent('Incarceration rate (per 100,000)');
    expect(panel).toHaveTextContent('World Prison Brief / World Prison Population List: 1,086 (2022)');
  });

  it('panel in an embed: the rates open on demand, like the measures’ details', async () => {
    const { default: userEvent } = await import('@testing-library/user-event');
    const user = userEvent.setup();
    renderApp({ data: dataWithRates(), state: { selected: 'SLV' }, embed: true });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    const heading = within(panel).getByRole('heading', { name: 'Incarceration rate (per 100,000)' });
    const details = heading.closest('details') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    await user.click(heading);
    expect(details.open).toBe(true);
    expect(details).toHaveTextContent('World Prison Brief / World Prison Population List: 1,086 (2022)');
  });
});
