import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PALETTES, type ThemeName } from '../../src/data/palette.ts';
import { countsByCountry } from '../../src/data/selectors.ts';
import { countryName } from '../../src/data/story.ts';
import type { Month } from '../../src/data/timeline.ts';
import type { MeasureTypeId } from '../../src/data/vocabulary.ts';
import { STRINGS } from '../../src/i18n/strings.ts';
import { parseBoundaries } from '../../src/map/boundaries.ts';
import { imageFileName, renderImageSvg, titleSlug } from '../../src/map/export-image.ts';
import { inkFromCss } from '../../src/map/ink.ts';
import { fontMeasure } from '../../src/tools/font-measure.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { FOCUS_COUNTRIES, MEASURE_TYPES } from '../fixtures/story.ts';

const data = loadPolicyData();
const CSS = readFileSync('src/ui/base.css', 'utf8');
/** The export as the browser makes it, with base.css's colours (jsdom loads no stylesheet). */
const render = (req: Parameters<typeof renderImageSvg>[0]) =>
  renderImageSvg({ ...req, ink: inkFromCss(CSS, req.theme) });
const boundaries = parseBoundaries(JSON.parse(readFileSync('src/data/content/boundaries.topo.json', 'utf8')));

describe('image file names', () => {
  it('slugs the title before the colon, without a leading article', () => {
    expect(titleSlug(data.meta.title.en)).toBe('cecot-effect');
    expect(titleSlug(data.meta.title.es)).toBe('efecto-cecot');
    expect(titleSlug('Las cárceles de Centroamérica')).toBe('carceles-de-centroamerica');
    expect(titleSlug('A B: c')).toBe('b');
    expect(titleSlug('!!!')).toBe('map');
  });
  it('says what it is, the month shown, the language and the variant', () => {
    expect(imageFileName(data.meta.title.en, '2026-03', 'en', 'png')).toBe('cecot-effect-2026-03-en.png');
    expect(imageFileName(data.meta.title.en, '2026-03', 'en', 'png', { width: 1200, height: 675 })).toBe(
      'cecot-effect-2026-03-en-1200x675.png',
    );
    expect(imageFileName(data.meta.title.es, '2024-01', 'es', 'svg')).toBe('efecto-cecot-2024-01-es.svg');
  });
});

