// The Task types list, its CSV, and one task type's model-by-model comparison.
import type { TeamId } from "@/lib/auth/team-id";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { getStepSuccess, STEP_SAMPLE } from "@/lib/analytics/queries/get-step-success";
import { toCsv } from "@/lib/analytics/csv";
import type { Window } from "@/lib/analytics/range";
import { combine, compareModels, MIN_LABELS, costPerSuccessNanos, groupBy, histogramShares, latencyQuantile, successRate, toTaskTypeRow, wilson } from "@/lib/analytics/stats";
import { quantile } from "@/lib/rollups/histogram";
import { cascadeAdvice } from "@/lib/simulate/cascade";

export async function loadTaskTypeTable(teamId: TeamId, window: Pick<Window, "from" | "to">) {
  const stats = await getModelStats(teamId, window.from, window.to);
  return stats
    .filter((s) => !s.shadow)
    .map((s) => {
      const perSuccess = costPerSuccessNanos(s);
      const row = { ...toTaskTypeRow(s), costPerSuccessUsd: perSuccess === null ? null : perSuccess / 1e9, unpriced: s.unpriced };
      // A model with no price at all has no cost to show, not a cost of $0.00.
      return s.unpriced >= s.calls && s.calls > 0 ? { ...row, costUsd: null, costPerTaskUsd: null, costPerSuccessUsd: null } : row;
    })
    .sort((a, b) => (b.costUsd ?? -1) - (a.costUsd ?? -1));
}
export type TaskTypeTableRow = Awaited<ReturnType<typeof loadTaskTypeTable>>[number];

export const CSV_COLUMNS = [
  "taskType", "model", "calls", "tasks", "costUsd", "costPerTaskUsd", "costPerSuccessUsd", "inputTokens", "outputTokens", "labeled",
  "successRate", "errorRate", "escalationRate", "latencyP50Ms", "latencyP95Ms", "ttftP50Ms", "outputTokensPerSec",
] as const;

export function taskTypesCsv(rows: TaskTypeTableRow[]) {
  return toCsv([...CSV_COLUMNS], rows.map((r) => CSV_COLUMNS.map((c) => r[c])));
}

const LATENCY_EDGES = [0, 250, 500, 1000, 2000, 4000, 8000, 16000];
const TTFT_EDGES = [0, 100, 200, 300, 400, 600, 1000, 2000];

function rangeLabels(edges: number[]) {
  const f = (ms: number) => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);
  return edges.map((e, i) => (i === edges.length - 1 ? `≥ ${f(e)}` : `${f(e)}–${f(edges[i + 1])}`));
}

/** Per model (production and shadow calls together: both are real calls of that model on this task). */
export async function loadTaskTypeDetail(teamId: TeamId, window: Window, taskType: string) {
  const [stats, steps] = await Promise.all([
    getModelStats(teamId, window.from, window.to, { taskType }),
    getStepSuccess(teamId, window.from, window.to, taskType),
  ]);
  if (stats.length === 0) return null;
  const all = groupBy(stats, (s) => s.model);
  const byModel = [...all.values()].sort((a, b) => b.calls - a.calls);
  const shadowLabels = new Map(stats.filter((s) => s.shadow).map((s) => [s.model, s.labeled]));
  const production = groupBy(stats.filter((s) => !s.shadow), (s) => s.model);
  const models = byModel.map((m) => {
    const prod = production.get(m.model) ?? combine([], { taskType, model: m.model });
    const labels = m.success + m.failure;
    return {
      model: m.model,
      calls: m.calls,
      shadowCalls: m.calls - prod.calls,
      tasks: prod.tasks,
      labeled: labels,
      shadowLabeled: shadowLabels.get(m.model) ?? 0,
      successRate: successRate(m),
      interval: wilson(m.success, labels),
      // Null when none of its calls has a price: "unpriced", not $0.00; `unpriced` says what a sum leaves out.
      costPerTaskNanos: prod.tasks > 0 && prod.unpriced < prod.calls ? Number(prod.costNanos) / prod.tasks : null,
      costPerSuccessNanos: prod.unpriced < prod.calls ? costPerSuccessNanos(prod) : null,
      unpriced: prod.unpriced,
      latencyP50Ms: latencyQuantile(m, 0.5),
      latencyP95Ms: latencyQuantile(m, 0.95),
      ttftP50Ms: latencyQuantile(m, 0.5, "ttft"),
      tokensPerSec: quantile(m.tpsHist, 0.5),
      meanOutputTokens: m.calls > 0 ? m.outputTokens / m.calls : null,
      errorRate: m.calls > 0 ? m.errors / m.calls : null,
      escalationRate: prod.tasks > 0 ? prod.escalations / prod.tasks : null,
    };
  });
  const distribution = (hist: "latencyHist" | "ttftHist", edges: number[]) => {
    const labels = rangeLabels(edges);
    const shares = new Map(byModel.map((m) => [m.model, histogramShares(m[hist], edges)]));
    return labels.map((label, i) => ({ label, ...Object.fromEntries([...shares].map(([model, s]) => [model, s[i]])) }));
  };
  const stepRows = [...new Set(steps.map((s) => s.step))].sort((x, y) => x - y).map((step) => ({
    step,
    byModel: Object.fromEntries(steps.filter((s) => s.step === step).map((s) => [s.model, { calls: s.calls, labeled: s.success + s.failure, successRate: successRate(s) }])),
  }));
  const labeledSteps = steps.some((s) => s.success + s.failure > 0);
  // Cheapest vs dearest well-labeled model: above which success cheap-first with escalation pays off.
  const cascade = cascadeAdvice(
    models.flatMap((m) => (m.costPerTaskNanos === null ? [] : [{ model: m.model, costPerTaskUsd: m.costPerTaskNanos / 1e9, successRate: m.successRate, low: null, high: null, labeled: m.labeled }])),
    (model) => { const m = all.get(model)!; return m.failure > 0 ? Math.min(1, (m.errors + m.malformed) / m.failure) : 0; },
    0, MIN_LABELS,
  );
  return {
    models,
    cascade,
    modelNames: byModel.map((m) => m.model),
    // Cost from production tasks, success from every label of the model (shadow evaluations included).
    note: compareModels(taskType, [...production.values()].map((p) => ({ ...p, success: all.get(p.model)!.success, failure: all.get(p.model)!.failure }))),
    latency: distribution("latencyHist", LATENCY_EDGES),
    ttft: byModel.some((m) => m.streamed > 0) ? distribution("ttftHist", TTFT_EDGES) : null,
    steps: labeledSteps ? stepRows : null,
    stepSample: STEP_SAMPLE,
  };
}
