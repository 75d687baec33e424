/**
 * Issue 18 §5: each country's timeline — its rows at every date precision (never a false day), the
 * rule at the slider's month, a row that scrolls to and focuses its measure's article, the figure's
 * name in both languages and its text alternative.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { countryTimeline, dateSpan, measureRow, rowDates, rowEvents } from '../../src/data/country-timeline.ts';
import type { PolicyData } from '../../src/data/policy-data.ts';
import type { Measure } from '../../src/data/schema.ts';
import { createData, createMeasure } from '../fixtures/create-data.ts';
import { renderApp } from '../fixtures/render-app.tsx';

const text = (en: string, es = `${en} (es)`) => ({ en, es });
const dated = (date: string) => ({ date, sources: [1] });
/** Months since year 0 of a month's start. */
const at = (y: number, m: number) => y * 12 + m - 1;

/** One measure for each case: day and month, year-only end, year-only announcement, no date, end unknown. */
const MEASURES: Measure[] = [
  createMeasure({
    id: 'sv-day',
    title: text('Day and month'),
    dates: { announced: dated('2022-03-26'), started: dated('2022-04'), ended: null },
    timeline: [{ date: '2023-02', text: text('Extended'), sources: [1] }],
  }),
  createMeasure({
    id: 'sv-no-announced',
    type: 'max-security-prison',
    title: text('No announcement, year-only end'),
    status: { value: 'ended', sources: [1] },
    dates: { announced: null, started: dated('2023-05-10'), ended: dated('2024') },
  }),
  createMeasure({
    id: 'sv-year',
    type: 'anti-gang-law',
    title: text('Year only'),
    status: { value: 'proposed', sources: [1] },
    dates: { announced: dated('2025'), started: null, ended: null },
  }),
  createMeasure({
    id: 'sv-unknown',
    type: 'anti-gang-law',
    title: text('No date at all'),
    status: { value: 'proposed', sources: [1] },
    dates: { announced: null, started: null, ended: null },
  }),
  createMeasure({
    id: 'sv-end-unknown',
    type: 'state-of-exception',
    title: text('Ended, date unknown'),
    status: { value: 'ended', sources: [1] },
    dates: { announced: null, started: dated('2024-01-08'), ended: null },
  }),
];

function timelineData(): PolicyData {
  const data = createData();
  const slv = data.countries.find((c) => c.country === 'SLV');
  if (!slv) throw new Error('no SLV');
  slv.measures = MEASURES;
  data.meta.links = [
    {
      id: 'L1',
      kind: 'visit',
      from: ['SLV'],
      to: ['CHL'],
      mutual: false,
      date: '2024-04',
      text: text('A visit.'),
      refs: [{ measure: 'sv-day', sources: [1] }],
    },
    {
      id: 'L2',
      kind: 'visit',
      from: ['CHL'],
      to: ['SLV'],
      mutual: false,
      date: null,
      text: text('An undated visit.'),
      refs: [{ measure: 'sv-day', sources: [1] }],
    },
  ];
  return data;
}

const measure = (id: string) => MEASURES.find((m) => m.id === id) as Measure;
/** The axis of the test data: March 2022 (first date) to March 2026 ("as of"), 49 months. */
const [LO, HI] = [at(2022, 3), at(2026, 3) + 1];

