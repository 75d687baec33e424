/**
 * Lighthouse 12.8.2, mobile preset (its default): one run, the medians over several, and the
 * metrics the bench reports and budgets.
 */
import { CHROME_ARGS, CHROME_PATH } from '../e2e/browser.ts';
import { median } from './stats.ts';

export async function runLighthouse(url: string, origin: string) {
  const { default: lighthouse } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({
    chromePath: CHROME_PATH,
    chromeFlags: ['--headless=new', ...CHROME_ARGS],
  });
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: 'json', logLevel: 'error' },
      // Mobile is Lighthouse's default preset; bootup-time lists every script (not only those over 50 ms).
      { extends: 'lighthouse:default', audits: [{ path: 'bootup-time', options: { thresholdInMs: 0 } }] },
    );
    const lhr = result?.lhr;
    if (!lhr) throw new Error('lighthouse returned nothing');
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
    const bootup = (lhr.audits['bootup-time']?.details as { items?: { url: string; total: number }[] } | undefined)
      ?.items;
    const own = (bootup ?? []).filter((it) => it.url.startsWith(origin) && !/\/assets\/maplibre-gl/.test(it.url));
    const maplibre = (bootup ?? []).filter((it) => /\/assets\/maplibre-gl/.test(it.url));
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
      tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
      fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? Number.NaN,
      lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
      speedIndexMs: lhr.audits['speed-index']?.numericValue ?? Number.NaN,
      /** What the largest paint was (its selector), to read the LCP by. */
      lcpElement:
        (
          lhr.audits['largest-contentful-paint-element']?.details as
            | { items?: { items?: { node?: { selector?: string } }[] }[] }
            | undefined
        )?.items?.[0]?.items?.[0]?.node?.selector ?? null,
      appScriptMs: own.reduce((n, it) => n + it.total, 0),
      maplibreScriptMs: maplibre.reduce((n, it) => n + it.total, 0),
      scripts: bootup,
      failing: Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id),
    };
  } finally {
    chrome.kill();
  }
}

/** Thrown (and caught) to skip from the start to Lighthouse under `BENCH_ONLY=lighthouse`. */

export type LighthouseRun = Awaited<ReturnType<typeof runLighthouse>>;
type NumericKey = {
  [K in keyof LighthouseRun]: LighthouseRun[K] extends number ? K : never;
}[keyof LighthouseRun];

/** The metrics, how they read and their budgets (null: reported). */
export const LH_METRICS: {
  key: NumericKey;
  measure: string;
  fmt: (v: number) => string;
  budget: string;
  ok: ((v: number) => boolean) | null;
}[] = [
  { key: 'performance', measure: 'Lighthouse performance', fmt: String, budget: '≥ 90', ok: (v) => v >= 90 },
  {
    key: 'lcpMs',
    measure: 'Lighthouse LCP',
    fmt: (v) => `${(v / 1000).toFixed(2)} s`,
    budget: '≤ 2.5 s',
    ok: (v) => v <= 2500,
  },
  {
    key: 'tbtMs',
    measure: 'Lighthouse total blocking time',
    fmt: (v) => `${v.toFixed(0)} ms`,
    budget: '≤ 200 ms',
    ok: (v) => v <= 200,
  },
  { key: 'cls', measure: 'Lighthouse CLS', fmt: (v) => v.toFixed(3), budget: '≤ 0.02', ok: (v) => v <= 0.02 },
  { key: 'fcpMs', measure: 'Lighthouse FCP', fmt: (v) => `${(v / 1000).toFixed(2)} s`, budget: 'reported', ok: null },
  {
    key: 'speedIndexMs',
    measure: 'Lighthouse Speed Index',
    fmt: (v) => `${(v / 1000).toFixed(2)} s`,
    budget: 'reported',
    ok: null,
  },
  { key: 'accessibility', measure: 'Lighthouse accessibility', fmt: String, budget: '100', ok: (v) => v === 100 },
  { key: 'bestPractices', measure: 'Lighthouse best practices', fmt: String, budget: '100', ok: (v) => v === 100 },
  { key: 'seo', measure: 'Lighthouse SEO', fmt: String, budget: '100', ok: (v) => v === 100 },
  {
    key: 'appScriptMs',
    measure: 'Lighthouse main thread, app scripts',
    fmt: (v) => `${v.toFixed(0)} ms`,
    budget: '≤ 150 ms',
    ok: (v) => v <= 150,
  },
  {
    key: 'maplibreScriptMs',
    measure: 'Lighthouse main thread, MapLibre',
    fmt: (v) => `${v.toFixed(0)} ms`,
    budget: 'reported',
    ok: null,
  },
];

/** A metric's median over runs, with its range when there is more than one run. */
export function lighthouseValue(runs: LighthouseRun[], m: (typeof LH_METRICS)[number]) {
  const vs = runs.map((r) => r[m.key]);
  const med = median(vs);
  const range =
    runs.length > 1 ? ` (median of ${runs.length}: ${m.fmt(Math.min(...vs))}–${m.fmt(Math.max(...vs))})` : '';
  return { median: med, text: `${m.fmt(med)}${range}`, pass: m.ok ? m.ok(med) : null };
}
