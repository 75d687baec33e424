/**
 * The benchmark's settings: paths, the command line and the environment variables
 * (tests/bench/README.md lists them), and its log.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Already git- and biome-ignored (tests/.results/). */
export const RESULTS = join(ROOT, 'tests/.results/bench');
export const SYNTH_CONTENT = join(RESULTS, 'synthetic-content');
export const SYNTH_DIST = join(RESULTS, 'dist-synthetic');

export const QUICK = process.env.BENCH_QUICK === '1';
export const REPORT_ONLY = process.argv.includes('--report');
const num = (name: string, full: number, quick: number) => Number(process.env[name] ?? (QUICK ? quick : full));

/**
 * `--ab <distA> <distB>`: two built folders compared in interleaved rounds (ab.ts). A git ref is
 * not built here: build it into a folder first (tests/bench/README.md, "A/B").
 */
function abArgs(): { a: string; b: string } | null {
  const at = process.argv.indexOf('--ab');
  if (at < 0) return null;
  const [a, b] = process.argv.slice(at + 1, at + 3).map((p) => resolve(process.cwd(), p));
  if (!a || !b) throw new Error('bench: --ab needs two built folders: --ab <distA> <distB>');
  for (const dir of [a, b])
    if (!existsSync(join(dir, 'index.html')))
      throw new Error(
        `bench: ${dir} has no index.html. --ab takes built folders (a git ref must be built first: tests/bench/README.md, "A/B")`,
      );
  return { a, b };
}
export const AB = abArgs();

/**
 * `BENCH_DIST=<folder>`: measure that build as it is (never rebuilt). Unset: dist/, built when it
 * is missing or older than the sources.
 */
export const DIST_OVERRIDE = process.env.BENCH_DIST ? resolve(process.cwd(), process.env.BENCH_DIST) : null;
export const DIST = DIST_OVERRIDE ?? join(ROOT, 'dist');

/** Navigation pairs (single build) or rounds (A/B). */
export const PAIRS = num('BENCH_PAIRS', 10, 1);
export const INTERACTIONS = num('BENCH_INTERACTIONS', 50, 3);
export const CYCLES = num('BENCH_CYCLES', 500, 12);
/** Time slice per interaction kind and dataset, and the fewest samples taken whatever the time. */
export const SLICE_S = num('BENCH_SLICE_S', 15, 5);
export const MIN_SAMPLES = Math.min(INTERACTIONS, num('BENCH_MIN_SAMPLES', 10, 3));
/** `BENCH_ONLY=navigation`: only the navigation pairs, first paint and transfer. */
export const NAV_ONLY = process.env.BENCH_ONLY === 'navigation';
/** `BENCH_ONLY=lighthouse`: only Lighthouse. */
export const LH_ONLY = process.env.BENCH_ONLY === 'lighthouse';
export const LIGHTHOUSE = process.env.BENCH_LIGHTHOUSE !== '0' && !QUICK && !NAV_ONLY;
/** Lighthouse runs per build (the medians are reported): 1 for a single build, 3 each in A/B. */
export const LIGHTHOUSE_RUNS = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? (AB ? 3 : 1)));
export const SYNTHETIC = process.env.BENCH_SYNTHETIC !== '0' && !QUICK && !NAV_ONLY && !LH_ONLY;
export const VIEWPORT = { width: 1280, height: 800 };
/** Optional network emulation for page loads (off by default: 127.0.0.1 has no latency). */
export const RTT_MS = num('BENCH_RTT_MS', 0, 0);
export const KBPS = num('BENCH_KBPS', 0, 0);

const started = Date.now();
export const elapsedS = () => (Date.now() - started) / 1000;
export const log = (msg: string) => console.error(`[bench ${elapsedS().toFixed(0).padStart(3)} s] ${msg}`);