describe('the timeline’s rows (pure)', () => {
  it('places a day in its month and a month at its middle; a year is a span over the whole year', () => {
    expect(dateSpan('2022-03-26')).toEqual({ from: at(2022, 3) + 25.5 / 31, to: at(2022, 3) + 25.5 / 31 });
    expect(dateSpan('2022-04')).toEqual({ from: at(2022, 4) + 0.5, to: at(2022, 4) + 0.5 });
    expect(dateSpan('2025')).toEqual({ from: at(2025, 1), to: at(2026, 1) });
  });

  it('draws announced → started → now, in words at each date’s precision', () => {
    const row = measureRow(measure('sv-day'), HI, measure('sv-day').timeline);
    expect(row.segments).toEqual([
      { phase: 'announced', from: dateSpan('2022-03-26').to, to: at(2022, 4) + 0.5, certain: true },
      { phase: 'running', from: at(2022, 4) + 0.5, to: HI, certain: true },
    ]);
    expect(row.marks.map((m) => [m.kind, m.precision])).toEqual([
      ['announced', 'day'],
      ['started', 'month'],
      ['event', 'month'],
    ]);
    expect(row.ongoing).toBe(true);
    expect(rowDates(row, 'en', 'In force')).toBe('announced: 26 March 2022; started: April 2022; still in force');
    expect(rowDates(row, 'es', 'En vigor')).toBe('anuncio: 26 de marzo de 2022; inicio: abril de 2022; aún en vigor');
    expect(rowEvents(row, 'en')).toBe('February 2023: Extended');
  });

  it('starts a measure with no announced date at its start, and fades a year-only end over that year', () => {
    const row = measureRow(measure('sv-no-announced'), HI);
    const start = dateSpan('2023-05-10').from;
    expect(row.segments).toEqual([
      { phase: 'running', from: start, to: at(2024, 1), certain: true },
      { phase: 'running', from: at(2024, 1), to: at(2025, 1), certain: false },
    ]);
    expect(row.ongoing).toBe(false);
    expect(rowDates(row, 'en', 'Ended')).toBe('started: 10 May 2023; ended: 2024');
  });

  it('draws a year-only announcement as its year, uncertain, never as a day or a month', () => {
    const row = measureRow(measure('sv-year'), HI);
    expect(row.segments).toEqual([
      { phase: 'announced', from: at(2025, 1), to: at(2026, 1), certain: false },
      { phase: 'announced', from: at(2026, 1), to: HI, certain: true },
    ]);
    expect(row.marks).toEqual([
      expect.objectContaining({ kind: 'announced', precision: 'year', from: at(2025, 1), to: at(2026, 1) }),
    ]);
    expect(row.firstMonth).toBe('2025-12');
    expect(rowDates(row, 'en', 'Proposed')).toBe('announced: 2025; still proposed');
  });

  it('gives a measure with no date no bar, and says "date unknown"', () => {
    const row = measureRow(measure('sv-unknown'), HI);
    expect(row).toMatchObject({ dateUnknown: true, segments: [], marks: [], firstMonth: null });
    expect(rowDates(row, 'en', 'Proposed')).toBe('date unknown; still proposed');
    expect(rowDates(row, 'es', 'Propuesta')).toBe('fecha desconocida; aún propuesta');
  });

  it('fades the bar of a measure that ended at a date the sources do not give', () => {
    const row = measureRow(measure('sv-end-unknown'), HI);
    expect(row.segments).toEqual([{ phase: 'running', from: dateSpan('2024-01-08').from, to: HI, certain: false }]);
    expect(rowDates(row, 'en', 'Ended')).toBe('started: 8 January 2024; ended: date unknown');
  });

  it('spans the data’s months, orders rows by their first date (undated last), and lists the links', () => {
    const t = countryTimeline(timelineData(), 'SLV');
    expect(t.domain).toEqual([LO, HI]);
    expect(t.ticks.map((x) => x.year)).toEqual([2023, 2024, 2025, 2026]);
    expect(t.rows.map((r) => r.id)).toEqual(['sv-day', 'sv-no-announced', 'sv-end-unknown', 'sv-year', 'sv-unknown']);
    expect(t.links.map((l) => [l.link.id, l.from])).toEqual([['L1', at(2024, 4) + 0.5]]);
    expect(t.undatedLinks.map((l) => l.id)).toEqual(['L2']);
  });
});

