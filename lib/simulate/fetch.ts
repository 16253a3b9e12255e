// fetch: the only step of the simulator that does I/O. Reads what plan asked for and the current prices.
import type { TeamId } from "@/lib/auth/team-id";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { groupBy } from "@/lib/analytics/stats";
import { listPrices } from "@/lib/pricing/data";
import { indexPrices, priceAt } from "@/lib/pricing/cost";
import type { SimData } from "@/lib/simulate/compute";
import type { Plan } from "@/lib/simulate/plan";
import { getRawPopulation, getRollupPopulation } from "@/lib/simulate/data";

export async function fetchData(teamId: TeamId, window: { from: Date; to: Date }, plan: Plan, now = new Date()): Promise<SimData> {
  const { from, to } = window;
  const [stats, priceList, groups] = await Promise.all([
    getModelStats(teamId, from, to),
    listPrices(teamId),
    plan.metadata
      ? getRawPopulation(teamId, from, to, { metadata: true })
      : Promise.all([
          getRollupPopulation(teamId, from, to, plan.splitBuckets),
          plan.splitBuckets.length ? getRawPopulation(teamId, from, to, { buckets: plan.splitBuckets }) : [],
        ]).then(([a, b]) => [...a, ...b]),
  ]);
  const index = indexPrices(priceList);
  const models = new Set([...stats.map((s) => s.model), ...priceList.map((p) => p.model)]);
  const prices = Object.fromEntries([...models].flatMap((m) => {
    const p = priceAt(index, m, now);
    return p ? [[m, { input: Number(p.inputMicros), output: Number(p.outputMicros) }]] : [];
  }));
  const evidence = [...groupBy(stats, (s) => `${s.taskType}|${s.model}`).values()].map((s) => ({
    taskType: s.taskType, model: s.model, calls: s.calls, outputTokens: s.outputTokens, success: s.success, failure: s.failure,
    errors: s.errors, malformed: s.malformed, latencyHist: s.latencyHist,
  }));
  const production = stats.filter((s) => !s.shadow);
  const baseline = [...groupBy(production, (s) => s.taskType).values()].map((s) => ({
    taskType: s.taskType, tasks: s.tasks, costNanos: s.costNanos, success: s.success, failure: s.failure, escalations: s.escalations, latencyHist: s.latencyHist,
  }));
  return { groups, evidence, baseline, prices };
}
