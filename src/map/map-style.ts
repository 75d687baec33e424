/**
 * The self-contained map style and its data-driven expressions: plain functions returning plain
 * objects, tested without WebGL. No glyphs, sprites, tiles or fonts: nothing is requested from
 * another origin. Labels are HTML (country-labels.tsx), so the style needs no text at all.
 * Colours come from `palette.ts`, per theme.
 */
import { PALETTES, type ThemeName } from '../data/palette.ts';
import type { CountryCode } from '../data/vocabulary.ts';

export const SOURCE_ID = 'countries';

/**
 * The countries' layers: each draws the main map and the inset together (the inset's copies lie
 * over open sea or over land cut out of the main map, composition.ts), so the inset costs features,
 * not layers. As a second set of layers drawn over the main map's, the style had 16 layers instead
 * of 10, and map ready took about 0.1 of the bare MapLibre page's time longer (README, Performance).
 */
const GROUP = {
  context: 'context-fill',
  focus: 'focus-fill',
  none: 'focus-none-hatch',
  borders: 'borders',
  casing: 'focus-casing',
  outline: 'focus-outline',
} as const;

/** Layer ids. */
export const LAYERS = {
  sea: 'sea',
  ...GROUP,
  /** The outline of the inset's source area on the main map, and the lines to the inset. */
  insetGuides: 'inset-guides',
  /** The inset's background (its sea), under the countries' layers. */
  insetFrame: 'inset-frame',
  insetFrameLine: 'inset-frame-line',
} as const;
/** Layers a reader can click or hover to pick a focus country. */
export const FOCUS_FILL_LAYERS = [GROUP.focus];

/** Name of the hatch pattern image for a theme; generated on demand (no sprite file). */
export const hatchImageId = (theme: ThemeName) => `hatch-${theme}`;

/**
 * Fills draw no antialiased edge pass of their own: every fill's edge lies under a line layer drawn
 * after it (context → borders, focus and hatch → outline, inset frame → frame line), which is
 * antialiased. The edge pass is a second draw of every fill layer with programs of its own; with
 * software WebGL (SwiftShader) it made the map's first full frame markedly slower.
 */
const NO_EDGE_PASS = { 'fill-antialias': false } as const;

/**
 * How MapLibre cuts the boundaries into tiles (in its worker, before the first frame). Its defaults
 * are made for labels and wide strokes: each tile carries 128 px of its neighbours' geometry, and
 * lines keep detail to 0.375 px. This style has no labels or symbols and no line wider than 4.5 px,
 * so an 8 px margin hides every seam; and a 1 px simplification is invisible at the size each part
 * is drawn (the inset's copies are simplified at their magnified size). Together they cut the
 * first map's tiling and drawing by about a third (README, Performance).
 */
export const TILING = { buffer: 8, tolerance: 1 } as const;

const selected = ['boolean', ['feature-state', 'selected'], false];
const hovered = ['boolean', ['feature-state', 'hover'], false];
/** The countries, of the main map and of the inset (not the inset's frame or guides). */
const countries = ['in', ['get', 'part'], ['literal', ['main', 'inset']]];
/** The countries as fills: a country cut by the inset's frame draws its area here. */
const areas = ['all', countries, ['!', ['==', ['get', 'draw'], 'line']]];
/** The countries as lines: a country cut by the inset's frame draws its outline here, not its area's cuts. */
const outlines = ['all', countries, ['!', ['==', ['get', 'draw'], 'fill']]];

/**
 * Counts reach the map as feature-state (`countState`), never as new filters or data-driven paint
 * values: MapLibre lays a tile out again in its worker for either of those, so every filter toggle
 * or date step re-tiled the whole map and drew two or three frames; feature-state repaints in the
 * frame. The style built for a map carries the counts of that moment as each expression's fallback
 * (for a country with no state yet), so the first frame is right and `load` sets nothing.
 */
const zeroState = (zero: readonly CountryCode[]) => [
  'boolean',
  ['feature-state', 'zero'],
  ['in', ['get', 'iso3'], ['literal', zero]],
];

/**
 * Paint properties that change with the theme, as [layer, property, value] for setPaintProperty.
 * With `colours`, the count-driven expressions fall back to those counts (the style a map is built
 * with); without, to "no count" (a theme change, which sets every country's count state anyway).
 */
export function themePaint(
  theme: ThemeName,
  colours?: Record<CountryCode, string | null>,
): [string, string, unknown][] {
  const p = PALETTES[theme];
  const zero = colours ? zeroCountries(colours) : [];
  const fill = ['coalesce', ['feature-state', 'fill'], fillColourExpression(colours ?? {}, theme)];
  return [
    [LAYERS.sea, 'background-color', p.sea],
    [GROUP.context, 'fill-color', p.context],
    [GROUP.focus, 'fill-color', fill],
    [GROUP.none, 'fill-pattern', hatchImageId(theme)],
    [GROUP.borders, 'line-color', p.border],
    [GROUP.casing, 'line-color', p.selectedCasing],
    [GROUP.outline, 'line-color', ['case', zeroState(zero), p.zeroOutline, p.focusOutline]],
    [LAYERS.insetGuides, 'line-color', p.guide],
    [LAYERS.insetFrame, 'fill-color', p.sea],
    [LAYERS.insetFrameLine, 'line-color', p.guide],
  ];
}

const zeroCountries = (colours: Record<CountryCode, string | null>) =>
  (Object.keys(colours) as CountryCode[]).filter((c) => colours[c] === null);