describe('the timeline in the panel', () => {
  const scrolled: Element[] = [];
  beforeEach(() => {
    scrolled.length = 0;
    Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
      scrolled.push(this);
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  const figure = (name = 'Timeline') => screen.getByRole('figure', { name });
  const row = (name: RegExp) => within(figure()).getByRole('button', { name });

  it('is a figure named "Timeline" / "Cronología", one button per measure named by its dates in words', async () => {
    const { store } = renderApp({ data: timelineData(), state: { selected: 'SLV' } });
    expect(
      within(figure())
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual([
      'Day and month: announced: 26 March 2022; started: April 2022; still in force',
      'No announcement, year-only end: started: 10 May 2023; ended: 2024',
      'Ended, date unknown: started: 8 January 2024; ended: date unknown',
      'Year only: announced: 2025; still proposed',
      'No date at all: date unknown; still proposed',
    ]);
    act(() => store.getState().setLang('es'));
    await waitFor(() => expect(figure('Cronología')).toBeInTheDocument());
    expect(figure('Cronología').querySelector('figcaption')).toHaveTextContent('Cronología');
    expect(
      within(figure('Cronología')).getByRole('button', { name: /^Year only \(es\): anuncio: 2025; aún propuesta$/ }),
    ).toBeInTheDocument();
  });

  it('opens on demand in embeds, like the panel’s links (an embed stays short)', () => {
    renderApp({ data: timelineData(), state: { selected: 'SLV' }, embed: true });
    const details = figure().closest('details');
    expect(details).not.toBeNull();
    expect(details).not.toHaveAttribute('open');
    expect(details?.querySelector('summary')).toHaveTextContent('Timeline');
  });

  it('draws a year-only date as a span over its year and an unknown one not at all (no false day)', () => {
    renderApp({ data: timelineData(), state: { selected: 'SLV' } });
    const year = row(/^Year only/);
    // No shape at a day or a month for the year-only announcement: its year is a faded span.
    expect(year.querySelector('.ct-announced')).toBeNull();
    const span = year.querySelector('rect.ct-uncertain');
    const pct = (v: number) => `${(((v - LO) / (HI - LO)) * 100).toFixed(2)}%`;
    expect(span?.getAttribute('x')).toBe(pct(at(2025, 1)));
    expect(span?.getAttribute('width')).toBe(`${((12 / (HI - LO)) * 100).toFixed(2)}%`);
    const unknown = row(/^No date at all/);
    expect(unknown.querySelector('.ct-bar, .ct-mark')).toBeNull();
    expect(unknown).toHaveTextContent('date unknown');
    // A day and a month are marks.
    expect(row(/^Day and month/).querySelectorAll('.ct-announced, .ct-started')).toHaveLength(2);
  });

  it('says everything in words in its text alternative: each measure, its steps, the links', () => {
    renderApp({ data: timelineData(), state: { selected: 'SLV' } });
    const alt = figure().querySelector('.visually-hidden:not(button *)') as HTMLElement;
    expect(alt).toHaveTextContent(
      'The axis runs from March 2022 to March 2026; the vertical line marks March 2026, the month shown.',
    );
    expect(alt).toHaveTextContent(
      'Day and month: announced: 26 March 2022; started: April 2022; still in force. Other dated steps: February 2023: Extended.',
    );
    expect(alt).toHaveTextContent('No date at all: date unknown; still proposed.');
    expect(alt).toHaveTextContent('Policy links: El Salvador → Chile, April 2024; Chile → El Salvador, undated.');
  });

  it('puts the rule at the slider’s month, and follows it', async () => {
    const { store } = renderApp({ data: timelineData(), state: { selected: 'SLV' } });
    const rule = () => Number.parseFloat(figure().querySelector<HTMLElement>('.ct-rule')?.style.left ?? '');
    expect(rule()).toBe(100);
    act(() => store.getState().setDate('2024-03'));
    // The end of March 2024: 25 of the axis' 49 months.
    await waitFor(() => expect(rule()).toBeCloseTo((25 / 49) * 100, 2));
  });

  it('scrolls to the measure’s article and focuses it when a row is clicked, or Enter pressed', async () => {
    const user = userEvent.setup();
    renderApp({ data: timelineData(), state: { selected: 'SLV' } });
    const heading = await screen.findByRole('heading', { level: 4, name: 'Year only' });
    await user.click(row(/^Year only/));
    expect(heading).toHaveFocus();
    expect(scrolled).toContain(heading);
    row(/^Day and month/).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 4, name: 'Day and month' })).toHaveFocus();
  });

  it('moves the date to a measure that comes later, and shows a filtered-out type again (its row dimmed)', async () => {
    const user = userEvent.setup();
    const { store } = renderApp({ data: timelineData(), state: { selected: 'SLV', date: '2022-06' } });
    await screen.findByRole('heading', { level: 4, name: 'Day and month' });
    expect(screen.queryByRole('heading', { level: 4, name: /^No announcement/ })).toBeNull();
    expect(row(/^No announcement/)).toHaveAccessibleDescription('moves the date to May 2023');
    await user.click(row(/^No announcement/));
    expect(store.getState().date).toBe('2023-05');
    await waitFor(() =>
      expect(screen.getByRole('heading', { level: 4, name: 'No announcement, year-only end' })).toHaveFocus(),
    );

    act(() => store.getState().toggleType('anti-gang-law'));
    const filtered = await waitFor(() => row(/^Year only: .*its type is hidden by the filter$/));
    expect(filtered).toHaveAttribute('data-filtered');
    await user.click(filtered);
    expect(store.getState().activeTypes).toContain('anti-gang-law');
    expect(store.getState().date).toBe('2025-12');
    await waitFor(() => expect(screen.getByRole('heading', { level: 4, name: 'Year only' })).toHaveFocus());
  });
});
