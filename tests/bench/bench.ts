/**
 * `npm run bench`: measures what readers pay — bytes over the wire and time until the map is
 * ready in headless Chromium — against budgets. Run after `npm run build`. Exits 1 over budget.
 * Budgets live here, not in timed tests, so a slow CI machine cannot make the test suite flaky.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/browser.ts';
import { DIST } from '../e2e/harness.ts';
import { serveStatic } from '../e2e/static-server.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const BUDGETS = {
  /** App shell JS + CSS (everything but MapLibre), gzipped: what paints the text. */
  appKbGz: 140,
  /** MapLibre JS + worker + CSS, gzipped, loaded lazily. */
  maplibreKbGz: 470,
  /** The boundary file, gzipped (issue 2: ≤ 60 KB). */
  boundariesKbGz: 60,
  /** Median navigation → map ready (aria-busy=false) on this 2-core machine, SwiftShader WebGL. */
  mapReadyMs: 4000,
  /** Median navigation → title painted. */
  textMs: 1500,
};

const gz = (path: string) => gzipSync(readFileSync(path)).length / 1024;
const assets = join(DIST, 'assets');
const files = readdirSync(assets).filter((f) => /\.(js|mjs|css)$/.test(f));
const isMaplibre = (f: string) => f.startsWith('maplibre-gl');
const appKbGz = files.filter((f) => !isMaplibre(f)).reduce((n, f) => n + gz(join(assets, f)), 0);
const maplibreKbGz = files.filter(isMaplibre).reduce((n, f) => n + gz(join(assets, f)), 0);
const boundariesKbGz = gz(join(DIST, 'geo/region.topo.json'));
if (!statSync(DIST).isDirectory()) throw new Error('run `npm run build` first');

const server = await serveStatic(DIST);
const browser = await launchBrowser({ width: 1280, height: 800 });
const ready: number[] = [];
const text: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const page = await browser.context.newPage();
  const start = Date.now();
  await page.goto(`${server.origin}/`, { waitUntil: 'commit' });
  await page.waitForSelector('h1');
  text.push(Date.now() - start);
  await page.waitForSelector('[aria-busy="false"] canvas', { timeout: 30_000 });
  ready.push(Date.now() - start);
  await page.close();
}
await browser.close();
await server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const results = { appKbGz, maplibreKbGz, boundariesKbGz, mapReadyMs: median(ready), textMs: median(text) };
let over = 0;
console.log(`runs: ${RUNS}; map ready samples (ms): ${ready.join(', ')}`);
for (const [key, budget] of Object.entries(BUDGETS)) {
  const value = results[key as keyof typeof results];
  const ok = value <= budget;
  if (!ok) over++;
  console.log(`${ok ? '✓' : '✗'} ${key.padEnd(15)} ${value.toFixed(1).padStart(8)}  (budget ${budget})`);
}
process.exit(over ? 1 : 0);
