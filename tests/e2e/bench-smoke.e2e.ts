/**
 * `npm run bench` cannot rot: one iteration of every part but Lighthouse (BENCH_QUICK=1) runs
 * against the build, end to end, and prints its table and JSON; then the A/B mode runs once with
 * that build as both A and B. No timing is asserted here — the benchmark is the judge of speed, and
 * `--report` keeps a budget it fails from failing this test. The build is dist/, or BENCH_DIST.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const DIST = process.env.BENCH_DIST ?? 'dist';
const bench = (args: string[]) =>
  spawnSync('npx', ['tsx', 'tests/bench/bench.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_QUICK: '1' },
    encoding: 'utf8',
    timeout: 170_000,
  });
const latest = (name: string) => JSON.parse(readFileSync(join(ROOT, 'tests/.results/bench', name), 'utf8'));

describe('npm run bench, one iteration', () => {
  it('measures every part against the bare page and writes one table and its JSON', () => {
    const r = bench(['--report']);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    for (const measure of [
      'first contentful paint with the map in it ÷ bare map ready',
      'map answers a click (aria-busy false) ÷ bare map ready',
      'MapLibre ready ÷ bare map ready',
      'first load, gz: beyond MapLibre',
      'files fetched twice in one app load',
      'bare click → setPaintProperty → frame p50 / p95',
      'click a country (real data) p50 ÷ bare',
      'toggle a filter (real data) p95 ÷ bare',
      'step the date (real data) p50 ÷ bare',
      'open a link (real data) p50 ÷ bare',
      'heap objects after GC',
    ])
      expect(r.stdout, measure).toContain(`| ${measure}`);
    expect(r.stdout).toMatch(/\d+ passed, \d+ failed \(budgets\)/);
    const json = latest('latest.json');
    expect(json.navigation.pairs).toHaveLength(1);
    const app = json.navigation.pairs[0].app;
    // The first screen's times come in order: the map is not answering before it is painted.
    expect(app.fcpWithMap).toBeGreaterThan(0);
    expect(app.answers).toBeGreaterThanOrEqual(app.fcpWithMap);
    expect(app.maplibre).toBeGreaterThan(0);
    const real = json.latency['real data'];
    // Every app sample has its bare repaint, taken right after it.
    for (const kind of ['click a country', 'toggle a filter', 'step the date', 'open a link'])
      expect(real.refs[kind], kind).toHaveLength(real.samples[kind].length);
    expect(json.bareRepaint.length).toBeGreaterThan(0);
  }, 180_000);

  it('compares two builds in interleaved rounds (--ab, the same build as A and B)', () => {
    const r = bench(['--ab', DIST, DIST]);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    for (const measure of [
      'first contentful paint with the map in it ÷ bare map ready',
      'map answers a click (aria-busy false) ÷ bare map ready',
      'MapLibre ready ÷ bare map ready',
      'first load, gz: beyond MapLibre',
    ])
      expect(r.stdout, measure).toContain(`| ${measure}`);
    expect(r.stdout).toContain('B ÷ A');
    const json = latest('latest-ab.json');
    expect(json.mode).toBe('ab');
    expect(json.navigation.rounds).toHaveLength(1);
    // One build on both sides: its bytes are the same.
    expect(json.navigation.transfer.B).toEqual(json.navigation.transfer.A);
  }, 180_000);
});
