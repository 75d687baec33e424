// @vitest-environment node
/**
 * The build's prerender (tools/vite/prerender.ts): the first screen's HTML with the map drawn in
 * it, the share tags, fallback.svg and the social card — for the shipped story and a second one.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyIndex } from '../../src/data/policy-index.ts';
import { typeIds } from '../../src/data/story.ts';
import { STRINGS } from '../../src/i18n/strings.ts';
import { parseBoundaries } from '../../src/map/boundaries.ts';
import { inkFromCss } from '../../src/map/ink.ts';
import { renderStill } from '../../src/map/still.ts';
import { fontMeasure } from '../../src/tools/font-measure.ts';
import { CONTENT_DIR, loadPolicyData } from '../../src/tools/load-dataset.ts';
import {
  FIRST_SCREEN_FRAMES,
  type Prerendered,
  prerender,
  SOCIAL_CARD,
  shareTags,
} from '../../src/tools/vite/prerender.ts';

const SECOND_STORY = 'tests/fixtures/stories/caribbean';

/** The map drawing for one frame shape in the prerendered HTML. */
function drawing(html: string, frame: string): string {
  const m = html.match(new RegExp(`<svg data-frame="${frame}"[\\s\\S]*?</svg>(?=<svg data-frame|</div>)`));
  if (!m) throw new Error(`no ${frame} drawing in the prerendered HTML`);
  return m[0];
}

describe.each([
  ['the shipped story', CONTENT_DIR],
  ['a second story', SECOND_STORY],
])('the prerendered first screen of %s', (_name, dir) => {
  const data = loadPolicyData(dir);
  const lang = data.story.languages[0] as 'en';
  let p: Prerendered;
  beforeAll(async () => {
    p = await prerender(process.cwd(), dir);
  }, 60_000);

  it('is the page in the story’s first language: title, filter, date, tabs, country list, empty panel', () => {
    expect(p.lang).toBe(lang);
    expect(p.html).toContain(`<h1`);
    expect(p.html).toContain(data.meta.title[lang].replace(/&/g, '&amp;'));
    for (const t of data.meta.types) expect(p.html).toContain(t.label[lang].replace(/&/g, '&amp;'));
    expect(p.html).toMatch(/role="tablist"/);
    expect(p.html).toMatch(/<input[^>]*type="range"/);
    expect(p.html).toContain(`aria-label="${STRINGS[lang].panelEmptyLabel}"`);
    expect(p.html).toContain(STRINGS[lang].selectHint);
  });

  it('draws the map for each frame shape, with each country’s shape and name', () => {
    for (const frame of FIRST_SCREEN_FRAMES) {
      const svg = drawing(p.html, frame.name);
      expect(svg).toContain(`viewBox="0 0 ${frame.width} ${frame.height}"`);
      for (const c of data.story.countries) {
        expect(svg, `${frame.name}: ${c.code}'s shape`).toMatch(
          new RegExp(`data-layer="focus-(fill|none-hatch)" data-id="${c.code}"`),
        );
        expect(svg, `${frame.name}: ${c.code}'s label`).toContain(`<g data-country="${c.code}">`);
        expect(svg).toContain(`>${c.name[lang].replace(/&/g, '&amp;')}</text>`);
      }
    }
  });

  it('writes a 1200 × 630 PNG social card and an 800 × 600 fallback.svg', () => {
    const png = p.cardPng;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([SOCIAL_CARD.width, SOCIAL_CARD.height]);
    expect(p.fallbackSvg).toMatch(/^<svg [^>]*width="800" height="600"/);
    expect(p.fallbackSvg).toContain(data.meta.title[lang].replace(/&/g, '&amp;').slice(0, 30));
  });
});

describe('the share tags', () => {
  const share = { title: 'T "q"', description: 'D', imageAlt: 'Alt' };
  const content = (tags: ReturnType<typeof shareTags>, key: string) =>
    tags.find((t) => t.attrs?.property === key || t.attrs?.name === key)?.attrs?.content;

  it('name the card with a relative URL, and no og:url, when the public URL is unknown', () => {
    const tags = shareTags(share, undefined);
    expect(content(tags, 'og:image')).toBe('./social-card.png');
    expect(content(tags, 'og:url')).toBeUndefined();
    expect(content(tags, 'twitter:card')).toBe('summary_large_image');
    expect(content(tags, 'og:title')).toBe('T "q"');
    expect(content(tags, 'og:image:alt')).toBe('Alt');
  });

  it('use absolute URLs when PUBLIC_URL is set', () => {
    const tags = shareTags(share, 'https://example.org/graphics/cecot');
    expect(content(tags, 'og:url')).toBe('https://example.org/graphics/cecot/');
    expect(content(tags, 'og:image')).toBe('https://example.org/graphics/cecot/social-card.png');
  });
});

describe('the still renderer', () => {
  const data = loadPolicyData();
  const boundaries = parseBoundaries(JSON.parse(readFileSync('src/data/content/boundaries.topo.json', 'utf8')));

  /** What the still is made of, in order: not its bytes (coordinates move with any data edit). */
  function structure(svg: string) {
    return {
      layers: [...svg.matchAll(/data-layer-group="([^"]+)"/g)].map((m) => m[1]),
      countries: [...svg.matchAll(/<g data-country="([A-Z]{3})">/g)].map((m) => m[1]),
      pairs: [...svg.matchAll(/<g data-pair="/g)].length,
      arcs: [...svg.matchAll(/marker-(?:end|start)="url\(#[^)]+arrow/g)].length > 0,
      prisons: [...svg.matchAll(/<circle [^>]*fill-opacity="0.6"/g)].length,
      shared: [...svg.matchAll(/<use href=/g)].length > 0,
    };
  }

  it('draws the default view the same way (structure)', () => {
    const svg = renderStill({
      data: policyIndex(data),
      strings: STRINGS.en,
      lang: 'en',
      theme: 'light',
      activeTypes: typeIds(data),
      date: null,
      selected: null,
      links: true,
      boundaries,
      measure: fontMeasure(),
      ink: inkFromCss(readFileSync('src/ui/base.css', 'utf8'), 'light'),
      width: 351,
      height: 439,
      part: 'map',
    });
    expect(structure(svg)).toMatchInlineSnapshot(`
      {
        "arcs": true,
        "countries": [
          "GTM",
          "SLV",
          "HND",
          "CRI",
          "ECU",
          "CHL",
        ],
        "layers": [
          "inset-frame",
          "context-fill",
          "focus-fill",
          "focus-none-hatch",
          "borders",
          "focus-casing",
          "focus-outline",
          "inset-guides",
          "inset-frame-line",
        ],
        "pairs": 7,
        "prisons": 2,
        "shared": true,
      }
    `);
  });

  it('measures text with the font: a wider name gets a wider label', () => {
    const measure = fontMeasure();
    expect(measure('Guatemala', 12, 600)).toBeGreaterThan(measure('Chile', 12, 600));
    expect(measure('Chile', 24, 600)).toBeCloseTo(2 * measure('Chile', 12, 600), 5);
    expect(measure('Chile', 12, 700)).toBeGreaterThan(measure('Chile', 12, 400));
    // Not a fixed ratio per character: "iiii" is narrower than "MMMM".
    expect(measure('iiii', 12, 400)).toBeLessThan(measure('MMMM', 12, 400) / 2);
  });
});
