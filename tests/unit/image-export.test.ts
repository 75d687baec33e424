import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countryName } from '../../src/data/story.ts';
import { STRINGS } from '../../src/i18n/strings.ts';
import { parseBoundaries } from '../../src/map/boundaries.ts';
import { imageFileName, renderImageSvg, titleSlug } from '../../src/map/export-image.ts';
import { loadPolicyData } from '../../src/tools/load-dataset.ts';
import { FOCUS_COUNTRIES, MEASURE_TYPES } from '../fixtures/story.ts';

const data = loadPolicyData();
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
    activeTypes: [...MEASURE_TYPES],
    date: null,
    selected: null,
    links: true,
    width: 1200,
    height: 675,
  } as const;

  for (const lang of ['en', 'es'] as const)
    it(`has the title, the six countries, the month, the legend and the credit (${lang})`, async () => {
      const svg = await renderImageSvg({ ...base, lang, theme: 'light', strings: STRINGS[lang] });
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
      expect(doc.querySelectorAll('path[data-layer="focus-fill"]').length).toBeGreaterThanOrEqual(6);
      expect(svg).toMatch(/width="1200" height="675"/);
    });

  it('shows the chosen month, filter, selection and theme', async () => {
    const svg = await renderImageSvg({
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
    expect(svg).toContain('1 of');
    expect(svg).toContain('fill="#16181b"');
    expect(svg).toMatch(/<g data-country="ECU"><rect[^>]*stroke-width="2"/);
    expect(svg).not.toContain('export-arrow)"');
    // Nothing on the map to key: no link or prison key in the legend.
    expect(svg).not.toContain('Policy links');
    expect(svg).not.toContain('Prisons with known locations');
  });

  it('keys the policy links and the prison symbols in its legend when the map shows them', async () => {
    for (const lang of ['en', 'es'] as const) {
      const svg = await renderImageSvg({ ...base, lang, theme: 'light', strings: STRINGS[lang] });
      const text = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement.textContent ?? '';
      expect(text).toContain(STRINGS[lang].linksToggle);
      expect(text).toContain(data.story.facilityLegend[lang].replace(/:$/, ''));
    }
  });
});
