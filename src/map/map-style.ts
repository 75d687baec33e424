/**
 * The self-contained map style and its data-driven expressions: plain functions returning plain
 * objects, tested without WebGL. No glyphs, sprites, tiles or fonts: nothing is requested from
 * another origin. Labels are HTML (country-labels.tsx), so the style needs no text at all.
 */
import type { CountryCode } from '../data/vocabulary.ts';

export const SOURCE_ID = 'countries';
export const LAYERS = {
  sea: 'sea',
  context: 'context-fill',
  focus: 'focus-fill',
  none: 'focus-none-hatch',
  borders: 'borders',
  outline: 'focus-outline',
} as const;
export const HATCH_IMAGE = 'hatch';

/** Colours of the quiet base map. */
export const BASE_COLOURS = {
  sea: '#e8eff3',
  context: '#e3ded6',
  border: '#ffffff',
  focusZero: '#f7f5f1',
  outline: '#1d1d1b',
  hatch: [150, 146, 140] as const,
};

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

export function buildStyle(geojson: GeoJSON.FeatureCollection) {
  return {
    version: 8 as const,
    name: 'policy-map',
    sources: {
      [SOURCE_ID]: { type: 'geojson' as const, data: geojson, promoteId: 'iso3' },
    },
    layers: [
      { id: LAYERS.sea, type: 'background' as const, paint: { 'background-color': BASE_COLOURS.sea } },
      {
        id: LAYERS.context,
        type: 'fill' as const,
        source: SOURCE_ID,
        filter: ['!', ['get', 'focus']],
        paint: { 'fill-color': BASE_COLOURS.context },
      },
      {
        id: LAYERS.focus,
        type: 'fill' as const,
        source: SOURCE_ID,
        filter: ['get', 'focus'],
        paint: { 'fill-color': BASE_COLOURS.focusZero },
      },
      {
        id: LAYERS.none,
        type: 'fill' as const,
        source: SOURCE_ID,
        filter: noneFilter([]),
        paint: { 'fill-pattern': HATCH_IMAGE },
      },
      {
        id: LAYERS.borders,
        type: 'line' as const,
        source: SOURCE_ID,
        paint: { 'line-color': BASE_COLOURS.border, 'line-width': 0.7 },
      },
      {
        id: LAYERS.outline,
        type: 'line' as const,
        source: SOURCE_ID,
        filter: ['get', 'focus'],
        layout: { 'line-join': 'round' as const },
        paint: {
          'line-color': BASE_COLOURS.outline,
          'line-width': [
            'case',
            ['boolean', ['feature-state', 'selected'], false],
            2.5,
            ['boolean', ['feature-state', 'hover'], false],
            1.5,
            0.5,
          ],
          'line-opacity': [
            'case',
            ['boolean', ['feature-state', 'selected'], false],
            1,
            ['boolean', ['feature-state', 'hover'], false],
            0.7,
            0.35,
          ],
        },
      },
    ],
  };
}

/** `fill-color` for the focus layer: each country's colour by count; zero falls back to the neutral. */
export function fillColourExpression(colours: Record<CountryCode, string | null>): unknown {
  const pairs = Object.entries(colours).flatMap(([iso, colour]) => (colour ? [iso, colour] : []));
  return pairs.length ? ['match', ['get', 'iso3'], ...pairs, BASE_COLOURS.focusZero] : BASE_COLOURS.focusZero;
}

/** Filter for the hatch layer: focus countries with no matching measure. */
export function noneFilter(zero: CountryCode[]): unknown {
  return ['all', ['get', 'focus'], ['in', ['get', 'iso3'], ['literal', zero]]];
}

/** An 8×8 RGBA diagonal hatch, added with map.addImage (no sprite file needed). */
export function hatchImage(size = 8): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  const [r, g, b] = BASE_COLOURS.hatch;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const on = (x + y) % size === 0 || (x + y) % size === 1;
      data[i] = on ? r : 247;
      data[i + 1] = on ? g : 245;
      data[i + 2] = on ? b : 241;
      data[i + 3] = 255;
    }
  return { width: size, height: size, data };
}
