import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createData, createMeasure } from '../fixtures/create-data.ts';
import { renderApp } from '../fixtures/render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** The app's own polite live region (the map has its own status line). */
function liveRegion() {
  const status = screen
    .getAllByRole('status')
    .find((s) => s.getAttribute('aria-live') === 'polite' && !s.closest('section'));
  if (!status) throw new Error('no live region');
  return status;
}

/** Fixture with a measure that comes later: El Salvador's prison announced in January 2023. */
function dataWithLaterPrison() {
  const data = createData();
  const slv = data.countries.find((c) => c.country === 'SLV');
  if (!slv) throw new Error('fixture has no SLV');
  slv.measures[1] = createMeasure({
    id: 'sv-test-prison',
    type: 'max-security-prison',
    title: { en: 'Test prison', es: 'Prisión de prueba' },
    status: { value: 'operating', sources: [1] },
    dates: { announced: { date: '2023-01', sources: [1] }, started: null, ended: null },
  });
  return data;
}

describe('date control', () => {
  it('is a range over the months, named "date", read as a month, defaulting to "as of"', () => {
    renderApp();
    const slider = screen.getByRole('slider', { name: /date/i });
    // Fixture: first measure March 2022, as of March 2026 → 49 months.
    expect(slider).toHaveAttribute('min', '0');
    expect(slider).toHaveAttribute('max', '48');
    expect(slider).toHaveValue('48');
    expect(slider).toHaveAttribute('aria-valuetext', 'March 2026');
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
  });

  it('sets the store date (null at "as of") and the counts follow', () => {
    const { store } = renderApp({ data: dataWithLaterPrison() });
    const slider = screen.getByRole('slider', { name: /date/i });
    fireEvent.change(slider, { target: { value: '9' } });
    expect(store.getState().date).toBe('2022-12');
    expect(slider).toHaveAttribute('aria-valuetext', 'December 2022');
    const list = screen.getByRole('navigation', { name: 'Countries' });
    expect(within(list).getByRole('button', { name: /^El Salvador, 1 measure$/ })).toBeInTheDocument();
    fireEvent.change(slider, { target: { value: '10' } });
    expect(within(list).getByRole('button', { name: /^El Salvador, 2 measures$/ })).toBeInTheDocument();
    fireEvent.change(slider, { target: { value: '48' } });
    expect(store.getState().date).toBeNull();
  });

  it('reads in Spanish', () => {
    renderApp({ state: { lang: 'es', date: '2023-01' } });
    const slider = screen.getByRole('slider', { name: /fecha/i });
    expect(slider).toHaveAttribute('aria-valuetext', 'enero de 2023');
    expect(screen.getByRole('button', { name: 'Reproducir' })).toBeInTheDocument();
  });

  it('announces the month and how many measures are new', async () => {
    renderApp({ data: dataWithLaterPrison(), state: { date: '2022-12' } });
    const slider = screen.getByRole('slider', { name: /date/i });
    fireEvent.change(slider, { target: { value: '10' } });
    const status = liveRegion();
    await waitFor(() => expect(status).toHaveTextContent('January 2023: 1 new, 3 measures in all.'));
  });

  it('says nothing at start-up, though StrictMode runs every effect twice (as main.tsx renders the app)', () => {
    renderApp({ state: { selected: 'SLV', date: '2023-01' } });
    expect(liveRegion()).toHaveTextContent(/^$/);
  });

  it('announces at most once a second, then the latest month', () => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    renderApp({ data: dataWithLaterPrison(), state: { date: '2022-12' } });
    const slider = screen.getByRole('slider', { name: /date/i });
    const status = liveRegion();
    fireEvent.change(slider, { target: { value: '10' } });
    expect(status).toHaveTextContent('January 2023: 1 new, 3 measures in all.');
    fireEvent.change(slider, { target: { value: '11' } });
    fireEvent.change(slider, { target: { value: '12' } });
    expect(status).toHaveTextContent('January 2023');
    act(() => vi.advanceTimersByTime(1000));
    expect(status).toHaveTextContent('March 2023: 3 measures in all.');
  });

  it('says the new measures of every step, even of steps that were never said alone (issue 21, defect 5)', () => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    const data = dataWithLaterPrison();
    data.countries
      .find((c) => c.country === 'CHL')
      ?.measures.push(
        createMeasure({
          id: 'cl-test-february',
          country: 'CHL',
          briefCode: 'CL-1',
          title: { en: 'February measure', es: 'Medida de febrero' },
          dates: { announced: { date: '2023-02', sources: [1] }, started: null, ended: null },
        }),
      );
    renderApp({ data, state: { date: '2022-12' } });
    const slider = screen.getByRole('slider', { name: /date/i });
    const status = liveRegion();
    fireEvent.change(slider, { target: { value: '10' } }); // January: said at once
    expect(status).toHaveTextContent('January 2023: 1 new, 3 measures in all.');
    fireEvent.change(slider, { target: { value: '11' } }); // February: one more, within the second
    fireEvent.change(slider, { target: { value: '12' } }); // March: nothing new
    act(() => vi.advanceTimersByTime(1000));
    expect(status).toHaveTextContent('March 2023: 1 new, 4 measures in all.');
  });

  it('plays one month per step, pauses, and stops at the end', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: false });
    const { store } = renderApp({ state: { date: '2026-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    act(() => vi.advanceTimersByTime(700));
    expect(store.getState().date).toBe('2026-02');
    act(() => vi.advanceTimersByTime(700));
    expect(store.getState().date).toBeNull();
    expect(screen.getByRole('button', { name: 'Play' })).toBeInTheDocument();
    // At the end, Play starts from the first month.
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    expect(store.getState().date).toBe('2022-03');
    act(() => vi.advanceTimersByTime(700));
    expect(store.getState().date).toBe('2022-04');
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    act(() => vi.advanceTimersByTime(2100));
    expect(store.getState().date).toBe('2022-04');
  });
});

