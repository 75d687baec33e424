/**
 * Colours of the map and its key, per theme, and the WCAG contrast maths that proves them.
 * Rule (issue 4, WCAG 1.4.11): every two neighbouring areas differ by 3:1, either in fill or
 * through a border line that has 3:1 against both. A unit test checks every pair.
 */
export type ThemeName = 'light' | 'dark';

export interface MapPalette {
  sea: string;
  /** Countries around the six. */
  context: string;
  /** Borders between context countries and coastlines. */
  border: string;
  /** Counts 1, 2, 3, 4, 5+ (colour-blind-safe blue-green sequence; more = stronger). */
  counts: readonly [string, string, string, string, string];
  /** Line between a focus country and its neighbours. */
  focusOutline: string;
  /** Base and stripes of the hatch for "no matching measure", and its outline. */
  hatchBase: string;
  hatchLine: string;
  zeroOutline: string;
  /** Band drawn under the outline of the selected (and, fainter, the hovered) country. */
  selectedCasing: string;
  /** The inset's frame, the outline of the area it magnifies and the lines joining them. */
  guide: string;
}

export const PALETTES: Record<ThemeName, MapPalette> = {
  light: {
    sea: '#e8eff3',
    context: '#e6e2dc',
    border: '#7d7871',
    counts: ['#3a8aa0', '#2c71a0', '#2a5b95', '#283f86', '#241f6b'],
    focusOutline: '#ffffff',
    hatchBase: '#f7f5f1',
    hatchLine: '#8c877f',
    zeroOutline: '#5c5852',
    selectedCasing: '#111111',
    guide: '#5c5852',
  },
  dark: {
    sea: '#172028',
    context: '#33363a',
    border: '#8f8b85',
    counts: ['#4aa6b5', '#6cc0bd', '#95d5bb', '#c4e8b8', '#f0f8c2'],
    focusOutline: '#111418',
    hatchBase: '#26292d',
    hatchLine: '#8f8b85',
    zeroOutline: '#b5b1aa',
    selectedCasing: '#ffffff',
    guide: '#b5b1aa',
  },
};

function channel(v: number): number {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => channel(Number.parseInt(hex.slice(i, i + 2), 16)));
  return 0.2126 * (r as number) + 0.7152 * (g as number) + 0.0722 * (b as number);
}

/** WCAG contrast ratio (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
