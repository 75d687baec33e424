/**
 * Facilities for the map: measures whose place the sources pin down with coordinates (today CECOT
 * and the Swan Islands), and prisons known only by a place name ("location not mapped").
 */
import { scaleSqrt } from 'd3-scale';
import type { PolicyData } from './load-dataset.ts';
import type { Figure, FigureValue, Measure, Text } from './schema.ts';
import { isFacilityType } from './story.ts';
import { asOfMonth, type Month, measureAt, type StatusAt } from './timeline.ts';
import type { CountryCode, MeasureTypeId } from './vocabulary.ts';

export interface Capacity {
  label: Text;
  /** Every value the sources give (more than one when contested), each with its unit and sources. */
  values: FigureValue[];
  contested: boolean;
}

export interface FacilityAt {
  id: string;
  country: CountryCode;
  type: MeasureTypeId;
  title: Text;
  place: Text;
  /** Present for mapped facilities only (with `sources`, the location's source numbers). */
  lat?: number;
  lon?: number;
  sources: number[];
  capacity: Capacity | null;
  exists: boolean;
  status: StatusAt | null;
}

/**
 * The capacity figure: the one the data marks `"capacity": true` (CECOT's capacity, the places a
 * planned prison adds); null when there is none.
 */
export function capacityOf(m: Measure): Capacity | null {
  const figure: Figure | undefined = m.figures.find((f) => f.capacity === true);
  return figure ? { label: figure.label, values: figure.values, contested: figure.contested } : null;
}

function facility(data: PolicyData, m: Measure, month: Month, asOf: Month): FacilityAt {
  const at = measureAt(m, month, asOf, isFacilityType(data, m.type));
  const location = m.location;
  return {
    id: m.id,
    country: m.country,
    type: m.type,
    title: m.title,
    place: location?.place ?? { en: '', es: '' },
    ...(location?.lat !== undefined && location.lon !== undefined ? { lat: location.lat, lon: location.lon } : {}),
    sources: location?.sources ?? [],
    capacity: capacityOf(m),
    exists: at.exists,
    status: at.status,
  };
}

const all = (data: PolicyData) => data.countries.flatMap((c) => c.measures);

/**
 * Measures with sourced coordinates, whatever their type, each with its capacity, status and
 * existence at `month` (default: "as of"). Listed whether or not they exist at `month`, so the map
 * can fade rather than drop them; filter on `exists`.
 */
export function mappedFacilities(data: PolicyData, month: Month = asOfMonth(data)): FacilityAt[] {
  const asOf = asOfMonth(data);
  return all(data)
    .filter((m) => m.location?.lat !== undefined && m.location.lon !== undefined && m.location.sources.length > 0)
    .map((m) => facility(data, m, month, asOf));
}

/**
 * A prison (a measure of a type the story marks `facility`) the sources name a place for but give
 * no coordinates for: never given invented ones. Only these are listed as "location not mapped".
 */
export const isUnmappedFacility = (data: PolicyData, m: Measure): boolean =>
  isFacilityType(data, m.type) && m.location !== null && m.location.lat === undefined;

/** Prisons the sources name a place for but give no coordinates: shown as "location not mapped". */
export function unmappedFacilities(data: PolicyData, month: Month = asOfMonth(data)): FacilityAt[] {
  const asOf = asOfMonth(data);
  return all(data)
    .filter((m) => isUnmappedFacility(data, m))
    .map((m) => facility(data, m, month, asOf));
}

/**
 * Symbol radius (CSS px) by capacity in places, area proportional to capacity: 40,000 (CECOT)
 * → 11 px, small enough to leave El Salvador's colour visible around it. The map's symbols and the legend's reference sizes both use it.
 */
export const facilityRadius = scaleSqrt().domain([0, 40_000]).range([0, 11]).clamp(true);
/** Reference capacities for the size legend. */
export const FACILITY_LEGEND_SIZES = [2_000, 40_000] as const;
