/**
 * Issue 20 in the app: "About this data" (methods note, version, licence, corrections log, newest
 * first), "Corrected on …" beside a corrected measure and link, the version beside "as of", and
 * "Cite this" in the share dialog.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { PolicyData } from '../../src/data/policy-data.ts';
import { createData, createMeta } from '../fixtures/create-data.ts';
import { renderApp } from '../fixtures/render-app.tsx';

const text = (en: string, es: string) => ({ en, es });

function correctedData(): PolicyData {
  const data = createData();
  return {
    ...data,
    meta: createMeta({
      methods: [
        {
          id: 'what-counts',
          heading: text('What counts', 'Qué cuenta'),
          text: text('First.\n\nSecond.', 'Uno.\n\nDos.'),
        },
        { id: 'left-out', heading: text('Left out', 'Fuera'), text: text('Nothing else.', 'Nada más.') },
      ],
      corrections: [
        {
          date: '2026-04-01',
          kind: 'correction',
          ids: ['sv-test-prison'],
          text: text('The older fix.', 'El arreglo antiguo.'),
        },
        { date: '2026-05-02', kind: 'update', ids: [], text: text('A newer update.', 'Una actualización.') },
      ],
    }),
  };
}

describe('About this data', () => {
  it('opens from the header with the methods note, version, licence and the log, newest first', async () => {
    const user = userEvent.setup();
    renderApp({ data: correctedData() });
    expect(screen.getByRole('banner')).toHaveTextContent('Facts as of 13 March 2026 · version test0001');
    await user.click(screen.getByRole('button', { name: 'About this data' }));
    const dialog = screen.getByRole('dialog', { name: 'About this data' });
    expect(within(dialog).getByRole('heading', { level: 3, name: 'How this was made' })).toBeInTheDocument();
    expect(within(dialog).getByRole('heading', { level: 4, name: 'What counts' })).toBeInTheDocument();
    expect(within(dialog).getByText('Second.')).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: /CC BY 4\.0/ })).toHaveAttribute(
      'href',
      'https://creativecommons.org/licenses/by/4.0/',
    );
    expect(dialog).toHaveTextContent('data version test0001');
    const log = within(dialog).getByRole('list');
    const entries = within(log).getAllByRole('listitem');
    expect(entries.map((e) => e.querySelector('p')?.textContent)).toEqual([
      'Updated on 2 May 2026: A newer update.',
      'Corrected on 1 April 2026: The older fix.',
    ]);
    expect(entries[0]).toHaveTextContent('Concerns: wording across the graphic');
    expect(entries[1]).toHaveTextContent('Concerns: Test prison');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'About this data' })).toBeNull());
    expect(screen.getByRole('button', { name: 'About this data' })).toBeInTheDocument();
  });

  it('speaks Spanish, and is in embeds too', async () => {
    const user = userEvent.setup();
    renderApp({ data: correctedData(), embed: true, state: { lang: 'es' } });
    await user.click(screen.getByRole('button', { name: 'Sobre estos datos' }));
    const dialog = screen.getByRole('dialog', { name: 'Sobre estos datos' });
    expect(within(dialog).getByRole('heading', { name: 'Cómo se hizo' })).toBeInTheDocument();
    expect(within(dialog).getByRole('heading', { name: 'Correcciones y actualizaciones' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Corrección del 1 de abril de 2026: El arreglo antiguo.');
    expect(dialog).toHaveTextContent('Licencia de los datos: CC BY 4.0');
  });

  it('a story with no corrections says so', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: 'About this data' }));
    expect(screen.getByRole('dialog', { name: 'About this data' })).toHaveTextContent('None since publication.');
  });
});

describe('corrections beside what they corrected', () => {
  it('a corrected measure says "Corrected on <date>" with the entry’s text; others say nothing', async () => {
    renderApp({ data: correctedData(), state: { selected: 'SLV' } });
    const panel = await screen.findByRole('complementary', { name: 'El Salvador' });
    const prison = within(panel).getByRole('article', { name: 'Test prison' });
    expect(prison).toHaveTextContent('Corrected on 1 April 2026: The older fix.');
    const other = within(panel).getByRole('article', { name: 'Test state of exception' });
    expect(other).not.toHaveTextContent(/Corrected on/);
  });

  it('in an embed the note waits in the measure’s details, whose summary says so', async () => {
    renderApp({ data: correctedData(), state: { selected: 'SLV' }, embed: true });
    const panel = await screen.findByRole('complementary', { name: 'El Salvador' });
    const prison = within(panel).getByRole('article', { name: 'Test prison' });
    const details = within(prison).getByRole('group');
    expect(details.querySelector('summary')).toHaveTextContent('Figures, timeline and sources · corrected');
    expect(details).toHaveTextContent('Corrected on 1 April 2026: The older fix.');
    expect(within(panel).getAllByText(/Corrected on/)).toHaveLength(1);
  });
});

describe('cite this', () => {
  it('the share dialog offers a citation of the current view with the "as of" date, the version and its URL', async () => {
    const user = userEvent.setup();
    renderApp({ state: { selected: 'CHL' } });
    await user.click(screen.getByRole('button', { name: 'Share or embed' }));
    const dialog = screen.getByRole('dialog', { name: 'Share or embed this view' });
    const cite = within(dialog).getByRole('textbox', { name: 'Cite this' }) as HTMLTextAreaElement;
    expect(cite.value).toContain('Test title. Interactive graphic, facts as of 13 March 2026, data version test0001.');
    expect(cite.value).toContain('Data licence: CC BY 4.0');
    expect(cite.value).toMatch(/http:\/\/localhost(:\d+)?\/\?country=CHL/);
    expect(within(dialog).getByRole('button', { name: 'Copy Cite this' })).toBeInTheDocument();
  });
});
