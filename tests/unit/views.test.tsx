import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GROUP_LIMIT } from '../../src/ui/country-panel.tsx';
import { createData, createMeasure } from '../fixtures/create-data.ts';
import { renderApp } from '../fixtures/render-app.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('views as tabs', () => {
  it('switches between Map, Table and Overview with arrow keys', async () => {
    const user = userEvent.setup();
    renderApp();
    const map = screen.getByRole('tab', { name: 'Map' });
    expect(map).toHaveAttribute('aria-selected', 'true');
    map.focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Table' })).toHaveFocus();
    expect(screen.getByRole('tabpanel', { name: 'Table' })).toBeInTheDocument();
    await user.keyboard('{End}');
    expect(screen.getByRole('tabpanel', { name: 'Overview' })).toBeInTheDocument();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Map' })).toHaveAttribute('aria-selected', 'true');
  });
});

describe('table view', () => {
  it('lists the measures matching the filter and sorts by any column with aria-sort', async () => {
    const user = userEvent.setup();
    renderApp({ state: { view: 'table' } });
    const table = screen.getByRole('table', { name: 'All measures matching the filter' });
    const titles = () =>
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent);
    expect(titles()).toEqual(['Test state of exception', 'Test prison', 'Chile test prison']);

    await user.click(within(table).getByRole('button', { name: 'Sort by Measure' }));
    expect(within(table).getByRole('columnheader', { name: /Measure/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(titles()).toEqual(['Chile test prison', 'Test prison', 'Test state of exception']);
    await user.click(within(table).getByRole('button', { name: 'Sort by Measure' }));
    expect(within(table).getByRole('columnheader', { name: /Measure/ })).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('checkbox', { name: 'State of exception' }));
    expect(titles()).toEqual(['Test prison', 'Chile test prison']);
    expect(screen.getByText('2 rows')).toBeInTheDocument();
  });

  it('downloads exactly the rows shown', async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderApp({ state: { view: 'table', activeTypes: ['max-security-prison'] } });
    await user.click(screen.getByRole('button', { name: 'Download the rows shown as JSON' }));
    const json = JSON.parse(await (created[0] as Blob).text()) as { measures: { id: string }[] };
    expect(json.measures.map((r) => r.id)).toEqual(['sv-test-prison', 'cl-test-prison']);
  });

  it('opens a measure in the map view from its title', async () => {
    const user = userEvent.setup();
    const { store } = renderApp({ state: { view: 'table' } });
    await user.click(screen.getByRole('button', { name: 'Chile test prison' }));
    expect(store.getState()).toMatchObject({ view: 'map', selected: 'CHL', measure: 'cl-test-prison' });
    const panel = screen.getByRole('complementary', { name: 'Chile' });
    await waitFor(() => expect(within(panel).getByRole('heading', { name: 'Chile test prison' })).toHaveFocus());
  });
});

describe('overview matrix', () => {
  it('shows each measure as a status in words and opens it', async () => {
    const user = userEvent.setup();
    const { store } = renderApp({ state: { view: 'overview' } });
    const table = screen.getByRole('table', { name: 'Status of each measure, by country and type' });
    const cell = within(table).getByRole('button', { name: 'Operating: Test prison, El Salvador' });
    expect(cell).toHaveTextContent('Operating');
    // Six countries × eight types, three of them with a measure: 45 cells say "none".
    expect(within(table).getAllByText('none')).toHaveLength(45);
    await user.click(cell);
    expect(store.getState()).toMatchObject({ view: 'map', selected: 'SLV', measure: 'sv-test-prison' });
  });
});

describe('language', () => {
  it('switches every string and <html lang> to Spanish', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('button', { name: 'Español' }));
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByRole('group', { name: /tipo de medida/ })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Estado de excepción' })).toBeChecked();
    expect(screen.getByRole('button', { name: /^El Salvador, 2 medidas/ })).toBeInTheDocument();
    expect(screen.getByText('13 de marzo de 2026')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Tabla' })).toBeInTheDocument();
  });
});

