/**
 * Issue 18, section 2: the story's steps in the app — a group named "Story" with "Step N of M",
 * the step's title, text and numbered sources, Previous / Next and ← →; a step sets the date, the
 * filter and the country; the reader's own choice leaves the story, which offers "Back to step N";
 * `step=N` in the address; the live region says each step once.
 */
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PolicyData } from '../../src/data/policy-data.ts';
import type { Dataset } from '../../src/data/schema.ts';
import { stepSettings, stepSources } from '../../src/data/steps.ts';
import { typeIds } from '../../src/data/story.ts';
import { dateRange } from '../../src/data/timeline.ts';
import { createAppStore } from '../../src/state/store.ts';
import { parseUrlState, serializeUrlState, toUrlState } from '../../src/state/url-state.ts';
import { createData, createMeasure, FOCUS_COUNTRIES } from '../fixtures/create-data.ts';
import { renderApp } from '../fixtures/render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const text = (en: string) => ({ en, es: `${en} (es)` });

/** The fixture data with a Chilean measure from 2024 and a three-step story. */
function storyData(): PolicyData {
  const data = createData();
  const chile = data.countries.find((c) => c.country === 'CHL');
  chile?.measures.push(
    createMeasure({
      id: 'cl-test-zone',
      country: 'CHL',
      briefCode: 'CL-2',
      type: 'military-deployment',
      title: text('Chile test zone'),
      dates: { announced: { date: '2024-05', sources: [1] }, started: null, ended: null },
      sources: [
        {
          n: 1,
          publisher: 'Zone Publisher',
          headline: 'A zone',
          headlineKind: 'page',
          date: '2024-05-02',
          url: 'https://example.org/zone',
        },
      ],
    }),
  );
  const steps: NonNullable<Dataset['steps']> = [
    {
      id: 'start',
      month: '2022-03',
      country: 'SLV',
      types: ['state-of-exception'],
      title: text('It starts in El Salvador'),
      text: [{ ...text('A state of exception.'), cites: [{ measure: 'sv-test-measure', source: 1 }] }],
    },
    {
      id: 'chile',
      month: '2024-05',
      country: 'CHL',
      title: text('Chile moves'),
      text: [{ ...text('A military zone.'), cites: [{ measure: 'cl-test-zone', source: 1 }] }],
    },
    {
      id: 'now',
      month: '2026-03',
      title: text('Where things stand'),
      text: [
        { ...text('Prisons in two countries.'), cites: [{ measure: 'sv-test-prison', source: 1 }] },
        { ...text('And a zone.'), cites: [{ measure: 'cl-test-zone', source: 1 }] },
      ],
    },
  ];
  data.meta.steps = steps;
  return data;
}

const story = () => screen.getByRole('group', { name: 'Story' });

describe('the store and the address', () => {
  const data = storyData();
  const options = { types: typeIds(data), range: dateRange(data), steps: stepSettings(data) };

  it('a step sets the date, the types and the country; the reader’s own choice leaves it, remembering the step', () => {
    const store = createAppStore({}, options);
    act(() => store.getState().goToStep(1));
    expect(store.getState()).toMatchObject({
      step: 1,
      date: '2022-03',
      selected: 'SLV',
      activeTypes: ['state-of-exception'],
    });
    act(() => store.getState().goToStep(2));
    expect(store.getState()).toMatchObject({ step: 2, date: '2024-05', selected: 'CHL' });
    expect(store.getState().activeTypes).toEqual(typeIds(data));
    // The last step is at the "as of" month, kept as null like every "as of".
    act(() => store.getState().goToStep(3));
    expect(store.getState()).toMatchObject({ step: 3, date: null, selected: null });
    act(() => store.getState().toggleType('island-prison'));
    expect(store.getState()).toMatchObject({ step: null, leftStep: 3 });
    expect(store.getState().activeTypes).not.toContain('island-prison');
    act(() => store.getState().goToStep(9));
    expect(store.getState().step).toBeNull();
  });

  it('writes step=N alone (the step decides country, types and date) and reads only a step that exists', () => {
    const store = createAppStore({}, options);
    act(() => store.getState().goToStep(2));
    expect(serializeUrlState(toUrlState(store.getState()))).toBe('?step=2');
    const parse = (q: string) =>
      parseUrlState(q, { countries: FOCUS_COUNTRIES, types: typeIds(data), months: dateRange(data), steps: 3 });
    expect(parse('?step=2&country=SLV&date=2023-01')).toEqual({ step: 2 });
    for (const bad of ['?step=0', '?step=4', '?step=1.5', '?step=02', '?step=-1', '?step=1&step=2', '?step=%3Cb%3E'])
      expect(parse(bad), bad).not.toHaveProperty('step');
    expect(createAppStore({ step: 2 }, options).getState()).toMatchObject({
      step: 2,
      selected: 'CHL',
      date: '2024-05',
    });
  });
});

