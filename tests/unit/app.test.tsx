import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serializeUrlState } from '../../src/state/url-state.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { createData, createMeasure } from '../fixtures/create-data.ts';
import { readyMap, renderApp } from '../fixtures/render-app.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('country buttons', () => {
  it('offers one button per country, named with its count', () => {
    renderApp();
    const list = screen.getByRole('navigation', { name: 'Countries' });
    const names = within(list)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual([
      'Guatemala, no measures',
      'El Salvador, 2 measures',
      'Honduras, no measures',
      'Costa Rica, no measures',
      'Ecuador, no measures',
      'Chile, 1 measure',
    ]);
    expect(screen.getByRole('button', { name: /^El Salvador, 2 measures/ })).toBeInTheDocument();
  });
});

describe('country panel', () => {
  it('opens on a country button with the country as heading and measures as articles', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: /^El Salvador/ }));
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(within(panel).getByRole('heading', { level: 2, name: 'El Salvador' })).toBeInTheDocument();
    const articles = within(panel).getAllByRole('article');
    expect(articles.map((a) => within(a).getByRole('heading', { level: 4 }).textContent)).toEqual([
      'Test state of exception',
      'Test prison',
    ]);
    // Grouped by type, in type order.
    expect(
      within(panel)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(['State of exception', 'Maximum-security prison', 'Links with other countries']);
  });

  it('shows status, dates at their precision, figures with units and numbered sources', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: /^El Salvador/ }));
    const article = screen.getByRole('article', { name: 'Test state of exception' });
    expect(article).toHaveTextContent('Status: In force — extended [1]');
    expect(article).toHaveTextContent('Announced26 March 2022');
    expect(article).toHaveTextContent('StartedMarch 2022');
    expect(article).toHaveTextContent('more than 91,000 people as of January 2026 [1] — people detained');
    expect(article).toHaveTextContent('A documented concern.');
    const link = within(article).getByRole('link', { name: /^Test Publisher/ });
    expect(link).toHaveAttribute('href', 'https://example.org/story');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    // The in-text citation jumps to the numbered source.
    const cite = within(article).getAllByRole('link', { name: 'Sources 1' })[0];
    expect(cite).toHaveAttribute('href', '#src-sv-test-measure-1');
    expect(article.querySelector('#src-sv-test-measure-1')).not.toBeNull();
  });

  it('quotes page headlines and marks slug headlines as descriptions', async () => {
    const data = createData();
    const [slv] = data.countries.filter((c) => c.country === 'SLV');
    slv!.measures = [
      createMeasure({
        sources: [
          {
            n: 1,
            publisher: 'Pub A',
            headline: 'Headline from the page',
            headlineKind: 'page',
            date: '2026-01-30',
            url: 'https://a.example/1',
          },
          {
            n: 2,
            publisher: 'Pub B',
            headline: 'headline from the slug',
            headlineKind: 'slug',
            date: null,
            dateNote: '2023-03',
            url: 'https://b.example/2',
          },
          { n: 3, publisher: 'Pub C', headline: null, headlineKind: 'none', date: null, url: 'https://c.example/3' },
        ],
      }),
    ];
    const user = userEvent.setup();
    renderApp({ data });
    await user.click(screen.getByRole('button', { name: /^El Salvador/ }));
    const article = screen.getByRole('article', { name: 'Test state of exception' });
    const sourceList = within(article).getByRole('heading', { name: 'Sources' }).nextElementSibling as HTMLElement;
    const items = within(sourceList).getAllByRole('listitem');
    expect(items[0]?.querySelector('q')).toHaveTextContent('Headline from the page');
    expect(items[1]?.querySelector('q')).toBeNull();
    expect(items[1]).toHaveTextContent(
      'headline from the slug (description from the link; exact headline not verified). n.d. [2023-03]',
    );
    expect(items[2]).toHaveTextContent('Pub C (opens in a new tab): headline not captured. n.d.');
  });

  it('shows both versions of a contested figure', async () => {
    const data = createData();
    data.countries.find((c) => c.country === 'SLV')!.measures = [
      createMeasure({
        figures: [
          {
            label: { en: 'capacity', es: 'capacidad' },
            contested: true,
            values: [
              { value: 736, unit: { en: 'places', es: 'plazas' }, asOf: null, sources: [1] },
              { value: 800, unit: { en: 'places', es: 'plazas' }, asOf: null, sources: [1] },
            ],
          },
        ],
      }),
    ];
    const user = userEvent.setup();
    renderApp({ data });
    await user.click(screen.getByRole('button', { name: /^El Salvador/ }));
    expect(screen.getByRole('heading', { name: 'Key figures' }).nextElementSibling).toHaveTextContent(
      '736 places [1] or 800 places [1] — capacity Sources differ',
    );
  });

  it('closes with the close button and with Esc, giving focus back to the country button', async () => {
    const user = userEvent.setup();
    renderApp();
    const button = screen.getByRole('button', { name: /^Chile/ });
    await user.click(button);
    expect(screen.getByRole('complementary', { name: 'Chile' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close Chile' }));
    expect(screen.queryByRole('complementary', { name: 'Chile' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();

    await user.click(button);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary', { name: 'Chile' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
  });

  it('Esc closes a country selected a moment ago, before its panel has followed (the panel is a deferred render)', () => {
    const { store } = renderApp();
    // One task: the selection, then Esc, before React has rendered the panel or run its effects.
    act(() => {
      store.getState().select('CHL');
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(store.getState().selected).toBeNull();
    expect(screen.queryByRole('complementary', { name: 'Chile' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Chile/ })).toHaveFocus();
  });

  it('stays open when Esc closes the share dialog (issue 9, defect 2)', async () => {
    const user = userEvent.setup();
    renderApp({ state: { selected: 'CHL' } });
    await user.click(screen.getByRole('button', { name: 'Share or embed' }));
    const dialog = screen.getByRole('dialog', { name: 'Share or embed this view' });
    await user.click(within(dialog).getAllByRole('textbox')[0]!);
    expect(dialog).toContainElement(document.activeElement as HTMLElement);
    // The browser closes a modal <dialog> on Esc after keydown has run; jsdom does not, so only
    // the keydown is simulated here: it must not also close the panel.
    await user.keyboard('{Escape}');
    expect(screen.getByRole('complementary', { name: 'Chile' })).toBeInTheDocument();
    // Focus outside, dialog open (modal: Esc belongs to it).
    (screen.getByRole('heading', { level: 2, name: 'Chile' }) as HTMLElement).focus();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('complementary', { name: 'Chile' })).toBeInTheDocument();
    // Once the dialog is closed, Esc closes the panel again.
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('complementary', { name: 'Chile' })).not.toBeInTheDocument();
  });

  it('says so when a selected country has no measure matching the filter, and Show all types shows them', async () => {
    const user = userEvent.setup();
    renderApp({ state: { selected: 'SLV', activeTypes: ['anti-gang-law'] } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(panel).toHaveTextContent('No measures of the selected types.');
    expect(within(panel).queryAllByRole('article')).toHaveLength(0);
    await user.click(within(panel).getByRole('button', { name: 'Show all types' }));
    // The last action is asserted too (issue 21, defect 10): every type is back, and so are the measures.
    expect(within(panel).getAllByRole('article')).toHaveLength(2);
    expect(panel).not.toHaveTextContent('No measures of the selected types.');
  });

  it('a country with no measures at all says so, and offers no filter reset', () => {
    renderApp({ state: { selected: 'GTM' } });
    const panel = screen.getByRole('complementary', { name: 'Guatemala' });
    expect(panel).toHaveTextContent('No measures recorded for this country.');
    expect(within(panel).queryByRole('button', { name: 'Show all types' })).toBeNull();
  });
});

describe('filter by measure type', () => {
  it('is a group named "Filter by measure type" with one checkbox per type', () => {
    renderApp();
    const group = screen.getByRole('group', { name: /measure type/ });
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes).toHaveLength(8);
    expect(within(group).getByRole('checkbox', { name: 'State of exception' })).toBeChecked();
    expect(within(group).getByRole('checkbox', { name: 'Maximum-security prison' })).toHaveAccessibleDescription(
      /^2 measures in March 2026: New or planned/,
    );
  });

  it('filters the panel and the country counts; reset brings everything back', async () => {
    const user = userEvent.setup();
    renderApp({ state: { selected: 'SLV' } });
    const panel = screen.getByRole('complementary', { name: 'El Salvador' });
    expect(within(panel).getAllByRole('article')).toHaveLength(2);

    await user.click(screen.getByRole('checkbox', { name: 'State of exception' }));
    expect(
      within(panel)
        .getAllByRole('article')
        .map((a) => a.getAttribute('aria-labelledby')),
    ).toEqual(['measure-sv-test-prison']);
    expect(panel).toHaveTextContent('1 / 2 measures');
    expect(screen.getByRole('button', { name: /^El Salvador, 1 measure$/ })).toBeInTheDocument();

    expect(screen.getByRole('figure', { name: /Measures matching the filter/ })).toHaveTextContent(
      'Measures matching the filter (7 of 8 types)',
    );

    await user.click(screen.getByRole('button', { name: 'Show all types' }));
    expect(within(panel).getAllByRole('article')).toHaveLength(2);
    expect(screen.getByRole('figure', { name: /Measures matching the filter/ })).toHaveTextContent(
      'Measures matching the filter (all types)',
    );
    expect(screen.getByRole('checkbox', { name: 'State of exception' })).toBeChecked();
  });

  it('keeps a country with no matching measure selectable', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('checkbox', { name: 'Maximum-security prison' }));
    await user.click(screen.getByRole('checkbox', { name: 'State of exception' }));
    await user.click(screen.getByRole('button', { name: /^Chile, no measures/ }));
    expect(screen.getByRole('complementary', { name: 'Chile' })).toHaveTextContent(
      'No measures of the selected types.',
    );
  });
});

describe('page', () => {
  it('shows title, dek and the as-of date', () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: 'Test title' })).toBeInTheDocument();
    expect(screen.getByText('Test dek')).toBeInTheDocument();
    expect(screen.getByText('13 March 2026')).toHaveAttribute('datetime', '2026-03-13');
  });

  it('builds no Intl formatter or collator for the first screen and map, in either language (each cost 8–30 ms there)', async () => {
    const built: string[] = [];
    // String#localeCompare builds a collator inside the engine (about 10 ms the first time).
    const localeCompare = String.prototype.localeCompare;
    vi.spyOn(String.prototype, 'localeCompare').mockImplementation(function (this: string, ...args) {
      built.push('localeCompare');
      return localeCompare.apply(this, args);
    });
    for (const name of ['NumberFormat', 'DateTimeFormat', 'ListFormat', 'PluralRules', 'Collator'] as const) {
      const Real = Intl[name];
      vi.spyOn(Intl, name).mockImplementation(function (this: unknown, ...args: never[]) {
        built.push(name);
        return Reflect.construct(Real, args);
      } as never);
    }
    try {
      // The real story: it has policy links (sorted by date for the map) and every kind of figure.
      const data = loadPolicyData();
      for (const lang of ['en', 'es'] as const) await readyMap(renderApp({ data, state: { lang } }).maps);
    } finally {
      vi.restoreAllMocks();
    }
    expect(screen.getAllByRole('navigation', { name: /Countries|Países/ })).toHaveLength(2);
    expect(built).toEqual([]);
  });

  it('paints the text before the map is ready, and says when the map is ready', async () => {
    const { maps } = renderApp();
    expect(screen.getByRole('region', { name: /map/i })).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('button', { name: /^El Salvador/ })).toBeEnabled();
    // The map answers later (issue 21, defect 10: this waited for what it had already confirmed).
    await readyMap(maps);
    await waitFor(() => expect(screen.getByRole('region', { name: /map/i })).toHaveAttribute('aria-busy', 'false'));
  });
});

