/**
 * Issue 18 §4: links that read at a glance — one arc and one marker per pair of places. The pairs
 * and what their markers say (data/links.ts), and where the markers go (map/link-layout.ts): on
 * their arc, inside the frame, clear of labels, symbols and each other, with no leader line.
 */
import { describe, expect, it } from 'vitest';
import {
  linkPairs,
  linksShownAt,
  pairFaded,
  pairName,
  pairSpan,
  pairsAt,
  type ShownLinkAt,
} from '../../src/data/links.ts';
import { asOfMonth } from '../../src/data/timeline.ts';
import { overlaps, type Point, type Rect } from '../../src/map/label-layout.ts';
import { type LinkMarker, layoutLinks, MARKER, type PairInput, placeLinkGeometry } from '../../src/map/link-layout.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';

const data = loadPolicyData('src/data/content');
const asOf = asOfMonth(data);
const pair = (key: string, month = asOf) => {
  const p = pairsAt(data, month).find((x) => x.key === key);
  if (!p) throw new Error(`no pair ${key} at ${month}`);
  return p;
};
const shown = (id: string, month = asOf): ShownLinkAt => {
  const l = linksShownAt(data, month).find((x) => x.link.id === id);
  if (!l) throw new Error(`no link ${id} at ${month}`);
  return l;
};

describe('pairs of places', () => {
  it('joins the 16 links of the shipped story into 7 pairs at the "as of" date, each link in every pair it names', () => {
    const pairs = pairsAt(data, asOf);
    expect(Object.fromEntries(pairs.map((p) => [p.key, p.links.map((l) => l.link.id)]))).toEqual({
      'HND|SLV': ['L13', 'L14'],
      'CHL|SLV': ['L2', 'L3', 'L16'],
      'CRI|SLV': ['L4', 'L5', 'L6', 'L7', 'L8', 'L9', 'L10'],
      'SLV|USA': ['L1'],
      'GTM|SLV': ['L11', 'L12'],
      'ECU|SLV': ['L15'],
      // L16: Chile → El Salvador and United States.
      'CHL|USA': ['L16'],
    });
    expect(new Set(pairs.flatMap((p) => p.links.map((l) => l.link.id))).size).toBe(data.meta.links.length);
  });

  it('lists a pair’s links by date, undated last, and counts only the links that exist at the month', () => {
    // L11 is dated 2025-10-24, L12 undated: shown only at "as of", last.
    expect(pair('GTM|SLV').links.map((l) => l.link.id)).toEqual(['L11', 'L12']);
    expect(pair('GTM|SLV', '2026-02').links.map((l) => l.link.id)).toEqual(['L11']);
    expect(pair('CRI|SLV', '2025-06').links.map((l) => l.link.id)).toEqual(['L4', 'L5']);
    expect(pairsAt(data, '2024-01').map((p) => p.key)).toEqual(['HND|SLV']);
    expect(pairsAt(data, '2023-06')).toEqual([]);
  });

  it('puts arrowheads at the end links point to: one way, both ways, mutual', () => {
    // Chile → El Salvador only (ends sorted: CHL, SLV).
    expect(pair('CHL|SLV')).toMatchObject({ toFirst: false, toSecond: true });
    // United States → El Salvador only (ends sorted: SLV, USA).
    expect(pair('SLV|USA')).toMatchObject({ toFirst: true, toSecond: false });
    // L4 El Salvador → Costa Rica and L5 Costa Rica → El Salvador, neither mutual: both ends.
    const [both] = linkPairs([shown('L4'), shown('L5')]);
    expect(both).toMatchObject({ key: 'CRI|SLV', toFirst: true, toSecond: true });
    // L5 alone: one way, to El Salvador.
    expect(linkPairs([shown('L5')])[0]).toMatchObject({ toFirst: false, toSecond: true });
    // L7, Costa Rica → El Salvador marked mutual: both ends on its own.
    expect(shown('L7').link.mutual).toBe(true);
    expect(linkPairs([shown('L7')])[0]).toMatchObject({ toFirst: true, toSecond: true });
  });

  it('marks a pair ended when all its links ended, and undated when one has no date', () => {
    expect(pair('SLV|USA')).toMatchObject({ ended: true, undated: false });
    expect(pair('SLV|USA', '2025-06')).toMatchObject({ ended: false });
    expect(pair('GTM|SLV')).toMatchObject({ ended: false, undated: true });
  });
});

