/**
 * Issue 8 §2 and issue 18 §4: the policy links — their names and dates in words, their sources,
 * each country's links, the "Policy links" checkbox and `links=0`, one marker per pair of places
 * on the map and its dialog listing the pair's links, and the emphasis of a story step's links.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { linkName, linkSources, linksOfCountry } from '../../src/data/links.ts';
import { linkKindLabel, linkKindList } from '../../src/data/story.ts';
import { linksAt } from '../../src/data/timeline.ts';
import { parseUrlState, serializeUrlState, toUrlState } from '../../src/state/url-state.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { readyMap, renderApp } from '../fixtures/render-app.tsx';
import { DEFAULTS, URL_OPTIONS } from '../fixtures/story.ts';

const data = loadPolicyData('src/data/content');
const link = (id: string) => {
  const l = data.meta.links.find((x) => x.id === id);
  if (!l) throw new Error(`no link ${id}`);
  return l;
};

describe('link names and sources', () => {
  it('names a link by both countries and the date in words, in each language', () => {
    expect(linkName(data, link('L3'), { ended: false }, 'en')).toBe('Chile → El Salvador, 30 January 2026');
    expect(linkName(data, link('L3'), { ended: false }, 'es')).toBe('Chile → El Salvador, 30 de enero de 2026');
    expect(linkName(data, link('L2'), { ended: false }, 'en')).toBe('Chile → El Salvador, April 2024');
    expect(linkName(data, link('L7'), { ended: false }, 'en')).toBe('Costa Rica ↔ El Salvador, 11 December 2025');
    expect(linkName(data, link('L16'), { ended: false }, 'en')).toBe(
      'Chile → El Salvador and United States, 11 March 2026',
    );
    expect(linkName(data, link('L16'), { ended: false }, 'es')).toBe(
      'Chile → El Salvador y Estados Unidos, 11 de marzo de 2026',
    );
    expect(linkName(data, link('L1'), { ended: true }, 'en')).toBe(
      'United States → El Salvador, 16 March 2025 – 18 July 2025, ended',
    );
    expect(linkName(data, link('L12'), { ended: false }, 'en')).toBe(
      'Guatemala → El Salvador, undated (after 15 October 2025)',
    );
  });

  it('resolves every link’s sources to https addresses of the measures it cites', () => {
    for (const l of data.meta.links) {
      const sources = linkSources(data, l);
      expect(sources.length, l.id).toBe(l.refs.reduce((n, r) => n + r.sources.length, 0));
      for (const s of sources) expect(s.source.url, l.id).toMatch(/^https?:\/\//);
    }
  });

  it('lists a country’s links in both directions, newest first, following the date', () => {
    expect(linksOfCountry(data, 'CHL').map((l) => l.link.id)).toEqual(['L16', 'L3', 'L2']);
    expect(linksOfCountry(data, 'CRI', '2024-01')).toEqual([]);
    expect(linksOfCountry(data, 'CRI', '2024-11').map((l) => l.link.id)).toEqual(['L4']);
    // The undated link shows only at the "as of" month, last.
    expect(linksOfCountry(data, 'GTM').map((l) => l.link.id)).toEqual(['L11', 'L12']);
    expect(linksOfCountry(data, 'GTM', '2026-02').map((l) => l.link.id)).toEqual(['L11']);
    // No link touches Costa Rica at 2024-01 (issue 8's test).
    expect(linksAt(data, '2024-01').filter(({ link: l }) => [...l.from, ...l.to].includes('CRI'))).toEqual([]);
  });
});

describe('link kinds (story.json)', () => {
  it('every link has one of the story’s kinds, and the legend lists them in each language', () => {
    const kinds = new Set(data.story.linkKinds.map((k) => k.id));
    for (const l of data.meta.links) expect(kinds.has(l.kind), l.id).toBe(true);
    expect(linkKindList(data, 'en')).toBe(
      'visit, agreement or cooperation, prisoner transfer, cited as a model, cited as a benchmark, named as a destination',
    );
    expect(linkKindList(data, 'es')).toBe(
      'visita, acuerdo o cooperación, traslado de presos, citado como modelo, tomado como referencia, señalado como destino',
    );
    expect(linkKindLabel(data, link('L3').kind, 'en')).toBe('Visit');
  });
});

// The geometry of the arcs and markers, one per pair of places: tests/unit/link-pairs.test.ts.

describe('a story step’s links', () => {
  /** The shipped data with one story step of its own: January 2026, emphasising L2 and L3 (Chile → El Salvador). */
  const withStep = {
    ...data,
    meta: {
      ...data.meta,
      steps: [
        {
          id: 'test-step',
          month: '2026-01',
          links: ['L2', 'L3'],
          title: { en: 'Test step', es: 'Paso de prueba' },
          text: [{ en: 'Test sentence.', es: 'Frase de prueba.', cites: [{ link: 'L3', source: 1 }] }],
        },
      ],
    },
  } as typeof data;

  it('draws the pairs holding the step’s links in full and fades the others, as the legend says; leaving the step ends it', async () => {
    const { maps, store } = renderApp({ data: withStep, state: { step: 1 } });
    await readyMap(maps);
    const group = screen.getByRole('group', { name: 'Policy links between countries' });
    const buttons = within(group).getAllByRole('button', { hidden: true });
    // At January 2026: Honduras, Chile, Costa Rica, United States, Guatemala and Ecuador with El Salvador.
    expect(buttons).toHaveLength(6);
    const full = buttons.filter((b) => !b.hasAttribute('data-faded'));
    expect(full).toEqual([
      within(group).getByRole('button', { name: 'Chile and El Salvador: 2 links, April 2024 – January 2026' }),
    ]);
    const legend = screen.getByRole('figure', { name: /^Measures matching the filter/ });
    expect(legend).toHaveTextContent('In a story step, its links are drawn in full and the others faded.');
    // The reader's own choice of date leaves the story: nothing is faded, and the legend says no more.
    act(() => store.getState().setDate('2025-12'));
    expect(
      within(group)
        .getAllByRole('button', { hidden: true })
        .filter((b) => b.hasAttribute('data-faded')),
    ).toEqual([]);
    expect(legend).not.toHaveTextContent('In a story step');
  });
});

