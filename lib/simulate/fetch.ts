// fetch: the only step of the simulator that does I/O. Reads what plan asked for and the current prices.
import type { TeamId } from "@/lib/auth/team-id";
import { getModelStats } from "@/lib/analytics/queries/get-model-stats";
import { groupBy } from "@/lib/analytics/stats";
import { listPrices } from "@/lib/pricing/data";
import { indexPrices, priceAt } from "@/lib/pricing/cost";
import type { SimData } from "@/lib/simulate/compute";
import type { Plan } from "@/lib/simulate/plan";
import { getRawPopulation, getRollupPopulation, getTaskSizePopulation } from "@/lib/simulate/data";

const DAY_MS = 86_400_000;

/** Split buckets at exact sizes: whole UTC days from CallTaskSize, the partial days at either end raw. */
async function splitPopulation(teamId: TeamId, from: Date, to: Date, buckets: number[]) {
  if (!buckets.length) return [];
  const dayFrom = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS);
  const dayTo = new Date(Math.max(dayFrom.getTime(), Math.floor(to.getTime() / DAY_MS) * DAY_MS));
  if (dayFrom >= to) return getRawPopulation(teamId, from, to, { buckets });
  const parts = await Promise.all([
    getTaskSizePopulation(teamId, dayFrom, dayTo, buckets),
    from < dayFrom ? getRawPopulation(teamId, from, dayFrom, { buckets }) : [],
    dayTo < to ? getRawPopulation(teamId, dayTo, to, { buckets }) : [],
  ]);
  return parts.flat();
}

export async function fetchData(teamId: TeamId, window: { from: Date; to: Date }, plan: Plan, now = new Date()): Promise<SimData> {
  const { from, to } = window;
  const [stats, priceList, groups] = await Promise.all([
    getModelStats(teamId, from, to),
    listPrices(teamId),
    plan.metadata
      ? getRawPopulation(teamId, from, to, { metadata: true })
      : Promise.all([getRollupPopulation(teamId, from, to, plan.splitBuckets), splitPopulation(teamId, from, to, plan.splitBuckets)]).then(([a, b]) => [...a, ...b]),
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