describe('embed mode', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('links to the full graphic for the current view, without embed parameters (issue 9, defect 4)', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/?embed=1&embedId=policy-map-1&country=CHL&types=state-of-exception');
    const { store } = renderApp({ embed: true, state: { selected: 'CHL', activeTypes: ['state-of-exception'] } });
    const link = () => screen.getByRole('link', { name: /^Open the full graphic/ });
    expect(link()).toHaveAttribute('href', 'http://localhost:3000/?country=CHL&types=state-of-exception');
    expect(link()).toHaveAttribute('target', '_blank');

    await user.click(screen.getByRole('button', { name: /^El Salvador/ }));
    await user.click(screen.getByRole('checkbox', { name: 'Maximum-security prison' }));
    await user.click(screen.getByRole('button', { name: 'Español' }));
    const expected = `http://localhost:3000/${serializeUrlState({
      country: 'SLV',
      types: ['state-of-exception', 'max-security-prison'],
      lang: 'es',
    })}`;
    expect(screen.getByRole('link', { name: /^Abrir el gráfico completo/ })).toHaveAttribute('href', expected);

    await user.click(screen.getByRole('tab', { name: 'Tabla' }));
    store.getState().resetTypes();
    store.getState().select(null);
    await waitFor(() =>
      expect(screen.getByRole('link', { name: /^Abrir el gráfico completo/ })).toHaveAttribute(
        'href',
        'http://localhost:3000/?lang=es&view=table',
      ),
    );
  });
});

describe('the story’s languages (story.json)', () => {
  it('offers a language switch only when the story has more than one language', () => {
    const two = renderApp();
    expect(screen.getByRole('button', { name: 'Español' })).toBeInTheDocument();
    two.unmount();
    const data = createData();
    renderApp({ data: { ...data, story: { ...data.story, languages: ['en'] } } });
    expect(screen.queryByRole('button', { name: 'Español' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'English' })).toBeNull();
  });
});
