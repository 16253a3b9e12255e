// Whether an alert fires or resolves, from the evidence of its window. Pure. Rates fire only on enough
// evidence and only when a 99% interval lies wholly on the wrong side of the threshold, so a handful of
// calls (or a rate at the threshold) does not cry wolf: at a true rate exactly at the threshold one
// evaluation fires with probability at most 0.5%. They resolve once the observed value is back on the
// right side. Spend, silence and unpriced calls are counts, judged as they are; a month's spend is
// projected at the month's pace so far.
import { wilson } from "@/lib/analytics/stats";
import type { AlertKind, Threshold } from "@/lib/alerts/schema";

export const MIN_SAMPLE = 30;
/** Two-sided 99%: each side 0.5%. Alerts and policy guards judge on the same interval. */
export const Z99 = 2.576;

export type Tally = { calls: number; errors: number; success: number; failure: number; unpriced: number; latencies: number[] };
/** The month so far in the team's time zone: spend, and days elapsed of how many. */
export type Month = { spentUsd: number; elapsedDays: number; days: number };
export type Inputs = { recent: Tally; baseline: Tally; spentTodayUsd: number; month?: Month; from: Date; to: Date };
export type Evidence = { n: number; value: number | null; low: number | null; high: number | null; baseline: number | null; from: string; to: string };
export type Verdict = { breached: boolean; recovered: boolean; evidence: Evidence };

/** The ranks bounding a quantile's 99% interval among n sorted values (normal approximation to the binomial). */
function quantileBounds(sorted: number[], q: number) {
  const n = sorted.length;
  const spread = Z99 * Math.sqrt(n * q * (1 - q));
  const at = (rank: number) => sorted[Math.min(n, Math.max(1, rank)) - 1];
  return { value: at(Math.ceil(q * n)), low: at(Math.floor(n * q - spread)), high: at(Math.ceil(n * q + spread)) };
}

export function judge(kind: AlertKind, t: Threshold, x: Inputs): Verdict {
  const span = { from: x.from.toISOString(), to: x.to.toISOString() };
  const none = (n: number, value: number | null = null): Evidence => ({ n, value, low: null, high: null, baseline: null, ...span });
  switch (kind) {
    case "success_rate": {
      const n = x.recent.success + x.recent.failure;
      const bn = x.baseline.success + x.baseline.failure;
      const baseline = bn >= MIN_SAMPLE ? x.baseline.success / bn : null;
      const floor = t.min ?? (baseline !== null && t.dropPoints !== undefined ? baseline - t.dropPoints / 100 : null);
      if (n === 0) return { breached: false, recovered: false, evidence: { ...none(0), baseline } };
      const value = x.recent.success / n;
      const { low, high } = wilson(x.recent.success, n, Z99)!;
      const evidence = { n, value, low, high, baseline, ...span };
      if (floor === null) return { breached: false, recovered: false, evidence };
      return { breached: n >= MIN_SAMPLE && high < floor, recovered: n >= MIN_SAMPLE && value >= floor, evidence };
    }
    case "error_rate": {
      const n = x.recent.calls;
      if (n === 0) return { breached: false, recovered: false, evidence: none(0) };
      const value = x.recent.errors / n;
      const { low, high } = wilson(x.recent.errors, n, Z99)!;
      return { breached: n >= MIN_SAMPLE && low > t.max!, recovered: n >= MIN_SAMPLE && value <= t.max!, evidence: { n, value, low, high, baseline: null, ...span } };
    }
    case "latency_p95": {
      const n = x.recent.latencies.length;
      if (n === 0) return { breached: false, recovered: false, evidence: none(0) };
      const { value, low, high } = quantileBounds([...x.recent.latencies].sort((a, b) => a - b), 0.95);
      return { breached: n >= MIN_SAMPLE && low > t.maxMs!, recovered: n >= MIN_SAMPLE && value <= t.maxMs!, evidence: { n, value, low, high, baseline: null, ...span } };
    }
    case "spend_daily":
      return { breached: x.spentTodayUsd > t.maxUsd!, recovered: x.spentTodayUsd <= t.maxUsd!, evidence: none(x.recent.calls, x.spentTodayUsd) };
    case "spend_month": {
      // The month's spend at this day's pace. A few hours into the month the pace swings with the time of
      // day, so the projection counts from the second day on; spend already past the budget counts at once.
      const m = x.month ?? { spentUsd: 0, elapsedDays: 0, days: 30 };
      const projected = m.elapsedDays > 0 ? (m.spentUsd / m.elapsedDays) * m.days : m.spentUsd;
      const over = m.spentUsd > t.maxUsd! || (m.elapsedDays >= 1 && projected > t.maxUsd!);
      return { breached: over, recovered: !over, evidence: { ...none(x.recent.calls, projected), low: m.spentUsd } };
    }
    case "silence": {
      // Silent only where there was traffic before: a scope that never had calls is not an outage.
      const silent = x.recent.calls === 0 && x.baseline.calls > 0;
      return { breached: silent, recovered: x.recent.calls > 0, evidence: { ...none(x.recent.calls, x.recent.calls), baseline: x.baseline.calls } };
    }
    case "unpriced":
      return { breached: x.recent.unpriced > 0, recovered: x.recent.unpriced === 0, evidence: none(x.recent.calls, x.recent.unpriced) };
  }
}