describe('what a pair’s marker says', () => {
  it('names both places, how many links and their span, in each language', () => {
    expect(pairName(data, pair('CRI|SLV'), 'en')).toBe(
      'Costa Rica and El Salvador: 7 links, November 2024 – February 2026',
    );
    expect(pairName(data, pair('CRI|SLV'), 'es')).toBe(
      'Costa Rica y El Salvador: 7 vínculos, noviembre de 2024 – febrero de 2026',
    );
    expect(pairName(data, pair('ECU|SLV'), 'en')).toBe('Ecuador and El Salvador: 1 link, November 2025');
    expect(pairName(data, pair('ECU|SLV'), 'es')).toBe('Ecuador y El Salvador: 1 vínculo, noviembre de 2025');
    // El Salvador, linked with six places, comes second, also beside an outside actor.
    expect(pairName(data, pair('SLV|USA'), 'en')).toBe(
      'United States and El Salvador: 1 link, March 2025 – July 2025, ended',
    );
    expect(pairName(data, pair('SLV|USA'), 'es')).toBe(
      'Estados Unidos y El Salvador: 1 vínculo, marzo de 2025 – julio de 2025, terminado',
    );
    expect(pairName(data, pair('GTM|SLV'), 'en')).toBe('Guatemala and El Salvador: 2 links, October 2025, 1 undated');
    expect(pairName(data, pair('GTM|SLV'), 'es')).toBe(
      'Guatemala y El Salvador: 2 vínculos, octubre de 2025, 1 sin fecha',
    );
    expect(pairName(data, pair('CHL|USA'), 'es')).toBe('Chile y Estados Unidos: 1 vínculo, marzo de 2026');
  });

  it('spans only the links that exist at a past month, and an end date only once it has passed', () => {
    expect(pairName(data, pair('CRI|SLV', '2025-06'), 'en')).toBe(
      'Costa Rica and El Salvador: 2 links, November 2024 – April 2025',
    );
    expect(pairName(data, pair('CHL|SLV', '2025-06'), 'en')).toBe('Chile and El Salvador: 1 link, April 2024');
    // L1 runs 16 March – 18 July 2025: in June its end is still to come.
    expect(pairName(data, pair('SLV|USA', '2025-06'), 'en')).toBe('United States and El Salvador: 1 link, March 2025');
    expect(pairName(data, pair('SLV|USA', '2025-09'), 'en')).toBe(
      'United States and El Salvador: 1 link, March 2025 – July 2025, ended',
    );
  });

  it('never writes a month the dates do not give (synthetic dates of a shipped link)', () => {
    const dated = (date: string | null): ShownLinkAt => ({
      ...shown('L13'),
      link: { ...shown('L13').link, date },
      undated: date === null,
    });
    expect(pairSpan({ links: [dated('2023')] }, 'en')).toBe('2023');
    expect(pairSpan({ links: [dated('2023'), dated('2024-05-02')] }, 'en')).toBe('2023 – May 2024');
    expect(pairSpan({ links: [dated('2022-11'), dated('2023')] }, 'en')).toBe('November 2022 – 2023');
    // A year and a month of it read as the year: no false "from December".
    expect(pairSpan({ links: [dated('2023'), dated('2023-04')] }, 'es')).toBe('2023');
    expect(pairSpan({ links: [dated(null)] }, 'en')).toBeNull();
    const [onlyUndated] = linkPairs([dated(null)]);
    expect(pairName(data, onlyUndated as NonNullable<typeof onlyUndated>, 'en')).toBe(
      'Honduras and El Salvador: 1 link, undated',
    );
  });
});

describe('emphasis in a story step', () => {
  it('fades every pair that holds none of the step’s links, and none outside a step', () => {
    const pairs = pairsAt(data, asOf);
    const full = (stepLinks: string[] | null) => pairs.filter((p) => !pairFaded(p, stepLinks)).map((p) => p.key);
    expect(full(null)).toEqual(pairs.map((p) => p.key));
    expect(full(['L2', 'L3'])).toEqual(['CHL|SLV']);
    // L16 lies on two pairs: both are drawn in full.
    expect(full(['L16'])).toEqual(['CHL|SLV', 'CHL|USA']);
    expect(full([])).toEqual([]);
  });
});