describe('links in the URL', () => {
  it('writes links=0 only when the links are off, and reads only links=0', () => {
    expect(serializeUrlState(toUrlState({ ...DEFAULTS, links: false }))).toBe('?links=0');
    expect(serializeUrlState(toUrlState(DEFAULTS))).toBe('');
    expect(parseUrlState('?links=0', URL_OPTIONS)).toEqual({ links: false });
    for (const q of ['?links=1', '?links=false', '?links=0&links=0', '?links=<b>'])
      expect(parseUrlState(q, URL_OPTIONS)).toEqual({});
  });
});

describe('links on the map and in the panel', () => {
  const group = () => screen.getByRole('group', { name: 'Policy links between countries' });

  it('offers one button per pair of places, named for both places, its links and their span, in each language', async () => {
    const user = userEvent.setup();
    const { maps, store } = renderApp({ data });
    await readyMap(maps);
    // `hidden: true`: jsdom lays nothing out, so the United States' tag has no size and its two
    // pairs have no arc to sit on; in a browser all 7 show (tests/e2e/link-pairs.e2e.ts).
    expect(within(group()).getAllByRole('button', { hidden: true })).toHaveLength(7);
    const costaRica = within(group()).getByRole('button', {
      name: 'Costa Rica and El Salvador: 7 links, November 2024 – February 2026',
    });
    // The number it shows is part of its name (WCAG 2.5.3).
    expect(costaRica).toHaveTextContent(/^7/);
    // A pair with an undated link is marked so on the map (a dotted ring), not only in its name.
    expect(
      within(group()).getByRole('button', { name: 'Guatemala and El Salvador: 2 links, October 2025, 1 undated' }),
    ).toHaveAttribute('data-undated');
    act(() => store.getState().setLang('es'));
    expect(
      within(screen.getByRole('group', { name: 'Vínculos entre países' })).getByRole('button', {
        name: 'Costa Rica y El Salvador: 7 vínculos, noviembre de 2024 – febrero de 2026',
      }),
    ).toBeInTheDocument();
    act(() => store.getState().setLang('en'));
    // At a past month, a pair counts only the links that exist then.
    act(() => store.getState().setDate('2025-06'));
    expect(
      within(group()).getByRole('button', { name: 'Costa Rica and El Salvador: 2 links, November 2024 – April 2025' }),
    ).toBeInTheDocument();
    act(() => store.getState().setDate('2024-01'));
    expect(
      within(group())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1Honduras and El Salvador: 1 link, July 2023']);
    act(() => store.getState().setDate(null));
    await user.click(screen.getByRole('checkbox', { name: 'Policy links' }));
    expect(store.getState().links).toBe(false);
    expect(within(group()).queryAllByRole('button')).toHaveLength(0);
  });

  it('opens a pair’s dialog listing its links by date, each with its kind, date, text and sources; Esc gives focus back', async () => {
    const user = userEvent.setup();
    const { maps } = renderApp({ data });
    await readyMap(maps);
    const button = screen.getByRole('button', {
      name: 'Costa Rica and El Salvador: 7 links, November 2024 – February 2026',
    });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Costa Rica and El Salvador' });
    expect(within(dialog).getByRole('heading', { level: 2 })).toHaveTextContent('Costa Rica and El Salvador');
    expect(dialog).toHaveTextContent('7 links, November 2024 – February 2026');
    // One heading per link, oldest first, each naming its direction; below it its kind and date.
    const headings = within(dialog).getAllByRole('heading', { level: 3 });
    expect(headings.map((h) => h.textContent)).toEqual([
      'El Salvador → Costa Rica',
      'Costa Rica → El Salvador',
      'El Salvador → Costa Rica',
      'Costa Rica ↔ El Salvador',
      'Costa Rica → El Salvador',
      'El Salvador → Costa Rica',
      'Costa Rica → El Salvador',
    ]);
    expect(headings.map((h) => h.closest('li')?.textContent)).toEqual(
      [
        'Visit · November 2024',
        'Visit · 4 April 2025',
        'Agreement or cooperation · 13 August 2025',
        'Agreement or cooperation · 11 December 2025',
        'Visit · 12 December 2025',
        'Visit · 14 January 2026',
        'Cited as a model · 2 February 2026',
      ].map((d) => expect.stringContaining(d)),
    );
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('gives each link in a pair’s dialog its text and numbered sources', async () => {
    const user = userEvent.setup();
    const { maps } = renderApp({ data });
    await readyMap(maps);
    await user.click(screen.getByRole('button', { name: /^Chile and El Salvador: 3 links/ }));
    const dialog = screen.getByRole('dialog', { name: 'Chile and El Salvador' });
    const headings = within(dialog).getAllByRole('heading', { level: 3 });
    expect(headings.map((h) => h.textContent)).toEqual([
      'Chile → El Salvador',
      'Chile → El Salvador',
      'Chile → El Salvador and United States',
    ]);
    // The second link, L3: its kind comes from the story's own list (story.json linkKinds), then the date.
    const l3 = headings[1]?.closest('li') as HTMLElement;
    expect(l3).toHaveTextContent('Visit · 30 January 2026');
    expect(l3).toHaveTextContent('studied and adapted');
    const anchors = within(within(l3).getByRole('list', { name: 'Sources' })).getAllByRole('link');
    // CL-1 [1], [3], [6] (the "first meeting"), [7] and S0.
    expect(anchors).toHaveLength(5);
    for (const a of anchors) {
      expect(a).toHaveAttribute('target', '_blank');
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    }
  });

  it('Esc in a pair’s dialog closes only the dialog, not the open country panel', async () => {
    const user = userEvent.setup();
    const { maps, store } = renderApp({ data, state: { selected: 'CHL' } });
    await readyMap(maps);
    await user.click(screen.getByRole('button', { name: /^Chile and El Salvador: 3 links/ }));
    expect(screen.getByRole('dialog', { name: 'Chile and El Salvador' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().selected).toBe('CHL');
    expect(screen.getByRole('complementary', { name: 'Chile' })).toBeInTheDocument();
    // The next Esc is the panel's.
    await user.keyboard('{Escape}');
    expect(store.getState().selected).toBeNull();
  });

  it('lists a country’s links in its panel under "Links with other countries"', async () => {
    const user = userEvent.setup();
    const { maps } = renderApp({ data });
    await readyMap(maps);
    await user.click(
      within(screen.getByRole('navigation', { name: 'Countries' })).getByRole('button', { name: /^Chile/ }),
    );
    const panel = screen.getByRole('complementary', { name: 'Chile' });
    const section = within(panel).getByRole('region', { name: 'Links with other countries' });
    expect(
      within(section)
        .getAllByRole('listitem', { name: undefined })
        .filter((li) => li.classList.contains('link-item')),
    ).toHaveLength(3);
    expect(section).toHaveTextContent(
      /Chile → El Salvador and United States.*Chile → El Salvador.*30 January 2026.*Chile → El Salvador.*April 2024/s,
    );
  });
});
