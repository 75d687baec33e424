/** The bench's statistics and number formats. */

/** The q-quantile by nearest rank (a value that was measured). */
export const quantile = (xs: number[], q: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] as number;
};

export const median = (xs: number[]) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Median, interquartile range (nearest rank) and range of a set of ratios. */
export function spread(xs: number[]) {
  const ok = xs.filter(Number.isFinite);
  return {
    n: ok.length,
    median: median(ok),
    q1: quantile(ok, 0.25),
    q3: quantile(ok, 0.75),
    min: ok.length ? Math.min(...ok) : Number.NaN,
    max: ok.length ? Math.max(...ok) : Number.NaN,
  };
}

export const x = (n: number) => `${n.toFixed(2)}×`;
export const kb = (n: number) => `${n.toFixed(1)} KB`;

/** "1.02× (IQR 0.98–1.05, range 0.91–1.12, n=10)": per-round B ÷ A. */
export function spreadText(xs: number[]) {
  const s = spread(xs);
  if (!s.n) return 'n/a';
  if (s.n === 1) return `${x(s.median)} (n=1)`;
  return `${x(s.median)} (IQR ${s.q1.toFixed(2)}–${s.q3.toFixed(2)}, range ${s.min.toFixed(2)}–${s.max.toFixed(2)}, n=${s.n})`;
}
