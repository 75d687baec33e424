/**
 * `npm run bench`: what readers pay, as ratios to a bare MapLibre page measured in the same run
 * (never absolute milliseconds, so a slow machine cannot fail it by itself being slow).
 *
 *   1. the first screen (navigation.ts, page.ts), app and bare page in alternating pairs: the first
 *      contentful paint with the map in it, the map answering clicks, MapLibre ready, each ÷ the
 *      bare page's map ready
 *   2. first-load transfer, gzipped, by kind
 *   3. interaction → next painted frame (click a country, toggle a filter, step the date, open a
 *      link), p50/p95 ÷ the bare page's click → setPaintProperty → next frame; real data and a
 *      synthetic ~10,000-measure build (interactions.ts)
 *   4. JS heap after forced GC after 500 select/filter/date cycles vs after 10, read in the same
 *      view: the objects the page keeps (budgeted) and V8's compiled code (reported)
 *   5. Lighthouse 12.8.2, mobile preset (lighthouse.ts)
 *
 * Builds dist/ if it is missing or older than the sources (or measures BENCH_DIST as it is); serves
 * it gzipped (server.ts); prints one table; writes JSON to tests/.results/bench/ (git-ignored).
 * Exits 1 when a budget fails, unless `--report`. `--ab <distA> <distB>` compares two built folders
 * instead (ab.ts). Environment variables: config.ts and tests/bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runAb } from './ab.ts';
import {
  AB,
  CYCLES,
  DIST,
  DIST_OVERRIDE,
  elapsedS,
  INTERACTIONS,
  KBPS,
  LH_ONLY,
  LIGHTHOUSE,
  LIGHTHOUSE_RUNS,
  log,
  NAV_ONLY,
  PAIRS,
  REPORT_ONLY,
  ROOT,
  RTT_MS,
  SYNTH_CONTENT,
  SYNTH_DIST,
  SYNTHETIC,
} from './config.ts';
import { bareRepaint, heap, interactions, PANEL_FOLLOWED } from './interactions.ts';
import { LH_METRICS, type LighthouseRun, lighthouseValue, runLighthouse } from './lighthouse.ts';
import { navigation, navigationRows } from './navigation.ts';
import { type Browser, benchBrowser } from './page.ts';
import { printTable, row, rows, verdict, writeResults } from './report.ts';
import { type BenchServer, serveBench } from './server.ts';
import { quantile, x } from './stats.ts';
import { writeSyntheticContent } from './synthetic.ts';

// ─── build ──────────────────────────────────────────────────────────────────────────────────────
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}
const sourcesTime = () =>
  Math.max(...['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json'].map((p) => newest(join(ROOT, p))));

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`bench: ${cmd} ${args.join(' ')} failed (${r.status})`);
}

function ensureBuilds() {
  const index = join(DIST, 'index.html');
  if (DIST_OVERRIDE) {
    if (!existsSync(index)) throw new Error(`bench: BENCH_DIST=${DIST_OVERRIDE} has no index.html`);
    log(`measuring ${DIST_OVERRIDE} as it is (BENCH_DIST)`);
  } else if (!existsSync(index)) {
    // A fresh clone: the embed-height table (embed.js only, never loaded by the app) is skipped to save time.
    log('no dist/: npm run build (EMBED_HEIGHTS=skip)');
    run('npm', ['run', 'build'], { EMBED_HEIGHTS: process.env.EMBED_HEIGHTS ?? 'skip' });
  } else if (statSync(index).mtimeMs < sourcesTime()) {
    log('dist/ is older than the sources: npm run build');
    run('npm', ['run', 'build']);
  }
  if (!SYNTHETIC) return;
  // The synthetic story is always built from the current sources (into tests/.results/).
  const synthIndex = join(SYNTH_DIST, 'index.html');
  if (existsSync(synthIndex) && statSync(synthIndex).mtimeMs > Math.max(statSync(index).mtimeMs, sourcesTime())) return;
  const { measures } = writeSyntheticContent(SYNTH_CONTENT);
  log(`synthetic dataset: ${measures} measures; building ${SYNTH_DIST}`);
  run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', SYNTH_DIST, '--emptyOutDir'], {
    POLICY_DATA: SYNTH_CONTENT,
    EMBED_HEIGHTS: 'skip',
  });
}

// ─── rows ───────────────────────────────────────────────────────────────────────────────────────
/** One interaction kind's rows: p50 and p95 ÷ the bare repaints taken beside its samples. */
function interactionRows(label: string, what: string, samples: number[] | null, ref: number[] | undefined) {
  if (!samples || !ref) {
    row(`${what} (${label}) p50 / p95 ÷ bare`, 'n/a (no link on the map in this build)');
    return;
  }
  const r50 = quantile(samples, 0.5) / quantile(ref, 0.5);
  const r95 = quantile(samples, 0.95) / quantile(ref, 0.95);
  const n = `n=${samples.length}`;
  if (what === PANEL_FOLLOWED) {
    // Not a budget (the budget is the click's next frame): how long the whole panel takes.
    const ms = `${quantile(samples, 0.5).toFixed(0)} / ${quantile(samples, 0.95).toFixed(0)} ms`;
    row(`${what} (${label}) p50 / p95 ÷ bare`, `${x(r50)} / ${x(r95)} (${ms}, ${n})`, 'reported');
    return;
  }
  for (const [q, r] of [
    [0.5, r50],
    [0.95, r95],
  ] as const)
    row(
      `${what} (${label}) p${q * 100} ÷ bare`,
      `${x(r)} (${quantile(samples, q).toFixed(0)} vs ${quantile(ref, q).toFixed(0)} ms, ${n})`,
      '≤ 1.25×',
      r <= 1.25,
    );
}

