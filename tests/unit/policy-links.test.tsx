/**
 * Issue 8 §2: the policy links — their names and dates in words, their sources, each country's
 * links, the geometry over the map, the "Policy links" checkbox and `links=0`, and the dialog.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { linkName, linkSources, linksOfCountry } from '../../src/data/links.ts';
import { linkKindLabel, linkKindList } from '../../src/data/story.ts';
import { linksAt } from '../../src/data/timeline.ts';
import { overlaps } from '../../src/map/label-layout.ts';
import { layoutLinks, MARKER } from '../../src/map/link-layout.ts';
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

describe('link geometry', () => {
  const frame = { width: 800, height: 500 };
  const ends = { SLV: { x: 100, y: 300 }, CRI: { x: 300, y: 420 }, CHL: { x: 650, y: 350 }, USA: { x: 400, y: 10 } };
  const mk = (id: string, from: string[], to: string[], mutual = false, ended = false) => ({
    id,
    from,
    to,
    mutual,
    ended,
  });

  it('draws one arc per pair, with an arrowhead at each end a link points to', () => {
    const { arcs } = layoutLinks({
      links: [mk('a', ['CRI'], ['SLV']), mk('b', ['SLV'], ['CRI']), mk('c', ['CHL'], ['SLV'])],
      ends,
      endBoxes: {},
      obstacles: [],
      frame,
    });
    expect(arcs.map((a) => a.key).sort()).toEqual(['CHL|SLV', 'CRI|SLV']);
    const cri = arcs.find((a) => a.key === 'CRI|SLV');
    expect(cri).toMatchObject({ arrowStart: true, arrowEnd: true, ended: false });
    const chl = arcs.find((a) => a.key === 'CHL|SLV');
    // Sorted ends: CHL first, SLV second; the link points to SLV.
    expect(chl).toMatchObject({ arrowStart: false, arrowEnd: true });
  });

  it('marks both ends of a mutual link, dashes an arc whose links all ended, and splits a link with two origins', () => {
    const { arcs, markers } = layoutLinks({
      links: [
        mk('m', ['CRI'], ['SLV'], true),
        mk('e', ['USA'], ['SLV'], false, true),
        mk('two', ['SLV', 'USA'], ['CHL']),
      ],
      ends,
      endBoxes: {},
      obstacles: [],
      frame,
    });
    expect(arcs.find((a) => a.key === 'CRI|SLV')).toMatchObject({ arrowStart: true, arrowEnd: true });
    expect(arcs.find((a) => a.key === 'SLV|USA')).toMatchObject({ ended: true });
    expect(arcs.map((a) => a.key)).toEqual(expect.arrayContaining(['CHL|SLV', 'CHL|USA']));
    expect(markers.map((m) => m.id)).toEqual(['m', 'e', 'two']);
  });

  it('gives every link its own marker, clear of labels, obstacles and each other, inside the frame', () => {
    const links = Array.from({ length: 7 }, (_, i) =>
      mk(`cr${i}`, i % 2 ? ['CRI'] : ['SLV'], i % 2 ? ['SLV'] : ['CRI']),
    );
    const label = { x: 260, y: 410, width: 90, height: 24 };
    const obstacle = { x: 180, y: 330, width: 30, height: 30 };
    const { markers } = layoutLinks({ links, ends, endBoxes: { CRI: label }, obstacles: [obstacle], frame });
    expect(markers).toHaveLength(7);
    const box = (m: { x: number; y: number }) => ({
      x: m.x - MARKER / 2,
      y: m.y - MARKER / 2,
      width: MARKER,
      height: MARKER,
    });
    markers.forEach((m, i) => {
      expect(overlaps(box(m), label, 0), m.id).toBe(false);
      expect(overlaps(box(m), obstacle, 0), m.id).toBe(false);
      expect(m.x - MARKER / 2).toBeGreaterThanOrEqual(0);
      expect(m.y + MARKER / 2).toBeLessThanOrEqual(frame.height);
      for (const other of markers.slice(i + 1))
        expect(overlaps(box(m), box(other), 0), `${m.id}/${other.id}`).toBe(false);
    });
    // Markers point the way their link goes: opposite directions differ by 180°.
    const a = markers[0] as { angle: number };
    const b = markers[1] as { angle: number };
    expect(Math.abs(((a.angle - b.angle + 540) % 360) - 180)).toBeGreaterThan(140);
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
  it('offers one named button per link at the date, hidden by the "Policy links" checkbox', async () => {
    const user = userEvent.setup();
    const { maps, store } = renderApp({ data });
    await readyMap(maps);
    const group = screen.getByRole('group', { name: 'Policy links between countries' });
    // `hidden: true`: jsdom lays nothing out, so the United States' tag has no size and its one
    // link (L1) has no arc to sit on; in a browser all 16 show (tests/e2e/story.e2e.ts).
    expect(within(group).getAllByRole('button', { hidden: true })).toHaveLength(16);
    expect(within(group).getByRole('button', { name: 'Chile → El Salvador, 30 January 2026' })).toBeInTheDocument();
    // The undated link is marked so on the map (a dotted ring), not only in its name.
    expect(within(group).getByRole('button', { name: /^Guatemala → El Salvador, undated/ })).toHaveAttribute(
      'data-undated',
    );
    act(() => store.getState().setDate('2024-01'));
    expect(
      within(group)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Honduras → El Salvador, 18 July 2023']);
    act(() => store.getState().setDate(null));
    await user.click(screen.getByRole('checkbox', { name: 'Policy links' }));
    expect(store.getState().links).toBe(false);
    expect(within(group).queryAllByRole('button')).toHaveLength(0);
  });

  it('opens a link’s text and numbered sources; Esc closes it and gives focus back', async () => {
    const user = userEvent.setup();
    const { maps } = renderApp({ data });
    await readyMap(maps);
    const button = screen.getByRole('button', { name: 'Chile → El Salvador, 30 January 2026' });
    await user.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Chile → El Salvador' });
    // The link's kind comes from the story's own list (story.json linkKinds), then the date.
    expect(dialog).toHaveTextContent('Visit · 30 January 2026');
    expect(dialog).toHaveTextContent('studied and adapted');
    const sources = within(dialog).getByRole('list', { name: 'Sources' });
    const anchors = within(sources).getAllByRole('link');
    // CL-1 [1], [3], [6] (the "first meeting"), [7] and S0.
    expect(anchors).toHaveLength(5);
    for (const a of anchors) {
      expect(a).toHaveAttribute('target', '_blank');
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('Esc in a link’s dialog closes only the dialog, not the open country panel', async () => {
    const user = userEvent.setup();
    const { maps, store } = renderApp({ data, state: { selected: 'CHL' } });
    await readyMap(maps);
    await user.click(screen.getByRole('button', { name: 'Chile → El Salvador, April 2024' }));
    expect(screen.getByRole('dialog', { name: 'Chile → El Salvador' })).toBeInTheDocument();
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