/** Points along an arc's path data ("M x,y Q cx,cy x,y"). */
function arcPoints(d: string): Point[] {
  const [x0, y0, cx, cy, x2, y2] = (d.match(/-?[\d.]+/g) ?? []).map(Number) as number[];
  return Array.from({ length: 801 }, (_, i) => {
    const t = i / 800;
    const u = 1 - t;
    return {
      x: u * u * (x0 as number) + 2 * u * t * (cx as number) + t * t * (x2 as number),
      y: u * u * (y0 as number) + 2 * u * t * (cy as number) + t * t * (y2 as number),
    };
  });
}
const box = (m: LinkMarker): Rect => ({ x: m.x - m.width / 2, y: m.y - MARKER / 2, width: m.width, height: MARKER });

describe('where the markers go', () => {
  const frame = { width: 420, height: 300 };
  const input = (key: string, count = 1): PairInput => ({
    key,
    ends: key.split('|') as [string, string],
    toFirst: false,
    toSecond: true,
    ended: false,
    faded: false,
    count,
  });

  /** Every marker on its own arc, inside the frame, covering no obstacle, end box or other marker. */
  function expectClear(arcs: ReturnType<typeof layoutLinks>['arcs'], markers: LinkMarker[], blocked: Rect[]): void {
    markers.forEach((m, i) => {
      const arc = arcs.find((a) => a.key === m.key) as { d: string };
      const near = Math.min(...arcPoints(arc.d).map((p) => Math.hypot(p.x - m.x, p.y - m.y)));
      expect(near, `${m.key} lies on its arc`).toBeLessThan(1);
      const b = box(m);
      expect(b.x >= 0 && b.y >= 0 && b.x + b.width <= frame.width && b.y + b.height <= frame.height, m.key).toBe(true);
      for (const o of blocked) expect(overlaps(b, o, 0), `${m.key} covers ${JSON.stringify(o)}`).toBe(false);
      for (const other of markers.slice(i + 1))
        expect(overlaps(b, box(other), 0), `${m.key} / ${other.key}`).toBe(false);
    });
  }

  it('gives each pair one marker on its arc, moving along it past what its middle would cover', () => {
    const ends = { A: { x: 40, y: 150 }, B: { x: 380, y: 150 }, C: { x: 210, y: 280 } };
    // Something sits on the A–B arc's middle (it bulges up to y ≈ 116).
    const obstacle = { x: 180, y: 100, width: 60, height: 40 };
    const { arcs, markers } = layoutLinks({
      pairs: [input('A|B', 7), input('A|C', 2), input('B|C')],
      ends,
      endBoxes: {},
      obstacles: [obstacle],
      frame,
    });
    expect(markers.map((m) => m.key)).toEqual(['A|B', 'A|C', 'B|C']);
    expect(arcs.map((a) => a.key)).toEqual(['A|B', 'A|C', 'B|C']);
    expectClear(arcs, markers, [obstacle]);
    const ab = markers[0] as LinkMarker;
    expect(Math.abs(ab.x - 210)).toBeGreaterThan(30);
  });

  it('bends a short arc out between crowded labels rather than hiding its marker or adding a leader line', () => {
    // Two places a few px apart, under a column of labels (as on a 320 px phone).
    const labels = [
      { id: 'G', x: 4, y: 20, width: 110, height: 26, anchor: { x: 44, y: 56 } },
      { id: 'H', x: 4, y: 50, width: 102, height: 26, anchor: { x: 91, y: 60 } },
      { id: 'S', x: 4, y: 80, width: 113, height: 26, anchor: { x: 61, y: 72 } },
    ];
    const symbol = { x: 56, y: 65, width: 24, height: 24 };
    const { arcs, markers } = placeLinkGeometry({
      pairs: [input('H|S', 2), input('G|S', 2)],
      labels,
      tagSizes: {},
      anchorOf: () => undefined,
      mainX: () => 0,
      obstacles: [symbol],
      frame,
    });
    expect(markers).toHaveLength(2);
    expectClear(arcs, markers, [symbol, ...labels]);
  });

  it('keeps markers clear of an outside actor’s tag at the top edge', () => {
    const labels = [{ id: 'S', x: 150, y: 200, width: 100, height: 26, anchor: { x: 200, y: 213 } }];
    const { arcs, markers, tags } = placeLinkGeometry({
      pairs: [input('S|USA')],
      labels,
      tagSizes: { USA: { width: 90, height: 18 } },
      anchorOf: () => [-80, 35],
      mainX: () => 210,
      obstacles: [],
      frame,
    });
    expect(tags.USA).toMatchObject({ y: 4, width: 90 });
    expect(markers).toHaveLength(1);
    expectClear(arcs, markers, [...labels, tags.USA as Rect]);
  });
});