/** Interactions on the real data and the synthetic story, each sample paired with a bare repaint. */
async function latency(browser: Browser, sets: [string, BenchServer | null][], size: { w: number; h: number }) {
  log(`interactions: ${INTERACTIONS} of each, each followed by a bare repaint`);
  // A browser of its own: a second tab in the app's window would be a background tab, whose
  // frames Chromium throttles to about one a second.
  const bareBrowser = await benchBrowser();
  const bare = await bareRepaint(bareBrowser, sets[0]?.[1] as BenchServer, size);
  const pooled: number[] = [];
  const referenceRow = rows.length;
  const out: Record<string, unknown> = {};
  for (const [label, srv] of sets) {
    if (!srv) {
      row(`interactions (${label})`, 'skipped (BENCH_SYNTHETIC=0 or quick)');
      continue;
    }
    log(`interactions with ${label}`);
    const res = await interactions(browser, srv, bare.one);
    out[label] = res;
    for (const [what, samples] of Object.entries(res.samples)) {
      if (what !== PANEL_FOLLOWED) pooled.push(...(res.refs[what] ?? []));
      interactionRows(label, what, samples, res.refs[what]);
    }
  }
  await bare.close();
  await bareBrowser.close();
  rows.splice(referenceRow, 0, {
    measure: 'bare click → setPaintProperty → frame p50 / p95',
    value: `${quantile(pooled, 0.5).toFixed(0)} / ${quantile(pooled, 0.95).toFixed(0)} ms (n=${pooled.length}, the reference, paired with every sample)`,
    budget: '',
    pass: null,
  });
  return { latency: out, bareRepaint: pooled };
}

