// The Overview page's figures, from rollup reads (queries/) and the arithmetic in stats.ts.
import type { TeamId } from "@/lib/auth/team-id";
import { getJudgeSpend } from "@/lib/evaluators/spend";
import { getCostSeries } from "@/lib/analytics/queries/get-cost-series";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { getSpend } from "@/lib/analytics/queries/get-spend";
import type { Window } from "@/lib/analytics/range";
import { combine, costPerSuccessNanos, groupBy, latencyQuantile, successPart, taskWeightedSuccess } from "@/lib/analytics/stats";
import { timeBuckets } from "@/lib/analytics/series";
import { addDays, floorHour, localDate, startOfLocalDay } from "@/lib/analytics/time-zone";
import { nanosToDollars } from "@/lib/pricing/money";

const DAY_MS = 86_400_000;

/** Spend today, in the last 7 and 30 days with their trends, and this month's projection. */
export async function loadSpendCards(teamId: TeamId, zone: string, now = new Date()) {
  const today = localDate(now, zone);
  const day = (offset: number) => floorHour(startOfLocalDay(addDays(today, offset), zone));
  // "Last 7 days" runs from six days ago to now. Its trend compares whole hours: from six days ago to the
  // last full hour, against the same span a week earlier (to the same hour), never against seven whole days.
  const hourAgo = (daysBack: number) => floorHour(new Date(now.getTime() - daysBack * DAY_MS));
  const [todaySpend, last7, last30, full7, ...trends] = await Promise.all([
    getSpend(teamId, day(0), day(1)),
    getSpend(teamId, day(-6), day(1)),
    getSpend(teamId, day(-29), day(1)),
    getSpend(teamId, day(-7), day(0)),
    getSpend(teamId, day(-6), hourAgo(0)),
    getSpend(teamId, day(-13), hourAgo(7)),
    getSpend(teamId, day(-29), hourAgo(0)),
    getSpend(teamId, day(-59), hourAgo(30)),
  ]);
  const [trend7, before7, trend30, before30] = trends.map((t) => t.productionNanos);
  const [y, m] = today.split("-").map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return {
    todayNanos: todaySpend.productionNanos,
    last7: { nanos: last7.productionNanos, trend: { nanos: trend7, previousNanos: before7 } },
    last30: { nanos: last30.productionNanos, trend: { nanos: trend30, previousNanos: before30 } },
    // The seven whole days before today, as a daily rate over this month's length.
    projectedMonthNanos: (full7.productionNanos * BigInt(daysInMonth)) / 7n,
  };
}

/** Everything the Overview shows for the selected window. */
export async function loadOverview(teamId: TeamId, window: Window, zone: string) {
  const [stats, series, judge] = await Promise.all([
    getModelStats(teamId, window.from, window.to),
    getCostSeries(teamId, window.from, window.to, zone, window.byHour),
    getJudgeSpend(teamId, window.from, window.to),
  ]);
  const production = stats.filter((s) => !s.shadow);
  const total = combine(production);
  const shadowNanos = stats.filter((s) => s.shadow).reduce((n, s) => n + s.costNanos, 0n);
  const byTaskType = [...groupBy(production, (s) => s.taskType).values()];
  // The simulator's "was": each task type's label rate weighted by its tasks, not all labels pooled.
  const success = taskWeightedSuccess(byTaskType.map(successPart));
  const byModel = [...groupBy(production, (s) => s.model).values()].sort((a, b) => b.calls - a.calls);
  const byTask = [...byTaskType].sort((a, b) => Number(b.costNanos - a.costNanos));
  return {
    totals: {
      calls: total.calls,
      tasks: total.tasks,
      costNanos: total.costNanos,
      unpriced: total.unpriced,
      successRate: success.rate,
      interval: success.rate === null ? null : { low: success.low!, high: success.high! },
      labeled: total.labeled,
      costPerSuccessNanos: costPerSuccessNanos(total, success.rate),
      latencyP50Ms: latencyQuantile(total, 0.5),
      latencyP95Ms: latencyQuantile(total, 0.95),
      shadowNanos,
      // Evaluation spend, kept apart from production: shadow calls and LLM-judge verdicts.
      judgeNanos: judge.totalNanos,
    },
    models: byModel.map((s) => s.model),
    modelMix: byModel.map((s) => ({ name: s.model, value: s.calls })),
    taskTypes: byTask.map((s) => s.taskType).sort(),
    topTaskTypes: byTask.slice(0, 6).map((s) => ({ name: s.taskType, value: nanosToDollars(s.costNanos) })),
    series: seriesRows(series, window, zone),
  };
}

/** One row per local day (or hour) of the window, every model a column in dollars, gaps as zero. */
function seriesRows(points: Awaited<ReturnType<typeof getCostSeries>>, window: Window, zone: string) {
  const { keyOf, rows } = timeBuckets(window, zone);
  const models = [...new Set(points.map((p) => p.model))];
  for (const row of rows.values()) for (const m of models) row[m] = 0;
  for (const p of points) {
    const row = rows.get(keyOf(p.bucket));
    if (row) row[p.model] = Number(row[p.model]) + nanosToDollars(p.costNanos);
  }
  return { data: [...rows.values()] as Record<string, string | number>[], series: models }; // zero-filled above
}
