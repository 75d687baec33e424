/** Loads the boundary file built by `npm run geo` and turns it into GeoJSON plus label points. */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { CountryCode } from '../data/vocabulary.ts';

export interface CountryProperties {
  iso3: string;
  name_en: string;
  name_es: string;
  focus: boolean;
  label: [number, number];
}

export interface Boundaries {
  geojson: GeoJSON.FeatureCollection<GeoJSON.Geometry, CountryProperties>;
  labels: Partial<Record<CountryCode, [number, number]>>;
}

export const BOUNDARIES_URL = `${import.meta.env.BASE_URL}geo/region.topo.json`;

export function parseBoundaries(topo: Topology<{ countries: GeometryCollection<CountryProperties> }>): Boundaries {
  const geojson = feature(topo, topo.objects.countries) as Boundaries['geojson'];
  const labels: Boundaries['labels'] = {};
  for (const f of geojson.features)
    if (f.properties.focus) labels[f.properties.iso3 as CountryCode] = f.properties.label;
  return { geojson, labels };
}

export async function loadBoundaries(url = BOUNDARIES_URL, signal?: AbortSignal): Promise<Boundaries> {
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`boundaries: HTTP ${res.status} for ${url}`);
  return parseBoundaries(await res.json());
}
