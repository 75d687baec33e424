/**
 * Generates the benchmark's synthetic story, as the issue asks: 33 countries × 300 measures (9,900).
 * The shipped six keep their measures (the policy links cite them) and 27 more Latin American and
 * Caribbean countries join them; every country is filled up to `perCountry` with copies of the
 * shipped measures (new ids and brief codes; timeline, figures, facts and concerns emptied, one
 * source kept; coordinates dropped so the map does not get thousands of prison symbols on a few
 * spots). Countries are data (story.json), so this needs no code change: the story's boundaries are
 * rebuilt with the 33 as focus countries by the app's own geo build, and the result is validated
 * with the app's own loader so the bench build cannot fail on it.
 *
 * Used by bench.ts; run alone with `npx tsx tests/bench/synthetic.ts <outDir> [countries] [perCountry]`.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOUNDARIES_FILE, buildBoundaries } from '../../geo/build-boundaries.ts';
import type { Story } from '../../src/data/schema.ts';
import { CONTENT_DIR, loadPolicyData } from '../../src/tools/load-dataset.ts';

interface MeasureJson {
  id: string;
  briefCode: string;
  country: string;
  location?: unknown;
  [key: string]: unknown;
}

/** Points every citation (`sources: number[]`) in `value` at source `n` alone. */
function citeOnly(value: unknown, n: number): void {
  if (Array.isArray(value)) for (const item of value) citeOnly(item, n);
  else if (value && typeof value === 'object')
    for (const [key, v] of Object.entries(value)) {
      if (key === 'sources' && Array.isArray(v) && v.every((x) => typeof x === 'number'))
        (value as Record<string, unknown>)[key] = v.length ? [n] : [];
      else citeOnly(v, n);
    }
}

/** The region's other independent countries, mainland first: the 27 that join the shipped six. */
const MORE = ['MEX', 'BLZ', 'NIC', 'PAN', 'COL', 'VEN', 'GUY', 'SUR', 'PER', 'BOL', 'BRA', 'PRY', 'URY', 'ARG'];
const ISLANDS = ['CUB', 'JAM', 'HTI', 'DOM', 'BHS', 'TTO', 'BRB', 'LCA', 'GRD', 'VCT', 'ATG', 'DMA', 'KNA'];

export function writeSyntheticContent(outDir: string, countries = 33, perCountry = 300): { measures: number } {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(CONTENT_DIR, outDir, { recursive: true });
  const shipped = loadPolicyData(CONTENT_DIR);

  // The six, then the region's other countries, with their names from the boundary file.
  const topo = JSON.parse(readFileSync(join(CONTENT_DIR, BOUNDARIES_FILE), 'utf8'));
  const features = (
    topo.objects.countries.geometries as { properties: { iso3: string; name_en: string; name_es: string } }[]
  ).map((g) => g.properties);
  const six = shipped.story.countries.map((c) => c.code);
  const others = [...MORE, ...ISLANDS]
    .filter((code) => !six.includes(code))
    .flatMap((code) => features.filter((f) => f.iso3 === code))
    .slice(0, countries - six.length);
  if (others.length < countries - six.length)
    throw new Error(`synthetic: only ${six.length + others.length} countries available, ${countries} asked`);
  const story: Story = {
    ...shipped.story,
    countries: [
      ...shipped.story.countries,
      ...others.map((f) => ({
        code: f.iso3,
        name: { en: f.name_en, es: f.name_es },
        idPrefix: f.iso3.toLowerCase(),
        bounds: { south: -90, west: -180, north: 90, east: 180 },
      })),
    ],
  };
  writeFileSync(join(outDir, 'story.json'), JSON.stringify(story));
  writeFileSync(
    join(outDir, BOUNDARIES_FILE),
    buildBoundaries({ focus: story.countries.map((c) => c.code), box: story.region.boundaries.box }),
  );

  const originals = readdirSync(join(CONTENT_DIR, 'measures')).flatMap(
    (f) => (JSON.parse(readFileSync(join(CONTENT_DIR, 'measures', f), 'utf8')) as { measures: MeasureJson[] }).measures,
  );
  let count = 0;
  let serial = 1000;
  for (const c of story.countries) {
    const path = join(outDir, 'measures', `${c.code.toLowerCase()}.json`);
    const own: MeasureJson[] = six.includes(c.code)
      ? (JSON.parse(readFileSync(path, 'utf8')) as { measures: MeasureJson[] }).measures
      : [];
    const out = [...own];
    for (let i = 0; out.length < perCountry; i++) {
      const m = originals[i % originals.length] as MeasureJson;
      const copy = structuredClone(m);
      copy.id = `${c.idPrefix}-synthetic-${i + 1}`;
      copy.country = c.code;
      copy.briefCode = `SY-${serial++}`;
      // Lists that only the measure's own article shows are emptied: the copies stay small enough
      // to bundle (about 1.5 KB each instead of 6; only the first source is kept) while every field
      // the map and filters read is kept.
      for (const list of ['timeline', 'figures', 'facts', 'concerns']) copy[list] = [];
      const first = (m.sources as { n: number }[])[0] as { n: number };
      citeOnly(copy, first.n);
      copy.sources = [first];
      if (copy.location && typeof copy.location === 'object') {
        const loc = copy.location as Record<string, unknown>;
        delete loc.lat;
        delete loc.lon;
      }
      out.push(copy);
    }
    writeFileSync(
      path,
      JSON.stringify({ country: c.code, summary: { en: `${c.name.en}.`, es: `${c.name.es}.` }, measures: out }),
    );
    count += out.length;
  }
  loadPolicyData(outDir); // throws with every problem if the copy is not valid data
  return { measures: count };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx tests/bench/synthetic.ts <outDir> [countries] [perCountry]');
  console.log(writeSyntheticContent(out, Number(process.argv[3] ?? 33), Number(process.argv[4] ?? 300)));
}