/**
 * Each focus country's count as feature-state: its fill colour (the hatch base when no measure
 * matches) and whether it is hatched. Keyed by the promoted `iso3`, so both parts follow.
 */
export function countState(
  colours: Record<CountryCode, string | null>,
  theme: ThemeName,
): [CountryCode, { fill: string; zero: boolean }][] {
  return (Object.keys(colours) as CountryCode[]).map((c) => [
    c,
    { fill: colours[c] ?? PALETTES[theme].hatchBase, zero: colours[c] === null },
  ]);
}

/** The countries' fills: context countries, focus countries by count, and the hatch of those with none. */
function groupFills(paint: Record<string, unknown>, zero: readonly CountryCode[]) {
  const focusAreas = ['all', areas, ['get', 'focus']];
  return [
    {
      id: GROUP.context,
      type: 'fill' as const,
      source: SOURCE_ID,
      filter: ['all', areas, ['!', ['get', 'focus']]],
      paint: { 'fill-color': paint[`${GROUP.context}/fill-color`], ...NO_EDGE_PASS },
    },
    {
      id: GROUP.focus,
      type: 'fill' as const,
      source: SOURCE_ID,
      filter: focusAreas,
      paint: { 'fill-color': paint[`${GROUP.focus}/fill-color`], ...NO_EDGE_PASS },
    },
    {
      // Every focus country, drawn only where it is hatched (feature-state, not a filter).
      id: GROUP.none,
      type: 'fill' as const,
      source: SOURCE_ID,
      filter: focusAreas,
      paint: {
        'fill-pattern': paint[`${GROUP.none}/fill-pattern`],
        'fill-opacity': ['case', zeroState(zero), 1, 0],
        ...NO_EDGE_PASS,
      },
    },
  ];
}

/** The countries' lines: context borders, the selection's casing, and the focus countries' outlines. */
function groupLines(paint: Record<string, unknown>) {
  const focusOutlines = ['all', outlines, ['get', 'focus']];
  return [
    {
      id: GROUP.borders,
      type: 'line' as const,
      source: SOURCE_ID,
      filter: ['all', outlines, ['!', ['get', 'focus']]],
      paint: { 'line-color': paint[`${GROUP.borders}/line-color`], 'line-width': 0.6 },
    },
    {
      // A contrasting band under the selected country's outline: visible on light and dark fills.
      id: GROUP.casing,
      type: 'line' as const,
      source: SOURCE_ID,
      filter: focusOutlines,
      layout: { 'line-join': 'round' as const },
      paint: {
        'line-color': paint[`${GROUP.casing}/line-color`],
        'line-width': ['case', selected, 4.5, hovered, 3, 0],
        'line-opacity': ['case', selected, 1, hovered, 0.6, 0],
      },
    },
    {
      id: GROUP.outline,
      type: 'line' as const,
      source: SOURCE_ID,
      filter: focusOutlines,
      layout: { 'line-join': 'round' as const },
      paint: {
        'line-color': paint[`${GROUP.outline}/line-color`],
        'line-width': ['case', selected, 1.5, 0.8],
      },
    },
  ];
}

/**
 * The whole style for the composed features (composition.ts), in `theme`: the sea, the inset's
 * frame (its own sea), the countries of the main map and the inset together, then the guides from
 * the inset's source area to its frame and the frame's line. With `colours`, each country's colour
 * and hatching of the moment are the expressions' fallbacks, so the map's first frame is the right
 * one and `load` has nothing to set.
 */
export function buildStyle(
  geojson: GeoJSON.FeatureCollection,
  theme: ThemeName,
  colours?: Record<CountryCode, string | null>,
) {
  const paint = Object.fromEntries(
    themePaint(theme, colours).map(([layer, prop, value]) => [`${layer}/${prop}`, value]),
  );
  const zero = colours ? zeroCountries(colours) : [];
  return {
    version: 8 as const,
    name: 'policy-map',
    sources: {
      [SOURCE_ID]: { type: 'geojson' as const, data: geojson, promoteId: 'iso3', ...TILING },
    },
    layers: [
      { id: LAYERS.sea, type: 'background' as const, paint: { 'background-color': paint['sea/background-color'] } },
      {
        id: LAYERS.insetFrame,
        type: 'fill' as const,
        source: SOURCE_ID,
        filter: ['==', ['get', 'part'], 'frame'],
        paint: { 'fill-color': paint[`${LAYERS.insetFrame}/fill-color`], ...NO_EDGE_PASS },
      },
      ...groupFills(paint, zero),
      ...groupLines(paint),
      {
        id: LAYERS.insetGuides,
        type: 'line' as const,
        source: SOURCE_ID,
        filter: ['in', ['get', 'part'], ['literal', ['source', 'connector']]],
        paint: { 'line-color': paint[`${LAYERS.insetGuides}/line-color`], 'line-width': 1 },
      },
      {
        id: LAYERS.insetFrameLine,
        type: 'line' as const,
        source: SOURCE_ID,
        filter: ['==', ['get', 'part'], 'frame'],
        paint: { 'line-color': paint[`${LAYERS.insetFrameLine}/line-color`], 'line-width': 1.25 },
      },
    ],
  };
}

/** `fill-color` for the focus layer: each country's colour by count; zero falls back to the hatch base. */
export function fillColourExpression(colours: Partial<Record<CountryCode, string | null>>, theme: ThemeName): unknown {
  const fallback = PALETTES[theme].hatchBase;
  const pairs = Object.entries(colours).flatMap(([iso, colour]) => (colour ? [iso, colour] : []));
  return pairs.length ? ['match', ['get', 'iso3'], ...pairs, fallback] : fallback;
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