async function heapRows(browser: Browser, server: BenchServer) {
  log(`heap: ${CYCLES} select/filter/date cycles`);
  const h = await heap(browser, server);
  const pc = (g: number) => `${g >= 0 ? '+' : ''}${(g * 100).toFixed(1)} %`;
  // Budgeted: the objects the page keeps (a leak). V8's compiled code grows as the JIT warms up,
  // by an amount that depends on the machine, and is reported beside it (see tests/e2e/heap.ts).
  row(
    `heap objects after GC, ${CYCLES} cycles vs 10 (same view)`,
    `${pc(h.objects.growth)} (${h.objects.after10.toFixed(2)} → ${h.objects.afterAll.toFixed(2)} MB; ${h.detachedDom} detached DOM nodes)`,
    '≤ +5 %',
    h.objects.growth <= 0.05,
  );
  row(
    '  whole JS heap incl. compiled code',
    `${pc(h.growth)} (${h.after10.toFixed(2)} → ${h.afterAll.toFixed(2)} MB; code ${h.code.after10.toFixed(2)} → ${h.code.afterAll.toFixed(2)} MB)`,
    'reported',
  );
  return h;
}

async function lighthouseRows(server: BenchServer) {
  const runs: LighthouseRun[] = [];
  try {
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      log(`Lighthouse 12.8.2, mobile preset (${i + 1}/${LIGHTHOUSE_RUNS})`);
      runs.push(await runLighthouse(`${server.origin}/`, server.origin));
    }
  } catch (error) {
    row('Lighthouse', `failed: ${String(error).slice(0, 60)}`, 'runs', false);
    return { error: String(error), runs };
  }
  for (const m of LH_METRICS) {
    const v = lighthouseValue(runs, m);
    const lcp = m.key === 'lcpMs' ? ` (LCP: ${runs.map((r) => r.lcpElement ?? '?').join(', ')})` : '';
    row(m.measure, `${v.text}${lcp}`, m.budget, v.pass);
  }
  return { runs };
}

// ─── the single build ───────────────────────────────────────────────────────────────────────────
/** Navigation, interactions and heap in one browser (BENCH_ONLY / quick leave parts out). */
async function pages(server: BenchServer, synthServer: BenchServer | null, json: Record<string, unknown>) {
  const browser = await benchBrowser();
  try {
    log(`navigation: ${PAIRS} alternating app/bare pairs`);
    const nav = await navigation(browser, server);
    json.navigation = nav;
    navigationRows(nav);
    if (NAV_ONLY) {
      row('interactions and heap', 'skipped (BENCH_ONLY=navigation)');
      return;
    }
    const sets: [string, BenchServer | null][] = [
      ['real data', server],
      ['synthetic ~10k', synthServer],
    ];
    Object.assign(json, await latency(browser, sets, nav.size));
    json.heap = await heapRows(browser, server);
  } finally {
    await browser.close();
  }
}

async function single() {
  ensureBuilds();
  const server = await serveBench(DIST);
  const synthServer = SYNTHETIC ? await serveBench(SYNTH_DIST) : null;
  const json: Record<string, unknown> = {
    date: new Date().toISOString(),
    dist: DIST,
    pairs: PAIRS,
    interactions: INTERACTIONS,
    network: { rttMs: RTT_MS, kbps: KBPS },
  };
  if (!LH_ONLY) await pages(server, synthServer, json);
  if (LIGHTHOUSE) json.lighthouse = await lighthouseRows(server);
  else row('Lighthouse', 'skipped (BENCH_LIGHTHOUSE=0, BENCH_ONLY or quick)');
  await server.close();
  await synthServer?.close();

  printTable(
    ['measure', 'value', 'budget', 'result'],
    rows.map((r) => [r.measure, r.value, r.budget, verdict(r.pass)]),
  );
  const failed = rows.filter((r) => r.pass === false).length;
  const passed = rows.filter((r) => r.pass === true).length;
  json.rows = rows;
  json.seconds = elapsedS();
  const file = writeResults('bench', 'latest.json', json);
  console.log(`\n${passed} passed, ${failed} failed (budgets) in ${json.seconds} s; JSON: ${file}`);
  process.exit(failed && !REPORT_ONLY ? 1 : 0);
}

if (AB) {
  await runAb(AB.a, AB.b);
  process.exit(0);
} else await single();
