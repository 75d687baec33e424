/**
 * Navigation: first-visit loads of the app and of the bare MapLibre page in turn, the first
 * screen's times (page.ts) and the first load's bytes. `navigation` pairs one build with the bare
 * page (alternating order); ab.ts runs A / bare / B rounds with the same loads.
 */
import { log, PAIRS } from './config.ts';
import { type AppTimes, type BareTimes, type Browser, openApp, openBare, type Stages } from './page.ts';
import { row } from './report.ts';
import type { BenchServer, Sent } from './server.ts';
import { kb, median, x } from './stats.ts';

export const KINDS = ['app JS', 'MapLibre', 'CSS', 'boundaries', 'data', 'HTML', 'other'] as const;
export type Transfer = Record<string, number>;
export function kindOf(path: string): (typeof KINDS)[number] {
  if (/\/assets\/maplibre-gl/.test(path)) return 'MapLibre';
  if (/\.m?js$/.test(path)) return 'app JS';
  if (/\.css$/.test(path)) return 'CSS';
  if (path.startsWith('/geo/')) return 'boundaries';
  if (/\.json$/.test(path)) return 'data';
  if (path.endsWith('/') || path.endsWith('.html')) return 'HTML';
  return 'other';
}
/** Everything the first load fetched beyond MapLibre's own files (its HTML, prerendered map included). */
export const beyondMaplibre = (t: Transfer) =>
  KINDS.filter((k) => k !== 'MapLibre').reduce((n, k) => n + (t[k] ?? 0), 0);

/** Gzipped KB by kind, and each file, from the server's log of one load. */
function bytesOf(sent: Sent[]) {
  const sums: Transfer = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const files = sent.map((s) => ({ path: s.path, kind: kindOf(s.path), kb: s.bytes / 1024 }));
  for (const f of files) sums[f.kind] = (sums[f.kind] ?? 0) + f.kb;
  return { sums, files };
}

/** Files requested more than once in one load (a preload its consumer did not reuse). */
function fetchedTwice(sent: Sent[]) {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const s of sent) (seen.has(s.path) ? twice : seen).add(s.path);
  return [...twice];
}

export interface AppLoad {
  times: AppTimes;
  twice: string[];
  bytes?: ReturnType<typeof bytesOf>;
}

/**
 * One first visit of the app on `server` (its log reset first). With `bytes`, the page stays open a
 * second after MapLibre is ready: anything fetched right after still counts as the first load.
 */
export async function loadApp(browser: Browser, server: BenchServer, bytes: boolean): Promise<AppLoad> {
  server.reset();
  const p = await openApp(browser, `${server.origin}/`);
  if (bytes) await p.page.waitForTimeout(1000);
  const out: AppLoad = {
    times: p.times,
    twice: fetchedTwice(server.log),
    ...(bytes ? { bytes: bytesOf(server.log) } : {}),
  };
  await p.page.close();
  return out;
}

export async function loadBare(browser: Browser, server: BenchServer, url: string, bytes: boolean) {
  server.reset();
  const p = await openBare(browser, url);
  if (bytes) await p.page.waitForTimeout(1000);
  const out = { times: p.times, ...(bytes ? { bytes: bytesOf(server.log) } : {}) };
  await p.page.close();
  return out;
}

/**
 * One unmeasured load of each build (the server's caches filled, console errors logged), then the
 * bare page, whose canvas gets the size of the first build's map canvas.
 */
export async function warmUp(browser: Browser, servers: BenchServer[]) {
  let size: { w: number; h: number } | null = null;
  for (const server of servers) {
    const warm = await openApp(browser, `${server.origin}/`);
    size ??= await warm.page.evaluate(() => {
      const canvas = document.querySelector('section[aria-label*="map" i] canvas') as HTMLElement;
      const r = canvas.getBoundingClientRect();
      return { w: Math.round(r.width), h: Math.round(r.height) };
    });
    if (warm.errors.length) log(`app console errors (${server.origin}): ${warm.errors.join(' | ')}`);
    await warm.page.close();
  }
  const first = servers[0] as BenchServer;
  const s = size as { w: number; h: number };
  const bareUrl = `${first.origin}/bench-baseline.html?w=${s.w}&h=${s.h}`;
  await (await openBare(browser, bareUrl)).page.close();
  return { size: s, bareUrl };
}

export interface Pair {
  app: AppTimes;
  bare: BareTimes;
}

