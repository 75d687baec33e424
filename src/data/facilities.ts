/**
 * Facilities for the map: measures whose place the sources pin down with coordinates (today CECOT
 * and the Swan Islands), and prisons known only by a place name ("location not mapped").
 */
import { scaleSqrt } from 'd3-scale';
import type { MeasureIndex, PolicyIndex } from './policy-index.ts';
import type { Figure, FigureValue, Text } from './schema.ts';
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
export function capacityOf(m: MeasureIndex): Capacity | null {
  const figure: Figure | undefined = m.figures.find((f) => f.capacity === true);
  return figure ? { label: figure.label, values: figure.values, contested: figure.contested } : null;
}

function facility(data: PolicyIndex, m: MeasureIndex, month: Month, asOf: Month): FacilityAt {
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

const all = (data: PolicyIndex) => data.countries.flatMap((c) => c.measures);

/**
 * Measures with sourced coordinates, whatever their type, each with its capacity, status and
 * existence at `month` (default: "as of"). Listed whether or not they exist at `month`, so the map
 * can fade rather than drop them; filter on `exists`.
 */
export function mappedFacilities(data: PolicyIndex, month: Month = asOfMonth(data)): FacilityAt[] {
  const asOf = asOfMonth(data);
  return all(data)
    .filter((m) => m.location?.lat !== undefined && m.location.lon !== undefined && m.location.sources.length > 0)
    .map((m) => facility(data, m, month, asOf));
}

/**
 * A prison (a measure of a type the story marks `facility`) the sources name a place for but give
 * no coordinates for: never given invented ones. Only these are listed as "location not mapped".
 */
export const isUnmappedFacility = (data: PolicyIndex, m: MeasureIndex): boolean =>
  isFacilityType(data, m.type) && m.location !== null && m.location.lat === undefined;

/** Prisons the sources name a place for but give no coordinates: shown as "location not mapped". */
export function unmappedFacilities(data: PolicyIndex, month: Month = asOfMonth(data)): FacilityAt[] {
  const asOf = asOfMonth(data);
  return all(data)
    .filter((m) => isUnmappedFacility(data, m))
    .map((m) => facility(data, m, month, asOf));
}

export interface FacilityScale {
  /** Symbol radius (CSS px) for a capacity in places: area proportional to capacity. */
  radius(capacity: number): number;
  /** Reference capacities for the size legend (none when no facility has a capacity). */
  legend: readonly number[];
}

/** The largest symbol's radius, CSS px: small enough to leave a small country's colour visible around it. */
const MAX_RADIUS = 11;
const scales = new WeakMap<PolicyIndex, FacilityScale>();

/**
 * The story's symbol scale: its largest capacity (any facility, any month; CECOT's 40,000 in the
 * shipped story) gets MAX_RADIUS; the legend shows that and a twentieth of it. The live map, the
 * legend and the image export all size symbols with it.
 */
export function facilityScale(data: PolicyIndex): FacilityScale {
  let scale = scales.get(data);
  if (!scale) {
    const capacities = all(data)
      .filter((m) => isFacilityType(data, m.type))
      .flatMap((m) => (capacityOf(m)?.values ?? []).flatMap((v) => [v.value, v.valueMax ?? 0]));
    const largest = Math.max(0, ...capacities);
    const radius = scaleSqrt()
      .domain([0, largest || 1])
      .range([0, MAX_RADIUS])
      .clamp(true);
    const small = Number((largest / 20).toPrecision(1));
    scale = { radius: (c) => radius(c), legend: largest > 0 ? [small, largest] : [] };
    scales.set(data, scale);
  }
  return scale;
}

/** The capacity a symbol is sized by: the largest value the sources give (null: none known). */
export function capacityPlaces(f: FacilityAt): number | null {
  const values = f.capacity?.values.map((v) => v.value).filter((v): v is number => typeof v === 'number') ?? [];
  return values.length ? Math.max(...values) : null;
}

/** A symbol's radius, CSS px, on the live map and in stills: by capacity, at least 4; 5 when none is known. */
export function symbolRadius(scale: FacilityScale, f: FacilityAt): number {
  const capacity = capacityPlaces(f);
  return capacity === null ? 5 : Math.max(4, scale.radius(capacity));
}
