// Partial pooling of success rates across cells (context bucket × tool count) of one task type and model:
// empirical-Bayes beta-binomial shrinkage. The prior is Beta(κ·p̄, κ·(1 − p̄)) around the task type's
// pooled rate p̄; its strength κ comes from the method of moments, i.e. from how much more the cells'
// rates vary than binomial noise alone would make them. Cells that really differ keep their own rates;
// a thin cell borrows strength from the whole, and its interval is that of n + κ labels.

export type Cell = { success: number; failure: number };

/** κ: large when the cells agree (pool fully), small when they differ (keep each cell's own rate). */
export const MAX_STRENGTH = 1e6;

export function priorStrength(cells: Cell[]): number {
  const used = cells.map((c) => ({ n: c.success + c.failure, s: c.success })).filter((c) => c.n > 0);
  const N = used.reduce((t, c) => t + c.n, 0);
  const k = used.length;
  if (k < 2 || N === 0) return MAX_STRENGTH;
  const p = used.reduce((t, c) => t + c.s, 0) / N;
  if (p <= 0 || p >= 1) return MAX_STRENGTH;
  // Weighted between-cell sum of squares against what binomial noise alone would give (k − 1).
  const ss = used.reduce((t, c) => t + c.n * (c.s / c.n - p) ** 2, 0) / (p * (1 - p));
  const spread = N - used.reduce((t, c) => t + c.n * c.n, 0) / N - (k - 1);
  if (spread <= 0) return MAX_STRENGTH;
  const rho = (ss - (k - 1)) / spread; // intra-cell correlation 1 / (κ + 1)
  if (rho <= 0) return MAX_STRENGTH;
  if (rho >= 1) return 0;
  return Math.min(MAX_STRENGTH, 1 / rho - 1);
}

/**
 * The shrunk rate of `s` successes in `n` labels toward `prior` (from `total` labels) with strength κ, and its
 * variance: that of n + κ labels, but never of more than the `total` the prior itself rests on.
 */
export function shrink(s: number, n: number, prior: number, strength: number, total: number) {
  const p = (s + strength * prior) / (n + strength);
  const effectiveLabels = Math.max(1, Math.min(n + strength, total));
  return { p, variance: (p * (1 - p)) / effectiveLabels, effectiveLabels };
}