describe('a step’s numbered sources', () => {
  it('numbers sources in order of first appearance; the same page keeps its number, once per sentence', () => {
    const data = storyData();
    const step = data.meta.steps?.[2] as NonNullable<Dataset['steps']>[number];
    // sv-test-prison's source 1 and sv-test-measure's source 1 are the same page (same URL).
    step.text[0]?.cites.push({ measure: 'sv-test-measure', source: 1 }, { measure: 'sv-test-prison', source: 1 });
    const { sources, numbers } = stepSources(data, step);
    expect(sources.map((s) => s.source.url)).toEqual(['https://example.org/story', 'https://example.org/zone']);
    expect(numbers).toEqual([[1], [2]]);
  });
});

describe('the stepper', () => {
  it('offers the story, then shows step N of M with its title, text and numbered sources; Next and ← → move', async () => {
    const user = userEvent.setup();
    const { store } = renderApp({ data: storyData() });
    await user.click(within(story()).getByRole('button', { name: 'The story in 3 steps — start' }));
    expect(within(story()).getByText('Step 1 of 3')).toBeInTheDocument();
    expect(within(story()).getByRole('heading', { name: 'It starts in El Salvador' })).toBeInTheDocument();
    expect(within(story()).getByRole('link', { name: '[1]' })).toHaveAttribute('href', '#story-source-1');
    expect(within(story()).getByRole('link', { name: /Test Publisher/ })).toHaveAttribute(
      'href',
      'https://example.org/story',
    );
    expect(within(story()).getByRole('button', { name: /Previous step/ })).toBeDisabled();
    await user.click(within(story()).getByRole('button', { name: /Next step/ }));
    expect(store.getState().step).toBe(2);
    expect(screen.getByRole('complementary', { name: 'Chile' })).toBeInTheDocument();
    fireEvent.keyDown(within(story()).getByRole('button', { name: /Next step/ }), { key: 'ArrowRight' });
    expect(within(story()).getByText('Step 3 of 3')).toBeInTheDocument();
    expect(
      within(story())
        .getAllByRole('link', { name: /^\[\d\]$/ })
        .map((a) => a.textContent),
    ).toEqual(['[1]', '[2]']);
    fireEvent.keyDown(story(), { key: 'ArrowLeft' });
    expect(store.getState().step).toBe(2);
  });

  it('leaving the story by a choice of one’s own keeps that choice and offers "Back to step N"', async () => {
    const user = userEvent.setup();
    const { store } = renderApp({ data: storyData(), state: { step: 2 } });
    await user.click(screen.getByRole('checkbox', { name: /Military deployment/ }));
    expect(store.getState()).toMatchObject({ step: null, leftStep: 2, selected: 'CHL' });
    expect(store.getState().activeTypes).not.toContain('military-deployment');
    await user.click(within(story()).getByRole('button', { name: 'Back to step 2' }));
    expect(store.getState()).toMatchObject({ step: 2, selected: 'CHL' });
    expect(store.getState().activeTypes).toContain('military-deployment');
  });

  it('the share dialog’s link and embed code carry the step', async () => {
    const user = userEvent.setup();
    renderApp({ data: storyData(), state: { step: 2 } });
    await user.click(screen.getByRole('button', { name: 'Share or embed' }));
    const dialog = screen.getByRole('dialog', { name: 'Share or embed this view' });
    const boxes = within(dialog).getAllByRole('textbox') as HTMLTextAreaElement[];
    expect(boxes.length).toBeGreaterThan(1);
    for (const box of boxes) expect(box.value, box.getAttribute('aria-label') ?? '').toMatch(/step=2/);
  });

  it('is named in Spanish', () => {
    renderApp({ data: storyData(), state: { step: 1, lang: 'es' } });
    const group = screen.getByRole('group', { name: 'Historia' });
    expect(within(group).getByText('Paso 1 de 3')).toBeInTheDocument();
    expect(within(group).getByRole('button', { name: /Paso siguiente/ })).toBeInTheDocument();
  });

  it('the live region says each step once: its title and what is new at its date', async () => {
    const user = userEvent.setup();
    renderApp({ data: storyData(), state: { step: 1 } });
    await user.click(within(story()).getByRole('button', { name: /Next step/ }));
    const live = screen
      .getAllByRole('status')
      .find((s) => s.getAttribute('aria-live') === 'polite' && !s.closest('section'));
    expect(live).toHaveTextContent(/^Step 2 of 3: Chile moves\. New at this date: Chile, military deployment\.$/);
  });
});
