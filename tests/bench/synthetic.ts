/**
 * Generates the benchmark's synthetic dataset: the shipped content folder with every country's
 * measures repeated (new ids and brief codes; timeline, figures, facts and concerns emptied; facility
 * coordinates dropped so the map does not get thousands of prison symbols on one spot) until there are about `total` measures, then validated
 * with the app's own loader so the bench build cannot fail on it.
 *
 * The issue asks for 33 countries × 300 measures. The app's data model has exactly six focus
 * countries (FOCUS_COUNTRIES in src/data/vocabulary.ts, one file each, one place on the map each),
 * so more countries would need src/data and the map composition to change: the synthetic set keeps
 * the six and puts the ~10,000 measures into them (1,650 each).
 *
 * Used by bench.ts; run alone with `npx tsx tests/bench/synthetic.ts <outDir> [total]`.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_DIR, loadPolicyData } from '../../src/data/load-dataset.ts';

interface MeasureJson {
  id: string;
  briefCode: string;
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

export function writeSyntheticContent(outDir: string, total = 9_900): { measures: number } {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(CONTENT_DIR, outDir, { recursive: true });
  const measuresDir = join(outDir, 'measures');
  const files = readdirSync(measuresDir).filter((f) => f.endsWith('.json'));
  const perCountry = Math.ceil(total / files.length);
  let count = 0;
  for (const file of files) {
    const path = join(measuresDir, file);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { measures: MeasureJson[] };
    const originals = json.measures;
    const out: MeasureJson[] = [...originals];
    for (let i = 0; out.length < perCountry; i++) {
      const m = originals[i % originals.length] as MeasureJson;
      const copy = structuredClone(m);
      const n = Math.floor(i / originals.length) + 1;
      copy.id = `${m.id}-synthetic-${n}`;
      copy.briefCode = `${m.briefCode.slice(0, 2)}-${1000 + out.length}`;
      // Lists that only the measure's own article shows are emptied: the copies stay small enough
      // to bundle (about 1.5 KB each instead of 6; only the first source is kept) while every field the map and filters read is kept.
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
    json.measures = out;
    count += out.length;
    writeFileSync(path, JSON.stringify(json));
  }
  loadPolicyData(outDir); // throws with every problem if the copy is not valid data
  return { measures: count };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = process.argv[2];
  if (!out) throw new Error('usage: tsx tests/bench/synthetic.ts <outDir> [total]');
  console.log(writeSyntheticContent(out, Number(process.argv[3] ?? 9_900)));
}
