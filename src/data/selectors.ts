/**
 * Derived values: pure functions of the data and the reader's choices. Nothing here is stored;
 * components and the map call these (memoised by data identity where it matters).
 */
import { scaleThreshold } from 'd3-scale';
import { PALETTES, type ThemeName } from './palette.ts';
import type { PolicyData } from './policy-data.ts';
import type { MeasureIndex, PolicyIndex } from './policy-index.ts';
import type { Dataset, MeasureType, Source, Text } from './schema.ts';
import { countryCodes } from './story.ts';
import { asOfMonth, existingAt, type Month, measureAt } from './timeline.ts';
import type { CountryCode, MeasureTypeId } from './vocabulary.ts';

export type Counts = Record<CountryCode, number>;

/** The test "its type is active and it exists at `month`", built once for many measures. */
function matching(
  data: PolicyIndex,
  activeTypes: readonly MeasureTypeId[],
  month: Month,
): (m: MeasureIndex) => boolean {
  const active = new Set(activeTypes);
  const exists = existingAt(month, asOfMonth(data));
  return (m) => active.has(m.type) && exists(m);
}

/**
 * Measures of `country` whose type is active and that exist at `month` (default: the "as of"
 * month, i.e. all of them), in data order.
 */
export function visibleMeasures(
  data: PolicyIndex,
  country: CountryCode,
  activeTypes: readonly MeasureTypeId[],
  month: Month = asOfMonth(data),
): MeasureIndex[] {
  return (data.countries.find((c) => c.country === country)?.measures ?? []).filter(matching(data, activeTypes, month));
}

/** Number of measures per focus country that match the active types and exist at `month` (default: "as of"). */
export function countsByCountry(
  data: PolicyIndex,
  activeTypes: readonly MeasureTypeId[],
  month: Month = asOfMonth(data),
): Counts {
  const counts: Counts = Object.fromEntries(countryCodes(data).map((c) => [c, 0]));
  const matches = matching(data, activeTypes, month);
  for (const c of data.countries) {
    let n = 0;
    for (const m of c.measures) if (matches(m)) n++;
    counts[c.country] = n;
  }
  return counts;
}

/** One entry per dataset: the counts of the reader's last filter and month, shared by every view. */
const lastCounts = new WeakMap<PolicyIndex, { types: readonly MeasureTypeId[]; month: Month | null; counts: Counts }>();

/**
 * `countsByCountry` for the reader's filter and month (null = "as of"), computed once per change
 * however many views ask (the map, its labels, the country list and the live region each did).
 */
export function matchingCounts(data: PolicyIndex, activeTypes: readonly MeasureTypeId[], month: Month | null): Counts {
  const last = lastCounts.get(data);
  if (last && last.types === activeTypes && last.month === month) return last.counts;
  const counts = countsByCountry(data, activeTypes, month ?? undefined);
  lastCounts.set(data, { types: activeTypes, month, counts });
  return counts;
}

/**
 * Measures per type across all countries that exist at `month` (default: "as of"); the filter's
 * counts do not depend on the filter.
 */
export function countsByType(data: PolicyIndex, month: Month = asOfMonth(data)): Record<MeasureTypeId, number> {
  const counts = Object.fromEntries(data.meta.types.map((t) => [t.id, 0])) as Record<MeasureTypeId, number>;
  const exists = existingAt(month, asOfMonth(data));
  for (const c of data.countries) for (const m of c.measures) if (exists(m)) counts[m.type] = (counts[m.type] ?? 0) + 1;
  return counts;
}

/**
 * How many of a country's measures (of the active types) do not exist yet at `month` and come
 * later: `total`, of which `pending` have come in their year but the source gives no month, and
 * `undated` have no date at all (they appear only at the "as of" month).
 */
export function measuresComingLater(
  data: PolicyIndex,
  country: CountryCode,
  activeTypes: readonly MeasureTypeId[],
  month: Month,
): { total: number; pending: number; undated: number } {
  const active = new Set(activeTypes);
  const asOf = asOfMonth(data);
  const out = { total: 0, pending: 0, undated: 0 };
  for (const m of data.countries.find((c) => c.country === country)?.measures ?? []) {
    if (!active.has(m.type)) continue;
    const { presence } = measureAt(m, month, asOf, false); // presence alone: the status is not read
    if (presence === 'exists') continue;
    out.total += 1;
    if (presence === 'pending') out.pending += 1;
    if (presence === 'undated') out.undated += 1;
  }
  return out;
}

/** One incarceration rate (prisoners per 100,000), with the year it refers to and its sources. */
export interface Rate {
  value: number;
  asOf: string;
  sources: (Omit<Source, 'n'> & { n: string })[];
}

export interface IncarcerationRow {
  country: CountryCode;
  /** World Prison Brief / World Prison Population List; null = unknown. */
  wpb: Rate | null;
  /** OAS indicator 1842, all persons in prisons; null = unknown. */
  oasAllPersons: Rate | null;
  /** OAS indicator 54, adults in prisons; null = unknown. */
  oasAdults: Rate | null;
}

/**
 * Incarceration rates per focus country (brief section 8), for a chart: every cell with its year
 * and full sources, unknown cells null, and the caveats that must be shown with them (years
 * differ by country and column: never rank across columns or years).
 * @throws Error when a rate cites a source that is not listed (the data check prevents this).
 */
export function incarcerationRates(data: PolicyData): {
  rows: IncarcerationRow[];
  caveats: Text[];
} {
  const { incarceration } = data.meta;
  if (!incarceration) return { rows: [], caveats: [] };
  const sources = new Map(incarceration.sources.map((s) => [s.n, s]));
  const cell = (c: NonNullable<Dataset['incarceration']>['rows'][number]['wpb']): Rate | null =>
    c === null
      ? null
      : {
          value: c.value,
          asOf: c.asOf,
          sources: c.sources.map((n) => {
            const s = sources.get(n);
            if (!s) throw new Error(`incarceration rate cites ${n}, which is not in incarceration.sources`);
            return s;
          }),
        };
  const byCountry = new Map(incarceration.rows.map((r) => [r.country, r]));
  const rows = countryCodes(data).flatMap((country) => {
    const r = byCountry.get(country);
    return r ? [{ country, wpb: cell(r.wpb), oasAllPersons: cell(r.oasAllPersons), oasAdults: cell(r.oasAdults) }] : [];
  });
  return { rows, caveats: incarceration.caveats };
}

/** Measures grouped by type, types in the dataset's order; empty groups left out. */
export function groupByType<M extends MeasureIndex>(
  measures: M[],
  types: MeasureType[],
): { type: MeasureType; measures: M[] }[] {
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
  return Object.fromEntries(Object.entries(counts).map(([c, n]) => [c, n > 0 ? countColour(n, theme) : null]));
}
