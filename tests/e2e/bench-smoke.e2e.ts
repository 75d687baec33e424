/**
 * `npm run bench` cannot rot: one iteration of every part but Lighthouse (BENCH_QUICK=1) runs
 * against the build, end to end, and prints its table and JSON. No timing is asserted here — the
 * benchmark is the judge of speed, and `--report` keeps a budget it fails from failing this test.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

describe('npm run bench, one iteration', () => {
  it('measures every part against the bare page and writes one table and its JSON', () => {
    const r = spawnSync('npx', ['tsx', 'tests/bench/bench.ts', '--report'], {
      cwd: ROOT,
      env: { ...process.env, BENCH_QUICK: '1' },
      encoding: 'utf8',
      timeout: 170_000,
    });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    for (const measure of [
      'map ready, app ÷ bare: median',
      'first contentful paint ÷ map ready',
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
    const json = JSON.parse(readFileSync(join(ROOT, 'tests/.results/bench/latest.json'), 'utf8'));
    expect(json.navigation.pairs).toHaveLength(1);
    const real = json.latency['real data'];
    // Every app sample has its bare repaint, taken right after it.
    for (const kind of ['click a country', 'toggle a filter', 'step the date', 'open a link'])
      expect(real.refs[kind], kind).toHaveLength(real.samples[kind].length);
    expect(json.bareRepaint.length).toBeGreaterThan(0);
  }, 180_000);
});
