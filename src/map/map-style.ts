/**
 * The self-contained map style and its data-driven expressions: plain functions returning plain
 * objects, tested without WebGL. No glyphs, sprites, tiles or fonts: nothing is requested from
 * another origin. Labels are HTML (country-labels.tsx), so the style needs no text at all.
 * Colours come from `palette.ts`, per theme.
 */
import { type MapPalette, PALETTES, type ThemeName } from '../data/palette.ts';
import type { CountryCode } from '../data/vocabulary.ts';

export const SOURCE_ID = 'countries';
export const LAYERS = {
  sea: 'sea',
  context: 'context-fill',
  focus: 'focus-fill',
  none: 'focus-none-hatch',
  borders: 'borders',
  casing: 'focus-casing',
  outline: 'focus-outline',
} as const;

/** Name of the hatch pattern image for a theme; generated on demand (no sprite file). */
export const hatchImageId = (theme: ThemeName) => `hatch-${theme}`;

/**
 * Fits the six focus countries' mainland: Guatemala's western tip (−92.3°) to Chile's eastern edge
 * (−66.4°), Tierra del Fuego (−56.0°) to Guatemala's north (17.9°). Easter Island and the Galápagos
 * are left out on purpose so the view stays on the mainland.
 */
export const FOCUS_BOUNDS: [[number, number], [number, number]] = [
  [-92.3, -56.0],
  [-66.4, 17.9],
];
/** How far a reader may pan: the boundary file's box with a margin. */
export const MAX_BOUNDS: [[number, number], [number, number]] = [
  [-140, -65],
  [-15, 40],
];

/** Padding for the initial fit; the left side leaves room for the callout labels in the Pacific. */
export function fitPadding(width: number): { top: number; bottom: number; left: number; right: number } {
  const left = Math.round(Math.min(150, Math.max(40, width * 0.34)));
  return { top: 16, bottom: 16, left, right: 16 };
}

const selected = ['boolean', ['feature-state', 'selected'], false];
const hovered = ['boolean', ['feature-state', 'hover'], false];

/** Paint properties that change with the theme, as [layer, property, value] for setPaintProperty. */
export function themePaint(theme: ThemeName): [string, string, unknown][] {
  const p = PALETTES[theme];
  return [
    [LAYERS.sea, 'background-color', p.sea],
    [LAYERS.context, 'fill-color', p.context],
    [LAYERS.none, 'fill-pattern', hatchImageId(theme)],
    [LAYERS.borders, 'line-color', p.border],
    [LAYERS.casing, 'line-color', p.selectedCasing],
  ];
}

export function buildStyle(geojson: GeoJSON.FeatureCollection, theme: ThemeName) {
  const paint = Object.fromEntries(themePaint(theme).map(([layer, prop, value]) => [`${layer}/${prop}`, value]));
  return {
    version: 8 as const,
    name: 'policy-map',
    sources: {
      [SOURCE_ID]: { type: 'geojson' as const, data: geojson, promoteId: 'iso3' },
    },
    layers: [
      { id: LAYERS.sea, type: 'background' as const, paint: { 'background-color': paint['sea/background-color'] } },
      {
        id: LAYERS.context,
        type: 'fill' as const,
        source: SOURCE_ID,
        filter: ['!', ['get', 'focus']],
        paint: { 'fill-color': paint['context-fill/fill-color'] },
      },
      {
        id: LAYERS.focus,
        type: 'fill' as const,
        source: SOURCE_ID,
        filter: ['get', 'focus'],
        paint: { 'fill-color': PALETTES[theme].hatchBase },
      },
      {
        id: LAYERS.none,
        type: 'fill' as const,
        source: SOURCE_ID,
        filter: noneFilter([]),
        paint: { 'fill-pattern': paint['focus-none-hatch/fill-pattern'] },
      },
      {
        id: LAYERS.borders,
        type: 'line' as const,
        source: SOURCE_ID,
        filter: ['!', ['get', 'focus']],
        paint: { 'line-color': paint['borders/line-color'], 'line-width': 0.6 },
      },
      {
        // A contrasting band under the selected country's outline: visible on light and dark fills.
        id: LAYERS.casing,
        type: 'line' as const,
        source: SOURCE_ID,
        filter: ['get', 'focus'],
        layout: { 'line-join': 'round' as const },
        paint: {
          'line-color': paint['focus-casing/line-color'],
          'line-width': ['case', selected, 4.5, hovered, 3, 0],
          'line-opacity': ['case', selected, 1, hovered, 0.6, 0],
        },
      },
      {
        id: LAYERS.outline,
        type: 'line' as const,
        source: SOURCE_ID,
        filter: ['get', 'focus'],
        layout: { 'line-join': 'round' as const },
        paint: {
          'line-color': outlineColourExpression([], theme),
          'line-width': ['case', selected, 1.5, 0.8],
        },
      },
    ],
  };
}

/** `fill-color` for the focus layer: each country's colour by count; zero falls back to the hatch base. */
export function fillColourExpression(colours: Record<CountryCode, string | null>, theme: ThemeName): unknown {
  const fallback = PALETTES[theme].hatchBase;
  const pairs = Object.entries(colours).flatMap(([iso, colour]) => (colour ? [iso, colour] : []));
  return pairs.length ? ['match', ['get', 'iso3'], ...pairs, fallback] : fallback;
}

/** Outline colour: light on the coloured fills, dark around hatched "none" countries (light theme). */
export function outlineColourExpression(zero: CountryCode[], theme: ThemeName): unknown {
  const p: MapPalette = PALETTES[theme];
  return ['case', ['in', ['get', 'iso3'], ['literal', zero]], p.zeroOutline, p.focusOutline];
}

/** Filter for the hatch layer: focus countries with no matching measure. */
export function noneFilter(zero: CountryCode[]): unknown {
  return ['all', ['get', 'focus'], ['in', ['get', 'iso3'], ['literal', zero]]];
}

function hexBytes(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** An 8×8 RGBA diagonal hatch for a theme, added with map.addImage. */
export function hatchImage(theme: ThemeName, size = 8): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const base = hexBytes(PALETTES[theme].hatchBase);
  const line = hexBytes(PALETTES[theme].hatchLine);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const colour = (x + y) % size < 2 ? line : base;
      data.set([...colour, 255], i);
    }
  return { width: size, height: size, data };
}