/** PAIRS alternating app / bare loads of one build (the first pair also counts the bytes). */
export async function navigation(browser: Browser, server: BenchServer) {
  const { size, bareUrl } = await warmUp(browser, [server]);
  const pairs: Pair[] = [];
  let first: { app: AppLoad; bareBytes: Transfer | null } | null = null;
  const twice = new Set<string>();
  for (let i = 0; i < PAIRS; i++) {
    let app: AppLoad | null = null;
    let bare: Awaited<ReturnType<typeof loadBare>> | null = null;
    for (const kind of i % 2 ? ['bare', 'app'] : ['app', 'bare']) {
      if (kind === 'app') app = await loadApp(browser, server, i === 0);
      else bare = await loadBare(browser, server, bareUrl, i === 0);
    }
    if (!app || !bare) throw new Error('bench: a pair without both loads');
    for (const f of app.twice) twice.add(f);
    if (i === 0) first = { app, bareBytes: bare.bytes?.sums ?? null };
    pairs.push({ app: app.times, bare: bare.times });
    log(
      `pair ${i + 1}/${PAIRS}: app map in first paint ${app.times.fcpWithMap.toFixed(0)} ms, answers ${app.times.answers.toFixed(0)} ms, MapLibre ready ${app.times.maplibre.toFixed(0)} ms; bare ready ${bare.times.ready.toFixed(0)} ms`,
    );
  }
  const bytes = first?.app.bytes;
  if (!bytes) throw new Error('bench: no navigation pair ran (BENCH_PAIRS=0?)');
  return { size, pairs, transfer: bytes.sums, bareTransfer: first?.bareBytes, files: bytes.files, twice: [...twice] };
}

/** The first screen's measures, each ÷ the bare page's ready time in the same pair or round. */
export const NAV_MEASURES = [
  {
    key: 'fcpWithMap',
    measure: 'first contentful paint with the map in it ÷ bare map ready',
    budget: 0.3,
    budgetText: '≤ 0.30',
  },
  {
    key: 'answers',
    measure: 'map answers a click (aria-busy false) ÷ bare map ready',
    budget: 0.5,
    budgetText: '≤ 0.50×',
  },
  { key: 'maplibre', measure: 'MapLibre ready ÷ bare map ready', budget: null, budgetText: 'reported' },
  {
    key: 'fcp',
    measure: 'first contentful paint (text alone counts) ÷ bare map ready',
    budget: null,
    budgetText: 'reported',
  },
] as const;
export type NavKey = (typeof NAV_MEASURES)[number]['key'];

/** `key` ÷ the bare page's ready time, per pair (NaN where not seen). */
export const navRatios = (pairs: Pair[], key: NavKey) => pairs.map((p) => (p.app[key] ?? Number.NaN) / p.bare.ready);

/** The most frequent value (e.g. which renderer painted the map first). */
export const mostOften = (xs: (string | null)[]) => {
  const counts = new Map<string, number>();
  for (const v of xs) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'none';
};

/** The single build's navigation rows. */
export function navigationRows(nav: Awaited<ReturnType<typeof navigation>>) {
  const { pairs } = nav;
  for (const m of NAV_MEASURES) {
    const r = navRatios(pairs, m.key).filter(Number.isFinite);
    const med = median(r);
    const range =
      r.length > 1 ? `; ${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)} over ${r.length} pairs` : '';
    const detail =
      m.key === 'fcpWithMap'
        ? `; the map first painted as ${mostOften(pairs.map((p) => p.app.mapKind))}`
        : m.key === 'answers'
          ? `; data-renderer "${mostOften(pairs.map((p) => p.app.answersRenderer))}" then`
          : m.key === 'maplibre'
            ? `; max ${x(Math.max(...r))}`
            : '';
    const value = `${m.key === 'fcpWithMap' || m.key === 'fcp' ? med.toFixed(2) : x(med)} (median${range}${detail})`;
    row(`${m.measure} (median)`, value, m.budgetText, m.budget === null ? null : med <= m.budget);
  }
  // Where MapLibre's time goes: each stage's median, as a fraction of the bare page's median ready time.
  const bareReady = median(pairs.map((p) => p.bare.ready));
  const stage = (side: 'app' | 'bare', k: keyof Stages) =>
    (median(pairs.map((p) => p[side].stages[k] ?? Number.NaN)) / bareReady).toFixed(2);
  const stages = (side: 'app' | 'bare') =>
    `${stage(side, 'created')} / ${stage(side, 'load')} / ${stage(side, 'idle')}`;
  row('MapLibre created / load / idle ÷ bare ready: app', stages('app'), 'reported');
  row('MapLibre created / load / idle ÷ bare ready: bare', stages('bare'), 'reported');
  const t = nav.transfer;
  for (const k of KINDS) if (t[k] || k !== 'other') row(`first load, gz: ${k}`, kb(t[k] ?? 0));
  const beyond = beyondMaplibre(t);
  row('first load, gz: beyond MapLibre (HTML included)', kb(beyond), '≤ 150 KB', beyond <= 150);
  row('files fetched twice in one app load', nav.twice.join(', ') || 'none', 'none', nav.twice.length === 0);
}
