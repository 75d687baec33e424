/**
 * `npm run bench -- --ab <distA> <distB>`: two builds, each served on its own port, measured in
 * interleaved rounds against the same bare MapLibre page (served from A's files): A, bare, B in
 * one round and B, bare, A in the next, so a machine that drifts moves both alike. For each
 * first-screen measure it prints A's ratio to the bare page, B's, and B ÷ A per round (median,
 * interquartile range, range); Lighthouse runs BENCH_LIGHTHOUSE_RUNS times per build, A and B in
 * turn (the order alternating). Budgets are shown for A and B, but a comparison never fails the run.
 */
import { elapsedS, LH_ONLY, LIGHTHOUSE, LIGHTHOUSE_RUNS, log, PAIRS } from './config.ts';
import { LH_METRICS, type LighthouseRun, lighthouseValue, runLighthouse } from './lighthouse.ts';
import {
  type AppLoad,
  beyondMaplibre,
  KINDS,
  loadApp,
  loadBare,
  mostOften,
  NAV_MEASURES,
  type Transfer,
  warmUp,
} from './navigation.ts';
import { type AppTimes, type BareTimes, type Browser, benchBrowser } from './page.ts';
import { printTable, verdict, writeResults } from './report.ts';
import { type BenchServer, serveBench } from './server.ts';
import { kb, median, spreadText, x } from './stats.ts';

type Side = 'A' | 'B';
interface Round {
  order: string;
  A: AppTimes;
  B: AppTimes;
  bare: BareTimes;
}
interface AbRow {
  measure: string;
  a: string;
  b: string;
  change: string;
  budget: string;
  result: string;
}

/** One A / bare / B round (B / bare / A when `flip`); with `bytes`, the apps' first loads are counted. */
async function round(
  browser: Browser,
  servers: Record<Side, BenchServer>,
  bareUrl: string,
  flip: boolean,
  bytes: boolean,
) {
  const got: Partial<Record<Side, AppLoad>> = {};
  let bare: BareTimes | null = null;
  const order = flip ? (['B', 'bare', 'A'] as const) : (['A', 'bare', 'B'] as const);
  for (const who of order) {
    if (who === 'bare') bare = (await loadBare(browser, servers.A, bareUrl, false)).times;
    else got[who] = await loadApp(browser, servers[who], bytes);
  }
  if (!got.A || !got.B || !bare) throw new Error('bench: a round without its three loads');
  return { order: order.join(', '), A: got.A, B: got.B, bare };
}

async function abNavigation(browser: Browser, servers: Record<Side, BenchServer>) {
  const { size, bareUrl } = await warmUp(browser, [servers.A, servers.B]);
  const rounds: Round[] = [];
  const transfer: Partial<Record<Side, Transfer>> = {};
  const twice: Record<Side, Set<string>> = { A: new Set(), B: new Set() };
  for (let i = 0; i < PAIRS; i++) {
    const r = await round(browser, servers, bareUrl, i % 2 === 1, i === 0);
    for (const side of ['A', 'B'] as const) {
      for (const f of r[side].twice) twice[side].add(f);
      if (i === 0) transfer[side] = r[side].bytes?.sums;
    }
    rounds.push({ order: r.order, A: r.A.times, B: r.B.times, bare: r.bare });
    const t = (s: Side) => `${r[s].times.fcpWithMap.toFixed(0)} / ${r[s].times.maplibre.toFixed(0)}`;
    log(
      `round ${i + 1}/${PAIRS} (${r.order}): map in first paint / MapLibre ready: A ${t('A')} ms, B ${t('B')} ms; bare ready ${r.bare.ready.toFixed(0)} ms`,
    );
  }
  return {
    size,
    rounds,
    transfer: transfer as Record<Side, Transfer>,
    twice: { A: [...twice.A], B: [...twice.B] },
  };
}

/** The first screen's rows: A's and B's medians ÷ bare (with their range), and B ÷ A per round. */
function navRows(nav: Awaited<ReturnType<typeof abNavigation>>): AbRow[] {
  const out: AbRow[] = [];
  for (const m of NAV_MEASURES) {
    const ratios = (s: Side) =>
      nav.rounds.map((r) => (r[s][m.key] ?? Number.NaN) / r.bare.ready).filter(Number.isFinite);
    const fmt = (v: number) => (m.key === 'fcpWithMap' || m.key === 'fcp' ? v.toFixed(2) : x(v));
    const text = (s: Side) => {
      const r = ratios(s);
      return r.length > 1
        ? `${fmt(median(r))} (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)})`
        : fmt(median(r));
    };
    const pass = (s: Side) => (m.budget === null ? null : median(ratios(s)) <= m.budget);
    out.push({
      measure: `${m.measure} (median)`,
      a: text('A'),
      b: text('B'),
      change: spreadText(nav.rounds.map((r) => (r.B[m.key] ?? Number.NaN) / (r.A[m.key] ?? Number.NaN))),
      budget: m.budgetText,
      result: m.budget === null ? '' : `${verdict(pass('A'))} / ${verdict(pass('B'))}`,
    });
  }
  const how = (s: Side) =>
    `${mostOften(nav.rounds.map((r) => r[s].mapKind))} / ${mostOften(nav.rounds.map((r) => r[s].answersRenderer))}`;
  out.push({
    measure: 'map first painted as / answers clicks with',
    a: how('A'),
    b: how('B'),
    change: '',
    budget: '',
    result: '',
  });
  return out;
}