describe('keyboard and screen readers', () => {
  it('moves between countries with arrow keys', async () => {
    const user = userEvent.setup();
    renderApp();
    screen.getByRole('button', { name: /^Guatemala/ }).focus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('button', { name: /^El Salvador/ })).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('button', { name: /^Chile/ })).toHaveFocus();
    await user.keyboard('{Home}');
    expect(screen.getByRole('button', { name: /^Guatemala/ })).toHaveFocus();
  });

  it('announces filter results and selections politely', async () => {
    const user = userEvent.setup();
    renderApp();
    const status = screen
      .getAllByRole('status')
      .find((s) => s.getAttribute('aria-live') === 'polite' && !s.closest('section'));
    await user.click(screen.getByRole('checkbox', { name: 'State of exception' }));
    expect(status).toHaveTextContent('2 countries, 2 measures match the filter.');
    await user.click(screen.getByRole('button', { name: /^El Salvador/ }));
    expect(status).toHaveTextContent('El Salvador: 1 measure.');
  });

  it('describes the map region and offers a skip link past it', () => {
    renderApp();
    expect(screen.getByRole('region', { name: /map/i })).toHaveAccessibleDescription(/darker means more/);
    expect(screen.getByRole('link', { name: 'Skip the map to the list of countries' })).toHaveAttribute(
      'href',
      '#country-list',
    );
  });

  it('follows the dark theme from the store', () => {
    renderApp({ state: { theme: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });
});

describe('phones', () => {
  it('shows the panel as a bottom sheet that expands, collapses and closes', async () => {
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({
          matches: query === '(max-width: 640px)',
          media: query,
          addEventListener() {},
          removeEventListener() {},
        }) as unknown as MediaQueryList,
    );
    const user = userEvent.setup();
    renderApp({ state: { selected: 'SLV' } });
    const sheet = screen.getByRole('complementary', { name: 'El Salvador' });
    const handle = within(sheet).getByRole('button', { name: 'Expand details' });
    expect(handle).toHaveAttribute('aria-expanded', 'false');
    await user.click(handle);
    expect(within(sheet).getByRole('button', { name: 'Collapse details' })).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(sheet).getByRole('button', { name: 'Close El Salvador' }));
    expect(screen.queryByRole('complementary', { name: 'El Salvador' })).not.toBeInTheDocument();
  });
});

describe('share and embed dialog', () => {
  it('offers snippets for the current view and copies with the Clipboard API', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    renderApp({ state: { selected: 'HND', lang: 'es', activeTypes: ['island-prison'] } });
    await user.click(screen.getByRole('button', { name: 'Compartir o insertar' }));
    const dialog = screen.getByRole('dialog', { name: 'Compartir o insertar esta vista' });
    const link = within(dialog).getByRole('textbox', { name: 'Enlace' }) as HTMLTextAreaElement;
    expect(link.value).toMatch(/\?country=HND&types=island-prison&lang=es$/);
    expect((within(dialog).getByRole('textbox', { name: /^Iframe/ }) as HTMLTextAreaElement).value).toContain(
      'embed=1',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Copiar Enlace' }));
    expect(writeText).toHaveBeenCalledWith(link.value);
    expect(within(dialog).getByText('Copiado.')).toBeInTheDocument();
  });

  it('selects the text for a manual copy when the clipboard is refused', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: vi.fn(async () => Promise.reject(new Error('denied'))) },
    });
    renderApp();
    await user.click(screen.getByRole('button', { name: 'Share or embed' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: /^Copy Responsive embed/ }));
    const area = within(dialog).getByRole('textbox', { name: /^Responsive embed/ }) as HTMLTextAreaElement;
    expect(area).toHaveFocus();
    expect(area.selectionEnd - area.selectionStart).toBe(area.value.length);
    expect(within(dialog).getByText(/press Ctrl\+C/)).toBeInTheDocument();
  });
});

describe('a country with many measures of one type', () => {
  /** Chile with 15 prisons: more than a panel shows at first. */
  function manyPrisons() {
    const data = createData();
    const chile = data.countries.find((c) => c.country === 'CHL');
    if (!chile) throw new Error('no CHL in the fixture');
    chile.measures = Array.from({ length: 15 }, (_, i) =>
      createMeasure({
        id: `cl-prison-${i + 1}`,
        country: 'CHL',
        briefCode: 'CL-4',
        type: 'max-security-prison',
        title: { en: `Prison ${i + 1}`, es: `Cárcel ${i + 1}` },
      }),
    );
    return data;
  }

  it(`shows the first ${GROUP_LIMIT} and a button for the rest`, async () => {
    const user = userEvent.setup();
    renderApp({ data: manyPrisons(), state: { selected: 'CHL' } });
    const panel = screen.getByRole('complementary', { name: 'Chile' });
    expect(within(panel).getAllByRole('article')).toHaveLength(GROUP_LIMIT);
    await user.click(
      within(panel).getByRole('button', { name: 'Show all 15 measures of type “maximum-security prison”' }),
    );
    expect(within(panel).getAllByRole('article')).toHaveLength(15);
  });

  it('shows the whole group when the measure opened from the table is beyond the first dozen', () => {
    renderApp({ data: manyPrisons(), state: { selected: 'CHL', measure: 'cl-prison-14' } });
    const panel = screen.getByRole('complementary', { name: 'Chile' });
    expect(within(panel).getAllByRole('article')).toHaveLength(15);
    expect(within(panel).getByRole('heading', { name: 'Prison 14' })).toBeInTheDocument();
  });
});
