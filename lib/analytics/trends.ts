// A task type over time, per model: success, p95 latency, cost per task and error rate in each local day (or
// hour), with every policy publish and rollback in the window marked where it happened, so a change after
// a publish shows at a glance.
import type { TeamId } from "@/lib/auth/team-id";
import { db } from "@/lib/db";
import { getQualitySeries } from "@/lib/analytics/queries/get-quality-series";
import type { Window } from "@/lib/analytics/range";
import { timeBuckets } from "@/lib/analytics/series";
import { successRate } from "@/lib/analytics/stats";
import { quantile } from "@/lib/rollups/histogram";

type Point = Awaited<ReturnType<typeof getQualitySeries>>[number];

export const TREND_METRICS = {
  // Zoomed: success moves by points near the top of the scale; the rest start at zero.
  success: { label: "Success", format: "percent", zoom: true, value: (p: Point) => successRate(p) },
  latencyP95: { label: "Latency p95", format: "ms", zoom: false, value: (p: Point) => quantile(p.latencyHist, 0.95) },
  costPerTask: { label: "Cost per task", format: "usd", zoom: false, value: (p: Point) => (p.tasks > 0 && p.unpriced < p.calls ? Number(p.costNanos) / p.tasks / 1e9 : null) },
  errorRate: { label: "Errors", format: "percent", zoom: false, value: (p: Point) => (p.calls > 0 ? p.errors / p.calls : null) },
} as const;
export type TrendMetric = keyof typeof TREND_METRICS;

export async function loadTrends(teamId: TeamId, window: Window, zone: string, taskType: string) {
  const [points, versions] = await Promise.all([
    getQualitySeries(teamId, window.from, window.to, zone, window.byHour, taskType),
    db().policyVersion.findMany({ where: { teamId, publishedAt: { gte: window.from, lt: window.to } }, select: { version: true, publishedAt: true, message: true }, orderBy: { version: "asc" } }),
  ]);
  const models = [...new Set(points.map((p) => p.model))].sort();
  const metric = (name: TrendMetric) => {
    const { keyOf, rows } = timeBuckets(window, zone);
    // A gap (no calls, or no labels) is null, not zero: the line breaks rather than dipping.
    for (const row of rows.values()) for (const m of models) row[m] = null;
    for (const p of points) {
      const row = rows.get(keyOf(p.bucket));
      if (row) row[p.model] = TREND_METRICS[name].value(p);
    }
    return [...rows.values()];
  };
  const { keyOf, rows } = timeBuckets(window, zone);
  const markers = versions.map((v) => ({ label: String(rows.get(keyOf(v.publishedAt))?.label ?? ""), version: v.version, rollback: /^Rollback to version/.test(v.message) }));
  return {
    models,
    markers: markers.filter((m) => m.label),
    metrics: (Object.keys(TREND_METRICS) as TrendMetric[]).map((name) => ({ name, label: TREND_METRICS[name].label, format: TREND_METRICS[name].format, zoom: TREND_METRICS[name].zoom, data: metric(name) })),
  };
}
