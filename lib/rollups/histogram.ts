// Mergeable latency histograms: sparse maps {bucket: count} over logarithmic buckets. A value v >= 1 goes
// to bucket ceil(log_γ v) + 1 and is read back as 2γ^k / (γ + 1), within α = 2% of v (γ = (1+α)/(1-α));
// values below 1 share bucket 0. Sums of histograms are histograms, so rollups merge by adding counts.

const ALPHA = 0.02;
const GAMMA = (1 + ALPHA) / (1 - ALPHA);
const LOG_GAMMA = Math.log(GAMMA);

export type Histogram = Record<string, number>;

export function bucketOf(value: number): number {
  if (!(value >= 1)) return 0;
  return Math.ceil(Math.log(value) / LOG_GAMMA - 1e-9) + 1;
}

export function bucketValue(bucket: number): number {
  if (bucket <= 0) return 0.5;
  return (2 * GAMMA ** (bucket - 1)) / (GAMMA + 1);
}

export function addToHistogram(h: Histogram, value: number, count = 1) {
  const key = String(bucketOf(value));
  h[key] = (h[key] ?? 0) + count;
}

/** Adds `from` into `into` (no copy: for summing many rows into one accumulator). */
export function addHistogram(into: Histogram, from: Histogram) {
  for (const k in from) into[k] = (into[k] ?? 0) + from[k];
  return into;
}

export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  return addHistogram({ ...a }, b);
}

export function histogramCount(h: Histogram): number {
  return Object.values(h).reduce((s, n) => s + n, 0);
}

/** Nearest-rank quantile (q in 0..1); null for an empty histogram. */
export function quantile(h: Histogram, q: number): number | null {
  const total = histogramCount(h);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of Object.keys(h).map(Number).sort((x, y) => x - y)) {
    seen += h[bucket];
    if (seen >= rank) return bucketValue(bucket);
  }
  return null;
}

/** The histogram of every value times `factor` (> 0), to within one bucket: each bucket moves by log_γ factor. */
export function scaleHistogram(h: Histogram, factor: number): Histogram {
  if (factor === 1 || !(factor > 0)) return h;
  const shift = Math.round(Math.log(factor) / LOG_GAMMA);
  const out: Histogram = {};
  for (const [k, n] of Object.entries(h)) {
    const b = Number(k) <= 0 ? 0 : Math.max(1, Number(k) + shift);
    out[b] = (out[b] ?? 0) + n;
  }
  return out;
}