describe('the exported SVG', () => {
  const base = {
    data,
    boundaries,
    measure: fontMeasure(),
    activeTypes: [...MEASURE_TYPES],
    date: null,
    selected: null,
    links: true,
    width: 1200,
    height: 675,
  } as const;

  for (const lang of ['en', 'es'] as const)
    it(`has the title, the six countries, the month, the legend and the credit (${lang})`, async () => {
      const svg = await render({ ...base, lang, theme: 'light', strings: STRINGS[lang] });
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      expect(doc.querySelector('parsererror')).toBeNull();
      const text = doc.documentElement.textContent ?? '';
      const esc = (s: string) => s.replace(/&/g, '&amp;');
      expect(text).toContain(data.meta.title[lang].slice(0, 40));
      for (const c of FOCUS_COUNTRIES) expect(svg).toContain(esc(countryName(data, c, lang)));
      expect(doc.querySelectorAll('g[data-country]')).toHaveLength(6);
      expect(text).toContain(lang === 'en' ? 'March 2026' : 'marzo de 2026');
      expect(text).toContain(STRINGS[lang].legendTitle);
      expect(text).toContain('5+');
      expect(text).toContain(data.meta.credit[lang].split(' ').slice(0, 4).join(' '));
      // The map itself: the boundaries were drawn, with the count colours.
      expect(doc.querySelectorAll('[data-layer="focus-fill"]').length).toBeGreaterThanOrEqual(6);
      expect(svg).toMatch(/width="1200" height="675"/);
    });

  it('shows the chosen month, filter, selection and theme', async () => {
    const svg = await render({
      ...base,
      lang: 'en',
      theme: 'dark',
      strings: STRINGS.en,
      date: '2023-01',
      selected: 'ECU',
      links: false,
      activeTypes: ['state-of-exception'],
      width: 1080,
      height: 1080,
    });
    expect(svg).toContain('January 2023');
    const text = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement.textContent ?? '';
    expect(text).toContain(`${STRINGS.en.legendTitle} (1 of ${MEASURE_TYPES.length} types)`);
    expect(svg).toContain('fill="#16181b"');
    expect(svg).toMatch(/<g data-country="ECU"><rect[^>]*stroke-width="2"/);
    expect(svg).not.toContain('still-arrow)"');
    // Nothing on the map to key: no link or prison key in the legend.
    expect(svg).not.toContain('Policy links');
    expect(svg).not.toContain('Prisons with known locations');
  });

  /**
   * Each focus country's fill in the image, as drawn (main map and inset alike), and whether it is
   * hatched: the map's colour for its count (the palette's step; 0 = the hatch over its base).
   */
  const fills = async (activeTypes: readonly MeasureTypeId[], date: Month | null, theme: ThemeName = 'light') => {
    const svg = await render({ ...base, lang: 'en', theme, strings: STRINGS.en, activeTypes, date });
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    return Object.fromEntries(
      FOCUS_COUNTRIES.map((c) => {
        const drawn = [...doc.querySelectorAll(`[data-layer="focus-fill"][data-id="${c}"]`)];
        const hatched = doc.querySelectorAll(`[data-layer="focus-none-hatch"][data-id="${c}"]`).length > 0;
        return [c, { fills: [...new Set(drawn.map((p) => p.getAttribute('fill')))], hatched }];
      }),
    );
  };
  const expected = (activeTypes: readonly MeasureTypeId[], date: Month | null, theme: ThemeName = 'light') => {
    const counts = countsByCountry(data, activeTypes, date ?? undefined);
    const p = PALETTES[theme];
    return Object.fromEntries(
      FOCUS_COUNTRIES.map((c) => {
        const n = counts[c] ?? 0;
        return [c, { fills: [n > 0 ? p.counts[Math.min(n, 5) - 1] : p.hatchBase], hatched: n === 0 }];
      }),
    );
  };
  const changed = (a: Record<string, unknown>, b: Record<string, unknown>) =>
    FOCUS_COUNTRIES.filter((c) => JSON.stringify(a[c]) !== JSON.stringify(b[c]));

  it('fills each country with the map’s colour for its count under the type filter', async () => {
    const all = await fills(MEASURE_TYPES, null);
    const [first] = MEASURE_TYPES as [MeasureTypeId];
    const one = await fills([first], null);
    expect(all).toEqual(expected(MEASURE_TYPES, null));
    expect(one).toEqual(expected([first], null));
    // The filter changes what the image shows (not only what the counts say).
    expect(changed(all, one).length).toBeGreaterThan(0);
    expect(await fills([], null, 'dark')).toEqual(expected([], null, 'dark'));
  });

  it('fills each country with the map’s colour for its count at the date shown', async () => {
    const now = await fills(MEASURE_TYPES, null);
    const then = await fills(MEASURE_TYPES, '2023-01');
    expect(then).toEqual(expected(MEASURE_TYPES, '2023-01'));
    expect(changed(now, then).length).toBeGreaterThan(0);
  });

  it('draws the map’s pairs of places: one arc and one marker with the number of links per pair, at the date shown', async () => {
    const pairsIn = async (date: Month | null) => {
      const svg = await render({ ...base, date, lang: 'en', theme: 'light', strings: STRINGS.en });
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      return [...doc.querySelectorAll('g[data-pair]')].map((g) => `${g.getAttribute('data-pair')} ${g.textContent}`);
    };
    expect((await pairsIn(null)).sort()).toEqual(
      ['CHL|SLV 3', 'CHL|USA 1', 'CRI|SLV 7', 'ECU|SLV 1', 'GTM|SLV 2', 'HND|SLV 2', 'SLV|USA 1'].sort(),
    );
    expect((await pairsIn('2025-06')).sort()).toEqual(['CHL|SLV 1', 'CRI|SLV 2', 'HND|SLV 2', 'SLV|USA 1']);
    expect(await pairsIn('2024-01')).toEqual(['HND|SLV 1']);
  });

  it('keys the policy links and the prison symbols in its legend when the map shows them', async () => {
    for (const lang of ['en', 'es'] as const) {
      const svg = await render({ ...base, lang, theme: 'light', strings: STRINGS[lang] });
      const text = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement.textContent ?? '';
      expect(text).toContain(STRINGS[lang].linksToggle);
      expect(text).toContain(data.story.facilityLegend[lang].replace(/:$/, ''));
    }
  });
});
