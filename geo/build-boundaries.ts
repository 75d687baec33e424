/**
 * `npm run geo`: builds the story's boundary file, `<content folder>/boundaries.topo.json`, from
 * Natural Earth 1:50m (world-atlas). The focus countries and the box come from the folder's
 * story.json (`countries`, `region.boundaries.box`); the folder is `POLICY_DATA` (default
 * src/data/content).
 *
 * Steps: take the countries that fall in the box → clip to it → one TopoJSON topology (shared borders
 * become shared arcs) → topology-preserving Visvalingam simplification (each shared arc is
 * simplified once, so neighbours never get slivers or gaps) → quantise → write. Each feature's
 * properties carry its ISO alpha-3 id, English and Spanish names (CLDR, via Intl.DisplayNames),
 * whether it is a focus country, and a label point on its largest polygon (polylabel).
 * The output is deterministic: re-running reproduces the committed file byte for byte.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import polylabel from 'polylabel';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-50m.json' with { type: 'json' };
import { Story } from '../src/data/schema.ts';
import { clipPolygons } from '../src/map/clip.ts';
import { CONTENT_DIR, storyDir } from '../src/tools/load-dataset.ts';
import { REGION_COUNTRIES } from './region-countries.ts';

/** The boundary file's name inside a content folder (the build serves it as geo/region.topo.json). */
export const BOUNDARIES_FILE = 'boundaries.topo.json';

/** What the boundary build needs from a story: its focus countries and its box. */
export interface GeoConfig {
  focus: readonly string[];
  /** [[west, south], [east, north]], degrees. */
  box: readonly [readonly [number, number], readonly [number, number]];
}

/** The story.json of a content folder, checked with the app's own schema. */
export function readGeoConfig(contentDir: string = CONTENT_DIR): GeoConfig {
  const path = join(contentDir, 'story.json');
  const r = Story.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!r.success) throw new Error(`geo: ${path} is not valid (run npm run check-data for details): ${r.error.message}`);
  return { focus: r.data.countries.map((c) => c.code), box: r.data.region.boundaries.box };
}

/** Keep this share of the arc points by Visvalingam weight (the rest go). Tuned for ≤ 60 KB gz. */
const SIMPLIFY_KEEP = 0.6;
/** Grid of 10,000 × 10,000 over the box: 95°/1e4 ≈ 0.0095° ≈ 1 km. Below 1:50m's own precision. */
const QUANTISATION = 1e4;
/** polylabel precision in degrees (≈ 1 km). */
const LABEL_PRECISION = 0.01;

type Ring = [number, number][];
interface CountryProps {
  iso3: string;
  name_en: string;
  name_es: string;
  focus: boolean;
  /** Label point (longitude, latitude) on the country's largest polygon. */
  label: [number, number];
}

const namesEn = new Intl.DisplayNames(['en'], { type: 'region' });
const namesEs = new Intl.DisplayNames(['es'], { type: 'region' });

/** A ring's area in square degrees (shoelace): to find a country's largest polygon. */
export function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 1; i < ring.length; i++) {
    const [x0, y0] = ring[i - 1] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    a += x0 * y1 - x1 * y0;
  }
  return Math.abs(a / 2);
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

export function buildBoundaries(config: GeoConfig = readGeoConfig()): string {
  const [[west, south], [east, north]] = config.box;
  const box = [west, south, east, north] as const;
  const worldTopo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const all = feature(worldTopo, worldTopo.objects.countries);
  const focus = new Set<string>(config.focus);
  const features: GeoJSON.Feature<GeoJSON.MultiPolygon, CountryProps>[] = [];
  for (const f of all.features) {
    const codes = REGION_COUNTRIES[String(f.id)];
    if (!codes || !f.geometry) continue;
    const g = f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
    const clipped = clipPolygons(polygons, box);
    if (clipped.length === 0) continue;
    const [alpha2, iso3] = codes;
    const largest = clipped.reduce((a, b) => (ringArea(b[0] as Ring) > ringArea(a[0] as Ring) ? b : a));
    const p = polylabel(largest, LABEL_PRECISION);
    features.push({
      type: 'Feature',
      id: iso3,
      properties: {
        iso3,
        name_en: namesEn.of(alpha2) ?? iso3,
        name_es: namesEs.of(alpha2) ?? iso3,
        focus: focus.has(iso3),
        label: [round(p[0], 2), round(p[1], 2)],
      },
      geometry: { type: 'MultiPolygon', coordinates: clipped },
    });
  }
  features.sort((a, b) => a.properties.iso3.localeCompare(b.properties.iso3));
  const missing = config.focus.filter((c) => !features.some((f) => f.properties.iso3 === c));
  if (missing.length)
    throw new Error(
      `geo: focus countries not in the box or not in geo/region-countries.ts: ${missing.join(', ')} (add a country's codes there, or widen region.boundaries.box)`,
    );

  const collection: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features };
  let topo = topology({ countries: collection }) as unknown as Topology<{
    countries: GeometryCollection<CountryProps>;
  }>;
  topo = presimplify(topo) as typeof topo;
  topo = simplify(topo, quantile(topo, SIMPLIFY_KEEP)) as typeof topo;
  const out = topology({ countries: feature(topo, topo.objects.countries) as GeoJSON.FeatureCollection }, QUANTISATION);
  const meta = {
    source: 'Natural Earth 1:50m Admin 0 – Countries, from the world-atlas npm package 2.0.2 (countries-50m.json)',
    licence: 'Natural Earth: public domain. world-atlas: ISC. Country names: Unicode CLDR (Unicode licence).',
    resolution: '1:50m',
    box,
    simplification: `topology-preserving Visvalingam (topojson-simplify), keeping ${SIMPLIFY_KEEP * 100}% of points by weight; quantised to ${QUANTISATION} × ${QUANTISATION}`,
    labels: `polylabel on each country's largest polygon, precision ${LABEL_PRECISION}°`,
    command: 'npm run geo (geo/build-boundaries.ts)',
  };
  return `${JSON.stringify({ ...out, meta })}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = storyDir();
  const text = buildBoundaries(readGeoConfig(dir));
  const OUTPUT = join(dir, BOUNDARIES_FILE);
  writeFileSync(OUTPUT, text);
  const { gzipSync } = await import('node:zlib');
  console.log(
    `wrote ${OUTPUT}: ${(text.length / 1024).toFixed(1)} KB, ${(gzipSync(text).length / 1024).toFixed(1)} KB gzipped`,
  );
}