/** The first load's bytes (the first round's loads): by kind, beyond MapLibre, files fetched twice. */
function bytesRows(nav: Awaited<ReturnType<typeof abNavigation>>): AbRow[] {
  const { A, B } = nav.transfer;
  const ratio = (a: number, b: number) => (a > 0 ? x(b / a) : '');
  const out: AbRow[] = KINDS.filter((k) => A[k] || B[k] || k !== 'other').map((k) => ({
    measure: `first load, gz: ${k}`,
    a: kb(A[k] ?? 0),
    b: kb(B[k] ?? 0),
    change: ratio(A[k] ?? 0, B[k] ?? 0),
    budget: '',
    result: '',
  }));
  const [a, b] = [beyondMaplibre(A), beyondMaplibre(B)];
  out.push({
    measure: 'first load, gz: beyond MapLibre (HTML included)',
    a: kb(a),
    b: kb(b),
    change: ratio(a, b),
    budget: '≤ 150 KB',
    result: `${verdict(a <= 150)} / ${verdict(b <= 150)}`,
  });
  const { A: ta, B: tb } = nav.twice;
  out.push({
    measure: 'files fetched twice in one app load',
    a: ta.join(', ') || 'none',
    b: tb.join(', ') || 'none',
    change: '',
    budget: 'none',
    result: `${verdict(!ta.length)} / ${verdict(!tb.length)}`,
  });
  return out;
}

/** LIGHTHOUSE_RUNS runs of each build, in turn (A, B then B, A, …). */
async function abLighthouse(servers: Record<Side, BenchServer>) {
  const runs: Record<Side, LighthouseRun[]> = { A: [], B: [] };
  for (let i = 0; i < LIGHTHOUSE_RUNS; i++)
    for (const side of i % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
      log(`Lighthouse ${i + 1}/${LIGHTHOUSE_RUNS}: ${side}`);
      runs[side].push(await runLighthouse(`${servers[side].origin}/`, servers[side].origin));
    }
  return runs;
}

function lighthouseRows(runs: Record<Side, LighthouseRun[]>): AbRow[] {
  const out = LH_METRICS.map((m) => {
    const [a, b] = [lighthouseValue(runs.A, m), lighthouseValue(runs.B, m)];
    const pairs = runs.B.map((r, i) => [runs.A[i]?.[m.key] ?? Number.NaN, r[m.key]] as const);
    const ratios = pairs.filter(([va]) => va > 0).map(([va, vb]) => vb / va);
    // A zero (CLS, blocking time) has no ratio: the difference instead.
    const diff = median(pairs.map(([va, vb]) => vb - va));
    return {
      measure: m.measure,
      a: a.text,
      b: b.text,
      change: ratios.length === pairs.length ? spreadText(ratios) : `B − A: ${diff >= 0 ? '+' : ''}${m.fmt(diff)}`,
      budget: m.budget,
      result: m.ok ? `${verdict(a.pass)} / ${verdict(b.pass)}` : '',
    };
  });
  const lcp = (s: Side) => mostOften(runs[s].map((r) => r.lcpElement));
  out.push({ measure: 'Lighthouse LCP element', a: lcp('A'), b: lcp('B'), change: '', budget: '', result: '' });
  return out;
}

export async function runAb(a: string, b: string) {
  const servers = { A: await serveBench(a), B: await serveBench(b) };
  const json: Record<string, unknown> = { mode: 'ab', date: new Date().toISOString(), a, b, rounds: PAIRS };
  const body: AbRow[] = [];
  if (!LH_ONLY) {
    log(`A/B navigation: ${PAIRS} rounds of A, bare, B (order alternating)\n  A = ${a}\n  B = ${b}`);
    const browser = await benchBrowser();
    try {
      const nav = await abNavigation(browser, servers);
      json.navigation = nav;
      body.push(...navRows(nav), ...bytesRows(nav));
    } finally {
      await browser.close();
    }
  }
  if (LIGHTHOUSE) {
    try {
      const runs = await abLighthouse(servers);
      json.lighthouse = runs;
      body.push(...lighthouseRows(runs));
    } catch (error) {
      json.lighthouse = { error: String(error) };
      body.push({
        measure: 'Lighthouse',
        a: `failed: ${String(error).slice(0, 60)}`,
        b: '',
        change: '',
        budget: '',
        result: '',
      });
    }
  } else
    body.push({
      measure: 'Lighthouse',
      a: 'skipped (BENCH_LIGHTHOUSE=0, BENCH_ONLY or quick)',
      b: '',
      change: '',
      budget: '',
      result: '',
    });
  await servers.A.close();
  await servers.B.close();
  printTable(
    ['measure', 'A', 'B', 'B ÷ A (per round: median, IQR, range)', 'budget', 'A / B'],
    body.map((r) => [r.measure, r.a, r.b, r.change, r.budget, r.result]),
  );
  json.rows = body;
  json.seconds = elapsedS();
  const file = writeResults('bench-ab', 'latest-ab.json', json);
  console.log(`\nA/B: ${PAIRS} rounds, ${LIGHTHOUSE ? LIGHTHOUSE_RUNS : 0} Lighthouse runs each; JSON: ${file}`);
}