describe('everything follows the date', () => {
  /** SLV: the state of exception ended at an unknown date; the prison announced in January 2023; a plan dated only to 2023. */
  function dataAtTimes() {
    const data = dataWithLaterPrison();
    const slv = data.countries.find((c) => c.country === 'SLV');
    if (!slv) throw new Error('fixture has no SLV');
    slv.measures[0] = createMeasure({ status: { value: 'ended', sources: [1] } });
    slv.measures.push(
      createMeasure({
        id: 'sv-test-plan',
        type: 'max-security-prison',
        title: { en: 'Test plan', es: 'Plan de prueba' },
        status: { value: 'proposed', sources: [1] },
        dates: { announced: { date: '2023', sources: [1] }, started: null, ended: null },
      }),
    );
    return data;
  }

  it('filter: each type’s count and description follow the date (issue 21, defect 6)', () => {
    renderApp({ data: dataWithLaterPrison(), state: { date: '2022-12' } });
    const prisons = screen.getByRole('checkbox', { name: 'Maximum-security prison' });
    // El Salvador's prison comes in January 2023: in December 2022 only Chile's exists.
    expect(prisons).toHaveAccessibleDescription(/^1 measure in December 2022: /);
    act(() => {
      fireEvent.change(screen.getByRole('slider', { name: /date/i }), { target: { value: '10' } }); // January 2023
    });
    expect(prisons).toHaveAccessibleDescription(/^2 measures in January 2023: /);
  });

  it('panel: leaves out later measures with one line, says when a status is not known and a month unknown', () => {
    renderApp({ data: dataAtTimes(), state: { selected: 'SLV', date: '2022-05' } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(
      within(panel)
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-labelledby')),
    ).toEqual(['measure-sv-test-measure']);
    expect(panel).toHaveTextContent('Later than this date: 2 measures.');
    expect(within(panel).getByRole('article', { name: 'Test state of exception' })).toHaveTextContent(
      'Status: Status at this date not known',
    );
    act(() => {
      fireEvent.change(screen.getByRole('slider', { name: /date/i }), { target: { value: '14' } }); // May 2023
    });
    expect(within(panel).getByRole('article', { name: 'Test plan' })).toHaveTextContent('2023, month unknown');
    expect(panel).toHaveTextContent('2 / 3 measures');
  });

  it('panel before any measure, every type on: says nothing exists yet, offers no "Show all types" (issue 21, defect 4)', () => {
    // Chile's one measure announced in May 2023; at May 2022 (in the slider's range) it has none yet.
    const data = dataAtTimes();
    const chile = data.countries.find((c) => c.country === 'CHL')?.measures[0];
    if (chile) chile.dates = { announced: { date: '2023-05', sources: [1] }, started: null, ended: null };
    renderApp({ data, state: { selected: 'CHL', date: '2022-05' } });
    const panel = screen.getByRole('complementary', { name: 'Chile' });
    expect(panel).toHaveTextContent('No measures yet at this date.');
    expect(panel).toHaveTextContent('Later than this date: 1 measure.');
    expect(panel).not.toHaveTextContent('No measures of the selected types');
    expect(within(panel).queryByRole('button', { name: 'Show all types' })).toBeNull();
  });

  it('panel with a filter that hides what exists: says so, and "Show all types" brings it back', async () => {
    renderApp({ data: dataAtTimes(), state: { selected: 'SLV', activeTypes: ['anti-gang-law'] } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(panel).toHaveTextContent('No measures of the selected types.');
    fireEvent.click(within(panel).getByRole('button', { name: 'Show all types' }));
    expect(within(panel).getAllByRole('article').length).toBeGreaterThan(0);
  });

  it('table and downloads: rows at the date, status at the date', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderApp({ data: dataAtTimes(), state: { view: 'table', date: '2022-05' } });
    const table = screen.getByRole('table', { name: 'All measures matching the filter' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['Test state of exception', 'Chile test prison']);
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Status at this date not known');
    fireEvent.click(screen.getByRole('button', { name: 'Download the rows shown as JSON' }));
    const json = JSON.parse(await (created[0] as Blob).text()) as { measures: { id: string; statusAtDate: string }[] };
    expect(json.measures.map((r) => [r.id, r.statusAtDate])).toEqual([
      ['sv-test-measure', 'unknown'],
      ['cl-test-prison', 'in-force'],
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Download the rows shown as CSV' }));
    // The CSV's writer loads at the first download: the file comes a moment after the click.
    await waitFor(() => expect(created).toHaveLength(2));
    expect(await (created[1] as Blob).text()).toContain('Status at this date not known');
    vi.restoreAllMocks();
  });

  it('overview: measures at the date with their status then', () => {
    renderApp({ data: dataAtTimes(), state: { view: 'overview', date: '2022-05' } });
    const table = screen.getByRole('table', { name: 'Status of each measure, by country and type' });
    expect(
      within(table).getByRole('button', {
        name: 'Status at this date not known: Test state of exception, El Salvador',
      }),
    ).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: /Test prison, El Salvador/ })).toBeNull();
  });
});
