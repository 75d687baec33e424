/**
 * Derived values: pure functions of the data and the reader's choices. Nothing here is stored;
 * components and the map call these (memoised by data identity where it matters).
 */
import { scaleThreshold } from 'd3-scale';
import type { PolicyData } from './load-dataset.ts';
import { PALETTES, type ThemeName } from './palette.ts';
import type { Measure, MeasureType } from './schema.ts';
import { type CountryCode, FOCUS_COUNTRIES, type MeasureTypeId } from './vocabulary.ts';

export type Counts = Record<CountryCode, number>;

/** Measures of `country` whose type is active, in data order. */
export function visibleMeasures(
  data: PolicyData,
  country: CountryCode,
  activeTypes: readonly MeasureTypeId[],
): Measure[] {
  const active = new Set(activeTypes);
  return (data.countries.find((c) => c.country === country)?.measures ?? []).filter((m) => active.has(m.type));
}

/** Number of measures per focus country that match the active types. */
export function countsByCountry(data: PolicyData, activeTypes: readonly MeasureTypeId[]): Counts {
  const counts = Object.fromEntries(FOCUS_COUNTRIES.map((c) => [c, 0])) as Counts;
  const active = new Set(activeTypes);
  for (const c of data.countries) counts[c.country] = c.measures.filter((m) => active.has(m.type)).length;
  return counts;
}

/** Total measures per type across all countries (the filter's counts do not depend on the filter). */
export function countsByType(data: PolicyData): Record<MeasureTypeId, number> {
  const counts = Object.fromEntries(data.meta.types.map((t) => [t.id, 0])) as Record<MeasureTypeId, number>;
  for (const c of data.countries) for (const m of c.measures) counts[m.type] += 1;
  return counts;
}

/** Measures grouped by type, types in the dataset's order; empty groups left out. */
export function groupByType(measures: Measure[], types: MeasureType[]): { type: MeasureType; measures: Measure[] }[] {
  return types
    .map((type) => ({ type, measures: measures.filter((m) => m.type === type.id) }))
    .filter((g) => g.measures.length > 0);
}

/**
 * Colour for a count of matching measures: steps 1, 2, 3, 4 and 5+ of the theme's sequential
 * palette. Zero is deliberately not on the scale: the map hatches it so "none" never reads as "few".
 */
export function countColour(count: number, theme: ThemeName): string {
  return scaleThreshold<number, string>()
    .domain([2, 3, 4, 5])
    .range([...PALETTES[theme].counts])(count);
}

/** Legend steps: the count each colour stands for ("5+" for the last). */
export function legendSteps(theme: ThemeName): { colour: string; label: string }[] {
  return PALETTES[theme].counts.map((colour, i, all) => ({
    colour,
    label: i === all.length - 1 ? `${i + 1}+` : `${i + 1}`,
  }));
}

/** Fill colour per country; null where no measure matches (drawn hatched). */
export function colourByCountry(counts: Counts, theme: ThemeName): Record<CountryCode, string | null> {
  return Object.fromEntries(
    FOCUS_COUNTRIES.map((c) => [c, counts[c] > 0 ? countColour(counts[c], theme) : null]),
  ) as Record<CountryCode, string | null>;
}

/** Country names for the focus countries (from the boundary build's CLDR names, fixed here for the text UI). */
export const COUNTRY_NAMES: Record<CountryCode, { en: string; es: string }> = {
  SLV: { en: 'El Salvador', es: 'El Salvador' },
  GTM: { en: 'Guatemala', es: 'Guatemala' },
  HND: { en: 'Honduras', es: 'Honduras' },
  CRI: { en: 'Costa Rica', es: 'Costa Rica' },
  ECU: { en: 'Ecuador', es: 'Ecuador' },
  CHL: { en: 'Chile', es: 'Chile' },
};
